"""Funding: rounds, grants and awards, newest first, with a chart of funding by year."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.widget import Widget

from bioterm.presentation.facts import funding_facts
from bioterm.screens.list_chart import ChartedListScreen
from bioterm.store import ListQuery, Store
from bioterm.widgets.charts import FundingChart


class FundingScreen(ChartedListScreen):
    kind = "funding"
    chart_subject = "Funding per year, US$"

    def compose_side(self) -> ComposeResult:
        yield from super().compose_side()
        yield FundingChart(id="funding-chart")

    def chart(self) -> Widget:
        return self.query_one(FundingChart)

    def chart_figures(self, store: Store, query: ListQuery) -> Any:
        return store.funding_by_year(query)

    def show_figures(self, figures: Any) -> None:
        self.query_one(FundingChart).set_years(figures)

    def pane_renderable(self, key: str) -> RenderableType | None:
        try:
            funding_id = int(key)
        except ValueError:
            return None
        detail = self.store.funding_detail(funding_id)
        return None if detail is None else funding_facts(detail, full=False)
