"""A user database written by version 1 is migrated on open, losing nothing.

The fixture (tests/fixtures/schema-v1-user.db, see its README) was written by
the version-1 code: bundled rows, four imports, an update in the undo log.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store, schema

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-v1-user.db"
V1_TABLES = ("sources", "companies", "drugs", "milestones", "sites", "capacity", "funding",
             "partnerships", "fx_rates", "imports", "import_changes")


@pytest.fixture
def v1_db(tmp_path: Path) -> Path:
    path = tmp_path / "user.db"
    shutil.copyfile(FIXTURE, path)
    return path


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        out = {}
        for table in V1_TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            v1 = [c for c in columns if c not in ("kind", "classification")
                  or table not in ("capacity", "milestones")]
            out[table] = sorted(map(tuple, conn.execute(
                f"SELECT {', '.join(v1)} FROM {table}").fetchall()), key=repr)
        return out


def test_the_fixture_is_a_version_1_file() -> None:
    with sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True) as conn:
        assert schema.version(conn) == 1
        assert conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 4


def test_opening_migrates_and_keeps_every_row_and_the_history(v1_db: Path) -> None:
    before = _dump(v1_db)
    store = Store.open_for_write(DbLocation(v1_db, Origin.OPTION))
    try:
        assert store.schema_version() == schema.SCHEMA_VERSION == 3
        after = _dump(v1_db)
        for table in V1_TABLES:
            if table != "import_changes":
                assert after[table] == before[table], table
        assert [Path(e.file).name for e in store.imports()] == [
            "v1-import-1.csv", "v1-import-2.csv", "v1-import-3.csv", "v1-import-4.csv"]
        kinds = {r[0] for r in store.conn.execute("SELECT kind FROM capacity")}
        assert kinds <= {"biologics_bioreactor", "chemical_reactor", "peptide_oligo"}
        for table in ("deals", "deal_drugs", "funding_investors"):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        store.close()


def test_imports_made_before_the_migration_still_undo_exactly(v1_db: Path) -> None:
    store = Store.open_for_write(DbLocation(v1_db, Origin.OPTION))
    try:
        amount = "SELECT amount FROM funding WHERE company_id = 'akeso' AND date = '2024-03'"
        assert store.conn.execute(amount).fetchone()[0] == 1_200_000
        with store.transaction():
            store.undo_import(4)  # the update: the old amount comes back
        assert store.conn.execute(amount).fetchone()[0] == 1_000_000
        with store.transaction():
            store.undo_import(3)
            store.undo_import(2)  # a capacity row, whose key gained its kind
        point = "SELECT count(*) FROM capacity WHERE company_id = 'akeso' AND date = '2024-06'"
        assert store.conn.execute(point).fetchone()[0] == 0
    finally:
        store.close()


def test_a_migration_that_fails_leaves_the_file_as_it_was(
    v1_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = hashlib.sha256(v1_db.read_bytes()).hexdigest()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE milestones ADD COLUMN classification TEXT")
        conn.execute("CREATE TABLE deals (id TEXT)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(schema.MIGRATIONS, 2, half_then_fail)
    conn = sqlite3.connect(v1_db)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    conn.close()
    assert hashlib.sha256(v1_db.read_bytes()).hexdigest() == digest
    with sqlite3.connect(v1_db) as check:
        assert schema.version(check) == 1
        columns = [r[1] for r in check.execute("PRAGMA table_info(milestones)")]
        assert "classification" not in columns
