"""The capacity league table: companies ranked by what runs now, one kind of litres only."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from bioterm import bindings
from bioterm.enums import CapacityKind
from bioterm.presentation.cells import litres
from bioterm.text import literal, vocab_label

if TYPE_CHECKING:
    from bioterm.app import BiotermApp


class LeagueScreen(ModalScreen[None]):
    BINDINGS = bindings.LEAGUE

    def __init__(self, kind: str = CapacityKind.BIOLOGICS_BIOREACTOR.value) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        app = cast("BiotermApp", self.app)
        rows = app.store.capacity_league(self.kind, app.today.isoformat())
        with Vertical(id="league-box") as box:
            box.border_title = f"Capacity league — {vocab_label(CapacityKind, self.kind)}"
            box.border_subtitle = "enter opens · esc closes"
            yield Static(Text(f"Operational litres on {app.today.isoformat()}, then the "
                              "announced total; other kinds of capacity are not counted.",
                              style="dim"), id="league-note", markup=False)
            table: DataTable[Text] = DataTable(id="league", cursor_type="row")
            table.add_column("#", width=4)
            table.add_column("Company", width=32)
            table.add_column(Text("Operational", justify="right"), width=14)
            table.add_column(Text("Planned", justify="right"), width=14)
            for rank, row in enumerate(rows, start=1):
                table.add_row(
                    Text(str(rank)), Text(literal(row.name)),
                    Text(litres(row.operational), justify="right"),
                    Text(litres(row.planned), justify="right"), key=row.company_id)
            yield table
            if not rows:
                yield Static(Text("No capacity of this kind recorded.", style="dim"),
                             markup=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self.dismiss()
        if key:
            cast("BiotermApp", self.app).open_record("company", key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_close(self) -> None:
        self.dismiss()
