"""One import run: read and check every file, then write all of them or nothing.

All the files given to one `bioterm import` form one run and one transaction.
They are read in the order of the tables they fill (sources, companies,
drugs …), so a file may refer to companies or sources that another file of
the same run adds. Each file that changes something gets its own entry in
the import history (a workbook one for all its sheets), so it can be undone
on its own, newest first. Reading and checking is `bioterm.importer.reading`.

The database is opened for writing only once every row has been read and
checked and a read-only plan shows something to change: a refused import, a
dry run and a no-op leave the database file — and the first-write copy of the
bundled one — untouched. The write transaction plans again, so what it
reports is what it did even if another process wrote in between.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bioterm import paths
from bioterm.importer.reading import (
    PREVIEW_ROWS,
    PROGRESS_EVERY,
    FileImport,
    ImportRefused,
    Progress,
    read_files,
)
from bioterm.importer.rows import Problem
from bioterm.models import RECORDS
from bioterm.store import Store, TableChanges
from bioterm.store.connection import damaged_message


@dataclass
class ImportRun:
    files: list[FileImport]
    location: paths.DbLocation
    dry_run: bool
    written: bool = False
    skipped_sheets: list[Problem] = field(default_factory=list)
    """Sheets of a workbook left out because neither their name nor their header
    names a table (a notes or chart sheet, say)."""


def import_files(
    location: paths.DbLocation,
    files: Sequence[Path],
    *,
    table: str | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    replace_bad_bytes: bool = False,
    progress: Progress | None = None,
) -> ImportRun:
    """Import `files` into the database at `location` (see the module docstring)."""
    with _cyclic_gc_paused():
        return _import_files(location, files, table, dry_run, skip_bad_rows,
                             replace_bad_bytes, progress)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """No cycle collection while rows are read and written.

    A large file makes millions of row tuples, and every full collection
    walks them all to find no cycles (rows hold none): about a second of a
    200,000-row import. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import_files(
    location: paths.DbLocation,
    files: Sequence[Path],
    table: str | None,
    dry_run: bool,
    skip_bad_rows: bool,
    replace_bad_bytes: bool,
    progress: Progress | None,
) -> ImportRun:
    exists = location.path.exists()
    source = location if exists else paths.DbLocation(
        paths.bundled_db_path(), paths.Origin.BUNDLED
    )
    reader = Store.open(source)
    try:
        skipped_sheets: list[Problem] = []
        batches = read_files(reader, files, table, skip_bad_rows, progress,
                             replace_bad_bytes=replace_bad_bytes,
                             skipped_sheets=skipped_sheets)
        run = ImportRun(batches, location, dry_run, skipped_sheets=skipped_sheets)
        for batch in batches:
            plan = reader.plan_upsert(RECORDS[batch.table], batch.columns, batch.rows)
            batch.changes = plan.changes
            if dry_run:
                batch.inserts = plan.inserts[:PREVIEW_ROWS]
    finally:
        reader.close()
    if dry_run or not any(b.changed for b in batches):
        return run  # a no-op does not so much as open the file for writing
    if progress is not None and sum(b.read for b in batches) >= PROGRESS_EVERY:
        progress("writing to the database", 1, 1)
    _write(run)
    return run


def _write(run: ImportRun) -> None:
    """Write every batch in one transaction: one history entry per file (a workbook's
    sheets share theirs, so one undo reverts the workbook)."""
    store = Store.open_for_write(run.location)
    try:
        with store.transaction():
            entries: dict[Path, _Entry] = {}
            for batch in run.files:
                if not batch.rows:
                    continue
                entry = entries.get(batch.path)
                if entry is None:
                    tables = list(dict.fromkeys(
                        b.table for b in run.files if b.path == batch.path and b.rows))
                    entry = entries[batch.path] = _Entry(store.begin_import(
                        str(batch.path.resolve()), batch.content, tables))
                changes = store.upsert_rows(RECORDS[batch.table], batch.columns, batch.rows,
                                            import_id=entry.id)
                batch.changes = changes
                entry.add(changes)
                if changes.inserted or changes.updated:
                    batch.import_id = entry.id
            for entry in entries.values():
                if entry.inserted or entry.updated:
                    store.finish_import(entry.id, entry.inserted, entry.updated, entry.unchanged)
                else:
                    store.forget_import(entry.id)
        run.written = any(b.import_id is not None for b in run.files)
    except sqlite3.IntegrityError as exc:
        raise ImportRefused(
            f"The database changed while the files were read ({exc}); nothing was written. "
            "Run the import again."
        ) from None
    except sqlite3.OperationalError as exc:
        raise ImportRefused(damaged_message(run.location.path, exc)) from None
    finally:
        store.close()


@dataclass
class _Entry:
    """One file's entry in the import history, with its counts over every sheet."""

    id: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, changes: TableChanges) -> None:
        self.inserted += len(changes.inserted)
        self.updated += len(changes.updated)
        self.unchanged += changes.unchanged
