"""Lines of a related-records list: links to records, headings and plain notes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text


@dataclass(frozen=True)
class Link:
    """A line pointing at a record; `kind` is an entity kind that can be opened."""

    kind: str
    ref: str
    label: Text


@dataclass(frozen=True)
class Heading:
    """A section title between links (not selectable)."""

    label: str
    count: int | None = None


@dataclass(frozen=True)
class Note:
    """A line that is not a link, such as "No sites recorded."."""

    label: Text


Entry = Link | Heading | Note
