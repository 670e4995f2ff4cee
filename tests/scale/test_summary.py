"""The overview's summary tables: equal to live queries, and kept so by every write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bioterm.models import CapacityPoint, Drug, Funding, Milestone
from bioterm.store import Store, summary
from bioterm.store.schema import DATA_TABLES
from bioterm.timeline import Point, industry_timeline

FROZEN = ("summary_company", "summary_total", "summary_capacity_company", "summary_capacity")


def _live_overview(conn: sqlite3.Connection) -> dict[str, object]:
    def grouped(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in conn.execute(sql)}

    total, unconverted = conn.execute(
        "SELECT ifnull(sum(amount_usd), 0), "
        "ifnull(sum(amount IS NOT NULL AND amount_usd IS NULL), 0) FROM funding").fetchone()
    tables = DATA_TABLES
    return {
        "counts": {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables},
        "kinds": grouped("SELECT kind, count(*) FROM companies GROUP BY kind"),
        "phases": grouped("SELECT phase, count(*) FROM drugs GROUP BY phase"),
        "statuses": grouped("SELECT status, count(*) FROM sites GROUP BY status"),
        "usd": round(total, 2), "unconverted": unconverted,
        "years": {int(y): (round(u, 2), int(n)) for y, u, n in conn.execute(
            "SELECT CAST(substr(date, 1, 4) AS INTEGER), ifnull(sum(amount_usd), 0), count(*) "
            "FROM funding GROUP BY 1")},
    }


def _from_summary(store: Store) -> dict[str, object]:
    o = store.overview()
    return {
        "counts": o.counts, "kinds": dict(o.companies_by_kind), "phases": dict(o.drugs_by_phase),
        "statuses": dict(o.sites_by_status), "usd": round(o.funding_usd_total, 2),
        "unconverted": o.funding_unconverted,
        "years": {y: (round(u, 2), n) for y, u, n in store.funding_by_year()},
    }


def _industry_live(conn: sqlite3.Connection) -> object:
    points = [Point(*r) for r in conn.execute(
        "SELECT date, litres, status, site_id, company_id FROM capacity")]
    return industry_timeline(points)


def _assert_current(store: Store) -> None:
    """The incrementally kept tables equal a rebuild from scratch, and live queries."""
    conn = store.conn
    kept = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    assert _from_summary(store) == _live_overview(conn)
    assert store.industry_capacity() == _industry_live(conn)
    conn.execute("SAVEPOINT rebuild")
    summary.rebuild(conn)
    fresh = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    conn.execute("ROLLBACK TO rebuild")
    conn.execute("RELEASE rebuild")
    for table in FROZEN:
        assert [r[:-1] for r in kept[table]] == [r[:-1] for r in fresh[table]], table
        assert [r[-1] for r in kept[table]] == pytest.approx([r[-1] for r in fresh[table]])


def test_overview_and_timeline_equal_live_queries(generated_store: Store) -> None:
    assert summary.is_built(generated_store.conn)
    assert _from_summary(generated_store) == _live_overview(generated_store.conn)
    assert generated_store.industry_capacity() == _industry_live(generated_store.conn)


def test_writes_and_undo_keep_the_summaries_current(writable_generated: Store) -> None:
    store = writable_generated
    conn = store.conn
    a, b = [r[0] for r in conn.execute("SELECT id FROM companies WHERE kind = 'biotech' LIMIT 2")]
    site = conn.execute("SELECT id, company_id FROM sites LIMIT 1").fetchone()
    source = conn.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    moved = conn.execute("SELECT * FROM drugs WHERE company_id != ? LIMIT 1", (b,)).fetchone()
    with store.transaction():
        import_id = store.begin_import("test.csv", b"x", ["drugs"])
        store.upsert([Drug(id="zz-new-drug", name="Zz New", company_id=a, modality="mab",
                           phase="phase_3", source_id=source)], import_id=import_id)
        store.upsert([Drug(id=moved[0], name=moved[1], company_id=b, modality=moved[4],
                           phase="approved", source_id=moved[12])], import_id=import_id)
        store.upsert([Milestone(drug_id="zz-new-drug", kind="approved", date="2024-05",
                                source_id=source)], import_id=import_id)
        store.upsert([CapacityPoint(company_id=site[1], site_id=site[0], date="2031-01",
                                    litres=123456, status="planned", source_id=source)],
                     import_id=import_id)
        store.upsert([Funding(company_id=a, date="2024-02-03", kind="series_c",
                              amount=1000, currency="EUR", source_id=source)],
                     import_id=import_id)
    _assert_current(store)
    with store.transaction():
        store.undo_import(import_id)
    _assert_current(store)


def test_a_file_without_summaries_gets_them_on_first_write(generated_db: Path,
                                                           tmp_path: Path) -> None:
    import shutil

    from bioterm.paths import DbLocation, Origin

    path = tmp_path / "old.db"
    shutil.copyfile(generated_db, path)
    conn = sqlite3.connect(path)
    for table in FROZEN:
        conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    reader = Store.open(DbLocation(path, Origin.OPTION))
    assert not summary.is_built(reader.conn)
    live = reader.overview()  # the fallback path answers too
    reader.close()
    writer = Store.open_for_write(DbLocation(path, Origin.OPTION))
    assert summary.is_built(writer.conn)
    fast = writer.overview()
    assert fast.counts == live.counts
    assert dict(fast.drugs_by_phase) == dict(live.drugs_by_phase)
    assert fast.funding_usd_total == pytest.approx(live.funding_usd_total)
    writer.close()
