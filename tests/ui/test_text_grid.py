"""A TextGrid draws what Rich's `Table.grid(padding=(0, 1))` draws for the same rows:
every cell's character and style, at every width, with spans, wide characters,
line breaks and words longer than the column."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from bioterm.presentation.text_grid import TextGrid

CHARACTERS = st.sampled_from(["a", "b", " ", " ", "康", "方", "\n", "·", "-", "x" * 14, "\t"])
STYLES = st.sampled_from(["", "dim", "bold", "italic yellow", "underline"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    text = Text(style=draw(STYLES))
    for _ in range(draw(st.integers(0, 4))):
        text.append("".join(draw(st.lists(CHARACTERS, max_size=12))), style=draw(STYLES))
    return text


@st.composite
def grids(draw: st.DrawFn) -> TextGrid:
    grid = TextGrid(expand=draw(st.booleans()),
                    left_width=draw(st.sampled_from([None, None, 1, 4, 11])),
                    left_style=draw(STYLES),
                    right_overflow=draw(st.sampled_from(["ellipsis", "fold", "crop"])))
    for _ in range(draw(st.integers(0, 6))):
        grid.add_row(draw(texts()), draw(texts()))
    return grid


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, Style | None]]]:
    """Each drawn line as (character, style) pairs: the same picture, however the
    segments are cut."""
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    lines = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return [[(ch, seg.style) for seg in line for ch in seg.text] for line in lines]


@settings(max_examples=1500, deadline=None)
@given(grids(), st.integers(1, 90))
def test_it_draws_what_the_rich_grid_draws(grid: TextGrid, width: int) -> None:
    assert cells(grid, width) == cells(grid.table(), width)


@settings(max_examples=300, deadline=None)
@given(grids(), st.integers(1, 90))
def test_inside_a_sheet_too(grid: TextGrid, width: int) -> None:
    assert cells(Group(Text("Title"), grid, Text("end")), width) == \
        cells(Group(Text("Title"), grid.table(), Text("end")), width)


@settings(max_examples=300, deadline=None)
@given(grids(), st.integers(1, 90))
def test_it_measures_as_the_rich_grid(grid: TextGrid, width: int) -> None:
    console = Console(width=width)
    options = console.options.update_width(width)
    assert Measurement.get(console, options, grid) == \
        Measurement.get(console, options, grid.table())


def test_the_value_column_takes_what_the_labels_leave() -> None:
    grid = TextGrid(expand=True, left_width=11, left_style="dim", right_overflow="fold")
    grid.add_row(Text("Rounds"), Text("1,204 joined, 310 led"))
    grid.add_row(Text("About"), Text("word " * 12))
    assert grid.widths(40) == (12, 28)
    lines = ["".join(ch for ch, _ in line) for line in cells(grid, 40)]
    assert lines[0] == "Rounds      1,204 joined, 310 led       "
    assert lines[1].startswith("About       word word")
    assert len(lines) == 4  # the 60 cells of words wrap onto three lines of 28
    # The label column is dim, its gap too; the values are not.
    console = Console(width=40, force_terminal=True)
    first = console.render_lines(grid, console.options.update_width(40))[0]
    assert Segment(" ", console.get_style("dim")) in first
