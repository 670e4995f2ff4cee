"""`K` on Companies and Sites: the kind of capacity the litres columns show.

Litres of different kinds are never added up, so the columns show one kind at
a time, biologics first; each press moves to the next kind the file records.
"""

from __future__ import annotations

from dataclasses import replace

from bioterm.enums import CapacityKind
from bioterm.presentation.columns import BIOLOGICS, of_kind
from bioterm.screens.list_screen import ListScreen
from bioterm.text import vocab_label
from bioterm.widgets.store_table import StoreTable


class CapacityKindScreen(ListScreen):
    """A list whose litres columns (and trend) follow a chosen capacity kind."""

    def action_capacity_kind(self) -> None:
        kinds = self.store.capacity_kinds() or [BIOLOGICS]
        current = self.list_query.capacity_kind or BIOLOGICS
        following = kinds[(kinds.index(current) + 1) % len(kinds)] if current in kinds \
            else kinds[0]
        self.list_query = replace(self.list_query, capacity_kind=following)
        table = self.query_one(StoreTable)
        table.relabel(of_kind(table.display_columns, following))
        table.set_sort_marker(self.list_query.sort, self.list_query.descending)
        self.requery()
        label = vocab_label(CapacityKind, following)
        only = " (the only kind recorded)" if len(kinds) == 1 else ""
        self.notify(f"Litres shown: {label}{only}", timeout=2)
