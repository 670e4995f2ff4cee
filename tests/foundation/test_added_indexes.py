"""An index added to the schema after a file was made is built on its first
writable open; reading never adds one, and no row changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bioterm.paths import DbLocation, Origin, bundled_db_path
from bioterm.store import Store, schema

DROPPED = ("companies_name_id", "drugs_name")


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")), key=repr)
                for t in ("companies", "drugs", "funding_investors", "imports")}


def test_a_file_without_a_newer_index_gets_it_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "user.db"
    shutil.copyfile(bundled_db_path(), path)
    with sqlite3.connect(path) as conn:
        for name in DROPPED:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        version = schema.version(conn)
    rows = _rows(path)

    Store.open(DbLocation(path, Origin.OPTION)).close()
    assert not set(DROPPED) & _indexes(path)

    Store.open_for_write(DbLocation(path, Origin.OPTION)).close()
    assert set(DROPPED) <= _indexes(path)
    assert _rows(path) == rows
    with sqlite3.connect(path) as conn:
        assert schema.version(conn) == version
        assert schema.add_missing_indexes(conn) == []  # nothing left to build


def test_every_declared_index_is_in_a_new_file(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.db")
    try:
        schema.create(conn)
        assert schema.add_missing_indexes(conn) == []
        present = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'companies_name_id'")
        assert present.fetchone() is not None
    finally:
        conn.close()
