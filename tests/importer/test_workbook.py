"""Reading workbook sheets: typed cells become the text a CSV cell would hold."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bioterm.importer.reader import FileReadError
from bioterm.importer.workbook import cell_text, is_workbook, read_workbook
from bioterm.parsing.quantities import parse_number

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


@given(finite)
def test_a_number_cell_reads_back_as_the_same_number_in_plain_digits(value: float) -> None:
    text = cell_text(value)
    assert "e" not in text.casefold()
    assert float(text) == value
    assert parse_number(text) == pytest.approx(value, rel=1e-12, abs=1e-300)


@given(st.integers(min_value=-(2**53), max_value=2**53))
def test_an_integral_number_has_no_decimal_point(value: int) -> None:
    assert cell_text(float(value)) == str(value)


@given(st.dates())
def test_an_excel_date_is_an_iso_date(day: datetime.date) -> None:
    assert cell_text(day) == day.isoformat()
    assert cell_text(datetime.datetime.combine(day, datetime.time())) == day.isoformat()


def test_a_date_with_a_time_keeps_the_time_for_the_converter_to_judge() -> None:
    assert cell_text(datetime.datetime(2024, 6, 28, 13, 5)) == "2024-06-28 13:05:00"


@pytest.mark.parametrize(("value", "text"), [
    (True, "true"), (False, "false"), (None, ""), ("2021-04", "2021-04"), ("=1+1", "=1+1"),
    (math.inf, "inf"),
])
def test_other_cells(value: object, text: str) -> None:
    assert cell_text(value) == text


def _book(path: Path, rows: list[list[object]], title: str = "drugs") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = sheet.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with =
    book.save(path)
    return path


# No CR: openpyxl writes it raw and XML reads a raw CR as a line feed (Excel
# escapes it as _x000D_), so it cannot survive the writer, whatever the reader does.
text_cells = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    min_size=1, max_size=30,
).filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t) and t.strip() and t == t.strip())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(text_cells, min_size=2, max_size=2), min_size=1, max_size=8))
def test_text_cells_come_back_exactly_with_their_row_numbers(
    tmp_path: Path, cells: list[list[str]]
) -> None:
    path = _book(tmp_path / "t.xlsx", [["# a comment"], [], ["id", "name"], *cells])
    (table,) = read_workbook(path)
    assert table.sheet == "drugs" and table.header == ["id", "name"] and table.header_line == 3
    assert list(table.rows) == [(row, cells[row - 4]) for row in range(4, 4 + len(cells))]


def test_a_sheet_that_starts_lower_down_keeps_excel_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C5"], sheet["D5"] = "id", "name"
    sheet["C6"], sheet["D8"] = "a", "b"
    book.save(tmp_path / "low.xlsx")
    (table,) = read_workbook(tmp_path / "low.xlsx")
    assert table.header_line == 5
    assert list(table.rows) == [(6, ["a", ""]), (8, ["", "b"])]


def test_a_value_beyond_the_header_is_a_bad_row_named_by_sheet_and_row(tmp_path: Path) -> None:
    path = _book(tmp_path / "wide.xlsx", [["id", "name"], ["a", "b", "stray"]])
    (table,) = read_workbook(path)
    with pytest.raises(FileReadError) as raised:
        list(table.rows)
    assert str(raised.value).startswith(f"{path}:drugs!2: row has a value in column 3")


def test_empty_sheets_are_left_out_and_a_doubled_header_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "empty"
    book.create_sheet("twice").append(["name", "Name"])
    book.save(tmp_path / "b.xlsx")
    with pytest.raises(FileReadError) as raised:
        read_workbook(tmp_path / "b.xlsx")
    assert f"{tmp_path / 'b.xlsx'}:twice!1: the header names 'Name' twice" in str(raised.value)


def test_workbook_suffixes() -> None:
    assert is_workbook(Path("a.XLSX")) and is_workbook(Path("b.ods"))
    assert not is_workbook(Path("c.csv"))
