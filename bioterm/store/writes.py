"""Writing records: upserts on natural keys, derived columns, the import log and undo.

Every write goes through `upsert`, so the search index, the phase rank and
the USD amounts can never fall out of step with the rows they derive from.
Callers own the transaction (`with store.transaction():`), which is what
makes an import all-or-nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bioterm.currency import to_usd
from bioterm.enums import Phase
from bioterm.models import RECORDS, Record
from bioterm.parsing.dates import year_of
from bioterm.store import search
from bioterm.store.reads import columns_of

SEARCH_KIND = {"companies": "company", "drugs": "drug", "sites": "site"}
SURROGATE_ID = frozenset({"milestones", "capacity", "funding", "partnerships"})


class UndoError(Exception):
    """An undo that cannot be done; nothing was changed."""


@dataclass
class TableChanges:
    table: str
    inserted: list[tuple[Any, ...]] = field(default_factory=list)
    updated: list[tuple[tuple[Any, ...], dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    """(key, {column: (old, new)})"""
    unchanged: int = 0


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


def _key_where(model: type[Record]) -> str:
    return " AND ".join(f"{k} IS ?" for k in model.natural_key)


def _stored_values(record: Record) -> dict[str, Any]:
    values = record.model_dump()
    for name, value in values.items():
        if isinstance(value, bool):
            values[name] = int(value)
    return values


class WriteMixin:
    conn: sqlite3.Connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: everything inside lands, or nothing does."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def upsert(
        self, records: Sequence[Record], *, import_id: int | None = None
    ) -> TableChanges:
        """Insert new rows and update changed ones, all of one table; log for undo."""
        if not records:
            return TableChanges(table="")
        model = type(records[0])
        table = model.table
        names = columns_of(model)
        changes = TableChanges(table)
        select = f"SELECT {', '.join(names)} FROM {table} WHERE {_key_where(model)}"
        insert = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        seq = self._next_seq(import_id)
        touched: list[Any] = []
        for record in records:
            key = record.key()
            values = _stored_values(record)
            existing = self.conn.execute(select, key).fetchone()
            if existing is None:
                self.conn.execute(insert, [values[n] for n in names])
                changes.inserted.append(key)
                action, before = "insert", None
            else:
                old = dict(zip(names, existing, strict=True))
                diff = {n: (old[n], values[n]) for n in names if old[n] != values[n]}
                if not diff:
                    changes.unchanged += 1
                    continue
                sets = ", ".join(f"{n} = ?" for n in diff)
                self.conn.execute(
                    f"UPDATE {table} SET {sets} WHERE {_key_where(model)}",
                    [values[n] for n in diff] + list(key),
                )
                changes.updated.append((key, diff))
                action, before = "update", json.dumps(old, ensure_ascii=False)
            touched.append(key)
            if import_id is not None:
                self.conn.execute(
                    "INSERT INTO import_changes VALUES (?, ?, ?, ?, ?, ?)",
                    (import_id, seq, table, json.dumps(key, ensure_ascii=False), action, before),
                )
                seq += 1
        self._refresh_derived(table, touched)
        return changes

    def _next_seq(self, import_id: int | None) -> int:
        if import_id is None:
            return 0
        row = self.conn.execute(
            "SELECT ifnull(max(seq), -1) + 1 FROM import_changes WHERE import_id = ?", (import_id,)
        ).fetchone()
        return int(row[0])

    def _refresh_derived(self, table: str, keys: Sequence[tuple[Any, ...]]) -> None:
        if not keys:
            return
        if table in SEARCH_KIND:
            search.reindex(self.conn, SEARCH_KIND[table], [k[0] for k in keys])
        if table == "drugs":
            ranks = " ".join(f"WHEN '{p.value}' THEN {p.rank}" for p in Phase)
            self.conn.executemany(
                f"UPDATE drugs SET phase_rank = CASE phase {ranks} ELSE 0 END WHERE id = ?",
                [(k[0],) for k in keys],
            )
        if table == "funding":
            self.refresh_usd(keys)
        if table == "fx_rates":
            self.refresh_usd(None)

    def refresh_usd(self, keys: Sequence[tuple[Any, ...]] | None) -> None:
        """Recompute amount_usd for the given funding rows (all when None)."""
        rates = {(c, int(y)): float(u) for c, y, u in
                 self.conn.execute("SELECT currency, year, usd FROM fx_rates")}
        model = RECORDS["funding"]
        if keys is None:
            rows = self.conn.execute("SELECT id, amount, currency, date FROM funding").fetchall()
        else:
            sql = f"SELECT id, amount, currency, date FROM funding WHERE {_key_where(model)}"
            rows = [r for key in keys for r in self.conn.execute(sql, key)]
        self.conn.executemany(
            "UPDATE funding SET amount_usd = ? WHERE id = ?",
            [(to_usd(amount, currency, year_of(date), rates), rid)
             for rid, amount, currency, date in rows],
        )

    # -- the import log -----------------------------------------------------

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

    def imports(self) -> list[ImportEntry]:
        return [ImportEntry(*row) for row in self.conn.execute(
            "SELECT id, at, file, checksum, tables, inserted, updated, unchanged, undone_at "
            "FROM imports ORDER BY id"
        )]

    def undo_import(self, import_id: int | None = None) -> ImportEntry:
        """Revert one import exactly; the newest one not yet undone by default."""
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
        touched: dict[str, list[tuple[Any, ...]]] = {}
        try:
            for table, row_key, action, before in changes:
                model = RECORDS[table]
                key = tuple(json.loads(row_key))
                if action == "insert":
                    self.conn.execute(f"DELETE FROM {table} WHERE {_key_where(model)}", key)
                    if table in SEARCH_KIND:
                        search.remove(self.conn, SEARCH_KIND[table], key[0])
                else:
                    old = json.loads(before)
                    sets = ", ".join(f"{n} = ?" for n in old)
                    self.conn.execute(
                        f"UPDATE {table} SET {sets} WHERE {_key_where(model)}",
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
