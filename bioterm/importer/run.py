"""One import run: read and check every file, then write all of them or nothing.

All the files given to one `bioterm import` form one run and one transaction.
They are read in the order of the tables they fill (sources, companies,
drugs …), so a file may refer to companies or sources that another file of
the same run adds. Each file that changes something gets its own entry in
the import history, so it can be undone on its own, newest first.

The database is opened for writing only once every row has been read and
checked and a read-only plan shows something to change: a refused import, a
dry run and a no-op leave the database file — and the first-write copy of the
bundled one — untouched. The write transaction plans again, so what it
reports is what it did even if another process wrote in between.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bioterm import paths
from bioterm.importer.columns import HeaderError, HeaderMatch, detect_table
from bioterm.importer.convert import CellError
from bioterm.importer.reader import (
    BAD_BYTES_HINT,
    BadBytes,
    FileReadError,
    TableFile,
    read_table,
)
from bioterm.importer.references import NameIndex, Resolver
from bioterm.importer.rows import Problem, RowConverter
from bioterm.models import RECORDS
from bioterm.store import Store, TableChanges
from bioterm.store.connection import damaged_message

Progress = Callable[[str, int, int], None]
"""progress(what is being done, rows read so far, estimated rows in all), now and then."""

PROGRESS_EVERY = 5_000


class ImportRefused(Exception):
    """The import was refused and nothing was written; `problems` say why."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class FileImport:
    """One file of a run: what was read, and what it changes (or would)."""

    path: Path
    table: str
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    read: int = 0
    """Data rows read (skipped ones included)."""
    skipped: list[Problem] = field(default_factory=list)
    replaced: list[Problem] = field(default_factory=list)
    """Invalid UTF-8 sequences read as U+FFFD (with --replace-bad-bytes)."""
    changes: TableChanges | None = None
    import_id: int | None = None
    content: bytes = b""

    @property
    def changed(self) -> int:
        if self.changes is None:
            return 0
        return len(self.changes.inserted) + len(self.changes.updated)


@dataclass
class ImportRun:
    files: list[FileImport]
    location: paths.DbLocation
    dry_run: bool
    written: bool = False


@dataclass
class _Opened:
    path: Path
    table: TableFile
    match: HeaderMatch
    content: bytes


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
        batches = read_files(reader, files, table, skip_bad_rows, progress,
                             replace_bad_bytes=replace_bad_bytes)
        run = ImportRun(batches, location, dry_run)
        for batch in batches:
            batch.changes = reader.plan_upsert(
                RECORDS[batch.table], batch.columns, batch.rows
            ).changes
    finally:
        reader.close()
    if dry_run or not any(b.changed for b in batches):
        return run  # a no-op does not so much as open the file for writing
    if progress is not None and sum(b.read for b in batches) >= PROGRESS_EVERY:
        progress("writing to the database", 1, 1)
    _write(run)
    return run


def _write(run: ImportRun) -> None:
    store = Store.open_for_write(run.location)
    try:
        with store.transaction():
            for batch in run.files:
                if not batch.rows:
                    continue
                model = RECORDS[batch.table]
                import_id = store.begin_import(
                    str(batch.path.resolve()), batch.content, [batch.table]
                )
                changes = store.upsert_rows(model, batch.columns, batch.rows, import_id=import_id)
                batch.changes = changes
                if changes.inserted or changes.updated:
                    store.finish_import(
                        import_id, len(changes.inserted), len(changes.updated), changes.unchanged
                    )
                    batch.import_id = import_id
                else:
                    store.forget_import(import_id)
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


