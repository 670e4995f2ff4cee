"""How many lines a Rich renderable takes at least at a width, without drawing it.

The detail pane draws its sheet at full width and, when that is taller than
the pane, again a column narrower for the scrollbar. An investor's sheet
lists twenty rounds in a wrapping table, so each Investors page drew it twice
(~5 ms a draw at scale 1). A sheet that must be taller than the pane at full
width goes straight to the narrow draw, with the same result.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Column, Table
from rich.text import Text

from bioterm.presentation.text_grid import TextGrid


def lines_at_least(renderable: RenderableType, width: int, *, wraps: bool = True) -> int:
    """A lower bound on the lines `renderable` takes drawn `width` cells wide (0
    when unknown); `wraps` False for text that is cropped rather than wrapped."""
    if isinstance(renderable, str):
        renderable = Text(renderable)
    if isinstance(renderable, Text):
        if renderable.end != "\n":
            return 0  # the next renderable may go on in the same line
        lines = renderable.plain.rstrip("\n").split("\n")
        if not wraps or renderable.no_wrap or width < 2:
            return len(lines)
        return sum(_wrapped(line, width) for line in lines)
    if isinstance(renderable, Group):
        return sum(lines_at_least(part, width) for part in renderable.renderables)
    if isinstance(renderable, TextGrid):
        renderable = renderable.table()  # drawn as that table is
    if isinstance(renderable, Table):
        return _table_lines(renderable, width)
    return 0


def _wrapped(line: str, width: int) -> int:
    """Lines of `width` cells that the words of `line` fill at least: a word too
    long for a line is folded or cropped to it, and spaces may fall at breaks,
    so only the words' cells, each at most `width`, are sure to need room, and
    a space between two words that share a line. (Below two cells a
    double-width character is cropped onto a line of its own.)"""
    words = line.split()
    cells = sum(min(cell_len(word), width) for word in words)
    # A line of k words holds k - 1 spaces too: over L lines, the words' cells
    # plus (words - L) spaces fit in L * width cells.
    return max(1, -(-cells // width), -(-(cells + len(words)) // (width + 1)))


def _table_lines(table: Table, width: int) -> int:
    header = 1 if table.show_header and table.columns else 0
    columns = [(list(column.cells), not column.no_wrap) for column in table.columns]
    if not _fits(table, columns, width):
        # Rich narrows columns below their words, or drops them, to fit: only
        # the rows themselves are sure to take a line each.
        return header + len(table.rows)
    # A table that fits keeps its unwrapped columns whole (Rich narrows only the
    # wrapping ones), so those leave the wrapping columns this much at most.
    room = max(1, width - sum(_kept_width(column) for column in table.columns))
    total = header
    for row in range(len(table.rows)):
        # A row is as tall as its tallest cell.
        total += max([1, *(lines_at_least(cells[row], room if wraps else width, wraps=wraps)
                           for cells, wraps in columns if row < len(cells))])
    return total


def _kept_width(column: Column) -> int:
    """The cells an unwrapped column keeps when its table fits: its fixed width, or
    its widest line; none is sure of a column that wraps or shares the spare room."""
    if not column.no_wrap or column.ratio is not None:
        return 0
    if column.width is not None:
        return column.width
    return max([0, *(cell_len(line) for cell in column.cells if isinstance(cell, Text)
                     for line in cell.plain.split("\n"))])


def _fits(table: Table, columns: list[tuple[list[RenderableType], bool]], width: int) -> bool:
    """Whether every column gets its longest word at least (the width Rich
    measures as its minimum) or its fixed width, with padding on both sides of
    every column."""
    _, right, _, left = table.padding
    needed = 0
    for column, (cells, wraps) in zip(table.columns, columns, strict=True):
        widest = column.width or 0
        for cell in cells:
            if not isinstance(cell, Text):
                return False
            pieces = cell.plain.split() if wraps and not cell.no_wrap else \
                cell.plain.split("\n")
            widest = max([widest, *(cell_len(piece) for piece in pieces)])
        needed += widest + left + right
    return needed <= width
