"""The baseline: a bare Textual app that paints one line, started the same way as bioterm."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "bare textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    BareApp().run()
