"""The list screens' table: textual-fastdatatable over a `StoreBackend`.

A cell cursor (so `s` knows which column to sort by) with the cursor's whole
row tinted (so it still reads as "this record"). Data is never markup:
`render_markup=False`, and every cell is already a literal `Text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.message import Message
from textual_fastdatatable import DataTable

from bioterm import bindings
from bioterm.presentation.columns import DisplayColumn, RowSource, TableRow
from bioterm.widgets.private_api import redraw_rows, set_column_labels
from bioterm.widgets.store_backend import StoreBackend

SORT_MARKS = {False: " ▲", True: " ▼"}


class StoreTable(DataTable, inherit_bindings=False):
    BINDINGS = bindings.TABLE

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {"datatable--cursor-row"}

    DEFAULT_CSS = """
    StoreTable { height: 1fr; max-height: 100%; }
    StoreTable > .datatable--cursor-row { background: $secondary 20%; }
    StoreTable:focus > .datatable--cursor-row { background: $secondary 30%; }
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
                 id: str | None = None) -> None:
        self.display_columns = tuple(columns)
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
            id=id,
        )
        self._last_key: str | None = None

    # -- data -----------------------------------------------------------------

    def show_source(
        self, source: RowSource | None = None, *, keep_row: bool = False,
        count: int | None = None, first_page: list[TableRow] | None = None,
    ) -> None:
        """Point the table at new rows (new filter, sort, or data) and repaint."""
        if source is None:
            self.store_backend.reload()
        else:
            self.store_backend.set_source(source, count, first_page)
        redraw_rows(self)
        row = self.cursor_row if keep_row else 0
        row = max(0, min(row, self.row_count - 1))
        column = max(0, min(self.cursor_column, len(self.display_columns) - 1))
        self.cursor_coordinate = Coordinate(row, column)
        if not keep_row:
            self.scroll_to(y=0, animate=False)
        self.refresh()
        self._announce_row(force=True)

    def set_row_count(self, count: int) -> None:
        """Take the exact count once it is known, keeping the cursor where it is."""
        self.store_backend.set_count(count)
        redraw_rows(self)
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
