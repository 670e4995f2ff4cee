"""Bulk writes take shortcuts (new-row summaries, indexes built after the insert,
search entries from the rows in hand); what they leave in the file is what
row-by-row writes leave."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioterm.enums import Modality, Phase
from bioterm.models import Company, Drug
from bioterm.paths import DbLocation, Origin
from bioterm.store import Store, bulk, search, summary
from bioterm.store.model_rows import columns_of

FROZEN = ("summary_company", "summary_total", "summary_capacity_company", "summary_capacity")
SEARCH_ROWS = {
    "search_terms": "SELECT term, kind, ref FROM search_terms",
    "search_index": "SELECT kind, ref, name, name_zh, pinyin, extra FROM search_index",
}
NEW_DRUGS = bulk.BULK_ROWS + 2_000


def _copy(generated_db: Path, tmp_path: Path, name: str) -> Store:
    path = tmp_path / name
    shutil.copyfile(generated_db, path)
    return Store.open_for_write(DbLocation(path, Origin.OPTION))


def _drug_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """New drugs over every company, then a few existing ones moved and re-phased."""
    companies = [r[0] for r in conn.execute("SELECT id FROM companies ORDER BY id")]
    source = conn.execute("SELECT id FROM sources ORDER BY id LIMIT 1").fetchone()[0]
    phases, modalities = [p.value for p in Phase], [m.value for m in Modality]
    rows = [
        (f"bulk-{i:05d}", f"Bulk Drug {i} {'Alpha Beta' if i % 3 else 'X'}",
         f"BD-{i}; BX {i}" if i % 4 == 0 else None, companies[(i * 7) % len(companies)],
         modalities[i % len(modalities)], "PD-1; VEGF" if i % 2 else "HER2", "cancer",
         phases[i % len(phases)], i % 5 == 0, "CN; US", None, source)
        for i in range(NEW_DRUGS)
    ]
    for n, old in enumerate(conn.execute("SELECT * FROM drugs ORDER BY id LIMIT 25").fetchall()):
        values = dict(zip([d[0] for d in conn.execute("SELECT * FROM drugs").description], old,
                          strict=True))
        values["company_id"] = companies[n % len(companies)]
        values["phase"] = phases[(n + 3) % len(phases)]
        rows.append(tuple(values[c] for c in columns_of(Drug)))
    return rows


def _state(conn: sqlite3.Connection) -> dict[str, object]:
    return {
        "drugs": sorted(conn.execute("SELECT * FROM drugs").fetchall()),
        "indexes": sorted(conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'").fetchall()),
        "stat1": sorted(conn.execute("SELECT * FROM sqlite_stat1").fetchall()),
        "changes": sorted(conn.execute(
            "SELECT table_name, row_key, action, before FROM import_changes").fetchall()),
        **{t: sorted(conn.execute(sql).fetchall()) for t, sql in SEARCH_ROWS.items()},
    }


def _assert_summaries_rebuilt(conn: sqlite3.Connection) -> None:
    kept = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    conn.execute("SAVEPOINT rebuild")
    summary.rebuild(conn)
    fresh = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    conn.execute("ROLLBACK TO rebuild")
    conn.execute("RELEASE rebuild")
    for table in FROZEN:
        assert [r[:-1] for r in kept[table]] == [r[:-1] for r in fresh[table]], table
        assert [r[-1] for r in kept[table]] == pytest.approx([r[-1] for r in fresh[table]])


def _assert_search_reindexed(conn: sqlite3.Connection) -> None:
    kept = {t: sorted(conn.execute(sql).fetchall()) for t, sql in SEARCH_ROWS.items()}
    conn.execute("SAVEPOINT reindex")
    for kind in ("company", "drug", "site"):
        search.reindex(conn, kind)
    fresh = {t: sorted(conn.execute(sql).fetchall()) for t, sql in SEARCH_ROWS.items()}
    conn.execute("ROLLBACK TO reindex")
    conn.execute("RELEASE reindex")
    assert kept == fresh


def test_a_bulk_insert_leaves_what_small_batches_leave(generated_db: Path,
                                                       tmp_path: Path) -> None:
    bulky, batched = _copy(generated_db, tmp_path, "bulk.db"), _copy(generated_db, tmp_path,
                                                                      "batched.db")
    rows = _drug_rows(bulky.conn)
    assert bulky.conn.execute("SELECT count(*) FROM drugs").fetchone()[0] < len(rows)
    before = {t: sorted(bulky.conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    names = columns_of(Drug)
    with bulky.transaction():
        import_id = bulky.begin_import("bulk.csv", b"x", ["drugs"])
        changes = bulky.upsert_rows(Drug, names, rows, import_id=import_id)
    assert len(changes.inserted) == NEW_DRUGS and len(changes.updated) == 25
    with batched.transaction():
        import_id = batched.begin_import("bulk.csv", b"x", ["drugs"])
        for start in range(0, len(rows), 1_000):  # each batch too small for the shortcuts
            batched.upsert_rows(Drug, names, rows[start:start + 1_000], import_id=import_id)
    a, b = _state(bulky.conn), _state(batched.conn)
    for key in a:
        assert a[key] == b[key], key
    _assert_summaries_rebuilt(bulky.conn)
    _assert_search_reindexed(bulky.conn)

    with bulky.transaction():
        bulky.undo_import()
    _assert_summaries_rebuilt(bulky.conn)
    after = {t: sorted(bulky.conn.execute(f"SELECT * FROM {t}").fetchall()) for t in FROZEN}
    for table in FROZEN:
        assert [r[:-1] for r in after[table]] == [r[:-1] for r in before[table]], table
    bulky.close()
    batched.close()


def test_a_failed_bulk_insert_leaves_the_indexes_as_they_were(writable_generated: Store) -> None:
    store = writable_generated
    conn = store.conn
    before = _state(conn)
    rows = _drug_rows(conn)[:NEW_DRUGS]
    rows[-1] = (*rows[-1][:3], "no-such-company", *rows[-1][4:])
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.upsert_rows(Drug, columns_of(Drug), rows)
    assert _state(conn) == before


def test_search_entries_of_new_rows_equal_a_reindex(writable_generated: Store) -> None:
    store = writable_generated
    source = store.conn.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    companies = [
        Company(id=f"zz-co-{i}", name=f"Zz Company {i} Bio", kind="biotech", source_id=source,
                name_zh=["康方生物", "百济神州", None, "Plain latin"][i % 4],
                tickers="HKEX:09926; SZ:300" if i % 2 else None, hq_city=" Guangzhou ")
        for i in range(40)
    ]
    with store.transaction():
        store.upsert(companies)
        store.upsert([Drug(id=f"zz-drug-{i}", name=f"Zz  Drug {i}", code_names="ZD-1; zd 2",
                           company_id=f"zz-co-{i % 40}", modality="mab", phase="phase_1",
                           targets="PD-1; PD-1 ", source_id=source) for i in range(30)])
    _assert_search_reindexed(store.conn)


@given(st.lists(st.text(max_size=8), max_size=5))
def test_undo_log_keys_are_the_json_the_log_always_held(ids: list[str]) -> None:
    keys = [(i,) for i in ids]
    assert bulk.keys_json(keys) == [bulk.KEY_JSON(k) for k in keys]
    mixed = [*keys, ("x", None), (1.5,)]
    assert bulk.keys_json(mixed) == [bulk.KEY_JSON(k) for k in mixed]
