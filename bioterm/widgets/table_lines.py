"""The pieces of a table body line that textual-fastdatatable works out per line.

A page scroll draws every visible row anew. The library looks up the
widget's style, the fixed and cursor-row component styles and the
background behind the table once for each line, each a walk up the DOM;
together that was a fifth of a page scroll's composite. `PaintStyles` holds
them for one paint. `visible_span` and `faded` are the library's own
column-visibility rule and fill style, written once so StoreTable can build
a line the way the library does (tests/ui/test_table_lines.py holds them to
the library's output, line for line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.style import Style
from textual.color import Color


@dataclass
class PaintStyles:
    """The styles every body line of one paint shares."""

    base: Style
    """The table's own style (what the library's `render_line` passes down)."""
    fixed: Style
    """Frozen columns' cells: the fixed component style, marked as fixed."""
    cursor_row: Style
    """The tint of the cursor's row."""
    background: Color
    """The background behind the table, which the fill after the last column fades to."""
    cell_styles: dict[tuple[bool, bool, bool], tuple[Style, Style]] = field(default_factory=dict)
    """A body cell's component and post styles by (fixed, cursor, hover), as the
    table works them out: they change only between paints."""
    _faded: dict[Style, Style] = field(default_factory=dict)
    _look: tuple[object, ...] | None = None

    def look(self) -> tuple[object, ...]:
        """Every style a body line is drawn with: a line drawn under the same look
        (and the same rows, place and state) is the same line, whatever restyled
        the table meanwhile; under a new theme, no line is found again."""
        if self._look is None:
            self._look = (self.base, self.fixed, self.cursor_row, self.background,
                          tuple(sorted(self.cell_styles.items())))
        return self._look

    def faded(self, row_style: Style) -> Style:
        """The fill after the last column for a row of `row_style`."""
        found = self._faded.get(row_style)
        if found is None:
            found = self._faded[row_style] = faded(row_style, self.background)
        return found


def faded(row_style: Style, background: Color) -> Style:
    """The library's fill style: the row's colour, its background a quarter
    of the way to the one behind the table."""
    color = Color.from_rich_color(row_style.bgcolor).blend(background, factor=0.25)
    return Style.from_color(color=row_style.color, bgcolor=color.rich_color)


def visible_span(widths: Sequence[int], first: int, x1: int,
                 visible_width: int) -> tuple[int, int, int]:
    """The first and last (inclusive) scrolling columns a line scrolled to `x1`
    shows, and the width of the columns hidden to their left.

    `widths` are the scrolling columns' (those after the frozen ones), the
    first of which has index `first`; the rule is the library's, step for
    step, so both draw the same columns."""
    cumulative = 0
    hidden = 0
    start = first
    for index, width in enumerate(widths, start=first):
        if cumulative < x1:
            start = index
            hidden = cumulative
        if cumulative - x1 > visible_width:
            return start, index, hidden
        cumulative += width
    return start, first + len(widths) - 1, hidden
