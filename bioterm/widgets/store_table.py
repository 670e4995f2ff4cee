"""The list screens' table: textual-fastdatatable over a `StoreBackend`.

A cell cursor (so `s` knows which column to sort by) with the cursor's whole
row tinted (so it still reads as "this record"). Data is never markup:
`render_markup=False`, and every cell is already a literal `Text`.

The columns up to the key column (a name, a recipient) are frozen, so a row
still says which record it is when the table scrolls sideways; and when the
table is wider than its columns need, text columns widen to the longest
value in view instead of cutting it (`fit_widths`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.message import Message
from textual_fastdatatable import DataTable

from bioterm import bindings
from bioterm.presentation.columns import DisplayColumn, RowSource, TableRow
from bioterm.widgets import private_api
from bioterm.widgets.cell_render import CELL_PADDING, covers, render_text_cell
from bioterm.widgets.private_api import redraw_rows, set_column_labels, set_column_widths
from bioterm.widgets.store_backend import StoreBackend

SORT_MARKS = {False: " ▲", True: " ▼"}
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


class StoreTable(DataTable, inherit_bindings=False):
    BINDINGS = bindings.TABLE

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {"datatable--cursor-row"}

    DEFAULT_CSS = """
    StoreTable { height: 1fr; max-height: 100%; }
    StoreTable > .datatable--cursor-row { background: $secondary 20%; }
    StoreTable:focus > .datatable--cursor-row { background: $secondary 30%; }
    StoreTable > .datatable--fixed { background: $primary 12%; }
    """

    class OpenRow(Message):
        """enter or a double click on a row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class SortColumn(Message):
        """`s` or a click on a column header."""

        def __init__(self, column_index: int) -> None:
            super().__init__()
            self.column_index = column_index

    class RowChanged(Message):
        """The cursor is on another record (or the rows under it changed)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, source: RowSource, columns: Sequence[DisplayColumn], *,
                 key_column: str | None = None, id: str | None = None) -> None:
        """`key_column`: the key of the column frozen (with those before it) when
        the table scrolls sideways."""
        self.display_columns = tuple(columns)
        self.key_column = key_column
        self.store_backend = StoreBackend(
            source, [c.label for c in columns], [c.width for c in columns]
        )
        super().__init__(
            backend=self.store_backend,
            column_labels=[Text(c.label) for c in columns],
            column_widths=[c.width for c in columns],
            cursor_type="cell",
            render_markup=False,
            show_row_labels=False,
            fixed_columns=self._frozen_count(),
            id=id,
        )
        self._last_key: str | None = None
        self._widths = [c.width for c in columns]
        self._longest = [0 for _ in columns]
        """The widest cell of each column seen in view since the rows last changed:
        widths only grow while scrolling through one answer, so columns never jump back."""

    def _frozen_count(self) -> int:
        keys = [c.key for c in self.display_columns]
        return keys.index(self.key_column) + 1 if self.key_column in keys else 0

    def set_columns(self, source: RowSource, columns: Sequence[DisplayColumn]) -> None:
        """Show other columns (the user's choice), with `source` giving their cells."""
        self.display_columns = tuple(columns)
        self.store_backend.set_columns([c.label for c in columns], [c.width for c in columns])
        self.store_backend.set_source(source)
        redraw_rows(self)
        self._widths = [c.width for c in columns]
        self._longest = [0 for _ in columns]
        self.fixed_columns = self._frozen_count()
        set_column_labels(self, [Text(c.label) for c in columns])
        set_column_widths(self, self._widths)
        self.cursor_coordinate = Coordinate(0, 0)
        self.scroll_to(x=0, y=0, animate=False)
        self.fit_widths()
        self._announce_row(force=True)

    # -- widths -----------------------------------------------------------------

    def fit_widths(self) -> None:
        """Widen text columns into the room the table has, up to the longest value
        in view (the rows on screen), so names are not cut when they need not be."""
        room = self.scrollable_content_region.width
        if room <= 0:
            return
        top = int(self.scroll_y)
        longest = self._longest
        for index in range(top, min(self.row_count, top + max(self.size.height, 1))):
            row = self.store_backend.row_at(index)
            if row is None:
                continue
            for column, cell_text in enumerate(row.cells[:len(longest)]):
                longest[column] = max(longest[column], cell_text.cell_len)
        first = self._frozen_count() - 1
        widths = fitted_widths(self.display_columns, longest, room, max(first, 0))
        if widths != self._widths:
            self._widths = widths
            set_column_widths(self, widths)
            self.refresh()

    def on_resize(self) -> None:
        self.fit_widths()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if int(old_value) != int(new_value):
            self.fit_widths()  # rows further down may hold longer names

    # -- data -----------------------------------------------------------------

    def show_source(
        self, source: RowSource | None = None, *, keep_row: bool = False,
        keep_column: bool = False,
        count: int | None = None, first_page: list[TableRow] | None = None,
    ) -> None:
        """Point the table at new rows (new filter, sort, or data) and repaint.

        New rows start at the top left, unless `keep_row` (the same query read
        again) or `keep_column` (a new sort: the sorted column stays under the
        cursor, so `s` again reverses it)."""
        if source is None:
            self.store_backend.reload()
        else:
            self.store_backend.set_source(source, count, first_page)
        redraw_rows(self)
        row = self.cursor_row if keep_row else 0
        row = max(0, min(row, self.row_count - 1))
        column = max(0, min(self.cursor_column, len(self.display_columns) - 1))
        if not keep_row:
            self._longest = [0 for _ in self.display_columns]
        if not keep_row and not keep_column:
            column = 0  # a new filter shows its rows from the left
        self.cursor_coordinate = Coordinate(row, column)
        if not keep_row:
            self.scroll_to(x=None if keep_column else 0, y=0, animate=False)
        self.fit_widths()
        self.refresh()
        self._announce_row(force=True)

    def set_row_count(self, count: int) -> None:
        """Take the exact count once it is known, keeping the cursor where it is."""
        self.store_backend.set_count(count)
        redraw_rows(self)
        self.fit_widths()
        self.refresh()
        self._announce_row(force=True)

    def relabel(self, columns: Sequence[DisplayColumn]) -> None:
        """The same columns under new headers (set_sort_marker redraws them)."""
        self.display_columns = tuple(columns)

    def set_sort_marker(self, sort_key: str | None, descending: bool) -> None:
        labels: list[str | Text] = []
        for column in self.display_columns:
            label = column.label
            if sort_key is not None and column.sort == sort_key:
                label += SORT_MARKS[descending]
            labels.append(Text(label))
        set_column_labels(self, labels)
        self.refresh()

    @property
    def current_key(self) -> str | None:
        return self.store_backend.key_at(self.cursor_row)

    def _announce_row(self, force: bool = False) -> None:
        key = self.current_key
        if force or key != self._last_key:
            self._last_key = key
            self.post_message(self.RowChanged(key))

    # -- cursor and rendering ---------------------------------------------------

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old.row != new.row:
            self.refresh_row(old.row)
            self.refresh_row(new.row)
            self._announce_row()

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        style = super()._get_row_style(row_index, base_style)
        if row_index >= 0 and row_index == self.cursor_row and self.show_cursor:
            style += self.get_component_styles("datatable--cursor-row").rich_style
        return style

    def _render_cell(self, row_index: int, column_index: int, base_style: Style,
                     width: int, cursor: bool = False, hover: bool = False,
                     in_range: bool = False) -> list[list[Segment]]:
        # Frozen cells are drawn in the library's fixed style, not the row's: the
        # cursor row's tint is added here, or the name would not read as the row's.
        if (0 <= row_index == self.cursor_row and column_index < self.fixed_columns
                and self.show_cursor):
            base_style += self.get_component_styles("datatable--cursor-row").rich_style
        if row_index >= 0 and column_index >= 0 and self.max_column_content_width is None:
            drawn = self._draw_text_cell(row_index, column_index, base_style, width,
                                         cursor, hover, in_range)
            if drawn is not None:
                return drawn
        return super()._render_cell(row_index, column_index, base_style, width,
                                    cursor, hover, in_range)

    def _draw_text_cell(self, row_index: int, column_index: int, base_style: Style,
                        width: int, cursor: bool, hover: bool,
                        in_range: bool) -> list[list[Segment]] | None:
        """A body cell drawn by `render_text_cell` (a page scroll's main cost through
        the library's Rich pipeline), cached as the library caches its own; None for
        a cell the shortcut does not cover."""
        key = private_api.cell_cache_key(self, row_index, column_index, base_style,
                                         cursor, hover, in_range)
        cached = private_api.cached_cell(self, key)
        if cached is not None:
            return cached
        value = self.store_backend.get_cell_at(row_index, column_index)
        if not covers(value):
            return None
        component, post = private_api.body_cell_styles(
            self, fixed=row_index < self.fixed_rows or column_index < self.fixed_columns,
            cursor=cursor, hover=hover, in_range=in_range)
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
        line = render_text_cell(self.app.console, value, width, pre, post)
        if line is None:
            return None
        private_api.cache_cell(self, key, [line])
        return [line]

    # -- actions ----------------------------------------------------------------

    def action_open(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.OpenRow(key))

    def action_sort(self) -> None:
        self.post_message(self.SortColumn(self.cursor_column))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.post_message(self.SortColumn(event.column_index))

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2:
            self.action_open()
