"""Companies: every organisation, with its capacity sparkline in the table."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm import bindings
from bioterm.presentation.facts import company_facts
from bioterm.screens.capacity_kind import CapacityKindScreen


class CompaniesScreen(CapacityKindScreen):
    BINDINGS = bindings.CAPACITY
    kind = "company"

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.company_detail(key)
        return None if detail is None else company_facts(detail, self.today, full=False)
