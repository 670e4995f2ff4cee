"""A deal: its terms as announced and in USD, both parties and every drug it covers."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType

from bioterm.presentation.deals import deal_facts
from bioterm.presentation.related import companies_by_role, drug_links
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import DealDetail
from bioterm.widgets.links import Entry


class DealDetailScreen(DetailScreen):
    kind = "deal"

    def fetch(self) -> DealDetail | None:
        return self.store.deal_detail(self.ref)

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, DealDetail)
        return deal_facts(detail, full=True)

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, DealDetail)
        deal = detail.deal
        buyer = deal.kind in ("acquisition", "asset_purchase")
        parties = companies_by_role([
            (deal.licensor_id, "target" if buyer else "licensor", detail.licensor),
            (deal.licensee_id, "buyer" if buyer else "licensee", detail.licensee),
        ], "Parties")
        return [*parties, *drug_links(detail.drugs)]
