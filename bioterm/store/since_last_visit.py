"""What arrived since the previous launch, per user database.

Each launch of the dashboard on a user database records the newest import
it saw (table `user_state`); the next launch calls "new" whatever imports
after that one added or changed. It is the import log that decides, not the
dates of the events: a 2019 milestone imported today is new.
"""

from __future__ import annotations

import sqlite3

from bioterm.store import events
from bioterm.store.records import EventRow

LAST_SEEN = "last_seen_import"


class SinceLastVisitMixin:
    conn: sqlite3.Connection

    def newest_import_id(self) -> int:
        row = self.conn.execute("SELECT max(id) FROM imports").fetchone()
        return int(row[0] or 0)

    def last_seen_import(self) -> int | None:
        """The newest import the previous launch saw; None before any launch recorded one."""
        row = self.conn.execute("SELECT value FROM user_state WHERE key = ?",
                                (LAST_SEEN,)).fetchone()
        return None if row is None else int(row[0])

    def changed_since(self, import_id: int) -> dict[str, int]:
        """Rows added or changed by imports after `import_id` (undone ones aside), by table."""
        return {table: int(n) for table, n in self.conn.execute(
            "SELECT c.table_name, count(DISTINCT c.row_key) FROM import_changes c "
            "JOIN imports i ON i.id = c.import_id WHERE c.import_id > ? "
            "AND i.undone_at IS NULL GROUP BY c.table_name", (import_id,))}

    def events_since(self, import_id: int, limit: int = 30) -> list[EventRow]:
        return events.arrived_since(self.conn, import_id, limit)

    def record_launch(self, import_id: int) -> None:
        """Remember `import_id` as seen (a store opened for writing)."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO user_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LAST_SEEN, str(import_id)))
