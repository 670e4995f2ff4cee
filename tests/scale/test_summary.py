"""The overview's summary tables: equal to live queries, and kept so by every write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bioterm.models import CapacityPoint, Deal, Drug, Funding, Milestone
from bioterm.store import ListQuery, Store, summary
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
        "deals": tuple(round(v, 2) for v in conn.execute(
            "SELECT count(*), ifnull(sum(upfront_usd), 0), ifnull(sum(total_usd), 0) "
            "FROM deals").fetchone()),
        "deal_directions": grouped("SELECT direction, count(*) FROM deals GROUP BY direction"),
        "deal_years": {(int(y), d): (round(u, 2), round(t, 2)) for y, d, u, t in conn.execute(
            "SELECT CAST(substr(date, 1, 4) AS INTEGER), direction, ifnull(sum(upfront_usd), 0), "
            "ifnull(sum(total_usd), 0) FROM deals WHERE date IS NOT NULL GROUP BY 1, 2")},
        "deal_kinds": grouped("SELECT kind, count(*) FROM deals GROUP BY kind"),
    }


def _from_summary(store: Store) -> dict[str, object]:
    o = store.overview()
    return {
        "counts": o.counts, "kinds": dict(o.companies_by_kind), "phases": dict(o.drugs_by_phase),
        "statuses": dict(o.sites_by_status), "usd": round(o.funding_usd_total, 2),
        "unconverted": o.funding_unconverted,
        "years": {y: (round(u, 2), n) for y, u, n in store.funding_by_year()},
        "deals": (round(store.deal_totals().count, 2), round(store.deal_totals().upfront_usd, 2),
                  round(store.deal_totals().total_usd, 2)),
        "deal_directions": dict(store.deal_totals().by_direction),
        "deal_years": {(y, d): (round(u, 2), round(t, 2))
                       for y, d, u, t in store.deal_value_by_year()},
        "deal_kinds": dict(store.facet_counts("deals", "kind", ListQuery())),
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
        store.upsert([Deal(id="zz-new-deal", licensor_id=a, licensee_id=b, date="2025-03",
                           kind="licence", direction="out_of_china", upfront=50, total=500,
                           currency="USD", status="active", source_id=source)],
                     import_id=import_id)
        deal = conn.execute("SELECT * FROM deals WHERE licensor_id != ? LIMIT 1", (b,)).fetchone()
        names = [d[0] for d in conn.execute("SELECT * FROM deals LIMIT 0").description]
        moved_deal = dict(zip(names, deal, strict=True))
        moved_deal["licensor_id"] = b  # the deal now counts for another company
        store.upsert([Deal(**{k: v for k, v in moved_deal.items()
                              if k in Deal.model_fields})], import_id=import_id)
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


def test_summaries_of_an_older_bioterm_are_read_live_then_summed_afresh(
        generated_db: Path, tmp_path: Path) -> None:
    """A file summed before the deals were kept: its deal figures are read from the
    deals table until it is opened for writing, which sums everything again."""
    import shutil

    from bioterm.paths import DbLocation, Origin

    path = tmp_path / "older.db"
    shutil.copyfile(generated_db, path)
    conn = sqlite3.connect(path)
    added = sorted(summary.ADDED_IN_2)
    marks = ",".join("?" * len(added))
    conn.execute(f"DELETE FROM summary_company WHERE dim IN ({marks})", added)
    conn.execute(f"DELETE FROM summary_total WHERE dim IN ({marks})", added)
    conn.execute("DELETE FROM user_state WHERE key = 'summary_version'")
    conn.commit()
    conn.close()
    reader = Store.open(DbLocation(path, Origin.OPTION))
    assert summary.is_built(reader.conn) and not summary.is_current(reader.conn)
    assert _from_summary(reader) == _live_overview(reader.conn)
    reader.close()
    writer = Store.open_for_write(DbLocation(path, Origin.OPTION))
    assert summary.is_current(writer.conn)
    _assert_current(writer)
    writer.close()
