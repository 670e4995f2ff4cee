"""An Input whose size is its container's: typing never asks the screen for a layout.

Textual's Input sets its `virtual_size` on every change of its text (the
reactive behind it lays out the whole screen, so that an `auto`-wide Input
can grow). The list filter is `1fr` wide and one line high: its text only
scrolls inside it. Each keystroke and each cleared filter cost the list
screen a full layout for nothing; here that one request is left out while
the text changes, for an Input whose width and height are not `auto`.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input


class SizedInput(Input):
    _changing_text = False

    def _watch_value(self, value: str) -> None:
        self._changing_text = True
        try:
            super()._watch_value(value)
        finally:
            self._changing_text = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> SizedInput:
        if self._changing_text and not self.styles.auto_dimensions:
            layout = False  # its size cannot follow its text
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self
