"""ctrl+p: jump to any company, drug or site by name, 中文名, pinyin (full or initials) or ticker.

A Textual command Provider over `Store.search`, listed in the app's COMMANDS
next to Textual's own system commands (themes, quit, keys …), which stay.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content

from bioterm.display import literal, vocab_label
from bioterm.enums import CompanyKind, Phase

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

KIND_LABELS = {"company": "Company", "drug": "Drug", "site": "Site"}
KIND_STYLES = {"company": "$text-accent", "drug": "$text-success", "site": "$text-warning"}
MAX_HITS = 20


class RecordProvider(Provider):
    """Records whose name, Chinese name, pinyin, code name or ticker starts with (or,
    from three characters on, contains) what was typed."""

    async def search(self, query: str) -> Hits:
        app = cast("BiotermApp", self.app)
        for rank, hit in enumerate(app.store.search(query, limit=MAX_HITS)):
            label = KIND_LABELS.get(hit.kind, hit.kind)
            display = Content.assemble(
                (f"{label:<8}", KIND_STYLES.get(hit.kind, "")),
                literal(hit.name),
            )
            if hit.secondary:
                display = display + Content.styled("  " + literal(hit.secondary), "dim")
            detail = _detail(hit.kind, hit.detail)
            if detail:
                display = display + Content.styled("  · " + detail, "dim italic")
            yield Hit(
                # Keep the store's order: prefix matches first, then substrings.
                score=1.0 - rank / (MAX_HITS * 2),
                match_display=display,
                command=partial(app.open_record, hit.kind, hit.ref),
                text=literal(hit.name),
                # The palette parses help text as markup, so no data goes into it.
                help=f"Open {label.lower()}",
            )


def _detail(kind: str, detail: str | None) -> str:
    """The store gives a company's kind and a drug's phase as stored values."""
    if not detail:
        return ""
    if kind == "company":
        return vocab_label(CompanyKind, detail)
    if kind == "drug":
        return vocab_label(Phase, detail)
    return literal(detail)
