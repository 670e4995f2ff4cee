"""The corpus of messy and hostile files (tests/corpus), through the real `bioterm import`.

Good files must import (exit 0) with the values they mean, and re-importing
them must change nothing. Bad files must be refused (exit 1) with a
`file:line: column: reason` message, leaving the database byte-for-byte as
it was. No file may ever produce a traceback.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parents[1] / "corpus"

Run = Callable[..., Any]
GOOD = CORPUS / "good"
BAD = CORPUS / "bad"

EXPECTED_ROWS: dict[str, tuple[str, list[tuple[object, ...]]]] = {
    "funding_forms.csv": (
        "SELECT company_id, date, kind, amount, currency, qualifier FROM funding "
        "WHERE kind NOT IN ('award', 'subsidy', 'government_fund') ORDER BY company_id, date, kind",
        [("akeso", "2021-04-26", "ipo", 5000000000.0, "CNY", "exact"),
         ("akeso", "2021-04-27", "series_a", 22330000.0, "CNY", "exact"),
         ("akeso", "2021-04-27", "series_b", 683200000.0, "USD", "exact"),
         ("akeso", "2021-04-27", "series_c", 1200000000.0, "HKD", "exact"),
         ("akeso", "2023-09-26", "grant", 2000000000.0, "CNY", "exact"),
         ("ascentawits", "2019", "seed", 80000.0, "CNY", "exact"),
         ("ascentawits", "2020", "series_d", 2000000000.0, "CNY", "over"),
         ("ascentawits", "2021-04", "loan", 1500000000.0, "USD", "exact"),
         ("ascentawits", "2021-04-27", "angel", 80000.0, "EUR", "exact")],
    ),
    "companies_gb18030.csv": (
        "SELECT id, name_zh, tickers, hq_city FROM companies WHERE id LIKE '%-example' "
        "ORDER BY id",
        [("jinsai-example", "晶赛示例", None, "深圳"),
         ("kangfang-example", "康方示例生物", "HKEX:09999", "广州")],
    ),
    "capacity_utf16.txt": (
        "SELECT site_id, date, litres, status FROM capacity WHERE date >= '2022' ORDER BY date",
        [("akeso-guangzhou-knowledge-city", "2022", 80000.0, "planned"),
         ("akeso-guangzhou-knowledge-city", "2023", 80000.0, "planned"),
         (None, "2024-06", 8000.0, "operational")],
    ),
    "sites_semicolon.csv": (
        "SELECT id, kind, area_m2, investment_amount, investment_currency, since FROM sites "
        "WHERE name LIKE 'Example plant%' ORDER BY id",
        [("akeso-example-a", "manufacturing", 8000.0, 2e9, "CNY", "2021-04"),
         ("example-plant-b", "rnd", 8000.0, None, None, "2021")],
    ),
    "drugs_multiline.csv": (
        "SELECT id, modality, phase, first_in_class, description FROM drugs "
        "WHERE id LIKE 'ak-ml-%' ORDER BY id",
        [("ak-ml-1", "mab", "phase_1", 1, "First line\nsecond line, with comma"),
         ("ak-ml-2", "bispecific", "phase_2", 0, 'He said "hi"')],
    ),
    "milestones_commented.csv": (
        "SELECT drug_id, kind, date, region FROM milestones WHERE region = 'CN' ORDER BY date",
        [("penpulimab", "nda_submitted", "2021-01-01", "CN"),
         ("cadonilimab", "approved", "2022-06-29", "CN")],
    ),
    "drugs_quoted_formulas.csv": (
        "SELECT name, description FROM drugs WHERE id = 'ak-formula'",
        [('=HYPERLINK("x")', "-starts with a dash")],
    ),
    "funding_header_unit.csv": (
        "SELECT amount, currency FROM funding WHERE date = '2018'",
        [(22330000.0, "CNY")],
    ),
    "companies_markup.csv": (
        "SELECT id, name FROM companies WHERE id IN ('markup-co', 'sql-co') ORDER BY id",
        [("markup-co", "[bold red]Loud[/] Corp"), ("sql-co", "x'); DROP TABLE companies;--")],
    ),
}

EXPECTED_PROBLEMS = {
    "unknown_column.csv": ":1: Colour: unknown column for drugs; the known columns are: id, name,",
    "missing_required.csv": ":1: phase: required column missing from a drugs file",
    "wrong_type.csv": ":3: date: unrecognised date 'soon'",
    "negative_amount.csv": ":2: amount: negative value '-5 million'",
    "unknown_enum.csv": ":2: phase: 'Phase 7' is not one of: preclinical, phase_1,",
    "unknown_company.csv": ":2: company_id: unknown company 'Umbrella Corp'",
    "duplicate_key.csv": ":3: id: the same id as line 2 (x-1)",
    "too_many_cells.csv": ":2: row has 5 cells but the header has 4",
    "binary.csv": ": this is not a text file",
    "empty.csv": ": the file is empty",
    "conflicting_currency.csv": ":2: amount: the amount is in USD but the currency column says CNY",
    "ambiguous_date.csv": ":2: date: ambiguous date '04/05/2021'",
    "escape_sequence.csv": ": this is not a text file (it contains control characters)",
    "unbalanced_quote.csv": ":2: cannot split this record into cells",
    "unknown_table.csv": ":1: no table has columns like 'colour', 'size'",
}


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_corpus_is_complete() -> None:
    assert {p.name for p in BAD.iterdir()} == set(EXPECTED_PROBLEMS)
    assert set(EXPECTED_ROWS) <= {p.name for p in GOOD.iterdir()}


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir()))
def test_good_files_import_and_reimport_as_a_no_op(name: str, bioterm: Run, db: Path) -> None:
    path = GOOD / name
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 0, ran.both
    assert "Traceback" not in ran.both and ran.err == ""
    if name in EXPECTED_ROWS:
        sql, rows = EXPECTED_ROWS[name]
        assert _rows(db, sql) == rows
    imported = _digest(db)
    again = bioterm("--db", db, "import", path)
    assert again.code == 0, again.both
    assert ("Nothing changed" in again.out) or ("no data rows" in again.out)
    assert _digest(db) == imported


def test_the_bom_file_means_the_same_as_the_plain_one(bioterm: Run, db: Path) -> None:
    assert bioterm("--db", db, "import", GOOD / "funding_forms.csv").code == 0
    ran = bioterm("--db", db, "import", GOOD / "funding_bom.csv")
    assert "Nothing changed" in ran.out


def test_files_referring_to_each_other_import_in_one_run(bioterm: Run, db: Path) -> None:
    files = sorted((CORPUS / "multi").iterdir(), reverse=True)  # drugs first on purpose
    ran = bioterm("--db", db, "import", *files)
    assert ran.code == 0, ran.both
    assert _rows(db, "SELECT d.id, c.name_zh, s.url FROM drugs d "
                     "JOIN companies c ON c.id = d.company_id "
                     "JOIN sources s ON s.id = d.source_id WHERE d.id = 'mx-101'") == [
        ("mx-101", "多例生物", "https://example.com/multi")]
    history = bioterm("--db", db, "history")
    assert [n in history.out for n in ("1_sources.csv", "2_companies.csv", "3_drugs.csv")] \
        == [True] * 3


def test_references_by_chinese_name_and_ticker(bioterm: Run, db: Path, tmp_path: Path) -> None:
    partnerships = tmp_path / "partnerships.csv"
    partnerships.write_text(
        "company,partner,kind,since,source\n"
        " 康方示例生物 ,hkex:09999 ,research,2024,akeso-cytiva-flexfactory-2021\n"
        "09999,  CYTIVA,supply,2024,akeso-cytiva-flexfactory-2021\n", encoding="utf-8")
    ran = bioterm("--db", db, "import", GOOD / "companies_gb18030.csv", partnerships)
    assert ran.code == 0, ran.both
    assert _rows(db, "SELECT company_id, partner_id, kind FROM partnerships "
                     "WHERE since = '2024' ORDER BY kind") == [
        ("kangfang-example", "kangfang-example", "research"),
        ("kangfang-example", "cytiva", "supply")]


@pytest.mark.parametrize("name", sorted(EXPECTED_PROBLEMS))
def test_bad_files_are_refused_and_nothing_is_written(name: str, bioterm: Run, db: Path) -> None:
    path = BAD / name
    before = _digest(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "Traceback" not in ran.both
    assert ran.err.startswith(f"Error: {path} was refused")
    assert "nothing was written" in ran.err
    assert f"{path}{EXPECTED_PROBLEMS[name]}" in ran.err
    assert _digest(db) == before
    assert not db.with_name(db.name + "-wal").exists()


def test_a_bad_file_among_good_ones_refuses_the_whole_run(bioterm: Run, db: Path) -> None:
    before = _digest(db)
    ran = bioterm("--db", db, "import", GOOD / "funding_forms.csv", BAD / "unknown_company.csv")
    assert ran.code == 1
    assert ran.err.startswith("Error: The import was refused (1 problem); nothing was written.")
    assert _digest(db) == before


def test_markup_in_data_is_printed_literally(bioterm: Run, db: Path) -> None:
    ran = bioterm("--db", db, "import", "--dry-run", GOOD / "companies_markup.csv")
    assert "+ companies markup-co" in ran.out
    exported = bioterm("--db", db, "export", "companies")
    assert "[bold red]Loud[/] Corp" not in exported.out  # not imported: it was a dry run
    bioterm("--db", db, "import", GOOD / "companies_markup.csv")
    exported = bioterm("--db", db, "export", "companies")
    assert "[bold red]Loud[/] Corp" in exported.out
