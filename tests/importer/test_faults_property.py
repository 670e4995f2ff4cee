"""For any input at all: a refusal with the database byte-for-byte unchanged, or exactly
the rows the file holds stored (no row lost, none doubled, none changed on the way)."""

from __future__ import annotations

import csv
import io
import math
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bioterm.importer.convert import field_specs
from bioterm.importer.run import ImportRefused, import_files
from bioterm.models import Company
from bioterm.paths import DbLocation, Origin

SRC = "akeso-cytiva-flexfactory-2021"
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
KIND = field_specs(Company)["kind"].converter


def companies(db: Path) -> dict[str, tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0]: row for row in conn.execute(
            "SELECT id, name, kind, source_id, name_zh, tickers FROM companies")}
    finally:
        conn.close()


def fresh_db(template: Path, folder: Path) -> Path:
    path = folder / "bioterm.db"
    shutil.copyfile(template, path)
    return path


def attempt(db: Path, data: bytes, folder: Path, name: str = "companies.csv") -> bool:
    """Import `data`; True if it was written. A refusal must leave every byte as it was."""
    path = folder / name
    path.write_bytes(data)
    before = db.read_bytes()
    try:
        run = import_files(DbLocation(db, Origin.OPTION), [path])
    except ImportRefused as exc:
        assert exc.problems or str(exc)
        assert db.read_bytes() == before
        return False
    if not run.written:
        assert db.read_bytes() == before
    return run.written


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_are_refused_or_change_nothing(
    data: bytes, reports_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    db = fresh_db(reports_db_template, folder)
    before = companies(db)
    assert not attempt(db, data, folder)
    assert companies(db) == before


NAMES = st.text(alphabet="abcXYZ é康方,;\"\t\n", min_size=1, max_size=12)
GOOD_ROW = st.tuples(
    st.sampled_from([f"pt-{i}" for i in range(8)]),
    NAMES.filter(lambda name: name.strip() != ""),
    st.sampled_from(["biotech", "Biotech", "pharma", "CDMO", "investor"]),
    st.just(SRC), st.just(""),
)
BAD_ROW = st.tuples(
    st.sampled_from(["pt-1", "Bad Id", "-x", "pt-2"]),
    st.sampled_from(["", "  ", "fine"]),
    st.sampled_from(["nonsense", "", "biotech"]),
    st.sampled_from(["no-such-source", "", SRC]),
    st.sampled_from(["", "surplus"]),
)
ROW = st.tuples(st.integers(0, 7), GOOD_ROW, BAD_ROW).map(lambda t: t[2] if t[0] == 0 else t[1])
ROWS = st.tuples(st.lists(ROW, max_size=6, unique_by=lambda row: row[0].strip()),
                 st.integers(0, 5)).map(lambda t: t[0] + t[0][:1] if t[1] == 0 else t[0])
"""Mostly good rows, now and then a wrong one: a bad id, an empty name, an unknown kind
or source, a cell too many, or the same id twice."""


STRAYS = st.sampled_from([None, None, None, None, None, b"\xe9", b"\xff\xfe", b"\xc3"])


@SETTINGS
@given(rows=ROWS, stray=STRAYS,
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_well_formed_but_wrong_csv_stores_exactly_its_rows_or_nothing(
    rows: list[tuple[str, str, str, str, str]], stray: bytes | None, delimiter: str,
    reports_db_template: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    db = fresh_db(reports_db_template, folder)
    before = companies(db)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["id", "name", "kind", "source_id"])
    for at, (company_id, name, kind, source, extra) in enumerate(rows):
        marked = "康方§" + name if at == 0 and stray is not None else name
        writer.writerow([company_id, marked, kind, source, *([extra] if extra else [])])
    # A stray byte (a Latin-1 é, half a character) in the first name of a UTF-8 file.
    data = out.getvalue().encode("utf-8").replace("§".encode(), stray or b"")
    written = attempt(db, data, folder)
    event(f"written={written}")
    after = companies(db)
    if not written:
        assert after == before
        return
    # Accepted: every row of the file is stored as written, and nothing else changed.
    expected = dict(before)
    for company_id, name, kind, source, _ in rows:
        expected[company_id.strip()] = (company_id.strip(), name.strip(), KIND(kind.strip()),
                                        source, None, None)
    assert after == expected
    assert stray is None or not rows


AMOUNTS = st.one_of(
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    st.sampled_from(["1.7e308", "1e309", "-5", "inf", "nan", "5 billion", "RMB 2 million"]),
)


@SETTINGS
@given(cells=st.lists(st.tuples(AMOUNTS, st.sampled_from(["EUR", "CNY", "USD", "", "XYZ"])),
                      max_size=5))
def test_any_amount_is_refused_or_stored_with_a_finite_usd_value(
    cells: list[tuple[float | str, str]],
    reports_db_template: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("amounts")
    db = fresh_db(reports_db_template, folder)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["company_id", "date", "kind", "amount", "currency", "source_id"])
    for year, (amount, currency) in enumerate(cells, 2010):
        writer.writerow(["akeso", str(year), "series_a",
                         repr(amount) if isinstance(amount, float) else amount, currency, SRC])
    written = attempt(db, out.getvalue().encode(), folder, "funding.csv")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stored = conn.execute("SELECT date, amount, amount_usd FROM funding "
                              "WHERE company_id = 'akeso' AND kind = 'series_a' "
                              "AND date BETWEEN '2010' AND '2014'").fetchall()
        totals = [usd for (usd,) in conn.execute("SELECT usd FROM summary_total")]
    finally:
        conn.close()
    assert all(usd is not None and math.isfinite(usd) for usd in totals)
    if not written:
        return
    assert len(stored) == len(cells)
    for _, amount, usd in stored:
        assert amount is not None and math.isfinite(amount) and amount <= 1e18
        assert usd is None or math.isfinite(usd)
