"""A drug: phase, modality, targets, milestones, sources, and a link to its company."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType

from bioterm.presentation.deals import deal_links
from bioterm.presentation.facts import drug_facts
from bioterm.presentation.related import companies_by_role, target_links
from bioterm.screens.detail import DetailScreen
from bioterm.store.records import DrugDetail
from bioterm.widgets.links import Entry


class DrugDetailScreen(DetailScreen):
    kind = "drug"

    def fetch(self) -> DrugDetail | None:
        return self.store.drug_detail(self.ref)

    def facts(self, detail: object) -> RenderableType:
        assert isinstance(detail, DrugDetail)
        return drug_facts(detail, full=True)

    def links(self, detail: object) -> Sequence[Entry]:
        assert isinstance(detail, DrugDetail)
        return [
            *companies_by_role(
                [(detail.drug.company_id, "originator", detail.company)], "Company"),
            *target_links(detail.drug.targets),
            *deal_links(detail.deals),
        ]
