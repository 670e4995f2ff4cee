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
        self._strips: list[Strip] = []
        self._drawn_width = -1

    def update(self, content: RenderableType) -> None:
        """Show `content` from its first line."""
        self.content = content
        self._visual = visualize(self, content, markup=False)
        self._drawn_width = -1
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._fit()
        self.refresh()

    def on_resize(self) -> None:
        self._drawn_width = -1
        self._fit()

    def _fit(self) -> None:
        """Draw at the width the text will have, and make the scroll area its height."""
        if not self.is_mounted or self.size.width <= 0:
            return
        room = self.size.width  # inside the padding, the scrollbar's column included
        lines = self._draw(room)
        if len(lines) > self.size.height:
            lines = self._draw(room - self.styles.scrollbar_size_vertical)
        resize_scroll_area(self, Size(self._drawn_width, len(lines)))

    def _draw(self, width: int) -> list[Strip]:
        if width != self._drawn_width:
            width = max(1, width)
            style = self.visual_style
            self._strips = [strip.crop_extend(0, width, style.rich_style)
                            for strip in Visual.to_strips(self, self._visual, width, None, style)]
            self._drawn_width = width
        return self._strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._draw(width)
        index = y + self.scroll_offset.y
        if 0 <= index < len(lines):
            return lines[index]
        return Strip.blank(width, self.visual_style.rich_style)
