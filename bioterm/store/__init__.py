"""Every SQL statement bioterm runs lives in this package.

`Store` is the one door to a database file: the dashboard and the command
line both read and write through it, and receive records, never cursors.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from bioterm.paths import DbLocation
from bioterm.store import quality, schema
from bioterm.store.connection import (
    BUSY_TIMEOUT_MS,
    DatabaseLocked,
    StoreError,
    connect_read,
    connect_write,
)
from bioterm.store.details import DetailMixin
from bioterm.store.grouping import GroupingMixin
from bioterm.store.import_log import ImportLogMixin, UndoError
from bioterm.store.list_charts import ListChartMixin
from bioterm.store.listing import ListQuery
from bioterm.store.quality import QualityIssue
from bioterm.store.reads import ReadMixin
from bioterm.store.since_last_visit import SinceLastVisitMixin
from bioterm.store.user_data import UserDataMixin
from bioterm.store.view_rows import ViewMixin
from bioterm.store.writes import TableChanges, WriteMixin

__all__ = ["DatabaseLocked", "ListQuery", "Store", "StoreError", "TableChanges", "UndoError"]


class Store(ReadMixin, DetailMixin, WriteMixin, ImportLogMixin, UserDataMixin,
            SinceLastVisitMixin, GroupingMixin, ViewMixin, ListChartMixin):
    def __init__(self, conn: sqlite3.Connection, location: DbLocation, *, writable: bool) -> None:
        self.conn = conn
        self.location = location
        self.writable = writable

    @classmethod
    def open(
        cls, location: DbLocation, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> Store:
        """A store for reading; `read_only` refuses to upgrade an older file (see
        `connect_read`), so that nothing at all is written."""
        return cls(connect_read(location, busy_timeout_ms, read_only=read_only), location,
                   writable=False)

    @classmethod
    def open_for_write(cls, location: DbLocation) -> Store:
        return cls(connect_write(location), location, writable=True)

    @property
    def path(self) -> Path:
        return self.location.path

    def schema_version(self) -> int:
        return schema.version(self.conn)

    def data_version(self) -> int:
        """Changes whenever another connection commits (lets a dashboard notice imports)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def probe(self) -> None:
        """Read one page, so a lock held elsewhere or a damaged file shows up here."""
        self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def integrity_problems(self) -> list[str]:
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        return problems

    def quality_issues(self) -> list[QualityIssue]:
        return quality.quality_issues(self.conn)

    def stale_facts(self, today: date) -> list[QualityIssue]:
        return quality.stale_facts(self.conn, today)

    def close(self) -> None:
        self.conn.close()
