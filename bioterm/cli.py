"""The command line: parses arguments, calls the library, prints. Nothing else.

Exit status: 0 done; 1 the data was refused or the database is unusable
(nothing written); 2 the command itself was wrong (click's usage errors).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from bioterm import __version__
from bioterm.cli_db import db
from bioterm.cli_support import (
    Refused,
    db_location,
    fail,
    friendly,
    open_store,
    open_when_unlocked,
    progress_bar,
    require_unicode_stdout,
    set_interrupt_note,
)

DB_OPTION_HELP = (
    "Database file to use (default: $BIOTERM_DB, the user database, or the bundled one)."
)


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
        _dashboard(ctx)


def _dashboard(ctx: click.Context) -> None:
    from bioterm.app import BUSY_TIMEOUT_MS, BiotermApp

    store = open_when_unlocked(db_location(ctx), busy_timeout_ms=BUSY_TIMEOUT_MS)
    app = BiotermApp(store)
    app.run()
    if app.failure is not None:
        fail(app.failure)
    if app.return_code:
        sys.exit(app.return_code)


class TableName(click.ParamType):
    """A table name, checked against the models only when used (keeps start-up light)."""

    name = "TABLE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from bioterm.models import RECORDS

        table = str(value).strip().casefold()
        if table not in RECORDS:
            self.fail(f"unknown table '{value}'; the tables are: {', '.join(RECORDS)}", param, ctx)
        return table


class _ImportCommand(click.Command):
    """`import --help` ends with the accepted forms, loaded only when help is shown
    (the importer pulls in pydantic, which the dashboard's start-up must not wait for)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from bioterm.importer.template import ACCEPTED_FORMS

        self.epilog = ACCEPTED_FORMS
        super().format_epilog(ctx, formatter)


@cli.command("import", cls=_ImportCommand)
@click.argument(
    "files", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--table", type=TableName(), help="Import into TABLE (default: from the header).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows; list the skipped ones.")
@click.option(
    "--replace-bad-bytes", is_flag=True,
    help="A UTF-8 file with a few invalid bytes: read each as \ufffd and list them "
         "(without it such a file is refused, with the line and byte offset of each).",
)
@click.pass_context
@friendly
def import_command(
    ctx: click.Context, files: tuple[Path, ...], table: str | None, dry_run: bool,
    skip_bad_rows: bool, replace_bad_bytes: bool,
) -> None:
    """Import CSV files: validated, all-or-nothing, reversible with `bioterm undo`.

    The table is detected from each file's header. All FILES are one
    transaction: every row of every file lands, or none does; files are read
    in table order (sources, companies, drugs …) so one may refer to rows
    another adds. Each file that changes something is one entry in `bioterm
    history` (undo them newest first). A file with a header and no rows
    imports nothing. Exit status: 0 imported or nothing to change; 1 refused,
    nothing written; 2 the command was wrong; 130 interrupted, nothing written.
    """
    from rich.console import Console

    from bioterm.importer import report
    from bioterm.importer.run import ImportRefused, import_files

    out, err = Console(), Console(stderr=True)
    try:
        with progress_bar(err) as progress:
            run = import_files(
                db_location(ctx, write=True), list(files), table=table, dry_run=dry_run,
                skip_bad_rows=skip_bad_rows, replace_bad_bytes=replace_bad_bytes,
                progress=progress,
            )
    except ImportRefused as exc:
        click.echo(f"Error: {exc}", err=True)
        for line in report.problems(exc.problems):
            click.echo(line, err=True)
        sys.exit(1)
    out.print(report.summary(run))
    for batch in run.files:
        if batch.replaced:
            err.print(f"Replaced {len(batch.replaced)} invalid byte sequence(s) of {batch.path}:",
                      markup=False)
            for line in report.problems(batch.replaced):
                click.echo(line, err=True)
        if dry_run:
            for line in report.changes(batch):
                out.print(line)
        if batch.skipped:
            err.print(f"Skipped {len(batch.skipped)} bad row(s) of {batch.path}:", markup=False)
            for line in report.problems(batch.skipped):
                click.echo(line, err=True)
    out.print(report.outcome(run), markup=False)


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
    if output is not None:
        _check_outputs(ctx, output, fmt, all_tables)
    store = open_store(ctx)
    if all_tables and output is not None:
        set_interrupt_note(f"interrupted; the files already in {output} are complete, "
                           "and no half-written file was left.")
        written = exporter.write_directory(store, output, fmt)
        click.echo(f"Wrote {len(written)} files to {output}", err=True)
    elif all_tables:
        require_unicode_stdout()
        exporter.write_all_json(store, sys.stdout)
    elif output is not None:
        try:
            count = exporter.write_file(store, table or "", output, fmt)
        except OSError as exc:
            raise Refused(f"{output} could not be written ({exc.strerror or exc}).") from None
        click.echo(f"Wrote {count:,} {table} rows to {output}", err=True)
    elif fmt == "json":
        require_unicode_stdout()
        exporter.write_json(store, table or "", sys.stdout)
        sys.stdout.write("\n")
    else:
        require_unicode_stdout()
        exporter.write_csv(store, table or "", sys.stdout)


def _check_outputs(ctx: click.Context, output: Path, fmt: str, all_tables: bool) -> None:
    """Refuse, before any work, an output that is the database or cannot be written."""
    from bioterm import exporter
    from bioterm.output import output_problem

    database = db_location(ctx).path
    if all_tables:
        if output.exists() and not output.is_dir():
            raise click.UsageError(f"--all writes one file per table: -o {output} must be a "
                                   "directory.")
        targets = exporter.directory_targets(output, fmt) if output.is_dir() else []
        problem = next(filter(None, (output_problem(t, database) for t in targets)), None)
    else:
        problem = output_problem(output, database)
    if problem is not None:
        raise click.UsageError(problem)


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
    reader = Store.open(location)  # a refused undo leaves every byte of the file as it was
    try:
        reader.undo_entry(import_id)
    finally:
        reader.close()
    store = Store.open_for_write(location)
    with store.transaction():
        entry = store.undo_import(import_id)
    click.echo(
        f"Undid import {entry.id} ({entry.file}): removed {entry.inserted:,} inserted "
        f"row(s), restored {entry.updated:,} updated row(s)."
    )

cli.add_command(db)


def main() -> None:
    """The console script: exit 0 done, 1 refused, 2 command wrong, 130 interrupted."""
    from bioterm.cli_support import interrupted_message, tolerant_streams

    tolerant_streams()
    try:
        code = cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        fail(interrupted_message(), 130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        fail(f"bioterm stopped on an unexpected error ({type(exc).__name__}: {exc}).")
    if isinstance(code, int) and code:
        sys.exit(code)
