"""The baseline for a page scroll: a bare Textual app that pages through lines.

One Line-API scroll view filling a 120×40 screen, each line a row of eight
coloured cells, every line drawn anew on each page (nothing cached): what a
table costs Textual at the least, before any table logic, data or side pane.
It is timed exactly as the dashboard's page scroll is (`ui._timed`), so the
two figures sit side by side in the same run.
"""

from __future__ import annotations

import asyncio

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

ROWS = 1_000_000
CELL_STYLES = [Style(color=color) for color in
               ("#e0e0e0", "#8fbcbb", "#a3be8c", "#ebcb8b", "#d08770", "#b48ead", "#81a1c1",
                "#bf616a")]


class BareLines(ScrollView, can_focus=True):
    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, ROWS)

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_y) + y
        width = self.size.width
        cell = max(1, width // len(CELL_STYLES))
        segments = [Segment(f" row {row} cell {n}"[:cell].ljust(cell), style)
                    for n, style in enumerate(CELL_STYLES)]
        return Strip(segments).crop_extend(0, width, None)

    def key_pagedown(self) -> None:
        self.scroll_to(y=self.scroll_y + self.size.height, animate=False)


class BareScrollApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BareLines()


async def _drive(presses: int) -> list[float]:
    from ui import _settle, _timed

    app = BareScrollApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        return [await _timed(pilot, "pagedown") for _ in range(presses)]


def measure_bare_scroll(reps: int) -> list[float]:
    """Page-down times of the bare app, as many presses as the dashboard's figure."""
    return asyncio.run(_drive(max(5, reps * 4)))
