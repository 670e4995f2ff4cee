"""The private members of Textual and textual-fastdatatable that bioterm relies on.

Each is used here and nowhere else, so an upgrade that moves one breaks one
small module; pyproject.toml bounds both libraries to compatible releases
of the versions these calls were written against. (StoreTable also overrides
DataTable's `_get_row_style` and `_render_cell`, the only hooks for tinting
the cursor's row in lines the library draws, and `_render_line`, the only hook
for drawing a line; and it calls the library's `_render_cell` for a cell it
does not draw itself. SizedInput overrides Input's `_watch_value`, the only
place its text changes, to leave out the layout it asks for there.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._context import NoActiveAppError, active_app

if TYPE_CHECKING:
    # Not at run time: screens import this module, and the table brings pyarrow.
    from textual.app import App
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.widget import Widget
    from textual_fastdatatable import DataTable


def running_app() -> App[Any] | None:
    """The app whose context this code runs in, if any.

    Textual has `Widget.app`, but no public way to reach the app before a
    screen exists (a screen's constructor choosing its breakpoint classes).
    """
    try:
        return active_app.get()
    except (LookupError, NoActiveAppError):
        return None


def redraw_rows(table: DataTable) -> None:
    """Forget every cached line and measure again after the backend changed.

    textual-fastdatatable has no public "the data changed" call; these are the
    steps its own `backend` setter runs.
    """
    table._update_count += 1
    table._clear_caches()
    measure_rows(table)


def measure_rows(table: DataTable) -> None:
    """The table's scrollable size from its columns and row count: the library's
    `_update_dimensions([])` (no new rows to measure), without the screen-wide
    layout its `virtual_size` asks for, when the table's own size is set by its
    container and cannot depend on its rows (the list screens' `1fr` table:
    a new filter, sort or count then costs no layout)."""
    from textual.geometry import Size

    width, height = table.styles.width, table.styles.height
    if width is None or width.is_auto or height is None or height.is_auto:
        table._update_dimensions([])
        return
    columns = sum(column.render_width for column in table.ordered_columns)
    header = table.header_height if table.show_header else 0
    resize_scroll_area(table, Size(columns + table._row_label_column_width,
                                   table._total_row_height + header))


def set_column_labels(table: DataTable, labels: Sequence[str | Text]) -> None:
    """Replace the header labels in place (there is no public setter)."""
    table._column_labels = list(labels)
    table._ordered_columns = None
    table._update_count += 1
    table._clear_caches()


def use_legible_monochrome(app: App[Any]) -> None:
    """Under NO_COLOR, draw with `LegibleMonochrome` instead of Textual's Monochrome.

    Textual chooses its NO_COLOR filter in `App.__init__` and keeps it in the
    private `_filters` list; there is no public way to choose another.
    """
    from textual.filter import Monochrome

    from bioterm.widgets.no_color import LegibleMonochrome

    filters = app._filters
    for index, found in enumerate(filters):
        if isinstance(found, Monochrome):
            filters[index] = LegibleMonochrome()


def set_column_widths(table: DataTable, widths: Sequence[int]) -> None:
    """Give the columns new widths in place and measure the table again.

    The widths are given once, to the constructor; the steps are those of
    `set_column_labels`, then the virtual size follows (`measure_rows`).
    """
    table._column_widths = list(widths)
    table._ordered_columns = None
    table._update_count += 1
    table._clear_caches()
    measure_rows(table)


def line_state(table: DataTable) -> tuple[Any, ...]:
    """What, besides the rows and its own row's cursor and hover, a line's drawing
    depends on: the widget's focus and hover state, and whether the hover cursor
    shows; as in the library's own line cache key."""
    return (table._pseudo_class_state, table._show_hover_cursor)


def crop_line(segments: list[Segment], start: int, end: int, total: int) -> list[Segment]:
    """Segments cropped to the cells from `start` to `end` of a line `total` cells
    wide: the library's `line_crop` (Textual's), so a line comes out as its own."""
    from textual._segment_tools import line_crop

    return line_crop(segments, start, end, total)


def body_cell_styles(table: DataTable, *, fixed: bool, cursor: bool, hover: bool,
                     in_range: bool) -> tuple[Style, Style]:
    """The component style and the post style DataTable gives a body cell (not a
    header or a row label) in this state, from its own memoised rule."""
    return table._get_styles_to_render_cell(
        False, False, fixed, hover, cursor, in_range, table.show_cursor,
        table._show_hover_cursor, table.cursor_type == "range",
        table.cursor_foreground_priority == "css", table.cursor_background_priority == "css",
    )


def resize_scroll_area(widget: Widget, size: Size) -> None:
    """Give a scrolling widget a new virtual size without a layout of the screen.

    Textual's `virtual_size` reactive always asks for a layout; `_scroll_update`
    is the part of a layout that concerns the widget's own scrollbars (their
    thumbs, and whether they show: a scrollbar appearing or going still asks
    for a layout, through its own reactive).
    """
    from textual.widget import Widget

    if size == widget.virtual_size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


def mark_styles_current(screen: Screen[Any]) -> None:
    """Tell Textual a screen made this moment needs no stylesheet refresh.

    A new screen starts with `_css_update_count = -1`, so Textual's `switch_mode`
    re-parses every CSS source and restyles every node (a third of a first
    switch to a list), twice, and once more on the second visit, since the
    count is only copied to a screen already mounted. The refresh is there for
    screens made before a theme change; one made now is styled, as its widgets
    are registered, by the stylesheet as it is.
    """
    app = running_app()
    if app is not None:
        screen._css_update_count = app._css_update_count


def build_mode(app: App[Any], mode: str) -> None:
    """Make a mode's screen (composed, mounted, loaded) without showing it.

    `switch_mode` builds a mode's first screen as it shows it; `_init_mode` is
    the part that builds it, and leaves a mode already built alone.
    """
    if mode not in app._screen_stacks:
        app._init_mode(mode)


def divide_strips_without_self_reference() -> None:
    """Textual's `Strip.divide` caches its result on the strip, and a strip the
    compositor does not cut is its own result: a strip that refers to itself,
    which only a full garbage collection frees. Every line drawn fresh for a
    frame and not cut (a scrollbar's, a cell of the screen's edge) became such
    garbage: 16,500 objects per 20 Investors pages, 180 MB after 200 pages with
    full collections ten times rarer (134 MB without the cycle). The uncut case
    is answered without the cache; the cut case, as before."""
    from textual.strip import Strip

    library_divide = Strip.divide
    if getattr(library_divide, "keeps_no_self_reference", False):
        return

    def divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
        wanted = [cut for cut in cuts if cut <= self.cell_length]
        if wanted == [self.cell_length]:
            return [self]
        return library_divide(self, wanted)

    divide.keeps_no_self_reference = True  # type: ignore[attr-defined]
    Strip.divide = divide  # type: ignore[method-assign]
