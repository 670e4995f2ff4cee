"""Building the bundled database from the readable CSV files in bioterm/data/csv/.

Each folder there is a dataset (`reports`, `industry`, …) holding one CSV per
table, in canonical form: header = model fields, enum values, ISO dates.
Building validates every row with the models and inserts through the same
upsert path as imports, so a built file and an imported one cannot differ.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bioterm.models import RECORDS, Record
from bioterm.paths import DbLocation, Origin
from bioterm.store import summary
from bioterm.store.connection import create_empty

DATASET_ORDER = ("rates", "reports", "industry")
"""Datasets build in this order; any other folder follows, alphabetically."""


class BuildError(Exception):
    """A source CSV row that is not valid; the message names file and line."""


def datasets(root: Path) -> list[Path]:
    folders = [p for p in root.iterdir() if p.is_dir()]
    rank = {name: i for i, name in enumerate(DATASET_ORDER)}
    return sorted(folders, key=lambda p: (rank.get(p.name, len(rank)), p.name))


def _read(path: Path, model: type[Record]) -> Iterator[Record]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        known = set(model.model_fields)
        unknown = [c for c in reader.fieldnames or [] if c not in known]
        if unknown:
            raise BuildError(f"{path}: unknown columns {', '.join(unknown)}")
        for row in reader:
            values: dict[str, Any] = {k: v for k, v in row.items() if v not in ("", None)}
            try:
                yield model.model_validate(values)
            except ValidationError as exc:
                first = exc.errors()[0]
                column = ".".join(str(p) for p in first["loc"])
                raise BuildError(
                    f"{path}:{reader.line_num}: {column}: {first['msg']}"
                ) from None


def build(csv_root: Path, target: Path) -> dict[str, int]:
    """Write a fresh database at `target` (atomically); returns rows per table."""
    from bioterm.store import Store

    partial = target.with_name(target.name + ".building")
    partial.unlink(missing_ok=True)
    conn = create_empty(partial)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.isolation_level = None
    store = Store(conn, DbLocation(partial, Origin.OPTION), writable=True)
    counts: dict[str, int] = {}
    try:
        with store.transaction():
            for table, model in RECORDS.items():
                # A later dataset may restate a row of an earlier one (a drug
                # approved since a report said "filed"): the later one wins.
                for folder in datasets(csv_root):
                    path = folder / f"{table}.csv"
                    if path.exists():
                        records = list(_read(path, model))
                        _refuse_duplicates(path, records)
                        store.upsert(records)
                counts[table] = store.counts()[table]
            problems = [f"{t} row {r} refers to a missing {p} row"
                        for t, r, p, _ in conn.execute("PRAGMA foreign_key_check")]
            if problems:
                raise BuildError("; ".join(problems[:5]))
            summary.rebuild(conn)
        conn.execute("ANALYZE")
        conn.execute("VACUUM")
    except (BuildError, sqlite3.Error):
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    conn.close()
    partial.replace(target)
    return counts


def _refuse_duplicates(path: Path, records: list[Record]) -> None:
    seen: set[tuple[Any, ...]] = set()
    for record in records:
        key = record.key()
        if key in seen:
            raise BuildError(f"{path}: two rows share the key {key}")
        seen.add(key)
