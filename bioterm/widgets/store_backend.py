"""A textual-fastdatatable backend that asks the store for one page of rows at a time.

The table only ever calls `row_count`, `get_row_at` and `get_cell_at` for
rows it is about to draw; column widths are fixed, so nothing measures the
data. Filtering and sorting are new queries (`set_source`), never work done
here, which keeps a million-row table as cheap as a twenty-row one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from rich.text import Text
from textual_fastdatatable.backend import DataTableBackend

from bioterm.presentation.columns import RowSource, TableRow

PAGE_SIZE = 100
PAGES_KEPT = 8


class StoreBackend(DataTableBackend[None]):
    """Read-only: the data changes only by pointing it at a new `RowSource`."""

    def __init__(
        self,
        source: RowSource,
        labels: Sequence[str],
        widths: Sequence[int],
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._render_markup: bool | None = None
        self._labels = list(labels)
        self._widths = list(widths)
        self._page_size = page_size
        self._pages: OrderedDict[int, list[TableRow]] = OrderedDict()
        self._source = source
        self._count = source.count()
        self.fetches = 0
        """How many windows were read (lets tests prove nothing loads everything)."""

    def set_source(
        self, source: RowSource, count: int | None = None,
        first_page: list[TableRow] | None = None,
    ) -> None:
        """Show `source`; with `count` given (a provisional one), nothing is counted here."""
        self._source = source
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self._count = source.count() if count is None else count

    def set_columns(self, labels: Sequence[str], widths: Sequence[int]) -> None:
        """Other columns (the user chose which); a new source follows."""
        self._labels = list(labels)
        self._widths = list(widths)

    def set_count(self, count: int) -> None:
        """The exact count, arrived after the rows (counting is the slow part)."""
        self._count = count

    def reload(self) -> None:
        self.set_source(self._source)

    @property
    def source(self) -> RowSource:
        return self._source

    # -- what the table reads ------------------------------------------------

    def _page(self, number: int) -> list[TableRow]:
        page = self._pages.get(number)
        if page is None:
            page = self._source.window(number * self._page_size, self._page_size)
            self.fetches += 1
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, index: int) -> TableRow | None:
        if not 0 <= index < self._count:
            return None
        page = self._page(index // self._page_size)
        offset = index % self._page_size
        # The data may have shrunk since it was counted (an import meanwhile).
        return page[offset] if offset < len(page) else None

    def key_at(self, index: int) -> str | None:
        row = self.row_at(index)
        return row.key if row else None

    def get_row_at(self, index: int) -> Sequence[Any]:
        row = self.row_at(index)
        if row is None:
            return [Text("", end="") for _ in self._labels]
        return row.cells

    def get_cell_at(self, row_index: int, column_index: int) -> Any:
        cells = self.get_row_at(row_index)
        return cells[column_index] if 0 <= column_index < len(cells) else None

    def get_column_at(self, index: int) -> Sequence[Any]:
        # Only the rows already in memory: a whole column could be a million rows.
        return [row.cells[index] for page in self._pages.values() for row in page]

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def source_row_count(self) -> int:
        return self._count

    @property
    def columns(self) -> Sequence[str]:
        return self._labels

    @property
    def column_content_widths(self) -> Sequence[int]:
        return self._widths

    @property
    def source_data(self) -> None:
        return None

    # -- mutations the dashboard never makes ----------------------------------

    @classmethod
    def from_pydict(
        cls,
        data: Mapping[str, Sequence[Any]],
        max_rows: int | None = None,
        column_names: Sequence[str] | None = None,
    ) -> StoreBackend:
        raise NotImplementedError("StoreBackend reads from the store only")

    def append_column(self, label: str, default: Any | None = None) -> int:
        raise NotImplementedError("read-only")

    def append_rows(self, records: Iterable[Iterable[Any]]) -> list[int]:
        raise NotImplementedError("read-only")

    def drop_row(self, row_index: int) -> None:
        raise NotImplementedError("read-only")

    def update_cell(self, row_index: int, column_index: int, value: Any) -> None:
        raise NotImplementedError("read-only")

    def sort(self, by: list[tuple[str, Literal["ascending", "descending"]]] | str) -> None:
        raise NotImplementedError("sorting is a new store query; see ListScreen")
