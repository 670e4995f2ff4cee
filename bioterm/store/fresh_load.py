"""Filling a brand-new database as fast as SQLite allows (`bioterm db generate`).

Rows go in through executemany in one transaction with journaling off; the
indexes are created afterwards (sorting once is far cheaper than maintaining
b-trees row by row); the search index is built by the store's own term
rules and the summary tables by the store's own rebuild, so the file is
exactly what the store would have written. The file appears at its path
only when complete.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bioterm.store import schema, search, summary
from bioterm.store.connection import create_empty

Row = tuple[Any, ...]

INSERT = {
    "sources": "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
    "fx_rates": "INSERT INTO fx_rates VALUES (?, ?, ?, ?)",
    "companies": "INSERT INTO companies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sites": "INSERT INTO sites VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "capacity": "INSERT INTO capacity (company_id, site_id, date, litres, qualifier, status, "
    "note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "drugs": "INSERT INTO drugs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "milestones": "INSERT INTO milestones (drug_id, kind, date, region, status, indication, "
    "note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "funding": "INSERT INTO funding (company_id, date, kind, amount, currency, qualifier, "
    "amount_usd, investors, purpose, note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "partnerships": "INSERT INTO partnerships (company_id, partner_id, kind, since, note, "
    "source_id) VALUES (?, ?, ?, ?, ?, ?)",
    "funding_investors": "INSERT INTO funding_investors (company_id, date, kind, investor_id, "
    "lead, source_id) VALUES (?, ?, ?, ?, ?, ?)",
    "deals": f"INSERT INTO deals VALUES ({', '.join('?' * 24)})",
    "deal_drugs": "INSERT INTO deal_drugs (deal_id, drug_id, source_id) VALUES (?, ?, ?)",
}
"""One INSERT per table, columns in schema order."""

_PRAGMAS = ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144",
            "temp_store = MEMORY", "threads = 2", "foreign_keys = OFF")


class FreshLoad:
    """A new database being filled at `path` (written beside it until `finish`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".generating")
        self.partial.unlink(missing_ok=True)
        self.conn = create_empty(self.partial)
        self.counts: dict[str, int] = {}
        try:
            self.conn.isolation_level = None
            for pragma in _PRAGMAS:
                self.conn.execute(f"PRAGMA {pragma}")
            self.conn.execute("BEGIN")
            names = [r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
            for name in names:
                self.conn.execute(f'DROP INDEX "{name}"')
        except BaseException:
            self.abort()
            raise

    def insert(self, table: str, rows: Iterable[Row]) -> None:
        cursor = self.conn.executemany(INSERT[table], rows)
        self.counts[table] = self.counts.get(table, 0) + max(cursor.rowcount, 0)

    def drugs_by_rowid(self, rowids: list[int]) -> dict[int, tuple[str, str, str]]:
        """(id, name, owner id) of drugs already inserted, by rowid (the file's own order)."""
        rows = self.conn.execute(
            "SELECT rowid, id, name, company_id FROM drugs "
            "WHERE rowid IN (SELECT value FROM json_each(?))", (json.dumps(rowids),))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def index_search(
        self, kind: str, rows: Sequence[search.Entry], pinyin: search.Pinyin
    ) -> None:
        """Search entries for rows just inserted, by the store's own term rules."""
        search.add_entries(self.conn, *search.entries(kind, rows, pinyin=pinyin))

    def finish(self, report: Callable[[str], None]) -> None:
        """Indexes, summaries and statistics; then the file takes its place."""
        report("indexes")
        # Statement by statement: executescript would commit the open transaction.
        for statement in schema.INDEXES_DDL.split(";"):
            if statement.strip():
                self.conn.execute(statement)
        # One b-tree per FTS column set instead of dozens of segments: faster MATCH.
        self.conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        report("summaries")
        summary.rebuild(self.conn)
        self.conn.execute("COMMIT")
        self.conn.execute("ANALYZE")
        self.conn.close()
        self.partial.replace(self.path)
        report("analyze")

    def abort(self) -> None:
        self.conn.close()
        self.partial.unlink(missing_ok=True)
