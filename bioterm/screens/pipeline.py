"""Pipeline: drug programmes by phase and modality."""

from __future__ import annotations

from rich.console import RenderableType

from bioterm.enums import Modality, Phase
from bioterm.screens.list_screen import ListScreen
from bioterm.widgets.facets import Facet
from bioterm.widgets.facts import drug_facts


class PipelineScreen(ListScreen):
    section = "pipeline"
    entity = "drugs"
    record_kind = "drug"
    noun = "drugs"
    facets = (
        Facet("phase", "Any phase", Phase),
        Facet("modality", "Any modality", Modality),
    )
    filter_hint = "drug name, code name or target"

    def pane_renderable(self, key: str) -> RenderableType | None:
        detail = self.store.drug_detail(key)
        return None if detail is None else drug_facts(detail, full=False)
