"""Funding: rounds, grants and awards, newest first, with a chart of funding by year."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from bioterm.presentation.facts import funding_facts
from bioterm.screens.list_screen import ListScreen
from bioterm.widgets.charts import FundingChart


class FundingScreen(ListScreen):
    kind = "funding"

    def compose_side(self) -> ComposeResult:
        with VerticalScroll(id="pane", can_focus=False):
            yield Static("", id="pane-facts", markup=False)
        yield FundingChart(id="funding-chart")

    def load(self) -> None:
        super().load()
        self.query_one(FundingChart).set_years(self.store.funding_by_year())

    def pane_renderable(self, key: str) -> RenderableType | None:
        try:
            funding_id = int(key)
        except ValueError:
            return None
        detail = self.store.funding_detail(funding_id)
        return None if detail is None else funding_facts(detail, full=False)
