"""What an older bioterm left in a file, read from and written to `user_state`.

Derived tables (the search index, the summaries) record the version of what
they hold under a key of their own, so a newer bioterm can tell when to
rebuild them. `user_state` exists since schema 3: reading a file before its
migration raises `sqlite3.OperationalError`, which each caller answers.
"""

from __future__ import annotations

import sqlite3


def version_of(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM user_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def mark_version(conn: sqlite3.Connection, key: str, version: str) -> None:
    conn.execute("INSERT OR REPLACE INTO user_state (key, value) VALUES (?, ?)",
                 (key, version))
