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
from bioterm.entities import REGISTRY, Column, Entity
from bioterm.enums import Qualifier, Vocabulary
from bioterm.presentation.cells import capacity_cell, capacity_view, cell
from bioterm.presentation.user_data import marks
from bioterm.store import ListQuery, Store
from bioterm.store.listing import SPECS
from bioterm.text import join_list, vocab_label

Values = Mapping[str, Any]
CAPACITY = "capacity"
"""The column key whose cells are capacity sparklines, built from timelines."""
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


def _money(key: str) -> Callable[[Values], Text]:
    return lambda v: cell(format_usd(v.get(key)), justify="right")


def _count(key: str) -> Callable[[Values], Text]:
    return lambda v: cell("" if v.get(key) is None else f"{v.get(key):,}", justify="right")


def _no_cell(_: Values) -> Text:
    return Text("", end="")


def _renderer(column: Column) -> Callable[[Values], Text]:
    """The cell renderer a registry column's format asks for."""
    key = column.key
    if column.format == "vocab" and column.vocabulary is not None:
        return _vocab(key, column.vocabulary)
    simple: dict[str, Callable[[Values], Text]] = {
        "list": _list(key), "area": _area, "fic": _fic, "amount": _amount, "usd": _usd,
        "capacity": _no_cell, "money": _money(key), "count": _count(key),
    }
    return simple.get(column.format, _text(key))


def display_columns(entity: Entity) -> tuple[DisplayColumn, ...]:
    """The table columns of an entity's list, in the registry's order."""
    return tuple(
        DisplayColumn(c.key, c.label, c.width, c.key if c.sortable else None, _renderer(c))
        for c in entity.columns
    )


COLUMNS: dict[str, tuple[DisplayColumn, ...]] = {
    e.table: display_columns(e) for e in REGISTRY.listed()
}


class EntityRows:
    """Rows of one entity under one query, formatted for display, a window at a time."""

    def __init__(self, store: Store, entity: Entity | str, query: ListQuery, today: date) -> None:
        """`entity` is a registry entity, or the table of one of the default registry's."""
        if isinstance(entity, str):
            entity = REGISTRY.by_table[entity]
        self.store = store
        self.table = entity.table
        self.list_key = entity.list_key
        self.query = query
        self.today = today
        self.columns = display_columns(entity)
        self.watch_kind = entity.watch_kind
        self._keys = [c.key for c in SPECS[entity.list_key].columns]

    def count(self) -> int:
        return self.store.list_count(self.list_key, self.query)

    def window(self, offset: int, limit: int) -> list[TableRow]:
        raw = self.store.list_window(self.list_key, self.query, offset, limit)
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
        return self._marked(rows) if self.watch_kind and rows else rows

    def _marked(self, rows: list[TableRow]) -> list[TableRow]:
        """Watched and noted rows carry ★ / ✎ before their first cell."""
        assert self.watch_kind is not None
        watched = self.store.watched_ids(self.watch_kind)
        noted = self.store.noted_ids(self.watch_kind)
        if not watched and not noted:
            return rows
        out: list[TableRow] = []
        for row in rows:
            mark = marks(row.key in watched, row.key in noted)
            if mark:
                first = Text(end="")
                first.append(mark + " ", style="bold yellow")
                first.append_text(row.cells[0])
                row = TableRow(row.key, (first, *row.cells[1:]))
            out.append(row)
        return out

    def _capacity_cells(self, ids: Sequence[str]) -> dict[str, Text]:
        if not any(c.key == CAPACITY for c in self.columns) or not ids:
            return {}
        if self.table == "sites":
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
