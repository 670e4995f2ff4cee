"""The columns each list screen shows, and the rows it fetches one window at a time.

Columns are chosen and ordered for reading at 80 columns (the name and the
capacity sparkline first); sorting and filtering refer to the store's
`ListSpec` keys, so all of it happens in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from rich.text import Text

from bioterm import timeline
from bioterm.currency import format_amount, format_usd
from bioterm.entities import REGISTRY, Column, Entity
from bioterm.enums import Qualifier, Vocabulary
from bioterm.presentation.cells import capacity_view, cell, shared_top, trend_cell
from bioterm.presentation.user_data import marks
from bioterm.store import ListQuery, Store
from bioterm.store.listing import SPECS, ListSpec
from bioterm.text import join_list, vocab_label

CAPACITY = "capacity"
"""The column key whose cells are capacity sparklines, built from timelines."""
LITRES_NOW = "capacity_now"
KIND_SHORT = {"biologics_bioreactor": "Bioreactor", "chemical_reactor": "Reactor",
              "peptide_oligo": "Pep/oligo", "cell_gene": "Cell&gene",
              "fill_finish": "Fill-fin"}
"""How the litres-now header names each capacity kind, short enough for its column."""
BIOLOGICS = "biologics_bioreactor"
QUALIFIER_PREFIX = {q.value: q.prefix for q in Qualifier}


class Fields(Protocol):
    """A window row read by field key (the store hands out sqlite3.Row)."""

    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True)
class DisplayColumn:
    key: str
    label: str
    width: int
    sort: str | None
    """The ListSpec column this one sorts by; None when it cannot be sorted."""
    render: Callable[[Fields], Text]
    grows: bool = False
    """Text that may widen past `width` to its longest value when the terminal has room."""
    largest_first: bool = False
    """A quantity: its first sort puts the largest first (who has the most litres)."""


GROWING_FORMATS = frozenset({"text", "list", "vocab"})
"""Formats whose cells are words, worth widening rather than cutting."""


@dataclass(frozen=True)
class TableRow:
    key: str
    cells: tuple[Text, ...]


class RowSource(Protocol):
    """Where a table's rows come from: a count and windows, nothing more."""

    def count(self) -> int: ...

    def window(self, offset: int, limit: int) -> list[TableRow]: ...


