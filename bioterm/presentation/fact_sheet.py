"""A label/value sheet rendered with Rich: every value is literal `Text`, never markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from bioterm.presentation.text_grid import TextGrid
from bioterm.stored import Source
from bioterm.text import literal

LABEL_WIDTH = 11


class FactSheet:
    """Collects a title, labelled rows and free blocks, then renders them as one Group."""

    def __init__(self, title: str | None = None, subtitle: str | None = None) -> None:
        self._parts: list[RenderableType] = []
        self._labelled: TextGrid | None = None
        if title is None:
            return
        heading = Text(literal(title), style="bold")
        if subtitle:
            heading.append("  ")
            heading.append(literal(subtitle), style="bold")
        self._parts.append(heading)

    def _grid(self) -> TextGrid:
        if self._labelled is None:
            self._labelled = TextGrid(expand=True, left_width=LABEL_WIDTH, left_style="dim",
                                   right_overflow="fold")
            self._parts.append(self._labelled)
        return self._labelled

    def line(self, text: Text | str, style: str = "") -> FactSheet:
        """A full-width line under the title (badges, a one-line summary)."""
        self._labelled = None
        self._parts.append(text if isinstance(text, Text) else Text(literal(text), style=style))
        return self

    def row(self, label: str, value: Text | str | None, *, multiline: bool = False) -> FactSheet:
        """A labelled value; empty values are left out rather than shown blank."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return self
        if isinstance(value, Text):
            if not value.plain.strip():
                return self
            shown = value
        else:
            shown = Text(literal(value, multiline=multiline))
        self._grid().add_row(Text(label), shown)
        return self

    def rows(self, label: str, values: Sequence[str]) -> FactSheet:
        """Several values under one label, one per line."""
        cleaned = [literal(v) for v in values if v and v.strip()]
        if cleaned:
            self._grid().add_row(Text(label), Text("\n".join(cleaned)))
        return self

    def block(self, renderable: RenderableType, title: str | None = None) -> FactSheet:
        """A free-standing renderable (a points table), optionally under a heading."""
        self._labelled = None
        if self._parts:
            self._parts.append(Text(""))
        if title:
            self._parts.append(Text(title, style="bold"))
        self._parts.append(renderable)
        return self

    def sources(self, sources: Sequence[Source]) -> FactSheet:
        if sources:
            self.block(sources_table(sources), "Sources")
        return self

    def renderable(self) -> RenderableType:
        return Group(*self._parts)


WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
"""A URL that may be linked or opened: http(s), with no space or control character
(an escape inside would end the terminal's link sequence early)."""


def source_line(source: Source) -> Text:
    text = Text(literal(source.title))
    details = [literal(x) for x in (source.publisher, source.author, source.date) if x]
    if details:
        text.append(" — " + ", ".join(details), style="dim")
    if source.url:
        text.append("\n")
        # An OSC 8 hyperlink, built as a Style (never markup), and only for a
        # plain web address: the link is written to the terminal as it is.
        link = source.url if WEB_ADDRESS.fullmatch(source.url) else None
        text.append(literal(source.url), style=Style(underline=True, dim=True, link=link))
    return text


def source_numbers(sources: Sequence[Source]) -> dict[str, int]:
    return {source.id: number for number, source in enumerate(sources, start=1)}


def sources_table(sources: Sequence[Source]) -> TextGrid:
    table = TextGrid(expand=True, left_style="dim", right_overflow="fold")
    for number, source in enumerate(sources, start=1):
        table.add_row(Text(f"[{number}]"), source_line(source))
    return table
