"""Textual's Footer, redrawn once for a burst of binding changes.

The footer recomposes (a dozen keys mounted and styled afresh) on every
binding change; a first switch to a list sends seven (the old screen
suspended, the new one resumed, focus set twice, ...), each its own
recompose after the next refresh. One recompose, run after the last of
them, reads the bindings as they end up: the same footer, drawn once.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._recompose_due = False

    def bindings_changed(self, screen: Screen) -> None:
        # Footer schedules a recompose only in this case; otherwise nothing is due.
        schedules = screen.app.app_focus and self.is_attached and screen is self.screen
        if schedules and self._recompose_due:
            return
        super().bindings_changed(screen)
        self._recompose_due = schedules

    async def recompose(self) -> None:
        self._recompose_due = False
        await super().recompose()
