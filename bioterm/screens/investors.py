"""Investors: every organisation that joined a funding round, with its record."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm.presentation.deals import PANE_ROUNDS, investor_facts
from bioterm.screens.list_screen import ListScreen


class InvestorsScreen(ListScreen):
    kind = "investor"

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.investor_pane(key, newest=PANE_ROUNDS)
        return None if detail is None else investor_facts(detail, full=False)
