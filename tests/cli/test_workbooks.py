"""Excel workbooks through the real command: import, export, templates, round trips.

The workbooks are written by openpyxl, as Excel or a colleague's script would
write them, and exports are read back with openpyxl, not with bioterm's own
reader, so the two sides check each other.
"""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bioterm.models import RECORDS
from tests.cli.fault_helpers import SRC, Run, dump, no_traceback, unchanged


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def as_text(path: Path, sheet: str, cell: str, value: str) -> None:
    """Store `value` in `cell` as a text cell (openpyxl would make "=…" a formula)."""
    book = openpyxl.load_workbook(path)
    book[sheet][cell].value = value
    book[sheet][cell].data_type = "s"
    book.save(path)


def rows(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


GOOD = {
    "Sources": [
        ["id", "title", "publisher", "date", "url"],
        ["xl-src", "Workbook Bio opens its Suzhou plant", "Example Daily",
         datetime.date(2024, 6, 28), "https://example.com/xl"],
    ],
    "Companies": [
        ["# rows added by the BD team"],
        [],
        ["Name", "Chinese name", "Founded", "Kind", "Tickers", "Source"],
        ["Workbook Bio", "工作簿生物", 2019, "biotech", 688001, "xl-src"],
    ],
    "Funding": [
        ["Company", "Date", "Round", "Amount (RMB million)", "Investors", "Source"],
        ["Workbook Bio", datetime.datetime(2024, 7, 1), "Series A", 22.33, "Example Capital",
         "xl-src"],
        ["Workbook Bio", "2025-03", "Series B", 350, "", "xl-src"],
    ],
    "Notes": [["Sent by a colleague; the sheets above are the data."]],
}


def test_a_good_workbook_imports_every_sheet_in_table_order_and_one_undo_reverts_it(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    before = dump(db)
    book = workbook(tmp_path / "update.xlsx", GOOD)
    dry = bioterm("--db", db, "import", "--dry-run", book)
    assert dry.code == 0, dry.both
    assert dump(db) == before
    done = bioterm("--db", db, "import", book)
    assert done.code == 0, done.both
    no_traceback(done.both)
    for label in ("update.xlsx:Sources", "update.xlsx:Companies", "update.xlsx:Funding"):
        assert label in done.out
    assert "update.xlsx:Notes: left out" in done.err
    assert rows(db, "SELECT name_zh, founded, tickers FROM companies WHERE id = 'workbook-bio'") \
        == [("工作簿生物", "2019", "688001")]
    assert rows(db, "SELECT date FROM sources WHERE id = 'xl-src'") == [("2024-06-28",)]
    # An Excel date becomes an ISO date; a date typed as text stays partial; a number
    # cell with a unit in its header is read in that unit.
    assert rows(db, "SELECT date, kind, amount, currency FROM funding "
                    "WHERE company_id = 'workbook-bio' ORDER BY date") == [
        ("2024-07-01", "series_a", 22_330_000.0, "CNY"),
        ("2025-03", "series_b", 350_000_000.0, "CNY"),
    ]
    history = bioterm("--db", db, "history")
    assert history.out.count("update.xlsx") == 1  # one entry for the whole workbook
    again = bioterm("--db", db, "import", book)
    assert again.code == 0 and "Nothing changed" in again.out
    undone = bioterm("--db", db, "undo", "--yes")
    assert undone.code == 0, undone.both
    after = dump(db)
    assert {t: after[t] for t in RECORDS} == {t: before[t] for t in RECORDS}


def test_an_unknown_column_refuses_the_workbook_naming_sheet_row_and_column(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    check = unchanged(db)
    sheets = dict(GOOD)
    sheets["Companies"] = [["Name", "Kind", "Colour", "Source"],
                           ["Workbook Bio", "biotech", "red", SRC]]
    book = workbook(tmp_path / "bad.xlsx", sheets)
    ran = bioterm("--db", db, "import", book)
    assert ran.code == 1
    no_traceback(ran.both)
    assert "bad.xlsx:Companies!1: Colour: unknown column for companies" in ran.err
    assert "nothing was written" in ran.err
    check()


def test_a_bad_cell_is_located_by_sheet_and_row_and_skip_bad_rows_keeps_the_rest(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    book = workbook(tmp_path / "rounds.xlsx", {"funding": [
        ["company_id", "date", "kind", "amount", "currency", "source_id"],
        ["akeso", "2024-01-05", "series_a", "lots", "USD", SRC],
        ["akeso", "2024-02-05", "series_b", 1000000, "USD", SRC],
    ]})
    check = unchanged(db)
    refused = bioterm("--db", db, "import", book)
    assert refused.code == 1
    assert "rounds.xlsx:funding!2: amount:" in refused.err
    check()
    kept = bioterm("--db", db, "import", "--skip-bad-rows", book)
    assert kept.code == 0, kept.both
    assert rows(db, "SELECT kind FROM funding WHERE company_id = 'akeso' AND date LIKE '2024-0%'"
                ) == [("series_b",)]


def test_a_file_that_is_not_a_workbook_is_refused_in_one_sentence(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "drugs.xlsx"
    fake.write_text("id,name\nx,y\n", encoding="utf-8")
    check = unchanged(db)
    ran = bioterm("--db", db, "import", fake)
    assert ran.code == 1
    no_traceback(ran.both)
    assert "drugs.xlsx: cannot be read as a workbook" in ran.err
    check()


def test_export_writes_text_as_text_numbers_as_numbers_and_reimports_as_a_no_op(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    book = workbook(tmp_path / "in.xlsx", GOOD)
    as_text(book, "Companies", "B4", "=HYPERLINK(\"http://x\")")
    assert bioterm("--db", db, "import", book).code == 0
    out = tmp_path / "out.xlsx"
    ran = bioterm("--db", db, "export", "companies", "-o", out)
    assert ran.code == 0, ran.both
    sheet = openpyxl.load_workbook(out)["companies"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["id", "name", "name_zh"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    formula_like = [c for c in cells if c.value == "=HYPERLINK(\"http://x\")"]
    assert len(formula_like) == 1 and formula_like[0].data_type == "s"
    # A founding date is a (partial) date: text, so "2019" never turns into 2019.0.
    founded = header.index("founded")
    assert {row[founded].data_type for row in sheet.iter_rows(min_row=2)
            if row[founded].value} == {"s"}
    funding = tmp_path / "funding.xlsx"
    assert bioterm("--db", db, "export", "funding", "-o", funding).code == 0
    rounds = openpyxl.load_workbook(funding)["funding"]
    amount = [c.value for c in rounds[1]].index("amount")
    amounts = [row[amount].value for row in rounds.iter_rows(min_row=2) if row[amount].value]
    assert 22_330_000 in amounts and all(isinstance(a, int | float) for a in amounts)
    count = rows(db, "SELECT count(*) FROM companies")[0][0]
    assert sheet.max_row == count + 1
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width / 4
    before = dump(db)
    again = bioterm("--db", db, "import", out)
    assert again.code == 0 and "Nothing changed" in again.out, again.both
    assert dump(db) == before


def test_export_all_is_one_sheet_per_table_and_the_workbook_round_trips(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "everything.xlsx"
    ran = bioterm("--db", db, "export", "--all", "-o", out)
    assert ran.code == 0, ran.both
    book = openpyxl.load_workbook(out)
    tables = [name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    for sheet in book.sheetnames:
        assert sheet in tables
        count = rows(db, f"SELECT count(*) FROM {sheet}")[0][0]
        assert book[sheet].max_row == count + 1, sheet
    assert {"companies", "drugs", "deals", "funding_investors", "deal_drugs"} <= set(
        book.sheetnames)
    before = dump(db)
    again = bioterm("--db", db, "import", out)
    assert again.code == 0 and "Nothing changed" in again.out, again.both
    assert dump(db) == before


@pytest.mark.parametrize("args", [["--format", "xlsx"], ["-o", "drugs-start.xlsx"]])
def test_template_as_a_workbook_has_the_header_notes_and_an_example_that_is_not_imported(
    bioterm: Run, db: Path, tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ran = bioterm("template", "drugs", *args)
    assert ran.code == 0, ran.both
    path = tmp_path / ("drugs.xlsx" if "--format" in args else "drugs-start.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["drugs"]
    assert str(sheet["A1"].value).startswith("# bioterm import template for drugs")
    example = [c.value for c in sheet[2]]
    assert str(example[0]).startswith("# example: ")
    header = [c.value for c in sheet[3]]
    assert header[:2] == ["id", "name"]
    assert sheet["D3"].comment is not None and "company" in sheet["D3"].comment.text
    assert all(c.data_type in ("s", "n") for c in sheet[2])
    # Untouched, it imports nothing.
    before = dump(db)
    untouched = bioterm("--db", db, "import", path)
    assert untouched.code == 0 and "nothing to import" in untouched.out, untouched.both
    assert dump(db) == before
    # The example, copied below the header, refers to rows the database has: it imports.
    example[0] = str(example[0]).removeprefix("# example: ")
    sheet.append(example)
    book.save(tmp_path / "filled.xlsx")
    dry = bioterm("--db", db, "import", "--dry-run", tmp_path / "filled.xlsx")
    assert dry.code == 0 and "+ drugs" in dry.out, dry.both
    assert bioterm("template", "drugs", "--format", "xlsx").code == (
        2 if "--format" in args else 0)  # never over an existing file


def test_a_workbook_export_needs_a_file(bioterm: Run, db: Path) -> None:
    ran = bioterm("--db", db, "export", "drugs", "--format", "xlsx")
    assert ran.code == 2 and "give -o FILE.xlsx" in ran.err
