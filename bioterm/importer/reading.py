"""Reading every file of an import run into checked batches of rows.

Each file — or each sheet of a workbook — is matched to its table by its
header, read row by row through the converters, and checked: unknown or
missing columns, bad cells, the same natural key twice in the run. All the
problems of all the files are collected, so one refusal lists every one.
Nothing here opens the database for writing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bioterm.importer.columns import (
    HeaderError,
    HeaderMatch,
    detect_table,
    match_header,
    name_hint,
)
from bioterm.importer.convert import CellError
from bioterm.importer.reader import (
    BAD_BYTES_HINT,
    BadBytes,
    FileReadError,
    TableFile,
    location,
    read_table,
)
from bioterm.importer.references import NameIndex, Resolver
from bioterm.importer.rows import Problem, RowConverter
from bioterm.importer.workbook import is_workbook, read_workbook
from bioterm.models import RECORDS
from bioterm.store import Store, TableChanges

Progress = Callable[[str, int, int], None]
"""progress(what is being done, rows read so far, estimated rows in all), now and then."""

PROGRESS_EVERY = 5_000

PREVIEW_ROWS = 50
"""New rows a dry run keeps to show, per file; the rest are only counted."""


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
    """The problems of the rows --skip-bad-rows left out (a row may have several)."""
    replaced: list[Problem] = field(default_factory=list)
    """Invalid UTF-8 sequences read as U+FFFD (with --replace-bad-bytes)."""
    changes: TableChanges | None = None
    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    """A dry run's first new rows (`PREVIEW_ROWS`), whole, as they would be stored,
    in the order of `changes.inserted`; their columns are `columns_of` the table."""
    import_id: int | None = None
    content: bytes = b""
    sheet: str | None = None
    """The workbook sheet the rows came from (None for a CSV file)."""

    @property
    def label(self) -> str:
        """``file.csv``, or ``book.xlsx:Sheet`` for a sheet of a workbook."""
        return location(self.path, sheet=self.sheet)

    @property
    def skipped_rows(self) -> dict[int | None, list[Problem]]:
        """The rows left out, by line, in file order, each with its problems."""
        rows: dict[int | None, list[Problem]] = {}
        for problem in sorted(self.skipped, key=lambda p: p.line or 0):
            rows.setdefault(problem.line, []).append(problem)
        return rows

    @property
    def changed(self) -> int:
        if self.changes is None:
            return 0
        return len(self.changes.inserted) + len(self.changes.updated)


@dataclass
class _Opened:
    path: Path
    table: TableFile
    match: HeaderMatch
    content: bytes
    estimate: int
    """Rows expected, for the progress bar (a CSV file's lines, a sheet's rows)."""


def read_files(
    store: Store,
    files: Sequence[Path],
    table: str | None,
    skip_bad_rows: bool,
    progress: Progress | None = None,
    *,
    replace_bad_bytes: bool = False,
    skipped_sheets: list[Problem] | None = None,
) -> list[FileImport]:
    """Read, convert and check every row of `files`; ImportRefused lists all problems.

    A workbook gives one batch per sheet that names a table; the sheets it leaves
    out are added to `skipped_sheets`.
    """
    problems: list[Problem] = []
    opened: list[_Opened] = []
    for path in files:
        try:
            opened.extend(_open(path, table, replace_bad_bytes, skipped_sheets))
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
    seen: dict[tuple[str, tuple[Any, ...]], _Origin] = {}
    total = sum(o.estimate for o in opened)
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


def _open(
    path: Path, forced: str | None, replace_bad_bytes: bool = False,
    skipped_sheets: list[Problem] | None = None,
) -> list[_Opened]:
    if is_workbook(path):
        return _open_workbook(path, forced, skipped_sheets)
    table_file = read_table(path, replace_bad_bytes=replace_bad_bytes)
    # The content is kept for the checksum in the history and a progress estimate.
    return [_opened(table_file, _detect(table_file, forced))]


def _opened(table_file: TableFile, match: HeaderMatch) -> _Opened:
    if not match.ok:
        raise _HeaderProblems([
            Problem(table_file.path, table_file.header_line, c, p, table_file.sheet)
            for c, p in match.problems()
        ])
    estimate = table_file.row_count
    if estimate is None:
        estimate = table_file.content.count(b"\n")
    return _Opened(table_file.path, table_file, match, table_file.content, estimate)


def _detect(table_file: TableFile, forced: str | None) -> HeaderMatch:
    try:
        return detect_table(table_file.header, table_file.path, forced, sheet=table_file.sheet)
    except HeaderError as exc:
        raise _HeaderProblems([Problem(table_file.path, table_file.header_line, None,
                                       str(exc), table_file.sheet)]) from None


def _open_workbook(
    path: Path, forced: str | None, skipped_sheets: list[Problem] | None
) -> list[_Opened]:
    """Every sheet that names a table, by its name or by a header that fits one exactly.

    A workbook of one sheet is read like a CSV file: its header must fit a table.
    With several, a sheet whose name names a table must fit that table (unless
    not one of its columns is that table's); another sheet is read only if its
    header fits one table exactly, else it is left out.
    """
    sheets = read_workbook(path)
    if not sheets:
        raise FileReadError(path, "no sheet of the workbook has a header row.")
    if len(sheets) == 1 or forced is not None:
        return [_opened(sheet, _detect(sheet, forced)) for sheet in sheets]
    opened: list[_Opened] = []
    problems: list[Problem] = []
    left_out: list[Problem] = []
    for sheet in sheets:
        named = name_hint(sheet.sheet or "")
        try:
            if named is not None:
                by_name = match_header(named, sheet.header)
                # A "Notes" or "Sources" sheet of free text shares only its name with
                # a table: with not one of that table's columns it is not that table.
                if by_name.columns:
                    opened.append(_opened(sheet, by_name))
                    continue
            match = detect_table(sheet.header, path, sheet=sheet.sheet)
        except _HeaderProblems as exc:
            problems.extend(exc.problems)
            continue
        except HeaderError:
            match = None
        if match is not None and match.ok:
            opened.append(_opened(sheet, match))
        elif named is not None:
            left_out.append(Problem(
                path, None, None, f"left out: named like the {named} table, but not one of "
                f"its header cells is a {named} column", sheet.sheet))
        else:
            left_out.append(Problem(
                path, None, None, "left out: neither its name nor its header names a table "
                "(name a sheet after its table, e.g. drugs, to import it)", sheet.sheet))
    if problems:
        raise _HeaderProblems(problems)
    if not opened:
        raise _HeaderProblems(left_out or [Problem(path, None, None, "no sheet names a table")])
    if skipped_sheets is not None:
        skipped_sheets.extend(left_out)
    return opened


@dataclass(frozen=True)
class _Origin:
    path: Path
    line: int
    sheet: str | None


def _convert(
    item: _Opened,
    resolver: Resolver,
    index: NameIndex | None,
    seen: dict[tuple[str, tuple[Any, ...]], _Origin],
    problems: list[Problem],
    progress: Progress | None,
    done: int,
    total: int,
) -> FileImport:
    match, sheet = item.match, item.table.sheet
    try:
        converter = RowConverter(match, resolver, item.path, sheet=sheet)
    except CellError as exc:  # a unit in a header that means nothing
        problems.append(Problem(item.path, item.table.header_line, None, str(exc), sheet))
        return FileImport(item.path, match.table, [], sheet=sheet)
    batch = FileImport(item.path, match.table, converter.columns, content=item.content,
                       sheet=sheet)
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
    here = _Origin(item.path, 0, sheet)
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
                problems.append(converter.problem(
                    line, key_names,
                    f"the same {key_names} as {_where(first, here)} "
                    f"({', '.join(str(k) for k in key[1])})",
                ))
                continue
            seen[key] = _Origin(item.path, line, sheet)
            rows.append(row)
            if index is not None:
                index.add_record(converter.record(row))
    finally:
        item.table.on_bad_row = None
    if progress is not None and batch.read >= PROGRESS_EVERY:
        progress(f"reading {item.path.name}", done + batch.read, total)
    return batch


def _where(first: _Origin, here: _Origin) -> str:
    if (first.path, first.sheet) == (here.path, here.sheet):
        return f"{'row' if first.sheet else 'line'} {first.line}"
    return location(first.path, first.line, first.sheet)


def _read_problem(exc: FileReadError) -> Problem:
    reason = str(exc).removeprefix(location(exc.path, exc.line, exc.sheet)).removeprefix(": ")
    return Problem(exc.path, exc.line, None, reason, exc.sheet)


def _refusal(problems: list[Problem], files: int) -> str:
    paths_with = sorted({str(p.path) for p in problems})
    what = "The import was" if files > 1 else f"{paths_with[0]} was"
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
    return f"{what} refused ({count}); nothing was written."

