"""The list screens' detail pane: a fact sheet drawn once per record, served a line at a time.

A `Static` inside a `VerticalScroll` drew the same sheet, but each new record
changed the Static's height, and in Textual a height change costs the whole
screen a layout (every widget arranged, the sheet rendered twice: once to
measure, once to draw). On a page scroll that was half the time. Here the
sheet is rendered once at the pane's width into strips, and only the scroll
area's size changes; a layout happens only when the scrollbar appears or
goes (the text then needs a column less or more).

The sheets of the records shown last are kept, drawn, by record: paging back
up, or clearing a filter back to where the cursor was, shows them again
without reading the record or drawing it (10-40 ms a sheet at scale 1).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from rich.console import RenderableType
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize

from bioterm.widgets.private_api import resize_scroll_area
from bioterm.widgets.rich_lines import lines_at_least

SHEETS_KEPT = 64
"""Records whose sheets are kept: more than a page of rows."""
Drawings = dict[tuple[int, Style], list[Strip]]
"""A sheet drawn at each width and style asked for: with and without the
scrollbar's column, which alternate while the bar comes or goes, and per theme."""


class FactPane(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    FactPane { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: RenderableType = Text("")
        """What the pane shows (a Rich renderable), as given to `update` or `show`."""
        self._visual: Visual = visualize(self, self.content, markup=False)
        self._drawn: Drawings = {}
        self._sheets: LRUCache[Hashable, tuple[RenderableType, Visual, Drawings]] = (
            LRUCache(SHEETS_KEPT))
        self._shown: Hashable | None = None

    def update(self, content: RenderableType) -> None:
        """Show `content` from its first line."""
        self._show(content, visualize(self, content, markup=False), {})
        self._shown = None

    def show(self, record: Hashable, sheet: Callable[[], RenderableType]) -> None:
        """Show the sheet of `record` from its first line: `sheet()` unless it was
        shown since `forget` (and it is still on screen, or was lately)."""
        if record == self._shown:
            return
        kept = self._sheets.get(record)
        if kept is None:
            content = sheet()
            kept = (content, visualize(self, content, markup=False), {})
            self._sheets[record] = kept
        self._show(*kept)
        self._shown = record

    def forget(self) -> None:
        """The records changed: their sheets are read and drawn again when shown."""
        self._sheets.clear()
        self._shown = None

    def _show(self, content: RenderableType, visual: Visual, drawn: Drawings) -> None:
        self.content, self._visual, self._drawn = content, visual, drawn
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._fit()
        self.refresh()

    def on_resize(self) -> None:
        self._drawn.clear()
        self._fit()

    def _fit(self) -> None:
        """Draw at the width the text will have, and make the scroll area its height."""
        if not self.is_mounted or self.size.width <= 0:
            return
        width = self.size.width  # inside the padding, the scrollbar's column too
        narrow = max(1, width - self.styles.scrollbar_size_vertical)
        if lines_at_least(self.content, width) > self.size.height:
            width = narrow  # taller than the pane at any width: drawn once
        lines = self._draw(width)
        if width != narrow and len(lines) > self.size.height:
            width = narrow
            lines = self._draw(width)
        resize_scroll_area(self, Size(width, len(lines)))

    def _draw(self, width: int) -> list[Strip]:
        width = max(1, width)
        style = self.visual_style
        drawn = self._drawn.get((width, style))
        if drawn is None:
            # Not `crop_extend`: it caches its result on the strip, and a strip already
            # as wide is its own result, a cycle that only a full collection frees
            # once the sheet is let go (see private_api.divide_strips_without_self_reference).
            drawn = [strip.extend_cell_length(width, style.rich_style).crop(0, width)
                     for strip in Visual.to_strips(self, self._visual, width, None, style)]
            self._drawn[(width, style)] = drawn
        return drawn

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._draw(width)
        index = y + self.scroll_offset.y
        if 0 <= index < len(lines):
            return lines[index]
        return Strip.blank(width, self.visual_style.rich_style)
