"""Deals: licences, co-developments, options, acquisitions, with their terms in USD."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.widget import Widget

from bioterm.presentation.deals import deal_facts
from bioterm.screens.list_chart import ChartedListScreen
from bioterm.store import ListQuery, Store


class DealsScreen(ChartedListScreen):
    kind = "deal"
    chart_subject = "Deal value per year, US$"

    def compose_side(self) -> ComposeResult:
        from bioterm.widgets.charts import DealValueChart

        yield from super().compose_side()
        yield DealValueChart(id="deal-chart")

    def chart(self) -> Widget:
        return self.query_one("#deal-chart")

    def chart_figures(self, store: Store, query: ListQuery) -> Any:
        return store.deal_value_by_year(query)

    def show_figures(self, figures: Any) -> None:
        from bioterm.widgets.charts import DealValueChart

        self.query_one(DealValueChart).set_years(figures)

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.deal_detail(key)
        return None if detail is None else deal_facts(detail, full=False)
