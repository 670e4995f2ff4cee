"""What `bioterm import`, `history` and `undo` print, as Rich renderables.

Everything taken from the data goes through `display.literal` into `Text`
objects (never markup strings), so a name like "[bold]" or one holding an
escape sequence prints as itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from bioterm.importer.reading import PREVIEW_ROWS
from bioterm.importer.rows import Problem
from bioterm.importer.run import FileImport, ImportRun
from bioterm.models import RECORDS
from bioterm.store.import_log import ImportEntry
from bioterm.store.model_rows import columns_of
from bioterm.text import literal

SHOW_CHANGES = PREVIEW_ROWS
"""Changed rows a dry run lists per file; the rest are counted."""
SHOW_PROBLEMS = 50


def summary(run: ImportRun) -> Table:
    verb = "Dry run, would change" if run.dry_run else "Imported into"
    title = Text(f"{verb} {literal(run.location.describe())}")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True)
    # A sheet's label (book.xlsx:funding_investors) reads whole when the terminal
    # has room; only a longer path folds.
    longest = max((len(b.label) for b in run.files), default=4)
    table.add_column("file", overflow="fold", min_width=min(longest, 16))
    table.add_column("table", no_wrap=True)
    for name in ("inserted", "updated", "unchanged", "skipped"):
        table.add_column(name, justify="right", no_wrap=True)
    for batch in run.files:
        changes = batch.changes
        table.add_row(
            Text(literal(batch.label)), batch.table,
            *(f"{n:,}" for n in (
                len(changes.inserted) if changes else 0,
                len(changes.updated) if changes else 0,
                changes.unchanged if changes else 0,
                len(batch.skipped_rows),
            )),
        )
    return table


def outcome(run: ImportRun) -> str:
    """One closing line: what happened to the database (and how many rows were skipped)."""
    skipped = sum(len(b.skipped_rows) for b in run.files)
    line = _outcome(run)
    if skipped:
        line += f" {_rows(skipped)} skipped (--skip-bad-rows)."
    return line


def _rows(count: int) -> str:
    return f"{count:,} row{'s' * (count != 1)}"


def _outcome(run: ImportRun) -> str:
    if run.dry_run:
        return "Dry run: nothing was written."
    if not run.files or not any(b.read for b in run.files):
        return "The file has no data rows; nothing to import."
    if not run.written:
        return "Nothing changed: every row is already in the database."
    ids = ", ".join(str(i) for i in dict.fromkeys(
        b.import_id for b in run.files if b.import_id is not None))
    return f"Imported (history id {ids}; `bioterm undo` reverts)."


def changes(batch: FileImport, limit: int = SHOW_CHANGES) -> Iterator[RenderableType]:
    """The rows a dry run would change: each new row with its values as they would be
    stored (amounts, currencies, dates, references resolved to ids), each updated
    row with every changed field old → new."""
    if batch.changes is None:
        return
    names = columns_of(RECORDS[batch.table])
    shown = 0
    for key, row in zip(batch.changes.inserted, batch.inserts, strict=False):
        if shown == limit:
            break
        shown += 1
        line = Text.assemble(("+ ", "green"), f"{batch.table} ", literal(_key(key)))
        for column, value in zip(names, row, strict=True):
            if value is not None and value != "":
                line.append(f"\n    {column}: ")
                line.append(_value(value), "green")
        yield line
    for key, diff in batch.changes.updated:
        if shown == limit:
            break
        shown += 1
        line = Text.assemble(("~ ", "yellow"), f"{batch.table} ", literal(_key(key)))
        for column, (old, new) in diff.items():
            line.append(f"\n    {column}: ")
            line.append(_value(old), "red")
            line.append(" → ")
            line.append(_value(new), "green")
        yield line
    rest = batch.changed - shown
    if rest > 0:
        yield Text(f"  … and {rest:,} more changed rows in {literal(batch.label)}", style="dim")


def problems(items: Sequence[Problem], limit: int = SHOW_PROBLEMS) -> Iterator[str]:
    """`file:line: column: reason` lines, made safe to print."""
    for problem in items[:limit]:
        yield literal(str(problem))
    if len(items) > limit:
        yield f"… and {len(items) - limit:,} more problems."


def skipped(batch: FileImport, limit: int = SHOW_PROBLEMS) -> Iterator[str]:
    """The rows --skip-bad-rows left out of `batch`: a count, then each row's problems
    (`file:line: column: reason`, one line each), the first `limit` rows."""
    rows = batch.skipped_rows
    if not rows:
        return
    yield f"{_rows(len(rows))} skipped in {literal(batch.label)}:"
    for problems_of_row in list(rows.values())[:limit]:
        for problem in problems_of_row:
            yield literal(str(problem))
    if len(rows) > limit:
        yield f"… and {len(rows) - limit:,} more skipped rows."


def history(entries: Sequence[ImportEntry]) -> Table:
    """Imports, oldest first; the checksum is the first 12 hex digits of the file's SHA-256."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("time (UTC)", no_wrap=True)
    table.add_column("file", overflow="fold", min_width=12)
    table.add_column("sha256", no_wrap=True)
    table.add_column("table", no_wrap=True)
    for name in ("+", "~", "="):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("undone", no_wrap=True)
    for e in entries:
        table.add_row(
            str(e.id), _minutes(e.at), Text(literal(Path(e.file).name)), e.checksum[:12],
            e.tables, f"{e.inserted:,}", f"{e.updated:,}", f"{e.unchanged:,}",
            "yes" if e.undone_at else "",
        )
    table.caption = "+ inserted, ~ updated, = unchanged; sha256 of the file, first 12 digits"
    return table


def _minutes(iso: str) -> str:
    return iso.replace("T", " ")[:16]


def _key(key: tuple[Any, ...]) -> str:
    return " · ".join(str(k) for k in key if k is not None)


def _value(value: Any) -> str:
    return "(empty)" if value is None or value == "" else literal(value, limit=80)