def _text(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell(v[key])


def _list(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell(join_list(v[key]))


def _vocab(key: str, vocabulary: type[Vocabulary]) -> Callable[[Fields], Text]:
    return lambda v: cell(vocab_label(vocabulary, v[key]))


def _area(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell("" if v[key] is None else f"{v[key]:,.0f}", justify="right")


def _fic(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell("✓" if v[key] else "", style="bold green", justify="center")


def _amount(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell(format_amount(v[key], v["currency"], v["qualifier"] or "exact"),
                          justify="right")


def _usd(key: str) -> Callable[[Fields], Text]:
    def render(v: Fields) -> Text:
        usd = format_usd(v[key])
        prefix = QUALIFIER_PREFIX.get(v["qualifier"] or "", "") if usd else ""
        return cell(prefix + usd, justify="right")
    return render


def _money(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell(format_usd(v[key]), justify="right")


def _count(key: str) -> Callable[[Fields], Text]:
    return lambda v: cell("" if v[key] is None else f"{v[key]:,}", justify="right")


def _litres(key: str) -> Callable[[Fields], Text]:
    # Whole litres with separators, right-aligned, so a column reads as a ranking.
    return lambda v: cell("" if v[key] is None else f"{v[key]:,.0f}", justify="right")


def _no_cell(_: Fields) -> Text:
    return Text("", end="")


RENDERERS: dict[str, Callable[[str], Callable[[Fields], Text]]] = {
    "text": _text, "list": _list, "area": _area, "fic": _fic, "amount": _amount, "usd": _usd,
    "money": _money, "count": _count, "litres": _litres,
}
"""Each cell format's renderer, given the key of the field it shows."""
ALSO_READS: dict[str, tuple[str, ...]] = {"amount": ("currency", "qualifier"),
                                          "usd": ("qualifier",)}
"""Fields a format reads besides its column's own (the list spec must select them)."""
COMPUTED = frozenset({"capacity"})
QUANTITIES = frozenset({"litres", "money", "count", "usd", "amount", "area"})
"""Formats of figures people rank by size, largest first."""
"""Formats built here from other queries (timelines), not from a list field."""


def _renderer(column: Column) -> Callable[[Fields], Text]:
    """The cell renderer a registry column's format asks for."""
    if column.format in COMPUTED:
        return _no_cell
    if column.format == "vocab" and column.vocabulary is not None:
        return _vocab(column.key, column.vocabulary)
    return RENDERERS.get(column.format, _text)(column.key)


def field_problems(entity: Entity, spec: ListSpec) -> list[str]:
    """Where an entity's registry columns and its list spec's fields fail to meet by key.

    Every shown column has a field of its key (sortable exactly when the field
    has a sort expression), every field is read by a column, a format or the
    search display, and facets and the default order name what the spec has.
    """
    fields = {c.key: c for c in spec.columns}
    read: set[str] = set()
    problems: list[str] = []
    for column in entity.columns:
        if column.format in COMPUTED:
            if column.key in fields or column.sortable:
                problems.append(f"{column.key}: computed, so neither a field nor sortable")
            continue
        read.update((column.key, *ALSO_READS.get(column.format, ())))
        field = fields.get(column.key)
        if field is None:
            problems.append(f"{column.key}: no field in the list spec")
        elif column.sortable != (field.sort_sql is not None):
            problems.append(f"{column.key}: sortable in the registry but not the spec, "
                            "or the other way round")
    if entity.search is not None:
        read.update((entity.search.name, entity.search.secondary, entity.search.detail))
        if entity.search.from_list:
            read.update(entity.search.extra)
    problems += [f"{key}: a field no column, format or search reads"
                 for key in fields if key not in read]
    problems += [f"{key}: read but not selected" for key in sorted(read - set(fields))]
    if "id" in fields:
        problems.append("id: the row's own id, not a field key")
    problems += [f"facet {f.name}: not in the list spec" for f in entity.facets
                 if f.name not in spec.facets]
    for sort in {entity.default_sort, spec.default_sort}:
        if sort not in fields or fields[sort].sort_sql is None:
            problems.append(f"default sort {sort}: not a sortable field")
    return problems


def display_columns(entity: Entity) -> tuple[DisplayColumn, ...]:
    """The table columns of an entity's list, in the registry's order.

    Refuses an entity whose columns and list spec do not meet by key: the
    mistake shows when the list is built, not as a blank or wrong cell.
    """
    problems = field_problems(entity, SPECS[entity.list_key])
    if problems:
        raise ValueError(f"{entity.kind} list: " + "; ".join(problems))
    return tuple(
        DisplayColumn(c.key, c.label, c.width, c.key if c.sortable else None, _renderer(c),
                      grows=c.format in GROWING_FORMATS,
                      largest_first=c.format in QUANTITIES)
        for c in entity.columns
    )


def visible_columns(entity: Entity, hidden: frozenset[str] = frozenset()
                    ) -> tuple[DisplayColumn, ...]:
    """The entity's columns without those the user hid; its key column always shows."""
    return tuple(c for c in display_columns(entity)
                 if c.key == entity.key_column or c.key not in hidden)


def of_kind(columns: Sequence[DisplayColumn], kind: str | None) -> tuple[DisplayColumn, ...]:
    """The columns with the litres-now header naming the capacity kind they show."""
    short = KIND_SHORT.get(kind or BIOLOGICS, KIND_SHORT[BIOLOGICS])
    return tuple(replace(c, label=f"{short} L now") if c.key == LITRES_NOW else c
                 for c in columns)


COLUMNS: dict[str, tuple[DisplayColumn, ...]] = {
    e.table: display_columns(e) for e in REGISTRY.listed()
}
"""Built on import, so a bundled list whose fields do not meet its columns fails at once."""


class EntityRows:
    """Rows of one entity under one query, formatted for display, a window at a time."""

    def __init__(self, store: Store, entity: Entity | str, query: ListQuery, today: date,
                 hidden: frozenset[str] = frozenset()) -> None:
        """`entity` is a registry entity, or the table of one of the default registry's;
        `hidden`: keys of columns the user chose not to see (`c`)."""
        if isinstance(entity, str):
            entity = REGISTRY.by_table[entity]
        self.store = store
        self.table = entity.table
        self.list_key = entity.list_key
        self.query = query
        self.today = today
        self.columns = of_kind(visible_columns(entity, hidden), query.capacity_kind)
        self.capacity_kind = query.capacity_kind or BIOLOGICS
        self.watch_kind = entity.watch_kind
        self._scale: float | None = None
        """The sparklines' shared scale, read once (see `_capacity_cells`)."""

    def count(self) -> int:
        return self.store.list_count(self.list_key, self.query)

    def window(self, offset: int, limit: int) -> list[TableRow]:
        query = self.query if self.query.today else replace(self.query, today=self.today)
        raw = self.store.list_window(self.list_key, query, offset, limit)
        ids = [str(row["id"]) for row in raw]
        capacity = self._capacity_cells(ids)
        rows: list[TableRow] = []
        for key, row in zip(ids, raw, strict=True):
            cells = tuple(
                capacity.get(key, Text("", end="")) if c.key == CAPACITY else c.render(row)
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
            points = self.store.capacity_points_for_sites(ids, self.capacity_kind)
            build = timeline.site_timeline
        else:
            points = self.store.capacity_points_for_companies(ids, self.capacity_kind)
            build = timeline.company_timeline
        views = {key: capacity_view(build(pts), self.today) for key, pts in points.items() if pts}
        if self._scale is None:
            # The largest of the whole table, so heights compare across rows and
            # windows; a file without summaries scales each window to itself (0).
            self._scale = self.store.capacity_scale(self.table, self.capacity_kind) or 0.0
        top = max(self._scale, shared_top(views.values()))
        return {key: trend_cell(view, top) for key, view in views.items()}
