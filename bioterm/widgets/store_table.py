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
from itertools import product

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual_fastdatatable import DataTable

from bioterm import bindings
from bioterm.presentation.columns import DisplayColumn, RowSource, TableRow
from bioterm.widgets import private_api
from bioterm.widgets.cell_render import CellLooks, covers
from bioterm.widgets.column_widths import fitted_widths
from bioterm.widgets.private_api import redraw_rows, set_column_labels, set_column_widths
from bioterm.widgets.store_backend import StoreBackend
from bioterm.widgets.table_lines import PaintStyles, visible_span

SORT_MARKS = {False: " ▲", True: " ▼"}
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
        self._paint: PaintStyles | None = None
        self._looks = CellLooks()
        self._body_lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)
        """Body lines by what each depends on: unlike the library's line cache,
        not the cursor's place elsewhere, so a cursor step redraws two rows."""
        self._header_lines: LRUCache[tuple[object, ...], Strip] = LRUCache(64)
        """The header line, which only new labels, widths or styles change: the
        library draws it again whenever the rows change (a filter, a sort, a count)."""
        self._rows_version = 0
        """Counts changes of what the body lines show (rows, columns, widths). The
        library's own count also moves on every resize, even to the same size,
        which redrew every line of a screen shown for the first time."""

    def _frozen_count(self) -> int:
        keys = [c.key for c in self.display_columns]
        return keys.index(self.key_column) + 1 if self.key_column in keys else 0

    def set_columns(self, source: RowSource, columns: Sequence[DisplayColumn]) -> None:
        """Show other columns (the user's choice), with `source` giving their cells."""
        self.display_columns = tuple(columns)
        self.store_backend.set_columns([c.label for c in columns], [c.width for c in columns])
        self.store_backend.set_source(source)
        redraw_rows(self)
        self._rows_version += 1
        self._widths = [c.width for c in columns]
        self._longest = [0 for _ in columns]
        self.fixed_columns = self._frozen_count()
        set_column_labels(self, [Text(c.label) for c in columns])
        set_column_widths(self, self._widths)
        self._header_lines.clear()
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
            self._rows_version += 1
            self._header_lines.clear()
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
        self._rows_version += 1
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
        self._rows_version += 1
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
        self._header_lines.clear()
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

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint = None  # looked up again once for this paint (a theme may have changed)
        return super().render_lines(crop)

    def _paint_styles(self) -> PaintStyles:
        if self._paint is None:
            fixed = self.get_component_styles("datatable--fixed").rich_style
            self._paint = paint = PaintStyles(
                base=self.rich_style,
                fixed=fixed + Style.from_meta({"fixed": True}),
                cursor_row=self.get_component_styles("datatable--cursor-row").rich_style,
                background=self.background_colors[1],
            )
            for states in product((False, True), repeat=3):
                fixed_cell, cursor, hover = states
                paint.cell_styles[states] = private_api.body_cell_styles(
                    self, fixed=fixed_cell, cursor=cursor, hover=hover, in_range=False)
        return self._paint

    def render_line(self, y: int) -> Strip:
        # The library's, with the widget's style looked up once per paint.
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        if y >= self.fixed_rows + (self.header_height if self.show_header else 0):
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + width, self._paint_styles().base)

    def _draws_own_lines(self) -> bool:
        """The table as the list screens make it: one cell cursor, no row labels,
        no zebra, no fixed rows. Any other setup is left to the library."""
        return (self.cursor_type == "cell" and not self.show_row_labels
                and not self.zebra_stripes and not self.fixed_rows)

    def notify_style_update(self) -> None:
        # A body line's key holds every style it is drawn with (PaintStyles.look),
        # so a restyle that changes nothing (a screen shown) keeps them; the
        # header, drawn by the library, is drawn again.
        self._header_lines.clear()
        super().notify_style_update()

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        row_index = y - 1
        width = self.size.width
        cursor, hover = self.cursor_coordinate, self.hover_coordinate
        if row_index == -1 and self._draws_own_lines():
            key = (x1, x2, width, base_style, self.fixed_columns,
                   hover.column if hover.row == -1 else None, *private_api.line_state(self))
            header = self._header_lines.get(key)
            if header is None:
                header = self._header_lines[key] = super()._render_line(y, x1, x2, base_style)
            return header
        if (row_index < 0 or not self.is_valid_row_index(row_index)
                or not self._draws_own_lines()):
            return super()._render_line(y, x1, x2, base_style)
        key = (row_index, x1, x2, width, base_style, self.show_cursor,
               cursor.column if cursor.row == row_index else None,
               hover.column if hover.row == row_index else None,
               self._rows_version, self._paint_styles().look(), *private_api.line_state(self))
        strip = self._body_lines.get(key)
        if strip is None:
            strip = self._body_line(row_index, x1, x2, width, base_style)
            self._body_lines[key] = strip
        return strip

    def _body_line(self, row_index: int, x1: int, x2: int, width: int,
                   base_style: Style) -> Strip:
        """One row's line, built as the library's `_render_line_in_row` and
        `_render_line` build it for this table's setup (what `_render_cell` and
        `_get_row_style` add for the cursor's row is added here once per line)."""
        paint = self._paint_styles()
        columns = self.ordered_columns
        frozen = self.fixed_columns
        cursor, hover = self.cursor_coordinate, self.hover_coordinate
        on_cursor = self.show_cursor and cursor.row == row_index
        cells = self.store_backend.get_row_at(row_index)
        draw = self._body_cell
        fixed_style = paint.fixed + paint.cursor_row if on_cursor else paint.fixed
        segments: list[Segment] = []
        for index in range(frozen):
            at = Coordinate(row_index, index)
            segments += draw(cells, at, fixed_style, columns[index].render_width,
                             cursor == at, hover == at, True, paint)
        fixed_width = sum(column.render_width for column in columns[:frozen])
        widths = [column.render_width for column in columns[frozen:]]
        first, last, hidden = visible_span(widths, frozen, x1, width - fixed_width)
        row_style = base_style + paint.cursor_row if on_cursor else base_style
        scrolling: list[Segment] = []
        for index in range(first, last + 1):
            at = Coordinate(row_index, index)
            scrolling += draw(cells, at, row_style, columns[index].render_width,
                              cursor == at, hover == at, False, paint)
        # The library measures the fill from the scrolling columns less as many
        # again as are frozen; kept, so the fill is the width it draws.
        remaining = max(0, width - sum(widths[frozen:]))
        scrolling.append(Segment(" " * remaining, paint.faded(row_style)))
        segments += private_api.crop_line(scrolling, x1 - hidden, x2 - hidden,
                                          width - fixed_width)
        return Strip(segments).adjust_cell_length(width, base_style).simplify()

    def _body_cell(self, cells: Sequence[object], at: Coordinate, style: Style, width: int,
                   cursor: bool, hover: bool, fixed: bool, paint: PaintStyles) -> list[Segment]:
        """A body cell with its row's style (`style`, the cursor row's tint in it)."""
        value = cells[at.column] if at.column < len(cells) else None
        if covers(value) and self.max_column_content_width is None:
            assert isinstance(value, Text)
            component, post = paint.cell_styles[fixed, cursor, hover]
            place = Style.from_meta({"row": at.row, "column": at.column})
            line = self._looks.draw(self.app.console, value, width, style + component, post,
                                    place)
            if line is not None:
                return line
        # The library's own, past this table's `_render_cell`: the tint is in `style`.
        return DataTable._render_cell(self, at.row, at.column, style, width, cursor, hover)[0]

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        style = super()._get_row_style(row_index, base_style)
        if row_index >= 0 and row_index == self.cursor_row and self.show_cursor:
            style += self._paint_styles().cursor_row
        return style

    def _render_cell(self, row_index: int, column_index: int, base_style: Style,
                     width: int, cursor: bool = False, hover: bool = False,
                     in_range: bool = False) -> list[list[Segment]]:
        # Frozen cells are drawn in the library's fixed style, not the row's: the
        # cursor row's tint is added here, or the name would not read as the row's.
        # (The header, and any line `_body_line` does not draw, come this way.)
        if (0 <= row_index == self.cursor_row and column_index < self.fixed_columns
                and self.show_cursor):
            base_style += self._paint_styles().cursor_row
        return super()._render_cell(row_index, column_index, base_style, width,
                                    cursor, hover, in_range)

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
