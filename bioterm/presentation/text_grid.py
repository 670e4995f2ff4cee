"""Two columns of Text drawn as Rich's `Table.grid(padding=(0, 1))` draws them, faster.

Every detail pane is a sheet of such grids: labels and values, dates and
rounds, numbers and sources. Rich's table measures every cell of every
column and wraps each in a Padding before it draws; for an investor's twenty
rounds that was 40% of the pane's draw (5.1 of a 3.2 ms draw without it).
Here the two column widths come from the cells' widest lines, by the same
rules the table applies to this shape of grid (the first column never wraps
and keeps its width, the second takes what is left), and each cell is drawn
once. Any width those rules do not cover (a pane narrower than the first
column) is drawn by the Rich table itself, as are measurements; a property
test holds the two to the same cells and styles.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

GAP = 1
"""Cells between the columns: the table's padding (0, 1), collapsed, no outer edge."""


class TextGrid:
    def __init__(self, *, expand: bool = False, left_width: int | None = None,
                 left_style: str = "", right_overflow: str = "ellipsis") -> None:
        """`expand`: the second column takes the whole width (the table's `expand`);
        `left_width`: the first column's fixed width, else its widest line."""
        self.expand = expand
        self.left_width = left_width
        self.left_style = left_style
        self.right_overflow = right_overflow
        self.rows: list[tuple[Text, Text]] = []

    def add_row(self, left: Text, right: Text) -> None:
        self.rows.append((left, right))

    def table(self) -> Table:
        """The Rich table this grid draws as."""
        table = Table.grid(padding=(0, GAP), expand=self.expand)
        table.add_column(no_wrap=True, width=self.left_width, style=self.left_style or None)
        table.add_column(ratio=1, overflow=self.right_overflow)  # type: ignore[arg-type]
        for left, right in self.rows:
            table.add_row(left, right)
        return table

    def widths(self, max_width: int) -> tuple[int, int] | None:
        """Both columns' widths, the first with the gap; None where the table
        would squeeze its first column (or has no rows to measure)."""
        if not self.rows or max_width < 2:
            return None
        if self.left_width is not None:
            left = self.left_width + GAP
        else:
            left = GAP + max(_widest_line(cell) for cell, _ in self.rows)
        left = min(left, max_width)
        room = max_width - left
        if room < 1:
            return None
        if self.expand:
            return left, room
        right = max(min(_widest_line(cell), max_width) for _, cell in self.rows) or 1
        return left, min(right, room)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        if widths is None:
            yield self.table()
            return
        left_width, right_width = widths
        left_style = console.get_style(self.left_style)
        right_style = Style.null()
        left_options = options.update(width=left_width - GAP, justify="left", no_wrap=True,
                                      overflow="ellipsis", height=None, highlight=False)
        right_options = options.update(width=right_width, justify="left", no_wrap=False,
                                       overflow=self.right_overflow,  # type: ignore[arg-type]
                                       height=None, highlight=False)
        gap = Segment(" " * GAP, left_style)
        left_blank = Segment(" " * left_width, left_style)
        right_blank = Segment(" " * right_width, right_style)
        new_line = Segment.line()
        render_lines = console.render_lines
        for left, right in self.rows:
            left_lines = render_lines(left, left_options, style=left_style)
            right_lines = render_lines(right, right_options, style=right_style)
            for at in range(max(len(left_lines), len(right_lines))):
                if at < len(left_lines):
                    yield from left_lines[at]
                    yield gap
                else:
                    yield left_blank
                if at < len(right_lines):
                    yield from right_lines[at]
                else:
                    yield right_blank
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def _widest_line(cell: Text) -> int:
    """The widest line as Rich measures a Text (lines split as `str.splitlines`)."""
    return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
