"""Reading Excel and OpenDocument workbooks: each sheet is a table file of its own.

A sheet is read like a CSV file — blank rows and ``#`` comment rows before
the header are skipped, the header is cleaned the same way — but its cells
arrive typed. A number Excel stored is written out as plain digits (no
exponent, no trailing ``.0``), an Excel date as an ISO date, a yes/no cell as
true/false; a cell typed as text is kept as typed, so "2021-04" stays a
partial date and "=1" stays text. The converters then treat every cell
exactly as they treat a CSV cell.

python-calamine reads the cached value of a formula (nothing is evaluated)
and reads a cell holding an Excel error (#N/A, #REF!) as empty.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from bioterm.importer.reader import FileReadError, TableFile, clean_header, read_bounded

__all__ = ["WORKBOOK_SUFFIXES", "cell_text", "is_workbook", "read_workbook"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def is_workbook(path: Path) -> bool:
    return path.suffix.casefold() in WORKBOOK_SUFFIXES


def cell_text(value: Any) -> str:
    """The text a CSV cell would hold for a typed workbook cell."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)  # the converters refuse it with their own message
        # repr is the shortest text that reads back as the same double; "f" spells
        # out its exponent, which the number parser does not read.
        return format(Decimal(repr(value)), "f").removesuffix(".0")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def read_workbook(path: Path) -> list[TableFile]:
    """One TableFile per sheet that has a header (empty sheets are left out).

    FileReadError when the file is not a workbook the reader knows or a sheet's
    header is unusable; the message names the file and the sheet.
    """
    path = Path(path)
    data = read_bounded(path)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise FileReadError(path, f"cannot be read as a workbook ({exc}); save it from "
                            "Excel as .xlsx, or as CSV UTF-8.") from None
    tables: list[TableFile] = []
    try:
        for name in book.sheet_names:
            table = _sheet(path, book, name, data)
            if table is not None:
                tables.append(table)
    finally:
        book.close()
    return tables


def _sheet(path: Path, book: CalamineWorkbook, name: str, data: bytes) -> TableFile | None:
    try:
        sheet = book.get_sheet_by_name(name)
        cells = sheet.to_python()  # from the first cell in use: row numbers start at `start`
    except (CalamineError, ValueError) as exc:
        raise FileReadError(path, f"cannot be read ({exc}).", sheet=name) from None
    first_row = sheet.start[0] + 1 if sheet.start is not None else 1
    rows = [[cell_text(value) for value in row] for row in cells]
    at = _header_index(rows)
    if at is None:
        return None
    header_line = first_row + at
    header = clean_header(path, rows[at], header_line, sheet=name)
    table = TableFile(path, "xlsx", "", header, iter(()), header_line, data, sheet=name,
                      row_count=len(rows) - at - 1)
    table.rows = _rows(path, name, rows[at + 1:], header_line + 1, len(header), table)
    return table


def _header_index(rows: Sequence[list[str]]) -> int | None:
    """Index of the header row: the first that is neither blank nor a ``#`` comment."""
    for index, row in enumerate(rows):
        used = [cell.strip() for cell in row if cell.strip()]
        if not used:
            continue
        first = row[0].lstrip()
        # A header whose first column is named just "#" is no comment.
        if first.startswith("#") and not (first.strip() == "#" and len(used) > 1):
            continue
        return index
    return None


def _rows(
    path: Path, sheet: str, rows: list[list[str]], start: int, width: int, table: TableFile
) -> Iterator[tuple[int, list[str]]]:
    for number, cells in enumerate(rows, start):
        if not "".join(cells).strip():
            continue
        if len(cells) > width:
            used = max(i for i, cell in enumerate(cells, 1) if cell.strip())
            if used > width:
                error = FileReadError(
                    path, f"row has a value in column {used} but the header has {width} "
                    "columns.", number, sheet=sheet)
                if table.on_bad_row is None:
                    raise error
                table.on_bad_row(error)
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        yield number, cells
