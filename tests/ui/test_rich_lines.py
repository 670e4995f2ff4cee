"""`lines_at_least` never says more lines than Rich draws: the pane trusts it to skip
a draw, so an overestimate would give a short sheet a scrollbar it does not need."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from bioterm.presentation.text_grid import TextGrid
from bioterm.widgets.rich_lines import lines_at_least

WORDS = st.text(st.sampled_from("ab 康方\n·-"), max_size=60)


@st.composite
def texts(draw: st.DrawFn) -> Text:
    return Text(draw(WORDS), no_wrap=draw(st.booleans()),
                overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])))


@st.composite
def grids(draw: st.DrawFn) -> Table:
    table = Table.grid(padding=(0, 1), expand=draw(st.booleans()))
    columns = draw(st.integers(1, 3))
    for _ in range(columns):
        table.add_column(no_wrap=draw(st.booleans()), ratio=draw(st.sampled_from([None, 1])),
                         width=draw(st.sampled_from([None, None, 3, 11])))
    for _ in range(draw(st.integers(0, 5))):
        table.add_row(*(draw(texts()) for _ in range(columns)))
    return table


@st.composite
def text_grids(draw: st.DrawFn) -> TextGrid:
    grid = TextGrid(expand=draw(st.booleans()), left_width=draw(st.sampled_from([None, 3, 11])))
    for _ in range(draw(st.integers(0, 5))):
        grid.add_row(draw(texts()), draw(texts()))
    return grid


RENDERABLES = st.recursive(st.one_of(texts(), grids(), text_grids()),
                           lambda inner: st.lists(inner, max_size=4).map(lambda p: Group(*p)),
                           max_leaves=8)


def drawn(renderable: RenderableType, width: int) -> int:
    console = Console(width=width, force_terminal=True)
    return len(console.render_lines(renderable, console.options.update_width(width), pad=True))


@settings(max_examples=1000, deadline=None)
@given(RENDERABLES, st.integers(1, 80))
def test_the_bound_is_never_above_the_lines_drawn(renderable: RenderableType, width: int) -> None:
    assert lines_at_least(renderable, width) <= drawn(renderable, width)


def test_wrapping_rows_count_toward_the_bound() -> None:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for n in range(4):
        table.add_row(Text(f"2024-0{n + 1}-01"), Text("word " * 20))
    sheet = Group(Text("Title"), table)
    # The dates keep their 10 cells, so 20 words of 4 cells have 30 a line, and
    # a space between two on a line: 6 words at most, so 4 lines a row.
    assert lines_at_least(sheet, 40) == 1 + 4 * 4
    assert lines_at_least(sheet, 40) <= drawn(sheet, 40)


def test_what_it_cannot_tell_counts_for_nothing() -> None:
    assert lines_at_least(Text("runs on", end=""), 10) == 0
    assert lines_at_least(Group(Text("a"), Text("b", end=""), Text("c")), 10) == 2
