"""The user's own data beside the facts: the watchlist and notes.

They name a record by kind and id, with no foreign key, so a note outlives
its record and shows again when the record comes back (`bioterm db check`
lists the ones whose record is gone). They are written straight by the
dashboard, outside the import log, so undoing a data import never touches
them; importing a watchlist or notes file goes through the import log like
any other table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bioterm.store import events
from bioterm.store.records import EventRow
from bioterm.stored import Note

_NAME_SQL = {
    "company": "SELECT name FROM companies WHERE id = ?",
    "drug": "SELECT name FROM drugs WHERE id = ?",
    "site": "SELECT name FROM sites WHERE id = ?",
    "deal": "SELECT a.name || ' + ' || b.name FROM deals d "
            "JOIN companies a ON a.id = d.licensor_id JOIN companies b ON b.id = d.licensee_id "
            "WHERE d.id = ?",
}
"""What a watched record is called, per kind a user can watch."""


@dataclass(frozen=True)
class WatchedRecord:
    kind: str
    record_id: str
    name: str | None
    """None when the record is no longer in the database."""
    added: str | None
    newest: EventRow | None
    """Its newest dated event, if it has one."""


@dataclass(frozen=True)
class NoteHit:
    kind: str
    record_id: str
    name: str
    excerpt: str
    """The note's words around the first one searched for, on one line."""


def _around(body: str, term: str, width: int = 60) -> str:
    flat = " ".join(body.split())
    at = max(flat.casefold().find(term), 0)
    start = max(at - width // 3, 0)
    excerpt = flat[start:start + width]
    return ("…" if start else "") + excerpt + ("…" if start + width < len(flat) else "")


def record_name(conn: sqlite3.Connection, kind: str, record_id: str) -> str | None:
    sql = _NAME_SQL.get(kind)
    row = conn.execute(sql, (record_id,)).fetchone() if sql else None
    return None if row is None else str(row[0])


class UserDataMixin:
    conn: sqlite3.Connection

    # -- reading -------------------------------------------------------------------

    def watch_name(self, kind: str, record_id: str) -> str | None:
        """What a record of a watchable kind is called (None if it is gone)."""
        return record_name(self.conn, kind, record_id)

    def watched_ids(self, kind: str) -> frozenset[str]:
        return frozenset(r[0] for r in self.conn.execute(
            "SELECT record_id FROM watchlist WHERE kind = ?", (kind,)))

    def is_watched(self, kind: str, record_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM watchlist WHERE kind = ? AND record_id = ?",
            (kind, record_id)).fetchone() is not None

    def watching(self) -> list[WatchedRecord]:
        """Every watched record with its newest event: newest first, the undated after."""
        rows = self.conn.execute(
            "SELECT kind, record_id, added FROM watchlist ORDER BY added DESC, kind, record_id"
        ).fetchall()
        out = [
            WatchedRecord(kind, record_id, record_name(self.conn, kind, record_id), added,
                          events.newest_of(self.conn, kind, record_id))
            for kind, record_id, added in rows
        ]
        out.sort(key=lambda w: w.newest.date if w.newest else "", reverse=True)
        return out

    def note(self, kind: str, record_id: str) -> Note | None:
        row = self.conn.execute(
            "SELECT kind, record_id, body, edited FROM notes WHERE kind = ? AND record_id = ?",
            (kind, record_id)).fetchone()
        return None if row is None else Note(kind=row[0], record_id=row[1], body=row[2],
                                             edited=row[3])

    def noted_ids(self, kind: str) -> frozenset[str]:
        return frozenset(r[0] for r in self.conn.execute(
            "SELECT record_id FROM notes WHERE kind = ?", (kind,)))

    def notes_matching(self, words: str, limit: int = 20) -> list[NoteHit]:
        """Notes holding every word of `words` (case-insensitive), newest edit first."""
        terms = [t.casefold() for t in words.split()]
        if not terms:
            return []
        condition = " AND ".join("instr(lower(body), ?) > 0" for _ in terms)
        rows = self.conn.execute(
            f"SELECT kind, record_id, body FROM notes WHERE {condition} "
            "ORDER BY edited DESC LIMIT ?", (*terms, limit)).fetchall()
        hits = []
        for kind, record_id, body in rows:
            name = record_name(self.conn, kind, record_id)
            if name is not None:
                hits.append(NoteHit(kind, record_id, name, _around(body, terms[0])))
        return hits

    def orphaned_user_data(self) -> list[tuple[str, str, str]]:
        """(table, kind, id) of notes and watched records whose record is gone.

        They are kept: they show again if the record comes back.
        """
        return [(table, kind, record_id)
                for table in ("notes", "watchlist")
                for kind, record_id in self.conn.execute(
                    f"SELECT kind, record_id FROM {table} ORDER BY kind, record_id")
                if record_name(self.conn, kind, record_id) is None]

    # -- writing (a store opened for writing) --------------------------------------

    def set_watched(self, kind: str, record_id: str, watched: bool, now: str) -> None:
        with self.conn:
            if watched:
                self.conn.execute(
                    "INSERT OR IGNORE INTO watchlist (kind, record_id, added) VALUES (?, ?, ?)",
                    (kind, record_id, now))
            else:
                self.conn.execute("DELETE FROM watchlist WHERE kind = ? AND record_id = ?",
                                  (kind, record_id))

    def save_note(self, kind: str, record_id: str, body: str, now: str) -> None:
        """Keep the note; a blank one is removed."""
        with self.conn:
            if body.strip():
                self.conn.execute(
                    "INSERT INTO notes (kind, record_id, body, edited) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (kind, record_id) DO UPDATE SET body = excluded.body, "
                    "edited = excluded.edited", (kind, record_id, body, now))
            else:
                self.conn.execute("DELETE FROM notes WHERE kind = ? AND record_id = ?",
                                  (kind, record_id))
