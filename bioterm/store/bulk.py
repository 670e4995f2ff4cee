"""Inserting new rows in bulk, and writing their undo log, as cheaply as SQLite allows.

An import of 200,000 drugs spends most of its time in B-tree inserts: the
table, its ten indexes, the undo log, the search tables. This module keeps
those inserts in the cheapest order and, when a table more than doubles,
builds its indexes once at the end instead of row by row (see
`_deferred_indexes`). What ends up in the file is the same either way.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from bioterm.stored import Row as StoredRow

if TYPE_CHECKING:
    from bioterm.models import Record

BULK_ROWS = 10_000
"""Inserts of at least this many rows are made in natural-key order (see insert_new)."""

Row = tuple[Any, ...]


def sort_key(model: type[StoredRow] | type[Record], names: list[str]) -> Callable[[Row], Any]:
    """Orders whole rows by natural key (NULL parts first, any value type)."""
    at = [names.index(k) for k in model.natural_key]
    if len(at) == 1:
        return itemgetter(at[0])  # single keys are ids: never NULL, always text
    return lambda row: tuple((row[i] is not None, str(row[i])) for i in at)


@dataclass(frozen=True)
class Derived:
    """Columns computed as new rows go in, saving an UPDATE per row."""

    columns: list[str]
    sql: list[str]
    """Their values as SQL, where ?N is the Nth value of the row (from 1) and
    the values past the row's own are those `compute` appends to it."""
    compute: Callable[[Row], Row] | None = None


def insert_new(
    conn: sqlite3.Connection,
    model: type[StoredRow] | type[Record],
    names: list[str],
    rows: list[Row],
    derived: Derived | None = None,
) -> list[Row]:
    """Insert whole new rows (columns `names`, then the `derived` ones).

    Returns the rows in the order they went in: a bulk load goes in key
    order, so the key's index B-trees fill in order (about a quarter faster
    at 200,000 rows); smaller batches keep the file's order, which is the
    rowid order lists fall back on.
    """
    if len(rows) >= BULK_ROWS:
        rows = sorted(rows, key=sort_key(model, names))
    columns = [*names, *(derived.columns if derived else ())]
    values = [f"?{n}" for n in range(1, len(names) + 1)] + (derived.sql if derived else [])
    sql = f"INSERT INTO {model.table} ({', '.join(columns)}) VALUES ({', '.join(values)})"
    compute = derived.compute if derived else None
    with _deferred_indexes(conn, model.table, len(rows)):
        conn.executemany(sql, rows if compute is None else [row + compute(row) for row in rows])
    return rows


@contextmanager
def _deferred_indexes(conn: sqlite3.Connection, table: str, adding: int) -> Iterator[None]:
    """Build `table`'s indexes after the insert when it adds more rows than the table holds.

    Sorting all rows once (CREATE INDEX) is cheaper than inserting the new
    ones into each index at random places once they are the majority: 200,000
    drugs into an empty table go in about a second faster. Only plain
    secondary indexes are deferred; the primary key and any UNIQUE index keep
    checking every row. The indexes are recreated from their own stored
    definitions, with their planner statistics, inside the caller's
    transaction: a failure rolls the drop back with everything else.
    """
    if adding < BULK_ROWS or adding <= conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
        yield
        return
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'", (table,)
    ).fetchall()
    stats = _saved_stats(conn, [name for name, _ in indexes])
    for name, _ in indexes:
        quoted = name.replace('"', '""')
        conn.execute(f'DROP INDEX "{quoted}"')  # which also drops its statistics
    with _streamed(conn):
        yield
    threads = conn.execute("PRAGMA threads").fetchone()[0]
    conn.execute("PRAGMA threads = 2")  # the index sorts may use a second core
    try:
        for _, sql in indexes:
            conn.execute(sql)
    finally:
        conn.execute(f"PRAGMA threads = {int(threads)}")
    for stat_table, rows in stats.items():
        conn.executemany(
            f"INSERT INTO {stat_table} VALUES ({', '.join('?' * len(rows[0]))})", rows
        )


STREAM_CACHE_KIB = 2_000


@contextmanager
def _streamed(conn: sqlite3.Connection) -> Iterator[None]:
    """A small page cache while new rows are appended in key order.

    Those pages are written once and never touched again in the
    transaction, so holding them to the commit only crowds out the pages
    the search-term inserts that follow keep changing. With a small cache
    they go to the WAL as they fill: the commit has that much less to
    write, and a kill during the load finds the WAL mid-write, which is
    what the kill test (tests/importer/test_kill.py) samples for.
    """
    size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{STREAM_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(size)}")


def _saved_stats(conn: sqlite3.Connection, indexes: list[str]) -> dict[str, list[Row]]:
    """The ANALYZE statistics of `indexes` (the planner's choices depend on them)."""
    present = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE name IN ('sqlite_stat1', 'sqlite_stat4')"
    )}
    wanted = json.dumps(indexes)
    saved: dict[str, list[Row]] = {}
    for stat_table in sorted(present):
        rows = conn.execute(
            f"SELECT * FROM {stat_table} WHERE idx IN (SELECT value FROM json_each(?))", (wanted,)
        ).fetchall()
        if rows:
            saved[stat_table] = rows
    return saved


KEY_JSON = json.JSONEncoder(ensure_ascii=False).encode
"""A natural key as the undo log stores it (and compares it, as text)."""
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')
"""The characters KEY_JSON writes as escapes (it keeps the rest of Unicode as is)."""


def keys_json(keys: Sequence[Row]) -> list[str]:
    """Each key as KEY_JSON writes it.

    Keys of one text column with nothing to escape (ids always) are written
    directly: one encoder call per row costs a third of a second at 200,000.
    """
    if set(map(len, keys)) == {1}:
        texts = [k[0] for k in keys]
        if set(map(type, texts)) == {str} and not _JSON_ESCAPED.search("".join(texts)):
            return [f'["{t}"]' for t in texts]
    return [KEY_JSON(k) for k in keys]


def log_changes(
    conn: sqlite3.Connection,
    import_id: int,
    table: str,
    log: Sequence[tuple[Row, str, dict[str, Any] | None]],
) -> None:
    """Append (key, "insert" | "update", the row before an update) entries to the undo log."""
    seq = conn.execute(
        "SELECT ifnull(max(seq), -1) + 1 FROM import_changes WHERE import_id = ?", (import_id,)
    ).fetchone()[0]
    keys = keys_json([key for key, _, _ in log])
    conn.executemany(
        "INSERT INTO import_changes VALUES (?, ?, ?, ?, ?, ?)",
        [
            (import_id, seq + n, table, key, action,
             None if before is None else json.dumps(before, ensure_ascii=False))
            for n, (key, (_, action, before)) in enumerate(zip(keys, log, strict=True))
        ],
    )
