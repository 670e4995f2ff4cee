"""Exporting tables as Excel workbooks that `bioterm import` reads back unchanged.

One sheet per table, named after it, with the model's field names as a
frozen header row. Text is written as text cells — a value starting with
``=`` is never a formula and needs no ``'`` before it — numbers as numbers,
true/false as Excel booleans. Dates stay text: a partial date ("2021-04")
must come back partial, and an Excel date cell cannot hold one. Rows are
streamed to disk (XlsxWriter's constant-memory mode), so a table of a
million rows does not sit in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from rich.cells import cell_len
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from bioterm.models import RECORDS, Record
from bioterm.output import open_binary_output

WIDTH_SAMPLE = 500
"""Rows measured to size a column: enough for a sensible width, cheap for a big table."""
MIN_WIDTH, MAX_WIDTH = 6, 60


class _Rows(Protocol):
    def iter_rows(self, table: str, batch: int = ...) -> Iterable[Record]: ...


def _options(streamed: bool = True) -> dict[str, Any]:
    return {
        "constant_memory": streamed,
        # Never turn text into something else: what was stored is what is written.
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }


def write_workbook(store: _Rows, tables: Sequence[str], out: BinaryIO) -> dict[str, int]:
    """One sheet per table into `out`; returns the rows written per table."""
    book = Workbook(out, _options())
    header = book.add_format({"bold": True})
    counts = {table: _write_sheet(book, header, store, table) for table in tables}
    book.close()
    return counts


def write_xlsx_file(store: _Rows, tables: Sequence[str], path: Path) -> dict[str, int]:
    """Write the workbook to `path` (see `bioterm.output`: no half file left)."""
    with open_binary_output(path) as out:
        return write_workbook(store, tables, out)


def write_template(
    table: str, example: dict[str, str], notes: dict[str, str], path: Path, comment: str
) -> None:
    """A one-sheet workbook to start from: the `comment` row, the example row (its
    first cell a # comment, so it is not imported), then the header, each header
    cell carrying a note on what the column takes."""
    names = list(RECORDS[table].model_fields)
    with open_binary_output(path) as out:
        book = Workbook(out, _options(streamed=False))
        sheet = book.add_worksheet(table)
        sheet.freeze_panes(_HEADER_ROW + 1, 0)
        header = book.add_format({"bold": True})
        dim = book.add_format({"italic": True, "font_color": "#666666"})
        sheet.write_string(0, 0, comment, dim)
        widths = [_width(name) for name in names]
        for col, name in enumerate(names):
            sheet.write_string(_HEADER_ROW, col, name, header)
            if notes.get(name):
                sheet.write_comment(_HEADER_ROW, col, notes[name], {"x_scale": 2})
            value = example.get(name, "")
            if value:
                sheet.write_string(1, col, value, dim)
                widths[col] = max(widths[col], _width(value))
        _set_widths(sheet, widths)
        book.close()


_HEADER_ROW = 2
"""The template's header row (0-based), below its comment and example rows."""


def _write_sheet(book: Workbook, header: Any, store: _Rows, table: str) -> int:
    names = list(RECORDS[table].model_fields)
    sheet = book.add_worksheet(table)
    sheet.freeze_panes(1, 0)
    widths = [_width(name) for name in names]
    for col, name in enumerate(names):
        sheet.write_string(0, col, name, header)
    row = 0
    for row, record in enumerate(store.iter_rows(table), 1):
        for col, name in enumerate(names):
            value = getattr(record, name)
            if value is None:
                continue
            _write_cell(sheet, row, col, value)
            if row <= WIDTH_SAMPLE:
                widths[col] = max(widths[col], _width(value))
    _set_widths(sheet, widths)
    return row


def _write_cell(sheet: Worksheet, row: int, col: int, value: Any) -> None:
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _width(value: Any) -> int:
    text = "true" if value is True else str(value)
    return min(max(cell_len(text.split("\n", 1)[0]), MIN_WIDTH), MAX_WIDTH)


def _set_widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width + 2)
