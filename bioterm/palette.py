"""ctrl+p: jump to any company, drug or site by name, 中文名, pinyin (full or initials) or ticker.

A Textual command Provider over `Store.search`, listed in the app's COMMANDS
next to Textual's own system commands (themes, quit, keys …), which stay.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content

from bioterm.entities import Entity
from bioterm.text import literal, vocab_label

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

MAX_HITS = 20


class RecordProvider(Provider):
    """Records whose name, Chinese name, pinyin, code name or ticker starts with (or,
    from three characters on, contains) what was typed; then records whose note
    (the user's own) holds the words typed."""

    async def search(self, query: str) -> Hits:
        app = cast("BiotermApp", self.app)
        for hit in _landscape_hits(app, query):
            yield hit
        for rank, hit in enumerate(app.store.search(query, limit=MAX_HITS)):
            entity = app.registry.by_kind.get(hit.kind)
            label = entity.label if entity else hit.kind
            display = Content.assemble(
                (f"{label:<8}", entity.palette_style if entity else ""),
                literal(hit.name),
            )
            if hit.secondary:
                display = display + Content.styled("  " + literal(hit.secondary), "dim")
            detail = _detail(entity, hit.detail)
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
        for hit in app.store.notes_matching(query, limit=MAX_HITS):
            entity = app.registry.by_kind.get(hit.kind)
            label = entity.label if entity else hit.kind
            yield Hit(
                # After the records: a note matches by its words, not by a name.
                score=0.4,
                match_display=Content.assemble(
                    ("Note    ", "bold"), literal(hit.name),
                    Content.styled(f"  {label.lower()} · " + literal(hit.excerpt), "dim")),
                command=partial(app.open_record, hit.kind, hit.record_id),
                text=literal(hit.name),
                help="Open the record this note of yours is on",
            )


LANDSCAPE_WORDS = {"target": "targets", "indication": "indications"}
"""`target TROP2` or `indication NSCLC` typed offers that landscape."""


def _landscape_hits(app: BiotermApp, query: str) -> list[Hit]:
    word, _, rest = query.strip().partition(" ")
    field = LANDSCAPE_WORDS.get(word.casefold())
    if field is None or not rest.strip():
        return []
    return [
        Hit(
            # Above every record: the words typed asked for a landscape.
            score=1.0 + (0.5 if rank == 0 else 0.0) - rank / 100,
            match_display=Content.assemble(("Landscape: ", "bold"), literal(value)),
            command=partial(app.open_landscape, field, value),
            text=f"Landscape: {literal(value)}",
            help=f"Companies × phases of every drug on this {word.casefold()}",
        )
        for rank, value in enumerate(app.store.landscape_subjects(field, rest, limit=8))
    ]


def _detail(entity: Entity | None, detail: str | None) -> str:
    """The store gives vocabulary fields (a company's kind, a drug's phase) as stored."""
    if not detail:
        return ""
    vocabulary = entity.search.detail_vocabulary if entity and entity.search else None
    return vocab_label(vocabulary, detail) if vocabulary else literal(detail)