def read_files(
    store: Store,
    files: Sequence[Path],
    table: str | None,
    skip_bad_rows: bool,
    progress: Progress | None = None,
    *,
    replace_bad_bytes: bool = False,
) -> list[FileImport]:
    """Read, convert and check every row of `files`; ImportRefused lists all problems."""
    problems: list[Problem] = []
    opened: list[_Opened] = []
    for path in files:
        try:
            opened.append(_open(path, table, replace_bad_bytes))
        except BadBytes as exc:
            problems.extend(
                Problem(path, bad.line, None, f"{bad.describe()}; {BAD_BYTES_HINT}")
                for bad in exc.sequences
            )
        except FileReadError as exc:
            problems.append(_read_problem(exc))
        except _HeaderProblems as exc:
            problems.extend(exc.problems)
    order = {name: i for i, name in enumerate(RECORDS)}
    opened.sort(key=lambda o: order[o.match.table])
    resolver = Resolver(store)
    # Rows of these tables are added to the name indexes, for the files that refer to them.
    referenced = {t for o in opened for t in o.match.model.references.values()}
    seen: dict[tuple[str, tuple[Any, ...]], tuple[Path, int]] = {}
    total = sum(o.content.count(b"\n") for o in opened)
    done = 0
    batches: list[FileImport] = []
    for item in opened:
        row_problems: list[Problem] = []
        index = resolver.index(item.match.table) if item.match.table in referenced else None
        batch = _convert(item, resolver, index, seen, row_problems, progress, done, total)
        done += batch.read
        if skip_bad_rows:
            batch.skipped = row_problems
        else:
            problems.extend(row_problems)
        batches.append(batch)
    if problems:
        raise ImportRefused(_refusal(problems, len(files)), problems)
    return batches


class _HeaderProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].reason)
        self.problems = problems


def _open(path: Path, forced: str | None, replace_bad_bytes: bool = False) -> _Opened:
    table_file = read_table(path, replace_bad_bytes=replace_bad_bytes)
    content = table_file.content  # for the checksum in the history and a progress estimate
    line = table_file.header_line
    try:
        match = detect_table(table_file.header, path, forced)
    except HeaderError as exc:
        raise _HeaderProblems([Problem(path, line, None, str(exc))]) from None
    if not match.ok:
        raise _HeaderProblems([Problem(path, line, c, p) for c, p in match.problems()])
    return _Opened(path, table_file, match, content)


def _convert(
    item: _Opened,
    resolver: Resolver,
    index: NameIndex | None,
    seen: dict[tuple[str, tuple[Any, ...]], tuple[Path, int]],
    problems: list[Problem],
    progress: Progress | None,
    done: int,
    total: int,
) -> FileImport:
    match = item.match
    try:
        converter = RowConverter(match, resolver, item.path)
    except CellError as exc:  # a unit in a header that means nothing
        problems.append(Problem(item.path, item.table.header_line, None, str(exc)))
        return FileImport(item.path, match.table, [])
    batch = FileImport(item.path, match.table, converter.columns, content=item.content)
    batch.replaced = [
        Problem(item.path, bad.line, None, f"{bad.describe()} read as \ufffd")
        for bad in item.table.replaced
    ]

    def bad_row(exc: FileReadError) -> None:  # reading goes on with the next row
        batch.read += 1
        problems.append(_read_problem(exc))

    item.table.on_bad_row = bad_row
    key_names = ", ".join(match.model.natural_key)
    rows, table = batch.rows, match.table
    try:
        for line, cells in item.table.rows:
            batch.read += 1
            if progress is not None and batch.read % PROGRESS_EVERY == 0:
                progress(f"reading {item.path.name}", done + batch.read, total)
            row = converter.convert(line, cells, problems)
            if row is None:
                continue
            key = (table, converter.key(row))
            first = seen.get(key)
            if first is not None:
                problems.append(Problem(
                    item.path, line, key_names,
                    f"the same {key_names} as {_where(first, item.path)} "
                    f"({', '.join(str(k) for k in key[1])})",
                ))
                continue
            seen[key] = (item.path, line)
            rows.append(row)
            if index is not None:
                index.add_record(converter.record(row))
    finally:
        item.table.on_bad_row = None
    if progress is not None and batch.read >= PROGRESS_EVERY:
        progress(f"reading {item.path.name}", done + batch.read, total)
    return batch


def _where(first: tuple[Path, int], path: Path) -> str:
    return f"line {first[1]}" if first[0] == path else f"{first[0]}:{first[1]}"


def _read_problem(exc: FileReadError) -> Problem:
    where = f"{exc.path}:{exc.line}" if exc.line is not None else f"{exc.path}"
    reason = str(exc).removeprefix(where).removeprefix(": ")
    return Problem(exc.path, exc.line, None, reason)


def _refusal(problems: list[Problem], files: int) -> str:
    paths_with = sorted({str(p.path) for p in problems})
    what = "The import was" if files > 1 else f"{paths_with[0]} was"
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    return f"{what} refused ({count}); nothing was written."
