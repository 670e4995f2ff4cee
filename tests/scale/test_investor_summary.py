"""The investor summary behind the Investors list: equal to the live aggregate, kept so
by imports (links, rounds, exchange rates) and their undo, and sortable by every figure."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bioterm.models import Funding as FundingRecord
from bioterm.models import FundingInvestor, FxRate
from bioterm.paths import DbLocation, Origin
from bioterm.store import ListQuery, Store, investor_summary
from bioterm.store.investor_list import LIVE

LIVE_SQL = (
    "SELECT i.investor_id, count(*), ifnull(sum(i.lead), 0), "
    "(SELECT sum(f.amount_usd) FROM funding_investors j JOIN funding f "
    "ON f.company_id = j.company_id AND f.date = j.date AND f.kind = j.kind "
    "WHERE j.investor_id = i.investor_id), min(i.date), max(i.date) "
    "FROM funding_investors i GROUP BY i.investor_id ORDER BY 1"
)
"""What the list computed per row before the summary existed, written differently."""


def _assert_exact(conn: sqlite3.Connection) -> None:
    kept = conn.execute("SELECT * FROM summary_investor ORDER BY investor_id").fetchall()
    live = conn.execute(LIVE_SQL).fetchall()
    assert [r[:3] + r[4:] for r in kept] == [r[:3] + r[4:] for r in live]
    assert [r[3] for r in kept] == pytest.approx([r[3] for r in live])


def test_generated_summary_equals_the_live_aggregate(generated_store: Store) -> None:
    conn = generated_store.conn
    assert conn.execute("SELECT count(*) FROM summary_investor").fetchone()[0] > 0
    _assert_exact(conn)


def test_imports_and_undo_keep_it_exact(writable_generated: Store) -> None:
    store = writable_generated
    conn = store.conn
    source = conn.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    investor, other = [r[0] for r in conn.execute(
        "SELECT investor_id FROM summary_investor ORDER BY rounds DESC LIMIT 2")]
    newcomer = conn.execute(
        "SELECT id FROM companies WHERE kind = 'investor' AND id NOT IN "
        "(SELECT investor_id FROM summary_investor) LIMIT 1").fetchone()
    newcomer = newcomer[0] if newcomer else conn.execute(
        "SELECT id FROM companies WHERE id NOT IN (SELECT investor_id FROM summary_investor) "
        "LIMIT 1").fetchone()[0]
    round_ = conn.execute(
        "SELECT company_id, date, kind, amount, currency FROM funding WHERE amount IS NOT NULL "
        "AND (company_id, date, kind) IN (SELECT company_id, date, kind FROM funding_investors "
        "WHERE investor_id = ?) LIMIT 1", (other,)).fetchone()
    recipient = conn.execute("SELECT id FROM companies WHERE kind = 'biotech' LIMIT 1").fetchone()
    with store.transaction():
        import_id = store.begin_import("rounds.csv", b"x", ["funding", "funding_investors"])
        # A new round, its new and known investors (one leading), and a round
        # of a known investor whose amount changes.
        store.upsert([
            FundingRecord(company_id=recipient[0], date="2026-03-04", kind="series_b",
                          amount=5e7, currency="USD", source_id=source),
            FundingRecord(company_id=round_[0], date=round_[1], kind=round_[2],
                          amount=round_[3] * 3, currency=round_[4], source_id=source),
        ], import_id=import_id)
        store.upsert([
            FundingInvestor(company_id=recipient[0], date="2026-03-04", kind="series_b",
                            investor_id=newcomer, lead=True, source_id=source),
            FundingInvestor(company_id=recipient[0], date="2026-03-04", kind="series_b",
                            investor_id=investor, source_id=source),
        ], import_id=import_id)
    _assert_exact(conn)
    assert conn.execute("SELECT rounds, led FROM summary_investor WHERE investor_id = ?",
                        (newcomer,)).fetchone() == (1, 1)
    with store.transaction():
        rates = store.begin_import("rates.csv", b"y", ["fx_rates"])
        store.upsert([FxRate(currency="CNY", year=2026, usd=0.5, source_id=source)],
                     import_id=rates)
    _assert_exact(conn)
    with store.transaction():
        store.undo_import(rates)
    _assert_exact(conn)
    with store.transaction():
        store.undo_import(import_id)
    _assert_exact(conn)
    assert conn.execute("SELECT 1 FROM summary_investor WHERE investor_id = ?",
                        (newcomer,)).fetchone() is None


@pytest.mark.parametrize("column", ["rounds", "led", "size_usd", "first", "last"])
def test_the_computed_columns_sort_like_the_live_figures(generated_store: Store,
                                                         column: str) -> None:
    store = generated_store
    keys = [c.key for c in LIVE.columns]
    at = keys.index(column) + 1
    for descending in (False, True):
        rows = store.list_window("investors", ListQuery(sort=column, descending=descending),
                                 0, 10_000)
        assert len(rows) == store.list_count("investors", ListQuery())
        values = [r[at] for r in rows]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=descending)


def test_a_file_without_it_lists_live_and_gets_it_on_first_write(
    generated_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(generated_db, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE summary_investor")
    conn.commit()
    conn.close()
    reader = Store.open(DbLocation(path, Origin.OPTION))
    query = ListQuery(sort="name")
    live = reader.list_window("investors", query, 0, 50)
    live_count = reader.list_count("investors", query)
    reader.close()
    writer = Store.open_for_write(DbLocation(path, Origin.OPTION))
    assert investor_summary.exists(writer.conn)
    _assert_exact(writer.conn)
    fast = writer.list_window("investors", query, 0, 50)
    assert [r[:5] + r[6:] for r in fast] == [r[:5] + r[6:] for r in live]
    assert [r[5] for r in fast] == pytest.approx([r[5] for r in live])
    assert writer.list_count("investors", query) == live_count
    writer.close()
