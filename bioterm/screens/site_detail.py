"""A site: facts, the capacity chart (planned and operational) and the points behind it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from textual.app import ComposeResult

from bioterm import timeline
from bioterm.presentation.cells import capacity_view
from bioterm.presentation.fact_sheet import FactSheet, source_numbers
from bioterm.presentation.facts import capacity_points_table, points_of, site_facts
from bioterm.presentation.related import companies_by_role
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import SiteDetail
from bioterm.widgets.links import Entry


class SiteDetailScreen(DetailScreen):
    kind = "site"

    def compose_chart(self) -> ComposeResult:
        from bioterm.widgets.charts import CapacityChart

        yield CapacityChart(id="chart")

    def fetch(self) -> SiteDetail | None:
        return self.store.site_detail(self.ref, self.today)

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, SiteDetail)
        return site_facts(detail, self.today, full=False)

    def show_chart(self, detail: object) -> None:
        from bioterm.widgets.charts import CapacityChart

        assert isinstance(detail, SiteDetail)
        view = capacity_view(timeline.site_timeline(points_of(detail.capacity)), self.today)
        chart = self.query_one(CapacityChart)
        chart.set_view(view)
        chart.display = view is not None  # the facts already say "No capacity recorded."

    def evidence(self, detail: object) -> RenderableType:
        assert isinstance(detail, SiteDetail)
        sheet = FactSheet()
        if detail.capacity:
            table = capacity_points_table(detail.capacity, source_numbers(detail.sources))
            sheet.block(table, "Capacity points (each with its source)")
        return sheet.sources(detail.sources).renderable()

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, SiteDetail)
        site = detail.site
        pairs = [(site.company_id, "owner", detail.company)]
        if site.partner_id:
            pairs.append((site.partner_id, "partner", detail.partner))
        return companies_by_role(pairs, "Companies")
