"""A list screen's current view as plain values, for taking out of the dashboard.

`e` writes the rows of the screen's `ListQuery` (filter, facets, watched-only,
sort) with the columns the table shows, in its order, under its labels. The
values are the stored ones in a form a spreadsheet can compute with, not the
cells' display strings:

- numbers stay numbers: areas, counts and US-dollar figures as stored (not
  "US$1.2bn"); an amount as its number in the reported currency, followed
  by a "<label> currency" column with the ISO code;
- litres are numbers (running today, the announced total); the capacity
  trend sparkline, a picture of those, is left out;
- a vocabulary value is its label, as the table shows it ("Phase 3");
- a flag is true/false; dates and other text are as stored (partial dates
  stay partial), lists "; "-separated as the importer reads them.

`y` copies one row as the table shows it instead (`row_tsv`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import replace
from datetime import date
from typing import Any

from bioterm.entities import Column, Entity
from bioterm.presentation.columns import BIOLOGICS, COMPUTED, KIND_SHORT, TableRow
from bioterm.presentation.user_data import NOTED_MARK, WATCHED_MARK
from bioterm.store import ListQuery, Store
from bioterm.text import vocab_label

BATCH = 1000
"""Rows read from the store at a time (and between progress reports)."""

Fields = Any  # a sqlite3.Row read by key
Values = Callable[[Fields, dict[str, tuple[float, float]]], list[Any]]


def _number(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float) else float(value)


def _column_values(column: Column) -> tuple[list[str], Values]:
    """The header cells one table column becomes and how its values are read."""
    key, label = column.key, column.label
    if column.format in COMPUTED:
        return [], lambda row, _: []
    if column.format == "amount":
        return ([label, f"{label} currency"],
                lambda row, _: [_number(row[key]), row["currency"]])
    if column.format in ("area", "count", "money", "usd", "litres"):
        return [label], lambda row, _: [_number(row[key])]
    if column.format == "fic":
        return [label], lambda row, _: [None if row[key] is None else bool(row[key])]
    if column.format == "vocab" and column.vocabulary is not None:
        vocabulary = column.vocabulary
        return [label], lambda row, _: [vocab_label(vocabulary, row[key]) or None]
    return [label], lambda row, _: [row[key]]


class ViewExport:
    """The header and rows of one entity's list under one query."""

    def __init__(self, entity: Entity, query: ListQuery, today: date,
                 columns: Sequence[str] | None = None) -> None:
        """`columns`: the keys the table shows, in its order (all the entity's if None)."""
        by_key = {c.key: c for c in entity.columns}
        if "capacity_now" in by_key:  # headed by the kind it holds, as in the table
            short = KIND_SHORT.get(query.capacity_kind or BIOLOGICS, KIND_SHORT[BIOLOGICS])
            by_key["capacity_now"] = replace(by_key["capacity_now"], label=f"{short} L now")
        self.entity = entity
        # Litres "now" are read at the screen's day, as the table shows them.
        self.query = query if query.today else replace(query, today=today)
        self.today = today
        self.columns = [by_key[k] for k in (columns or list(by_key))]
        parts = [_column_values(c) for c in self.columns]
        self.header: list[str] = [h for names, _ in parts for h in names]
        self._readers = [read for _, read in parts]

    def rows(self, store: Store) -> Iterator[list[Any]]:
        """Every row of the view in order, read from `store` BATCH rows at a time."""
        with closing(store.iter_list(self.entity.list_key, self.query, BATCH)) as batches:
            for batch in batches:
                for row in batch:
                    yield [v for read in self._readers for v in read(row, {})]


def row_tsv(row: TableRow) -> str:
    """One table row as the table shows it, tab-separated; the ★/✎ marks before
    the first cell are left out."""
    cells = [cell.plain for cell in row.cells]
    if cells:
        cells[0] = _unmarked(cells[0])
    # Cells are one line already (control characters made visible); a tab would
    # still split a cell, so it is made a space.
    return "\t".join(c.replace("\t", " ") for c in cells)


def _unmarked(text: str) -> str:
    for mark in (WATCHED_MARK + NOTED_MARK, WATCHED_MARK, NOTED_MARK):
        if text.startswith(mark + " "):
            return text[len(mark) + 1:]
    return text
