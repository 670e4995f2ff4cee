"""A user database written by version 2 gains the watchlist and notes, losing nothing.

The fixture (tests/fixtures/schema-v2-user.db, see its README) was written by
the version-2 code: a deal, a round, its investor link and a deal update in
the history.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store, schema, search

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-v2-user.db"


@pytest.fixture
def v2_db(tmp_path: Path) -> Path:
    path = tmp_path / "user.db"
    shutil.copyfile(FIXTURE, path)
    return path


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _dump(path: Path, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")), key=repr)
                for t in tables}


def test_the_fixture_is_a_version_2_file() -> None:
    with sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True) as conn:
        assert schema.version(conn) == 2
        assert conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 5
        assert "watchlist" not in _tables(conn)


def test_opening_migrates_and_keeps_every_row_and_the_history(v2_db: Path) -> None:
    with sqlite3.connect(v2_db) as conn:
        # The summaries and the search index are derived from the rows: the
        # index is rebuilt once for the filter's newer terms (search.INDEX_VERSION).
        v2_tables = [t for t in _tables(conn) if not t.startswith(("summary_", "search_"))]
    before = _dump(v2_db, v2_tables)
    store = Store.open_for_write(DbLocation(v2_db, Origin.OPTION))
    try:
        assert store.schema_version() == schema.SCHEMA_VERSION == 3
        assert _dump(v2_db, v2_tables) == before
        assert search.is_current(store.conn)
        for table in ("watchlist", "notes"):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        assert len(store.imports()) == 5
        upfront = "SELECT upfront FROM deals WHERE id = 'fixture-v2-deal'"
        assert store.conn.execute(upfront).fetchone()[0] == 12_000_000
        with store.transaction():
            store.undo_import(4)  # the update made before the migration
        assert store.conn.execute(upfront).fetchone()[0] == 10_000_000
    finally:
        store.close()


def test_a_migration_that_fails_leaves_the_file_as_it_was(
    v2_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = hashlib.sha256(v2_db.read_bytes()).hexdigest()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE watchlist (kind TEXT)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(schema.MIGRATIONS, 3, half_then_fail)
    conn = sqlite3.connect(v2_db)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    conn.close()
    assert hashlib.sha256(v2_db.read_bytes()).hexdigest() == digest
    with sqlite3.connect(v2_db) as check:
        assert schema.version(check) == 2
        assert "watchlist" not in _tables(check)
