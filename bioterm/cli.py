"""The command line: parses arguments, calls the library, prints. Nothing else.

Exit status: 0 done; 1 the data was refused or the database is unusable
(nothing written); 2 the command itself was wrong (click's usage errors).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from bioterm import __version__

F = TypeVar("F", bound=Callable[..., Any])

DB_OPTION_HELP = (
    "Database file to use (default: $BIOTERM_DB, the user database, or the bundled one)."
)


class Refused(Exception):
    """The data or database was refused; the message is for the user; exit 1."""


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


def friendly(func: F) -> F:
    """Turn the library's known errors into one clear paragraph and exit 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from bioterm.store import StoreError, UndoError

        try:
            return func(*args, **kwargs)
        except (StoreError, UndoError, Refused) as exc:
            fail(str(exc))
        except BrokenPipeError:
            _stdout_closed()
        except OSError as exc:
            fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))

    return wrapper  # type: ignore[return-value]


def _stdout_closed() -> NoReturn:
    """The reader of our output went away (`bioterm export … | head`): stop quietly."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


def db_location(ctx: click.Context, *, write: bool = False) -> Any:
    from bioterm import paths

    option = ctx.find_root().params.get("db")
    return paths.resolve_write(option) if write else paths.resolve_read(option)


def open_store(ctx: click.Context, *, write: bool = False) -> Any:
    from bioterm.store import Store

    location = db_location(ctx, write=write)
    return Store.open_for_write(location) if write else Store.open(location)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(path_type=Path), help=DB_OPTION_HELP)
@click.version_option(__version__, "--version", prog_name="bioterm")
@click.pass_context
@friendly
def cli(ctx: click.Context, db: Path | None) -> None:
    """bioterm — track the biopharma industry from your terminal.

    With no command, opens the dashboard.
    """
    if ctx.invoked_subcommand is None:
        from bioterm.store import Store

        store = Store.open(db_location(ctx))
        from bioterm.app import BiotermApp

        BiotermApp(store).run()


@cli.group()
def db() -> None:
    """Which database is used, what it holds, and building it."""


@db.command("path")
@click.pass_context
def db_path(ctx: click.Context) -> None:
    """Print the database file bioterm reads (and why)."""
    location = db_location(ctx)
    click.echo(location.path)
    if sys.stdout.isatty():
        click.echo(f"({location.origin.value})", err=True)


@db.command("info")
@click.pass_context
@friendly
def db_info(ctx: click.Context) -> None:
    """Tables and row counts, schema version, file used."""
    from rich.console import Console
    from rich.table import Table

    store = open_store(ctx)
    console = Console()
    console.print(store.location.describe(), soft_wrap=True)
    table = Table()
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in store.counts().items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    console.print(f"schema version {store.schema_version()}")


@db.command("check")
@click.pass_context
@friendly
def db_check(ctx: click.Context) -> None:
    """Integrity and foreign-key check; exit 1 on any problem."""
    store = open_store(ctx)
    problems = store.integrity_problems()
    for problem in problems:
        click.echo(problem)
    if problems:
        raise Refused(f"{len(problems)} problem(s) in {store.path}.")
    click.echo(f"{store.path}: ok")


@db.command("build")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: the bundled database in the source tree).",
)
@click.option(
    "--sources", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of dataset CSV folders (default: bioterm/data/csv).",
)
@friendly
def db_build(output: Path | None, sources: Path | None) -> None:
    """Build the bundled database from the readable CSV sources."""
    from bioterm import paths
    from bioterm.store.build import BuildError, build

    target = output or paths.bundled_db_path()
    try:
        counts = build(sources or paths.data_sources_dir(), target)
    except BuildError as exc:
        raise Refused(str(exc)) from None
    summary = ", ".join(f"{n} {t}" for t, n in counts.items())
    click.echo(f"Built {target}: {summary}")



class TableName(click.ParamType):
    """A table name, checked against the models only when used (keeps start-up light)."""

    name = "TABLE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from bioterm.models import RECORDS

        table = str(value).strip().casefold()
        if table not in RECORDS:
            self.fail(f"unknown table '{value}'; the tables are: {', '.join(RECORDS)}", param, ctx)
        return table


def _import_help() -> str:
    from bioterm.importer.template import ACCEPTED_FORMS

    return ACCEPTED_FORMS


class _ImportCommand(click.Command):
    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = _import_help()
        super().format_epilog(ctx, formatter)


@cli.command("import", cls=_ImportCommand)
@click.argument(
    "files", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--table", type=TableName(), help="Import into TABLE (default: from the header).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows; list the skipped ones.")
@click.pass_context
@friendly
def import_command(
    ctx: click.Context, files: tuple[Path, ...], table: str | None, dry_run: bool,
    skip_bad_rows: bool,
) -> None:
    """Import CSV files: validated, all-or-nothing, reversible with `bioterm undo`.

    The table is detected from each file's header. All FILES are one
    transaction: every row of every file lands, or none does; files are read
    in table order (sources, companies, drugs …) so one may refer to rows
    another adds. Each file that changes something is one entry in `bioterm
    history` (undo them newest first). A file with a header and no rows
    imports nothing. Exit status: 0 imported or nothing to change; 1 refused,
    nothing written; 2 the command was wrong.
    """
    from rich.console import Console

    from bioterm.importer import report
    from bioterm.importer.run import ImportRefused, import_files

    out, err = Console(), Console(stderr=True)
    try:
        with _progress(err) as progress:
            run = import_files(
                db_location(ctx, write=True), list(files), table=table, dry_run=dry_run,
                skip_bad_rows=skip_bad_rows, progress=progress,
            )
    except ImportRefused as exc:
        click.echo(f"Error: {exc}", err=True)
        for line in report.problems(exc.problems):
            click.echo(line, err=True)
        sys.exit(1)
    out.print(report.summary(run))
    for batch in run.files:
        if dry_run:
            for line in report.changes(batch):
                out.print(line)
        if batch.skipped:
            err.print(f"Skipped {len(batch.skipped)} bad row(s) of {batch.path}:", markup=False)
            for line in report.problems(batch.skipped):
                click.echo(line, err=True)
    out.print(report.outcome(run), markup=False)


@contextmanager
def _progress(console: Any) -> Iterator[Any]:
    """A progress callback that draws a bar on a terminal, once a file is large enough."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    bar: dict[str, Any] = {}
    with Progress(console=console, transient=True) as progress:
        def update(label: str, done: int, total: int) -> None:
            if "task" not in bar:
                bar["task"] = progress.add_task(label, total=max(total, done))
            progress.update(bar["task"], description=label, completed=done,
                            total=max(total, done))

        yield update


