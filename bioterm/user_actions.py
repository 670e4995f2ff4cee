"""The dashboard's own writes: watching a record and keeping a note on it.

Everything else the dashboard does is reading. These two write the user's
own data, always to the user database: the first one copies the bundled
database to the user location, exactly as a first import does, and the
dashboard reads from the copy from then on. With --read-only nothing is
written and the user is told so.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bioterm.paths import write_location_for
from bioterm.store import Store, StoreError
from bioterm.store.connection import damaged_message, is_locked

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

READ_ONLY_MESSAGE = ("The dashboard is read-only (started with --read-only): "
                     "watchlist and notes cannot be changed.")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class UserDataActions:
    """Mixed into BiotermApp."""

    def watch_kind(self: BiotermApp, kind: str) -> str | None:
        entity = self.registry.by_kind.get(kind)
        return None if entity is None else entity.watch_kind

    def _refused(self: BiotermApp, kind: str) -> str | None:
        """Why a record of `kind` cannot be watched or noted now, if it cannot."""
        if self.read_only:
            return READ_ONLY_MESSAGE
        entity = self.registry.by_kind.get(kind)
        if entity is None or entity.watch_kind is None:
            noun = entity.noun if entity else "these records"
            return f"Only companies, drugs, sites, deals and investors can be watched or " \
                   f"noted, not {noun}."
        return None

    def _write(self: BiotermApp, change: str, write: object) -> bool:
        """Run `write(store)` on the user database; False (and a notice) if it failed."""
        location = write_location_for(self.store.location)
        try:
            writer = Store.open_for_write(location)
        except StoreError as exc:
            self.notify(f"{change} failed: {exc}", severity="error", timeout=8)
            return False
        try:
            write(writer)  # type: ignore[operator]
        except sqlite3.Error as exc:
            why = (f"{location.path} is locked by another program; try again in a moment."
                   if is_locked(exc) else damaged_message(location.path, exc))
            self.notify(f"{change} failed: {why}", severity="error", timeout=8)
            return False
        finally:
            writer.close()
        if self.store.location != location:
            # The first write made the user copy: read from it from now on.
            self.store.close()
            self.store = Store.open(location)
            self.notify(f"Your watchlist and notes are kept in {location.path}.", timeout=6)
        self.check_for_updates()
        return True

    def _writable_kind(self: BiotermApp, kind: str) -> str | None:
        """The kind a record of `kind` is watched and noted as; None (and a notice
        saying why) when it cannot be now."""
        refused = self._refused(kind)
        if refused:
            self.notify(refused, severity="warning", timeout=5)
            return None
        return self.watch_kind(kind)

    def toggle_watch(self: BiotermApp, kind: str, ref: str, name: str = "") -> None:
        record_kind = self._writable_kind(kind)
        if record_kind is None:
            return
        watching = not self.store.is_watched(record_kind, ref)
        label = name or ref

        def write(store: Store) -> None:
            store.set_watched(record_kind, ref, watching, now_utc())

        if self._write("Watching" if watching else "Unwatching", write):
            self.notify(f"Watching {label}." if watching else f"No longer watching {label}.",
                        timeout=3)

    def edit_note(self: BiotermApp, kind: str, ref: str, name: str = "") -> None:
        record_kind = self._writable_kind(kind)
        if record_kind is None:
            return
        from bioterm.screens.note_editor import NoteEditor

        note = self.store.note(record_kind, ref)
        self.push_screen(NoteEditor(record_kind, ref, name or ref,
                                    note.body if note else ""))

    def save_note(self: BiotermApp, record_kind: str, ref: str, body: str) -> bool:
        def write(store: Store) -> None:
            store.save_note(record_kind, ref, body, now_utc())

        return self._write("Saving the note", write)
