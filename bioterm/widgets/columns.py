"""The columns each list screen shows, and the rows it fetches one window at a time.

Columns are chosen and ordered for reading at 80 columns (the name and the
capacity sparkline first); sorting and filtering refer to the store's
`ListSpec` keys, so all of it happens in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rich.text import Text

from bioterm import timeline
from bioterm.currency import format_amount, format_usd
from bioterm.display import capacity_cell, capacity_view, cell, join_list, vocab_label
from bioterm.enums import (
    CompanyKind,
    FundingKind,
    Modality,
    Phase,
    Qualifier,
    SiteKind,
    SiteStatus,
    Vocabulary,
)
from bioterm.store import ListQuery, Store
from bioterm.store.listing import SPECS

Values = Mapping[str, Any]
CAPACITY = "capacity"
QUALIFIER_PREFIX = {q.value: q.prefix for q in Qualifier}


@dataclass(frozen=True)
class DisplayColumn:
    key: str
    label: str
    width: int
    sort: str | None
    """The ListSpec column this one sorts by; None when it cannot be sorted."""
    render: Callable[[Values], Text]


@dataclass(frozen=True)
class TableRow:
    key: str
    cells: tuple[Text, ...]


class RowSource(Protocol):
    """Where a table's rows come from: a count and windows, nothing more."""

    def count(self) -> int: ...

    def window(self, offset: int, limit: int) -> list[TableRow]: ...


def _text(key: str) -> Callable[[Values], Text]:
    return lambda v: cell(v.get(key))


def _list(key: str) -> Callable[[Values], Text]:
    return lambda v: cell(join_list(v.get(key)))


def _vocab(key: str, vocabulary: type[Vocabulary]) -> Callable[[Values], Text]:
    return lambda v: cell(vocab_label(vocabulary, v.get(key)))


def _area(v: Values) -> Text:
    value = v.get("area")
    return cell("" if value is None else f"{value:,.0f}", justify="right")


def _fic(v: Values) -> Text:
    return cell("✓" if v.get("fic") else "", style="bold green", justify="center")


def _amount(v: Values) -> Text:
    return cell(format_amount(v.get("amount"), v.get("currency"), v.get("qualifier") or "exact"),
                justify="right")


def _usd(v: Values) -> Text:
    usd = format_usd(v.get("usd"))
    prefix = QUALIFIER_PREFIX.get(v.get("qualifier") or "", "") if usd else ""
    return cell(prefix + usd, justify="right")


def _no_cell(_: Values) -> Text:
    return Text("", end="")


def col(key: str, label: str, width: int, render: Callable[[Values], Text] | None = None,
        *, sort: str | bool | None = True) -> DisplayColumn:
    sort_key = key if sort is True else (None if sort is False else sort)
    return DisplayColumn(key, label, width, sort_key, render or _text(key))


COLUMNS: dict[str, tuple[DisplayColumn, ...]] = {
    "companies": (
        col("name", "Name", 28),
        col("name_zh", "中文名", 10),
        col(CAPACITY, "Capacity L", 15, _no_cell, sort=False),
        col("kind", "Kind", 15, _vocab("kind", CompanyKind)),
        col("tickers", "Tickers", 12, _list("tickers")),
        col("city", "City", 12),
        col("country", "Country", 13),
        col("founded", "Founded", 10),
    ),
    "drugs": (
        col("name", "Drug", 24),
        col("company", "Company", 20),
        col("phase", "Phase", 14, _vocab("phase", Phase)),
        col("modality", "Modality", 15, _vocab("modality", Modality)),
        col("fic", "FIC", 3, _fic),
        col("targets", "Targets", 14, _list("targets")),
        col("indications", "Indications", 40, _list("indications"), sort=False),
    ),
    "sites": (
        col("name", "Site", 30),
        col(CAPACITY, "Capacity L", 15, _no_cell, sort=False),
        col("company", "Company", 18),
        col("status", "Status", 14, _vocab("status", SiteStatus)),
        col("kind", "Kind", 14, _vocab("kind", SiteKind)),
        col("city", "City", 14),
        col("country", "Country", 13),
        col("area", "Area m²", 9, _area),
    ),
    "funding": (
        col("date", "Date", 10),
        col("company", "Recipient", 22),
        col("kind", "Kind", 15, _vocab("kind", FundingKind)),
        col("amount", "Amount", 13, _amount),
        col("usd", "USD", 10, _usd),
        col("investors", "Investors / body", 40, _list("investors"), sort=False),
    ),
}

DEFAULT_QUERIES: dict[str, ListQuery] = {
    "funding": ListQuery(sort="date", descending=True),
}


class EntityRows:
    """Rows of one entity under one query, formatted for display, a window at a time."""

    def __init__(self, store: Store, entity: str, query: ListQuery, today: date) -> None:
        self.store = store
        self.entity = entity
        self.query = query
        self.today = today
        self.columns = COLUMNS[entity]
        self._keys = [c.key for c in SPECS[entity].columns]

    def count(self) -> int:
        return self.store.list_count(self.entity, self.query)

    def window(self, offset: int, limit: int) -> list[TableRow]:
        raw = self.store.list_window(self.entity, self.query, offset, limit)
        ids = [str(row[0]) for row in raw]
        capacity = self._capacity_cells(ids)
        rows: list[TableRow] = []
        for row in raw:
            values = dict(zip(self._keys, row[1:], strict=True))
            key = str(row[0])
            cells = tuple(
                capacity.get(key, Text("", end="")) if c.key == CAPACITY else c.render(values)
                for c in self.columns
            )
            rows.append(TableRow(key, cells))
        return rows

    def _capacity_cells(self, ids: Sequence[str]) -> dict[str, Text]:
        if not any(c.key == CAPACITY for c in self.columns) or not ids:
            return {}
        if self.entity == "sites":
            points = self.store.capacity_points_for_sites(ids)
            build = timeline.site_timeline
        else:
            points = self.store.capacity_points_for_companies(ids)
            build = timeline.company_timeline
        return {
            key: capacity_cell(capacity_view(build(pts), self.today))
            for key, pts in points.items()
            if pts
        }
