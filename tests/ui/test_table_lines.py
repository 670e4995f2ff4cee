"""The table draws each body line exactly as textual-fastdatatable would.

StoreTable builds its lines itself (looking styles up once per paint, and
caching a line by its own row's state only); a line that came out different
from the library's would be a change a user sees. Each case here draws every
visible line both ways, on a real list screen, in the states a user reaches:
the cursor on and off the row, on a frozen and a scrolling column, scrolled
sideways, hovered, focused and not, sorted, under another theme, at two
sizes; the header too, which the table keeps while only the rows change.
"""

from __future__ import annotations

from typing import Any

import pytest
from pilot_helpers import AppFactory, run, settle, table_of
from rich.segment import Segment
from rich.style import Style
from textual.coordinate import Coordinate
from textual.widgets import Input
from textual_fastdatatable import DataTable

from bioterm.widgets.store_table import StoreTable
from bioterm.widgets.table_lines import faded, visible_span


def _both_ways(table: StoreTable) -> list[tuple[int, list[Segment], list[Segment]]]:
    """Each visible body line, drawn by StoreTable and by the library."""
    base = table.rich_style
    x1 = int(table.scroll_x)
    x2 = x1 + table.size.width
    top = int(table.scroll_y) + 1
    out = []
    for y in [0, *range(top, top + table.size.height - 1)]:  # the header, then the body
        ours = list(table._render_line(y, x1, x2, base))
        library = list(DataTable._render_line(table, y, x1, x2, base))
        out.append((y, ours, library))
    return out


def _assert_same(table: StoreTable, state: str) -> None:
    lines = _both_ways(table)
    assert lines, state
    for y, ours, library in lines:
        assert ours == library, f"{state}: line {y} differs"


async def _states(pilot: Any, screen_key: str) -> int:
    await pilot.press(screen_key)
    await settle(pilot)
    table = table_of(pilot.app)
    table.focus()
    await settle(pilot)
    checked = 0
    last_row = max(0, table.row_count - 1)
    for row, column in [(0, 0), (1, 1), (3, 0), (last_row, 2), (2, len(table.display_columns) - 1)]:
        table.cursor_coordinate = Coordinate(min(row, last_row), column)
        await settle(pilot)
        _assert_same(table, f"{screen_key}: cursor at {row},{column}")
        checked += 1
        table.hover_coordinate = Coordinate(min(row + 1, last_row), 1)
        _assert_same(table, f"{screen_key}: hover beside the cursor at {row},{column}")
        checked += 1
    for x in (3, 17, int(table.max_scroll_x)):
        table.scroll_to(x=x, animate=False, immediate=True)
        await settle(pilot)
        _assert_same(table, f"{screen_key}: scrolled to x={x}")
        checked += 1
    await pilot.press("s")  # new rows, and a sort mark in the header
    await settle(pilot)
    _assert_same(table, f"{screen_key}: sorted")
    pilot.app.screen.query_one("#filter", Input).focus()
    await settle(pilot)
    _assert_same(table, f"{screen_key}: table not focused")
    before = _both_ways(table)
    pilot.app.theme = "textual-light"  # every colour changes: no line may be kept
    await settle(pilot)
    _assert_same(table, f"{screen_key}: another theme")
    assert _both_ways(table) != before
    return checked + 3


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("screen_key", ["2", "3", "4", "6"])
def test_every_body_line_is_the_librarys(make_app: AppFactory, screen_key: str,
                                         size: tuple[int, int]) -> None:
    async def scenario() -> int:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            return await _states(pilot, screen_key)

    assert run(scenario()) == 16


def test_the_visible_span_follows_the_scroll() -> None:
    widths = [10, 20, 30, 40]
    assert visible_span(widths, 1, 0, 35) == (1, 4, 0)
    assert visible_span(widths, 1, 15, 35) == (2, 4, 10)
    assert visible_span(widths, 1, 31, 20) == (3, 4, 30)
    assert visible_span(widths, 0, 0, 5) == (0, 1, 0)


def test_the_fill_fades_towards_the_background() -> None:
    from textual.color import Color

    fill = faded(Style(color="#ffffff", bgcolor="#000000"), Color.parse("#808080"))
    assert fill.color is not None and fill.color.triplet == (255, 255, 255)
    assert fill.bgcolor is not None and fill.bgcolor.triplet == (32, 32, 32)
