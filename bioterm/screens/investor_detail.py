"""An investor: its portfolio round by round, each round and company one key away."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType

from bioterm.presentation.deals import investor_facts, portfolio_links
from bioterm.presentation.related import companies_by_role
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import InvestorDetail
from bioterm.widgets.links import Entry


class InvestorDetailScreen(DetailScreen):
    kind = "investor"

    def fetch(self) -> InvestorDetail | None:
        return self.store.investor_detail(self.ref)

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, InvestorDetail)
        return investor_facts(detail, full=True)

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, InvestorDetail)
        own = companies_by_role([(detail.company.id, "the organisation", detail.company)],
                                "Organisation")
        return [*own, *portfolio_links(detail)]
