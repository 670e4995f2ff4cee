"""Exact counts of a list query, and other reads a newer query makes pointless
(a list chart's figures), that another thread can stop.

A count of a common filter on a large file can take a second; the dashboard
runs it in a worker thread while the first page is already on screen, and a
newer keystroke makes it pointless. Each count therefore runs on a
connection of its own (one holding the UI's connection would stall every
window the table reads meanwhile), and `stop` interrupts every count still
running: SQLite abandons the statement at its next step.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import TypeVar

from bioterm.paths import DbLocation
from bioterm.store import ListQuery, Store, StoreError

T = TypeVar("T")


class MatchCounter:
    """Counts list queries on their own connections; `stop` interrupts the running ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[sqlite3.Connection] = set()

    def count(self, location: DbLocation, list_key: str, query: ListQuery, *,
              wanted: Callable[[], bool] = lambda: True) -> int | None:
        """How many rows of list `list_key` match `query`; None when the count was
        stopped, was no longer `wanted` when it could begin, or the file could not
        be opened."""
        return self.read(location, lambda store: store.list_count(list_key, query),
                         wanted=wanted)

    def read(self, location: DbLocation, read: Callable[[Store], T], *,
             wanted: Callable[[], bool] = lambda: True) -> T | None:
        """`read` on a store of its own (a chart's figures, a count); None when it
        was stopped, no longer `wanted` when it could begin, or the file could not
        be opened."""
        try:
            store = Store.open(location)
        except StoreError:
            return None
        with self._lock:
            self._running.add(store.conn)
        try:
            # Asked after the connection is registered: a stop in between is
            # seen either here or as an interrupt of the count.
            if not wanted():
                return None
            return read(store)
        except sqlite3.OperationalError:
            return None  # interrupted
        finally:
            with self._lock:
                self._running.discard(store.conn)
            store.close()

    def stop(self) -> None:
        """Interrupt every count still running (each then returns None)."""
        with self._lock:
            for conn in self._running:
                conn.interrupt()