@cli.command()
@click.argument("table", type=TableName())
def template(table: str) -> None:
    """Print a CSV template: a comment per column, the header and an example row."""
    from bioterm.importer.template import template as make

    click.echo(make(table), nl=False)


@cli.command()
@click.argument("table", type=TableName(), required=False)
@click.option("--all", "all_tables", is_flag=True, help="Every table.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]),
    help="csv (default) or json; -o NAME.json implies json.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="File to write (a directory with --all); default: standard output.",
)
@click.pass_context
@friendly
def export(
    ctx: click.Context, table: str | None, all_tables: bool, fmt: str | None,
    output: Path | None,
) -> None:
    """Export a table (or --all) as CSV or JSON; importing a CSV export changes nothing.

    With --all, -o DIR writes DIR/<table>.csv (or .json) for every table;
    without -o, --all prints one JSON object keyed by table name.
    """
    from bioterm import exporter

    if (table is None) == (not all_tables):
        raise click.UsageError("give a TABLE or --all (not both).")
    fmt = fmt or ("json" if output is not None and output.suffix.lower() == ".json" else "csv")
    if all_tables and output is None and fmt == "csv":
        if ctx.get_parameter_source("fmt") is click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--all --format csv needs -o DIR (one file per table).")
        fmt = "json"
    if all_tables and output is not None and output.is_file():
        raise click.UsageError(f"--all writes one file per table: -o {output} must be a directory.")
    if not all_tables and output is not None and not output.parent.is_dir():
        raise click.UsageError(f"there is no folder {output.parent} to write {output.name} in.")
    store = open_store(ctx)
    if all_tables and output is not None:
        written = exporter.write_directory(store, output, fmt)
        click.echo(f"Wrote {len(written)} files to {output}", err=True)
    elif all_tables:
        exporter.write_all_json(store, sys.stdout)
    elif output is not None:
        count = exporter.write_file(store, table or "", output, fmt)
        click.echo(f"Wrote {count:,} {table} rows to {output}", err=True)
    elif fmt == "json":
        exporter.write_json(store, table or "", sys.stdout)
        sys.stdout.write("\n")
    else:
        exporter.write_csv(store, table or "", sys.stdout)


@cli.command()
@click.pass_context
@friendly
def history(ctx: click.Context) -> None:
    """Past imports: id, time, file, checksum, rows changed, and whether undone."""
    from rich.console import Console

    from bioterm.importer import report

    entries = open_store(ctx).imports()
    if not entries:
        click.echo("No imports yet.")
        return
    Console().print(report.history(entries))


@cli.command()
@click.argument("import_id", type=int, required=False)
@click.pass_context
@friendly
def undo(ctx: click.Context, import_id: int | None) -> None:
    """Revert an import exactly (default: the newest one not yet undone)."""
    from bioterm.store import Store, UndoError

    location = db_location(ctx, write=True)
    if not location.path.exists():
        raise UndoError(f"There is no import to undo: nothing was imported into {location.path}.")
    store = Store.open_for_write(location)
    with store.transaction():
        entry = store.undo_import(import_id)
    click.echo(
        f"Undid import {entry.id} ({entry.file}): removed {entry.inserted:,} inserted "
        f"row(s), restored {entry.updated:,} updated row(s)."
    )

def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        fail("interrupted; nothing was written.", 130)
    except Exception as exc:
        fail(f"bioterm stopped on an unexpected error ({type(exc).__name__}: {exc}).")
