"""The list screens' detail pane: a fact sheet drawn once per record, served a line at a time.

A `Static` inside a `VerticalScroll` drew the same sheet, but each new record
changed the Static's height, and in Textual a height change costs the whole
screen a layout (every widget arranged, the sheet rendered twice: once to
measure, once to draw). On a page scroll that was half the time. Here the
sheet is rendered once at the pane's width into strips, and only the scroll
area's size changes; a layout happens only when the scrollbar appears or
goes (the text then needs a column less or more).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from bioterm.widgets.private_api import resize_scroll_area


class FactPane(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    FactPane { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: RenderableType = Text("")
        """What the pane shows (a Rich renderable), as given to `update`."""
        self._visual: Visual = visualize(self, self.content, markup=False)
        self._drawn: dict[int, list[Strip]] = {}
        """The sheet drawn at each width asked for since it changed: with and
        without the scrollbar's column, which alternate while the bar comes or goes."""

    def update(self, content: RenderableType) -> None:
        """Show `content` from its first line."""
        self.content = content
        self._visual = visualize(self, content, markup=False)
        self._drawn.clear()
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
        lines = self._draw(width)
        if len(lines) > self.size.height:
            width = max(1, width - self.styles.scrollbar_size_vertical)
            lines = self._draw(width)
        resize_scroll_area(self, Size(width, len(lines)))

    def _draw(self, width: int) -> list[Strip]:
        width = max(1, width)
        drawn = self._drawn.get(width)
        if drawn is None:
            style = self.visual_style
            drawn = [strip.crop_extend(0, width, style.rich_style)
                     for strip in Visual.to_strips(self, self._visual, width, None, style)]
            self._drawn[width] = drawn
        return drawn

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._draw(width)
        index = y + self.scroll_offset.y
        if 0 <= index < len(lines):
            return lines[index]
        return Strip.blank(width, self.visual_style.rich_style)
