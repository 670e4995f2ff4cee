"""The tab bar across the top: numbered sections, the current one highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from bioterm.entities import REGISTRY


class NavTab(Static):
    """One clickable tab; its number is the key that opens it."""

    def __init__(self, key: str, mode: str, label: str, *, active: bool, new: int = 0) -> None:
        """`new`: rows added or changed since the previous launch, shown as +N."""
        parts: list[str | tuple[str, str]] = [(key, "bold"), f" {label}"]
        if new:
            parts.append((f" +{new:,}", "$text-success"))
        super().__init__(
            Content.assemble(*parts),
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
        keymap: dict[str, str] = getattr(self.app, "user_keymap", {})
        new_rows = getattr(self.app, "new_rows_of", lambda mode: 0)
        for number, (mode, label) in enumerate(registry.sections(), start=1):
            # The key that opens it, which the user's keymap may have changed.
            key = keymap.get(f"section.{mode}", str(number)).split(",")[0]
            yield NavTab(key, mode, label, active=mode == self.active, new=new_rows(mode))
        title = "bioterm · read-only" if getattr(self.app, "read_only", False) else "bioterm"
        yield Static(title, id="nav-title", markup=False)
