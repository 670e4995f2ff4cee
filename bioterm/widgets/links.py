"""A keyboard list of related records: `enter` (or a click) opens the highlighted one."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bioterm import bindings
from bioterm.entities import LANDSCAPE_LINKS, REGISTRY
from bioterm.presentation.links import Entry, Heading, Link, Note

__all__ = ["Entry", "Heading", "Link", "LinkList", "Note"]


class LinkList(OptionList):
    """Headings and links; highlighting skips headings, so j/k move link to link."""

    BINDINGS = bindings.LINKS

    class Opened(Message):
        def __init__(self, kind: str, ref: str) -> None:
            super().__init__()
            self.kind = kind
            self.ref = ref

    def __init__(self, entries: Iterable[Entry] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.set_entries(entries)

    def set_entries(self, entries: Iterable[Entry]) -> None:
        options: list[Option | None] = []
        for number, entry in enumerate(entries):
            if isinstance(entry, Heading):
                if options:
                    options.append(None)
                title = entry.label if entry.count is None else f"{entry.label} ({entry.count})"
                options.append(
                    Option(Content.styled(title, "bold $text-accent"), id=f"h:{number}",
                           disabled=True)
                )
            elif isinstance(entry, Note):
                options.append(Option(Content.from_rich_text(entry.label), id=f"n:{number}",
                                      disabled=True))
            else:
                options.append(
                    Option(Content.from_rich_text(entry.label),
                           id=f"{entry.kind}:{entry.ref}:{number}")
                )
        self.clear_options()
        self.add_options(options)
        self._highlight_first_link()

    def _highlight_first_link(self) -> None:
        for index, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = index
                return
        self.highlighted = None

    @property
    def link_count(self) -> int:
        return sum(1 for option in self.options if not option.disabled)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        kind, _, rest = option_id.partition(":")
        ref = rest.rpartition(":")[0]
        registry = getattr(self.app, "registry", REGISTRY)
        if (kind in registry.openable() or kind in LANDSCAPE_LINKS) and ref:
            self.post_message(self.Opened(kind, ref))
