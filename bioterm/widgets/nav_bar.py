"""The tab bar across the top: numbered sections, the current one highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from bioterm.entities import REGISTRY


class NavTab(Static):
    """One clickable tab; its number is the key that opens it."""

    def __init__(self, number: int, mode: str, label: str, *, active: bool) -> None:
        super().__init__(
            Content.assemble((f"{number}", "bold"), f" {label}"),
            classes="-active" if active else "",
            markup=False,
        )
        self.mode = mode

    async def on_click(self) -> None:
        await self.app.run_action(f"app.section('{self.mode}')")


class NavBar(Horizontal):
    """Tabs in the order of the number keys, plus a title on the right."""

    def __init__(self, active: str) -> None:
        super().__init__(id="nav")
        self.active = active

    def compose(self) -> ComposeResult:
        registry = getattr(self.app, "registry", REGISTRY)
        for number, (mode, label) in enumerate(registry.sections(), start=1):
            yield NavTab(number, mode, label, active=mode == self.active)
        title = "bioterm · read-only" if getattr(self.app, "read_only", False) else "bioterm"
        yield Static(title, id="nav-title", markup=False)
