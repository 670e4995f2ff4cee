"""Textual's Footer, recomposed only when the keys it shows change.

The footer recomposes (a dozen keys mounted and styled afresh) on every
binding change; a first switch to a list sends seven (the old screen
suspended, the new one resumed, focus set twice, ...), each its own
recompose after the next refresh, and most change nothing it shows. Here a
burst of changes schedules one recompose, which reads the bindings as they
end up, and a recompose that would draw the same keys is skipped.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._recompose_due = False
        self._shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        # Footer schedules a recompose only in this case; otherwise nothing is due.
        schedules = screen.app.app_focus and self.is_attached and screen is self.screen
        if schedules and self._recompose_due:
            return
        super().bindings_changed(screen)
        self._recompose_due = schedules

    def keys_shown(self) -> tuple[Any, ...]:
        """Everything `Footer.compose` draws from: each shown binding as displayed,
        enabled or not, and the footer's own settings."""
        app = self.app
        return (self.compact, self.show_command_palette, tuple(
            (binding.key, app.get_key_display(binding), binding.description,
             binding.action, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING))

    async def recompose(self) -> None:
        self._recompose_due = False
        if not self.is_attached:
            return  # its screen closed while the recompose waited (Footer does the same)
        shown = self.keys_shown()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
