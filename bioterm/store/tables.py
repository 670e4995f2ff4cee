"""The record tables, created with sqlite-utils from their declarations in bioterm/stored.py.

A row's fields give its columns: the check a field names gives the column's
type, a field without a default (or with one) is NOT NULL (with that
DEFAULT), an optional one may be NULL, and `references` become REFERENCES
clauses. What the declarations do not say is stated here, once:

- the integer `id` a table gets when its rows have no id of their own;
- the columns the store derives on write (phase rank, USD amounts);
- the columns a migration appended to older files, which a built file keeps
  in the same place (last), so that a built and a migrated file have the same
  column order (`FreshLoad` inserts some tables positionally).

Only building a new file and migrating an old one create tables; the
dashboard never imports this module, so its start-up never loads
sqlite-utils (nor the numpy that sqlite-utils pulls in).
"""

from __future__ import annotations

import sqlite3
from dataclasses import MISSING, dataclass, fields
from typing import Any

from bioterm.stored import ROWS, Check, Row

SQL_TYPES: dict[Check, type] = {
    Check.FLAG: int, Check.YEAR: int,
    Check.NON_NEGATIVE: float, Check.OPTIONAL_NON_NEGATIVE: float, Check.RATE: float,
}
"""A field's column type by its check; every other check is TEXT."""

KEYED_BY_NATURAL_KEY = frozenset({"fx_rates", "watchlist", "notes"})
"""Tables whose natural key is their primary key; other rows without an `id`
field get an INTEGER PRIMARY KEY (the rowid)."""


@dataclass(frozen=True)
class Derived:
    """A column the store computes on write, not part of a row's declaration."""

    name: str
    type: type
    after: str | None = None
    """The field it follows; None puts it last."""
    default: Any = None


DERIVED: dict[str, tuple[Derived, ...]] = {
    "drugs": (Derived("phase_rank", int, after="phase", default=0),),
    "funding": (Derived("amount_usd", float, after="qualifier"),),
    "deals": (Derived("upfront_usd", float), Derived("total_usd", float)),
}
"""Derived columns: drugs' phase rank (sorting), funding's and deals' USD amounts."""

APPENDED = {"milestones": ("classification",), "capacity": ("kind",)}
"""Fields schema version 2 added to existing tables (ALTER TABLE puts them last)."""


@dataclass(frozen=True)
class TableSpec:
    """What `Database.create_table` is given for one table."""

    columns: dict[str, type]
    pk: str | tuple[str, ...]
    not_null: frozenset[str]
    defaults: dict[str, Any]
    foreign_keys: tuple[tuple[str, str, str], ...]


def table_spec(row: type[Row]) -> TableSpec:
    table = row.table
    declared = {f.name: f for f in fields(row)}
    appended = APPENDED.get(table, ())
    derived = DERIVED.get(table, ())
    columns: dict[str, type] = {}
    not_null: set[str] = set()
    defaults: dict[str, Any] = {}

    def add_derived(after: str | None) -> None:
        for extra in derived:
            if extra.after == after:
                columns[extra.name] = extra.type
                if extra.default is not None:
                    not_null.add(extra.name)
                    defaults[extra.name] = extra.default

    if "id" not in declared and table not in KEYED_BY_NATURAL_KEY:
        columns["id"] = int
    for name in [*(n for n in declared if n not in appended), *appended]:
        field = declared[name]
        columns[name] = SQL_TYPES.get(field.metadata["check"], str)
        # Required, or defaulted: NOT NULL. A TEXT primary key is left as SQLite
        # has always had it here (no NOT NULL clause).
        if field.default is not None and name != "id":
            not_null.add(name)
        if field.default not in (MISSING, None):
            defaults[name] = int(field.default) if isinstance(field.default, bool) \
                else field.default
        add_derived(name)
    add_derived(None)
    pk = row.natural_key if table in KEYED_BY_NATURAL_KEY else "id"
    foreign = tuple((column, target, "id") for column, target in row.references.items())
    return TableSpec(columns, pk, frozenset(not_null), defaults, foreign)


def create(conn: sqlite3.Connection, *, if_not_exists: bool = False) -> None:
    """Create every record table, in dependency order, on `conn`.

    Inside a transaction the statements join it (sqlite-utils commits only a
    transaction it opened itself), so a migration stays all or nothing.
    """
    import sqlite_utils

    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    for table, row in ROWS.items():
        spec = table_spec(row)
        db.create_table(
            table, spec.columns, pk=spec.pk, not_null=spec.not_null, defaults=spec.defaults,
            foreign_keys=list(spec.foreign_keys), if_not_exists=if_not_exists,
        )
