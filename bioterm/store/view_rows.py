"""A list's whole view read out in order (for export), and a record's source URL.

The table reads a view one window at a time by LIMIT/OFFSET, which is right
for scrolling but would cost a walk from the top for every window of an
export. An export instead runs the view's window query once without a limit
and hands rows out `batch` at a time from the cursor, so a view of a million
rows is never held in memory and every row costs one step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from bioterm.store import listing, windowing
from bioterm.stored import ROWS

SOURCED_TABLES = frozenset(t for t, row in ROWS.items() if "source_id" in row.references)
"""Tables whose rows cite one source (`source_id`), so `source_url` can answer for them."""


def iter_view(conn: sqlite3.Connection, spec: listing.ListSpec, query: listing.ListQuery,
              batch: int = 1000) -> Iterator[list[sqlite3.Row]]:
    """The rows of `query` in its order, each read by field key, `batch` at a time."""
    # Every match is wanted, so collecting them once beats a probe per row.
    plan = windowing.exact_plan(conn, spec, query)
    built = windowing.window_sql(spec, query, plan, 0, -1)  # LIMIT -1: no limit
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    cursor.execute(built.sql, built.params)
    try:
        while chunk := cursor.fetchmany(batch):
            yield chunk
    finally:
        cursor.close()


class ViewMixin:
    conn: sqlite3.Connection

    def iter_list(self, entity: str, query: listing.ListQuery,
                  batch: int = 1000) -> Iterator[list[sqlite3.Row]]:
        """Every row of list `entity` under `query`, in its order, `batch` rows at a
        time (read by key like a window's: `row["id"]`, `row["name"]`)."""
        return iter_view(self.conn, listing.SPECS[entity], query, batch)

    def source_url(self, table: str, record_id: str) -> str | None:
        """The URL of the source a record cites; None without one (or no such record)."""
        if table not in SOURCED_TABLES:
            raise KeyError(f"{table!r} rows do not cite a source")
        row = self.conn.execute(
            f"SELECT s.url FROM {table} t JOIN sources s ON s.id = t.source_id "
            "WHERE t.id = ?", (record_id,)).fetchone()
        return row[0] if row and row[0] else None
