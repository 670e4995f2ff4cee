"""Writing records: upserts on natural keys and the columns derived from them.

Every write goes through `upsert`, so the search index, the phase rank and
the USD amounts can never fall out of step with the rows they derive from.
Callers own the transaction (`with store.transaction():`), which is what
makes an import all-or-nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from bioterm.entities import REGISTRY
from bioterm.enums import Phase
from bioterm.store import bulk, search, summary, usd
from bioterm.store.import_log import key_where
from bioterm.store.model_rows import columns_of

if TYPE_CHECKING:
    # Validated records arrive from the importer and the build; this module
    # only reads their values, so the dashboard's start needs no pydantic.
    from bioterm.models import Record

SEARCH_KIND = {e.table: e.kind for e in REGISTRY.searched()}
_PHASE_RANKS = " ".join(f"WHEN '{p.value}' THEN {p.rank}" for p in Phase)
"""The WHEN arms of a CASE on a phase that gives its rank."""


@dataclass
class TableChanges:
    table: str
    inserted: list[tuple[Any, ...]] = field(default_factory=list)
    updated: list[tuple[tuple[Any, ...], dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    """(key, {column: (old, new)})"""
    unchanged: int = 0


@dataclass
class UpsertPlan:
    """What an upsert of one table will do; `changes` is what it reports."""

    model: type[Record]
    changes: TableChanges
    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    """Whole rows, in `columns_of(model)` order."""
    updates: list[tuple[tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    """(key, {column: new value})"""
    log: list[tuple[tuple[Any, ...], str, dict[str, Any] | None]] = field(default_factory=list)
    """(key, "insert" | "update", the whole row before an update), in row order."""


def _default(model: type[Record], name: str) -> Any:
    """What a column left out of a file holds in a new row: the declared default."""
    declared = {f.name: f.default for f in fields(model.row)}[name]
    if declared is MISSING:
        return None  # a required column: the row is refused by the table's NOT NULL
    if isinstance(declared, bool):
        return int(declared)
    return declared


def _picker(indexes: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function taking the values at `indexes` of a sequence, as a tuple."""
    if len(indexes) == 1:
        only = indexes[0]
        return lambda values: (values[only],)
    return itemgetter(*indexes)  # type: ignore[return-value]


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
        names = columns_of(model)
        rows = [tuple(values[n] for n in names) for values in map(_stored_values, records)]
        return self.upsert_rows(model, names, rows, import_id=import_id)

    def plan_upsert(
        self, model: type[Record], columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> UpsertPlan:
        """What `upsert_rows` would do, without writing (works on a read-only store).

        `rows` hold canonical values for `columns`, which must include the
        natural key. A column left out is left alone on existing rows and takes
        the model's default on new ones.
        """
        names = columns_of(model)
        at = {c: i for i, c in enumerate(columns)}
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise ValueError(f"{model.table} has no column {', '.join(unknown)}")
        given = [(i, at[n]) for i, n in enumerate(names) if n in at]
        # A whole new row is the given values followed by the defaults of the
        # rest, picked into table order in one C call per row.
        missing = [n for n in names if n not in at]
        tail = tuple(_default(model, n) for n in missing)
        extended = {n: i for i, n in enumerate([*columns, *missing])}
        pick = _picker([extended[n] for n in names])
        whole = list(columns) == names  # the row is the new row as it is
        key_of = _picker([at[k] for k in model.natural_key])
        plan = UpsertPlan(model, TableChanges(model.table))
        keys = [key_of(row) for row in rows]
        # Into an empty table (a first import) nothing can match: looking 200,000
        # keys up would still cost a quarter of a second, in each of the two plans.
        empty = self.conn.execute(f"SELECT 1 FROM {model.table} LIMIT 1").fetchone() is None
        current = {} if empty else self.stored_by_key(model, keys)  # type: ignore[attr-defined]
        if not current and len(set(keys)) == len(keys):
            # All new, each key once (a first import): the loop below, in bulk.
            plan.inserts = [tuple(row) if whole else pick(tuple(row) + tail) for row in rows]
            plan.changes.inserted = keys
            plan.log = [(key, "insert", None) for key in keys]
            return plan
        pending: dict[tuple[Any, ...], int] = {}
        for row, key in zip(rows, keys, strict=True):
            old = current.get(key)
            if old is None:
                full = tuple(row) if whole else pick(tuple(row) + tail)
                if key in pending:  # the same key twice in one call: the later row wins
                    plan.inserts[pending[key]] = full
                    continue
                pending[key] = len(plan.inserts)
                plan.inserts.append(full)
                plan.changes.inserted.append(key)
                plan.log.append((key, "insert", None))
                continue
            diff = {names[i]: (old[i], row[j]) for i, j in given if old[i] != row[j]}
            if not diff:
                plan.changes.unchanged += 1
                continue
            plan.changes.updated.append((key, diff))
            plan.updates.append((key, {n: new for n, (_, new) in diff.items()}))
            plan.log.append((key, "update", dict(zip(names, old, strict=True))))
            merged = list(old)
            for i, j in given:
                merged[i] = row[j]
            current[key] = tuple(merged)
        return plan

    def upsert_rows(
        self,
        model: type[Record],
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        import_id: int | None = None,
    ) -> TableChanges:
        """Apply `plan_upsert` in bulk: inserts, updates, the undo log, derived columns."""
        plan = self.plan_upsert(model, columns, rows)
        table = model.table
        names = columns_of(model)
        counted = True  # the summaries hold the new rows (see summary.add_inserted)
        inserts = plan.inserts
        if inserts:
            last = self.conn.execute(f"SELECT ifnull(max(rowid), 0) FROM {table}").fetchone()[0]
            inserts = bulk.insert_new(self.conn, model, names, inserts,
                                      self._derived_on_insert(table, names))
            counted = summary.add_inserted(self.conn, table, last, len(inserts))
        by_columns: dict[tuple[str, ...], list[list[Any]]] = {}
        for key, new in plan.updates:
            by_columns.setdefault(tuple(new), []).append([*new.values(), *key])
        for changed, params in by_columns.items():
            sets = ", ".join(f"{n} = ?" for n in changed)
            self.conn.executemany(
                f"UPDATE {table} SET {sets} WHERE {key_where(model.natural_key)}", params
            )
        if import_id is not None and plan.log:
            bulk.log_changes(self.conn, import_id, table, plan.log)
        if inserts and table in SEARCH_KIND:
            search.index_new(self.conn, SEARCH_KIND[table], names, inserts,
                             ordered=len(inserts) >= bulk.BULK_ROWS)
        self._refresh_derived(table, [key for key, _ in plan.updates], new=plan.changes.inserted)
        # Overview summaries: new rows were added above (unless add_inserted could
        # not); the companies of updated rows, as they were and as they are, are
        # recounted from the tables, new rows included, so this comes after.
        summary.after_write(self.conn, table, [
            *(() if counted else (dict(zip(names, row, strict=True)) for row in plan.inserts)),
            *(before for _, _, before in plan.log if before is not None),
            *(new for _, new in plan.updates),
        ])
        return plan.changes

    def _derived_on_insert(self, table: str, names: list[str]) -> bulk.Derived | None:
        """Derived columns computed with the INSERT, saving an UPDATE per new row."""
        if table == "drugs":
            # In SQL: a Python call per row to look the rank up costs more.
            phase = names.index("phase") + 1
            return bulk.Derived(["phase_rank"], [f"CASE ?{phase} {_PHASE_RANKS} ELSE 0 END"])
        if table == "funding":
            rates = self.fx_rates()  # type: ignore[attr-defined]
            a, c, d = names.index("amount"), names.index("currency"), names.index("date")
            return bulk.Derived(
                ["amount_usd"], [f"?{len(names) + 1}"],
                lambda row: (usd.finite_usd(row[a], row[c], row[d], rates),),
            )
        if table == "deals":
            rates = self.fx_rates()  # type: ignore[attr-defined]
            u, t = names.index("upfront"), names.index("total")
            c, d = names.index("currency"), names.index("date")
            return bulk.Derived(
                ["upfront_usd", "total_usd"], [f"?{len(names) + 1}", f"?{len(names) + 2}"],
                lambda row: (usd.finite_usd(row[u], row[c], row[d], rates),
                             usd.finite_usd(row[t], row[c], row[d], rates)),
            )
        return None

    def _refresh_derived(
        self, table: str, keys: Sequence[tuple[Any, ...]], new: Sequence[tuple[Any, ...]] = ()
    ) -> None:
        """Bring derived data in step with the rows of `keys` (rows since deleted included).

        `new` rows were just inserted with their derived columns (see
        `_derived_on_insert`) and indexed for search (`search.index_new`).
        """
        if table == "fx_rates" and new:
            usd.refresh_funding(self.conn, None)
            usd.refresh_deals(self.conn, None)
        if not keys:
            return
        if table in SEARCH_KIND:
            search.reindex(self.conn, SEARCH_KIND[table], [k[0] for k in keys])
        if table == "drugs":
            self.conn.execute(
                f"UPDATE drugs SET phase_rank = CASE phase {_PHASE_RANKS} ELSE 0 END "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([k[0] for k in keys], ensure_ascii=False),),
            )
        if table == "funding":
            usd.refresh_funding(self.conn, keys)
        if table == "deals":
            usd.refresh_deals(self.conn, [k[0] for k in keys])
        if table == "companies" and "deal" in search.KIND_SQL:
            # Deals are found by their parties' names.
            ids = json.dumps([k[0] for k in keys], ensure_ascii=False)
            deals = [r[0] for r in self.conn.execute(
                "SELECT id FROM deals WHERE licensor_id IN (SELECT value FROM json_each(?1)) "
                "OR licensee_id IN (SELECT value FROM json_each(?1))", (ids,))]
            if deals:
                search.reindex(self.conn, "deal", deals)
        if table == "fx_rates":
            usd.refresh_funding(self.conn, None)
            usd.refresh_deals(self.conn, None)
