"""The import log: one entry per imported file, the rows it changed, and exact undo."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bioterm.store import summary
from bioterm.stored import ROWS


class UndoError(Exception):
    """An undo that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class ImportEntry:
    id: int
    at: str
    file: str
    checksum: str
    tables: str
    inserted: int
    updated: int
    unchanged: int
    undone_at: str | None


def key_where(natural_key: Sequence[str]) -> str:
    return " AND ".join(f"{k} IS ?" for k in natural_key)


class ImportLogMixin:
    conn: sqlite3.Connection

    def _refresh_derived(
        self, table: str, keys: Sequence[tuple[Any, ...]], new: Sequence[tuple[Any, ...]] = ()
    ) -> None:
        raise NotImplementedError  # WriteMixin's

    def begin_import(self, file: str, content: bytes, tables: Sequence[str]) -> int:
        cursor = self.conn.execute(
            "INSERT INTO imports (at, file, checksum, tables, inserted, updated, unchanged) "
            "VALUES (?, ?, ?, ?, 0, 0, 0)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                file,
                hashlib.sha256(content).hexdigest(),
                ", ".join(tables),
            ),
        )
        return int(cursor.lastrowid or 0)

    def finish_import(self, import_id: int, inserted: int, updated: int, unchanged: int) -> None:
        self.conn.execute(
            "UPDATE imports SET inserted = ?, updated = ?, unchanged = ? WHERE id = ?",
            (inserted, updated, unchanged, import_id),
        )

    def forget_import(self, import_id: int) -> None:
        """Drop the log entry of an import that changed nothing (so history stays meaningful)."""
        self.conn.execute(
            "DELETE FROM imports WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM import_changes WHERE import_id = ?)",
            (import_id, import_id),
        )

    def imports(self) -> list[ImportEntry]:
        return [ImportEntry(*row) for row in self.conn.execute(
            "SELECT id, at, file, checksum, tables, inserted, updated, unchanged, undone_at "
            "FROM imports ORDER BY id"
        )]

    def undo_entry(self, import_id: int | None = None) -> ImportEntry:
        """The import `undo_import` would revert, or UndoError saying why it cannot
        (reads only, so a refused undo can be told before the file is opened to write)."""
        entries = {e.id: e for e in self.imports()}
        if import_id is None:
            live = [e for e in entries.values() if e.undone_at is None]
            if not live:
                raise UndoError("There is no import to undo.")
            import_id = live[-1].id
        entry = entries.get(import_id)
        if entry is None:
            raise UndoError(f"There is no import with id {import_id}; see `bioterm history`.")
        if entry.undone_at is not None:
            raise UndoError(f"Import {import_id} was already undone at {entry.undone_at}.")
        changes = self.conn.execute(
            "SELECT table_name, row_key, action, before FROM import_changes "
            "WHERE import_id = ? ORDER BY seq DESC", (import_id,)
        ).fetchall()
        self._refuse_if_touched_later(import_id, changes)
        return entry

    def undo_import(self, import_id: int | None = None) -> ImportEntry:
        """Revert one import exactly; the newest one not yet undone by default."""
        entry = self.undo_entry(import_id)
        import_id = entry.id
        changes = self.conn.execute(
            "SELECT table_name, row_key, action, before FROM import_changes "
            "WHERE import_id = ? ORDER BY seq DESC", (import_id,)
        ).fetchall()
        affected = summary.rows_before_undo(self.conn, changes)
        touched: dict[str, list[tuple[Any, ...]]] = {}
        try:
            for table, row_key, action, before in changes:
                model = ROWS[table]
                key = tuple(json.loads(row_key))
                if action == "insert":
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE {key_where(model.natural_key)}", key)
                else:
                    old = json.loads(before)
                    sets = ", ".join(f"{n} = ?" for n in old)
                    self.conn.execute(
                        f"UPDATE {table} SET {sets} WHERE {key_where(model.natural_key)}",
                        [*old.values(), *key],
                    )
                touched.setdefault(table, []).append(key)
        except sqlite3.IntegrityError:
            raise UndoError(
                f"Import {import_id} cannot be undone: rows added since refer to rows it "
                "created. Undo the later imports first."
            ) from None
        for table, keys in touched.items():
            self._refresh_derived(table, keys)
        for table, rows in affected.items():
            summary.after_write(self.conn, table, rows)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.conn.execute("UPDATE imports SET undone_at = ? WHERE id = ?", (now, import_id))
        return ImportEntry(*{**entry.__dict__, "undone_at": now}.values())

    def _refuse_if_touched_later(self, import_id: int, changes: Sequence[Any]) -> None:
        keys = {(t, k) for t, k, _, _ in changes}
        later = self.conn.execute(
            "SELECT DISTINCT c.import_id, c.table_name, c.row_key FROM import_changes c "
            "JOIN imports i ON i.id = c.import_id WHERE c.import_id > ? AND i.undone_at IS NULL",
            (import_id,),
        ).fetchall()
        clashes = sorted({i for i, t, k in later if (t, k) in keys})
        if clashes:
            raise UndoError(
                f"Import {import_id} cannot be undone on its own: later imports "
                f"{', '.join(map(str, clashes))} changed the same rows. Undo those first."
            )
