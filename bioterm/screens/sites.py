"""Sites: R&D and manufacturing sites, with capacity sparklines in the table."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm import bindings
from bioterm.presentation.facts import site_facts
from bioterm.screens.capacity_kind import CapacityKindScreen


class SitesScreen(CapacityKindScreen):
    BINDINGS = bindings.SITES
    kind = "site"

    def action_league(self) -> None:
        from bioterm.screens.capacity_league import LeagueScreen

        self.app.push_screen(LeagueScreen())

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.site_detail(key, self.today)
        if detail is None:
            return None
        return site_facts(detail, self.today, full=False)
