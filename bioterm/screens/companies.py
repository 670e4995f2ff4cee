"""Companies: every organisation, with its capacity sparkline in the table."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm.enums import CompanyKind
from bioterm.screens.list_screen import ListScreen
from bioterm.widgets.facets import Facet
from bioterm.widgets.facts import company_facts


class CompaniesScreen(ListScreen):
    section = "companies"
    entity = "companies"
    record_kind = "company"
    noun = "companies"
    facets = (
        Facet("kind", "Any kind", CompanyKind),
        Facet("country", "Any country"),
    )

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.company_detail(key)
        return None if detail is None else company_facts(detail, self.today, full=False)
