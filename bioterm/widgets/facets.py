"""Quick facets: one compact drop-down per facet, options counted by the store."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Select

from bioterm.entities import Facet
from bioterm.text import literal, vocab_label


class FacetSelect(Select[str]):
    """A facet's drop-down; its options are (value, count) pairs from the store."""

    DEFAULT_CSS = """
    FacetSelect { width: 22; margin-left: 1; }
    """

    def __init__(self, facet: Facet) -> None:
        super().__init__([], prompt=facet.prompt, compact=True, id=f"facet-{facet.name}")
        self.facet = facet

    def set_counts(self, counts: Sequence[tuple[str, int]]) -> None:
        """Offer the values present, keeping the current choice if it still exists."""
        vocabulary = self.facet.vocabulary
        if vocabulary is not None:
            order = {m.value: i for i, m in enumerate(vocabulary)}
            counts = sorted(counts, key=lambda vc: order.get(vc[0], len(order)))
        options = []
        for value, count in counts:
            label = vocab_label(vocabulary, value) if vocabulary else literal(value)
            options.append((Text(f"{label} ({count:,})", no_wrap=True, overflow="ellipsis"),
                            value))
        current = self.selection
        with self.prevent(Select.Changed):
            self.set_options(options)
            if current is not None and current in {value for _, value in options}:
                self.value = current
