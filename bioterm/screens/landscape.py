"""The competitive landscape of a target or an indication: companies × phases.

Every drug programme that lists the target (or indication) — an exact item of
its '; '-separated list, in any case — counted per company and phase, phases in
development order. `enter` on a cell opens the Pipeline restricted to that
company, that phase and this target; on the company's total, to the company.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from bioterm import bindings
from bioterm.presentation.cells import cell
from bioterm.presentation.grouping import landscape_cell, phase_heading
from bioterm.store.grouping import LandscapeCell, phase_order
from bioterm.text import literal

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

NOUNS = {"targets": "Target", "indications": "Indication"}


class LandscapeScreen(ModalScreen[None]):
    BINDINGS = bindings.LANDSCAPE

    def __init__(self, field: str, value: str) -> None:
        super().__init__()
        if field not in NOUNS:
            raise KeyError(field)
        self.field = field
        self.value = value
        self.names = False
        self._phases: list[str] = []
        self._companies: list[tuple[str, str]] = []
        self._cells: dict[tuple[str, str], LandscapeCell] = {}

    @property
    def bioterm(self) -> BiotermApp:
        return cast("BiotermApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="landscape-box") as box:
            box.border_title = f"Landscape — {NOUNS[self.field].lower()} {literal(self.value)}"
            box.border_subtitle = "enter opens · d names · esc closes"
            yield Static("", id="landscape-note", markup=False)
            yield DataTable(id="landscape", cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        cells = self.bioterm.store.landscape(self.field, self.value)
        self._cells = {(c.company_id, c.phase): c for c in cells}
        self._phases = phase_order({c.phase for c in cells})
        totals: dict[str, int] = {}
        names: dict[str, str] = {}
        for c in cells:
            totals[c.company_id] = totals.get(c.company_id, 0) + c.count
            names[c.company_id] = c.company or c.company_id
        order = sorted(totals, key=lambda k: (-totals[k], names[k].casefold()))
        self._companies = [(k, names[k]) for k in order]
        programmes = sum(totals.values())
        note = (f"{programmes:,} programmes of {len(order):,} companies list "
                f"{NOUNS[self.field].lower()} “{literal(self.value)}”."
                if cells else f"No drug lists {NOUNS[self.field].lower()} "
                f"“{literal(self.value)}”.")
        self.query_one("#landscape-note", Static).update(Text(note, style="dim"))
        self._show()
        self.query_one(DataTable).focus()

    def _show(self) -> None:
        table = self.query_one(DataTable)
        at = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Company", width=28)
        table.add_column(Text("All", justify="center"), width=5)
        for phase in self._phases:
            heading = phase_heading(phase)
            table.add_column(Text(heading, justify="center"),
                             width=24 if self.names else max(5, len(heading)))
        for company_id, name in self._companies:
            total = sum(c.count for (k, _), c in self._cells.items() if k == company_id)
            table.add_row(cell(name), Text(str(total), justify="center"),
                          *(landscape_cell(self._cells.get((company_id, p)), self.names)
                            for p in self._phases), key=company_id)
        if table.row_count:
            table.move_cursor(row=at.row, column=at.column)

    def action_toggle_names(self) -> None:
        self.names = not self.names
        self._show()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        at = table.cursor_coordinate
        company_id, name = self._companies[at.row]
        subject = (self.field, self.value, f"{NOUNS[self.field]}: {self.value}")
        groups = [("company", company_id, name), subject]
        if at.column >= 2:
            phase = self._phases[at.column - 2]
            if (company_id, phase) not in self._cells:
                self.notify("No programme of this company in this phase.", timeout=2)
                return
            groups.insert(1, ("phase", phase, phase_heading(phase)))
        from bioterm.screens.pipeline import PipelineScreen

        self.app.push_screen(PipelineScreen(groups=tuple(groups)))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open()

    def action_close(self) -> None:
        self.dismiss()

