"""Deals: licences, co-developments, options, acquisitions, with their terms in USD."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from bioterm.presentation.deals import deal_facts
from bioterm.screens.list_screen import ListScreen


class DealsScreen(ListScreen):
    kind = "deal"

    def compose_side(self) -> ComposeResult:
        from bioterm.widgets.charts import DealValueChart

        with VerticalScroll(id="pane", can_focus=False):
            yield Static("", id="pane-facts", markup=False)
        yield DealValueChart(id="deal-chart")

    def load(self) -> None:
        from bioterm.widgets.charts import DealValueChart

        super().load()
        self.query_one(DealValueChart).set_years(self.store.deal_value_by_year())

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.deal_detail(key)
        return None if detail is None else deal_facts(detail, full=False)
