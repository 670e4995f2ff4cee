"""How wide each of a table's columns is drawn, given the room and the values in view."""

from __future__ import annotations

from collections.abc import Sequence

from bioterm.presentation.columns import DisplayColumn
from bioterm.widgets.cell_render import CELL_PADDING

MAX_GROWN_WIDTH = 60
"""No column widens past this: one absurd name must not take the whole table."""


def fitted_widths(columns: Sequence[DisplayColumn], longest: Sequence[int], room: int,
                  first: int = 0) -> list[int]:
    """Each column's width: its declared one, widened (growing columns only, the one
    at `first` before the rest, then left to right) towards its `longest` value while
    the columns fit in `room` cells.

    The key column at `first` says which record a row is, so it widens even when
    the others then scroll sideways, while the frozen columns (it and those
    before it) take no more than a third of the room."""
    widths = [c.width for c in columns]
    if 0 <= first < len(columns) and columns[first].grows:
        before = sum(w + CELL_PADDING for w in widths[:first])
        widths[first] = max(widths[first], min(longest[first], MAX_GROWN_WIDTH,
                                                room // 3 - before - CELL_PADDING))
    spare = room - sum(w + CELL_PADDING for w in widths)
    order = [first, *(i for i in range(len(columns)) if i != first)]
    for index in order:
        if spare <= 0:
            break
        if index >= len(columns) or not columns[index].grows:
            continue
        wanted = min(longest[index], MAX_GROWN_WIDTH) - widths[index]
        if wanted > 0:
            grown = min(wanted, spare)
            widths[index] += grown
            spare -= grown
    return widths
