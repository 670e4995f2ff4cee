"""Pipeline: drug programmes by phase and modality."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm.presentation.facts import drug_facts
from bioterm.screens.list_screen import ListScreen


class PipelineScreen(ListScreen):
    kind = "drug"

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.drug_detail(key)
        return None if detail is None else drug_facts(detail, full=False)
