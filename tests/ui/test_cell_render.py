"""The table's own cell drawing matches textual-fastdatatable's, segment for segment.

`render_text_cell` replaces the library's Rich pipeline for one-line text
cells (the cost of a page scroll); if it ever drew a cell differently, a
user would see it. Each case is compared with the library's exact recipe:
`Styled(Padding(cell, (0, 1)), pre, post)` rendered one line high.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled

from bioterm.widgets.cell_render import CellLooks, covers, render_text_cell

CONSOLE = Console(width=200, color_system="truecolor", legacy_windows=False)
STYLES = st.sampled_from([
    Style(), Style(bold=True), Style(color="red"), Style(bgcolor="#203040"),
    Style(color="green", bgcolor="blue", italic=True), Style.from_meta({"row": 3, "column": 1}),
])
WORDS = st.text(alphabet=st.sampled_from([*"abc XYZ-·✓▁▃▅▇康方生物", "\u0301"]),
                max_size=40)


def library_line(text: Text, width: int, pre: Style, post: Style) -> list[Segment]:
    options = CONSOLE.options.update_dimensions(width, 1)
    return CONSOLE.render_lines(Styled(Padding(text, (0, 1)), pre_style=pre, post_style=post),
                                options)[0]


def simplified(segments: list[Segment]) -> list[Segment]:
    return list(Segment.simplify(segments))


@settings(max_examples=600, deadline=None)
@given(plain=WORDS, width=st.integers(3, 40),
       justify=st.sampled_from(["left", "right", "center", "full", None]),
       overflow=st.sampled_from(["ellipsis", "crop", "fold", "ignore", None]),
       no_wrap=st.sampled_from([True, False, None]), own=STYLES, span=STYLES,
       pre=STYLES, post=STYLES)
def test_a_text_cell_is_drawn_as_the_library_draws_it(
        plain: str, width: int, justify: str | None, overflow: str | None,
        no_wrap: bool | None, own: Style, span: Style, pre: Style, post: Style) -> None:
    text = Text(plain, style=own, justify=justify, overflow=overflow,  # type: ignore[arg-type]
                no_wrap=no_wrap, end="")
    if len(plain) > 2:
        text.stylize(span, 1, len(plain) // 2)
    ours = render_text_cell(CONSOLE, text, width, pre, post)
    assert ours is not None
    assert simplified(ours) == simplified(library_line(text, width, pre, post))
    assert Segment.get_line_length(ours) == width


UNPLACED = st.sampled_from([  # no meta: a cell's place is the only meta it gets
    Style(), Style(bold=True), Style(color="red"), Style(bgcolor="#203040"),
    Style(color="green", bgcolor="blue", italic=True)])
LOOKS = CellLooks(kept=64)  # shared across examples, so drawings are found again


@settings(max_examples=400, deadline=None)
@given(plain=st.sampled_from(["Phase 3", "Approved", "康方生物", "a much longer name than fits"]),
       width=st.integers(3, 16), justify=st.sampled_from(["left", "center", None]),
       own=UNPLACED, base=UNPLACED, component=UNPLACED, post=UNPLACED,
       row=st.integers(0, 3), column=st.integers(0, 2))
def test_a_cell_drawn_once_per_look_is_the_librarys_in_every_place(
        plain: str, width: int, justify: str | None, own: Style, base: Style,
        component: Style, post: Style, row: int, column: int) -> None:
    """The library's pre style is base + place + component; drawn once without the
    place and given it after, each cell must still be the library's."""
    text = Text(plain, style=own, justify=justify, no_wrap=True,  # type: ignore[arg-type]
                overflow="ellipsis", end="")
    place = Style.from_meta({"row": row, "column": column})
    ours = LOOKS.draw(CONSOLE, text, width, base + component, post, place)
    assert ours is not None
    library = library_line(text, width, base + place + component, post)
    assert simplified(ours) == simplified(library)
    assert all(segment.style is not None and segment.style.meta == {"row": row, "column": column}
               for segment in ours)


def test_the_table_cells_it_covers_are_one_line_text() -> None:
    assert covers(Text("Ivonescimab"))
    assert not covers(Text("two\nlines"))
    assert not covers(Text("a\ttab"))
    assert not covers("a plain string")


def test_a_cell_too_narrow_for_any_text_is_left_to_the_library() -> None:
    assert render_text_cell(CONSOLE, Text("x"), 2, Style(), Style()) is None
