"""The record tables come from their declarations; what they add is stated in store/tables.py."""

from __future__ import annotations

import sqlite3

from bioterm.store import schema, tables
from bioterm.stored import ROWS, columns


def test_every_declared_field_is_a_column_and_only_stated_extras_are_added() -> None:
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    for table, row in ROWS.items():
        found = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        extras = {d.name for d in tables.DERIVED.get(table, ())}
        surrogate = {"id"} if "id" not in columns(row) and \
            table not in tables.KEYED_BY_NATURAL_KEY else set()
        assert set(found) == set(columns(row)) | extras | surrogate, table
        assert found[-len(tables.APPENDED.get(table, ())) or len(found):] == \
            list(tables.APPENDED.get(table, ())), table
        references = {(r[3], r[2]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
        assert references == set(row.references.items()), table


def test_creating_again_keeps_what_exists() -> None:
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    conn.execute("INSERT INTO sources (id, title) VALUES ('s', 'a source')")
    conn.commit()
    conn.execute("BEGIN")
    schema.create_tables(conn, if_not_exists=True)  # as a migration does, in its transaction
    assert conn.in_transaction
    conn.commit()
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
