"""`g` on a list: the rows it shows counted per value of a column (VisiData's frequency sheet).

A chooser asks which column; the table then counts, and sums where sums apply
(USD, operational litres per capacity kind), the rows of the list's current
query. `enter` on a group hands (column, value, label) back to the list, which
restricts itself to that group; `esc` goes back to the list as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from bioterm import bindings
from bioterm.entities import Entity
from bioterm.presentation.grouping import group_cells, group_label, sum_heading
from bioterm.store import ListQuery
from bioterm.store.grouping import GroupRow, GroupTable
from bioterm.store.groups import GroupColumn

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

Opened = tuple[str, str, str]
"""(group column key, value, how the group is named)."""


class GroupChooser(ModalScreen[str | None]):
    """Which column to group by: the entity's declared group columns."""

    BINDINGS = bindings.GROUP_CHOOSER

    def __init__(self, columns: tuple[GroupColumn, ...], current: str | None = None) -> None:
        super().__init__()
        self.columns = columns
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box") as box:
            box.border_title = "Group by"
            box.border_subtitle = "enter chooses · esc closes"
            yield OptionList(*(Option(c.label, id=c.key) for c in self.columns),
                             id="group-columns", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [c.key for c in self.columns]
        options.highlighted = keys.index(self.current) if self.current in keys else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class GroupScreen(ModalScreen[Opened | None]):
    BINDINGS = bindings.GROUPS

    def __init__(self, entity: Entity, list_key: str, query: ListQuery, key: str) -> None:
        super().__init__()
        self.entity = entity
        self.list_key = list_key
        self.list_query = query
        self.key = key
        self.sort_column = 1
        self.descending = True
        self._table: GroupTable | None = None
        self._rows: list[GroupRow] = []

    @property
    def bioterm(self) -> BiotermApp:
        return cast("BiotermApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="groups-box"):
            yield Static("", id="groups-note", markup=False)
            yield DataTable(id="groups", cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        self.load()
        self.query_one(DataTable).focus()

    def load(self) -> None:
        app = self.bioterm
        self._table = app.store.group_table(self.list_key, self.list_query, self.key,
                                            app.today.isoformat())
        self._rows = list(self._table.rows)
        box = self.query_one("#groups-box")
        box.border_title = f"{self.entity.tab} by {self._table.column.label.lower()}"
        box.border_subtitle = "enter opens · s sorts · g column · esc back"
        rows = sum(r.count for r in self._rows)
        what = "listed" if not self._filtered() else "the filter keeps"
        note = f"{len(self._rows):,} groups of the {rows:,} {self.entity.noun} {what}"
        if self._table.column.split:
            note += "; a row listing several is counted in each"
        if any(s.format == "litres" for s in self._table.sums):
            note += f"; operational litres on {app.today.isoformat()}, one column per kind"
        self.query_one("#groups-note", Static).update(Text(note + ".", style="dim"))
        self._show()

    def _filtered(self) -> bool:
        q = self.list_query
        return bool(q.text.strip() or q.facets or q.watched_only or q.groups)

    def _show(self) -> None:
        assert self._table is not None
        table = self.query_one(DataTable)
        table.clear(columns=True)
        arrow = " ▼" if self.descending else " ▲"
        headings: list[Text] = [Text(self._table.column.label),
                                Text(self.entity.noun.capitalize(), justify="right"),
                                *(sum_heading(s) for s in self._table.sums)]
        for index, heading in enumerate(headings):
            if index == self.sort_column:
                heading = heading.copy()
                heading.append(arrow)
            table.add_column(heading, width=24 if index == 0 else max(8, len(heading)))
        for number, row in enumerate(self._sorted()):
            table.add_row(*group_cells(self.entity, self.key, row, self._table.sums),
                          key=str(number))

    def _sorted(self) -> list[GroupRow]:
        def by(row: GroupRow) -> tuple[int, object]:
            if self.sort_column == 0:
                return (0, group_label(self.entity, self.key, row).casefold())
            value = row.count if self.sort_column == 1 else row.sums[self.sort_column - 2]
            # Groups without a figure sort last whichever the direction.
            return (0, value) if value is not None else (1, 0)

        present = [r for r in self._rows if by(r)[0] == 0]
        missing = [r for r in self._rows if by(r)[0] == 1]
        present.sort(key=by, reverse=self.descending)
        return present + missing

    def action_sort(self) -> None:
        column = self.query_one(DataTable).cursor_coordinate.column
        if column == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = column, column != 0
        self._show()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        row = self._sorted()[table.cursor_coordinate.row]
        assert self._table is not None
        label = f"{self._table.column.label}: {group_label(self.entity, self.key, row)}"
        self.dismiss((self.key, row.value, label))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open()

    def action_choose(self) -> None:
        def chosen(key: str | None) -> None:
            if key is not None and key != self.key:
                self.key = key
                self.sort_column, self.descending = 1, True
                self.load()

        self.app.push_screen(GroupChooser(self.bioterm.store.group_columns(self.list_key),
                                          self.key), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
