"""A list's facets in its toolbar: one compact button per facet, saying what is chosen.

Choosing happens in the facet menu (bioterm.screens.facet_menu), where a
facet takes several values; a button shows the choice ("Any phase", "Filed",
"Filed +2") and a click opens the menu at its facet.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from bioterm.entities import Facet
from bioterm.text import literal, vocab_label


def value_label(facet: Facet, value: str) -> str:
    """How a stored facet value is shown: its vocabulary's label, else as stored."""
    return vocab_label(facet.vocabulary, value) if facet.vocabulary else literal(value)


def chosen_words(facet: Facet, chosen: Sequence[str]) -> str:
    """A facet's choice in full: "Phase: Filed, Phase 3"."""
    return f"{facet.title}: " + ", ".join(value_label(facet, v) for v in chosen)


def choice_label(facet: Facet, chosen: Sequence[str]) -> str:
    """The choice in a few words: "Any phase", "Filed", "Filed +2"."""
    if not chosen:
        return facet.prompt
    first = value_label(facet, chosen[0])
    return first if len(chosen) == 1 else f"{first} +{len(chosen) - 1}"


class FacetButton(Widget):
    """The facet's current choice; clicked, it asks for the facet menu."""

    DEFAULT_CSS = """
    FacetButton { width: 22; height: 1; margin-left: 1; padding: 0 1;
                  background: $boost; color: $text-muted; }
    FacetButton.-chosen { color: $text; text-style: bold; }
    FacetButton:hover { background: $panel; }
    """

    class Pressed(Message):
        """The button was clicked: open the facet menu at `facet`."""

        def __init__(self, facet: Facet) -> None:
            super().__init__()
            self.facet = facet

    def __init__(self, facet: Facet) -> None:
        super().__init__(id=f"facet-{facet.name}")
        self.facet = facet
        self.chosen: tuple[str, ...] = ()
        self.show_choice(())

    def show_choice(self, chosen: Sequence[str]) -> None:
        self.chosen = tuple(chosen)
        self.set_class(bool(self.chosen), "-chosen")
        self.refresh()
        self.tooltip = (chosen_words(self.facet, self.chosen) if self.chosen
                        else f"{self.facet.title}: click or press f to choose")

    def render(self) -> Text:
        # The label, cut to fit, and the drop-down mark always at the right edge.
        room = max(1, self.content_region.width - 2)
        label = Text(choice_label(self.facet, self.chosen), no_wrap=True)
        label.truncate(room, overflow="ellipsis", pad=True)
        return label + Text(" ▾")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self.facet))
