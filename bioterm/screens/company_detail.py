"""A company: facts, capacity chart, and links to its drugs, sites, funding and partners."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from textual.app import ComposeResult

from bioterm import timeline
from bioterm.presentation.cells import capacity_view
from bioterm.presentation.deals import deal_links
from bioterm.presentation.fact_sheet import FactSheet
from bioterm.presentation.facts import company_facts, points_of
from bioterm.presentation.related import drug_links, funding_links, partnership_links, site_links
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import CompanyDetail
from bioterm.widgets.links import Entry


class CompanyDetailScreen(DetailScreen):
    kind = "company"

    def compose_chart(self) -> ComposeResult:
        from bioterm.widgets.charts import CapacityChart

        yield CapacityChart(id="chart")

    def fetch(self) -> CompanyDetail | None:
        return self.store.company_detail(self.ref)

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, CompanyDetail)
        return company_facts(detail, self.today, full=False)

    def show_chart(self, detail: object) -> None:
        from bioterm.widgets.charts import CapacityChart

        assert isinstance(detail, CompanyDetail)
        view = capacity_view(timeline.company_timeline(points_of(detail.capacity)), self.today)
        chart = self.query_one(CapacityChart)
        chart.set_view(view)
        chart.display = view is not None

    def evidence(self, detail: object) -> RenderableType:
        assert isinstance(detail, CompanyDetail)
        return FactSheet().sources(detail.sources).renderable()

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, CompanyDetail)
        return [
            *drug_links(detail.drugs),
            *site_links(detail.sites, detail.capacity, self.today),
            *funding_links(detail.funding),
            *partnership_links(detail.partnerships),
            *deal_links(detail.deals),
        ]
