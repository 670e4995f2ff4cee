"""A funding event: amount as reported and in USD, the recipient and the investors."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType

from bioterm.presentation.facts import funding_facts, funding_title
from bioterm.presentation.related import companies_by_role
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import FundingDetail
from bioterm.stored import Company
from bioterm.widgets.links import Entry


class FundingDetailScreen(DetailScreen):
    kind = "funding"

    def fetch(self) -> FundingDetail | None:
        try:
            return self.store.funding_detail(int(self.ref))
        except ValueError:
            return None

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, FundingDetail)
        return funding_facts(detail, full=True)

    def crumb_of(self, detail: object) -> str:
        assert isinstance(detail, FundingDetail)
        return funding_title(detail)

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, FundingDetail)
        funding = detail.row.funding
        pairs: list[tuple[str, str, Company | None]] = [
            (funding.company_id, "recipient", detail.company)
        ]
        pairs.extend(
            (c.id, "lead investor" if c.id in detail.leads else "investor / granting body", c)
            for c in detail.investors)
        return companies_by_role(pairs, "Companies")
