"""The command line: parses arguments, calls the library, prints. Nothing else.

Exit status: 0 done; 1 the data was refused or the database is unusable
(nothing written); 2 the command itself was wrong (click's usage errors).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bioterm import __version__
from bioterm.cli_config import config
from bioterm.cli_db import db
from bioterm.cli_export import export, template
from bioterm.cli_support import (
    Refused,
    TableName,
    db_location,
    fail,
    friendly,
    is_read_only,
    open_store,
    open_when_unlocked,
    progress_bar,
)

DB_OPTION_HELP = (
    "Database file to use (default: $BIOTERM_DB, the user database, or the bundled one)."
)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(path_type=Path), help=DB_OPTION_HELP)
@click.option("--read-only", is_flag=True,
              help="Write nothing at all: no copy of the bundled database, no upgrade of an "
                   "older file; commands that write are refused.")
@click.version_option(__version__, "--version", prog_name="bioterm")
@click.pass_context
@friendly
def cli(ctx: click.Context, db: Path | None, read_only: bool) -> None:
    """bioterm — track the biopharma industry from your terminal.

    With no command, opens the dashboard.
    """
    if ctx.invoked_subcommand is None:
        _dashboard(ctx)


def _dashboard(ctx: click.Context) -> None:
    from bioterm import bindings
    from bioterm.app import BUSY_TIMEOUT_MS, BiotermApp
    from bioterm.keymap import load
    from bioterm.paths import keymap_path, view_prefs_path
    from bioterm.view_prefs import load as load_view

    read_only = is_read_only(ctx)
    store = open_when_unlocked(db_location(ctx), busy_timeout_ms=BUSY_TIMEOUT_MS,
                               read_only=read_only)
    app = BiotermApp(store, read_only=read_only, keymap=load(keymap_path(), bindings.CONTEXTS),
                     view_prefs=load_view(view_prefs_path(), save=not read_only))
    app.run()
    if app.failure is not None:
        fail(app.failure)
    if app.return_code:
        sys.exit(app.return_code)


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
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the good rows; count the rows left out and list each one's "
                   "problems.")
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
    imports nothing, and so does an untouched `bioterm template` (its example
    row is a comment). --dry-run lists each new row's values as they would be
    stored and each update old → new. Exit status: 0 imported or nothing to change; 1 refused,
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
    for line in report.problems(run.skipped_sheets):
        click.echo(line, err=True)
    for batch in run.files:
        if batch.replaced:
            err.print(f"Replaced {len(batch.replaced)} invalid byte sequence(s) of {batch.label}:",
                      markup=False)
            for line in report.problems(batch.replaced):
                click.echo(line, err=True)
        if dry_run:
            for line in report.changes(batch):
                out.print(line)
        for line in report.skipped(batch):
            click.echo(line, err=True)
    out.print(report.outcome(run), markup=False)


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
@click.option("-y", "--yes", is_flag=True,
              help="Undo without asking (needed when standard input is not a terminal).")
@click.pass_context
@friendly
def undo(ctx: click.Context, import_id: int | None, yes: bool) -> None:
    """Revert an import exactly (default: the newest one not yet undone).

    Says which import it will revert (file, tables, rows) and asks first; without
    a terminal to ask on, it undoes nothing unless given --yes (exit 2).
    """
    from bioterm.store import Store, UndoError

    location = db_location(ctx, write=True)
    if not location.path.exists():
        raise UndoError(f"There is no import to undo: nothing was imported into {location.path}.")
    reader = Store.open(location)  # a refused undo leaves every byte of the file as it was
    try:
        planned = reader.undo_entry(import_id)
    finally:
        reader.close()
    click.echo(
        f"Import {planned.id} ({planned.file}, {planned.tables}): undoing it removes "
        f"{planned.inserted:,} inserted row(s) and restores {planned.updated:,} updated row(s)."
    )
    if not yes:
        if not sys.stdin.isatty():
            fail("standard input is not a terminal to confirm on, so nothing was undone; "
                 "run `bioterm undo --yes` to undo without asking.", 2)
        if not click.confirm("Undo it?", default=False):
            click.echo("Nothing was undone.")
            return
    store = Store.open_for_write(location)
    with store.transaction():
        # The id confirmed, not "the newest": another import may have landed meanwhile.
        entry = store.undo_import(planned.id)
    click.echo(
        f"Undid import {entry.id} ({entry.file}): removed {entry.inserted:,} inserted "
        f"row(s), restored {entry.updated:,} updated row(s)."
    )


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine can connect).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--read-only", "serve_read_only", is_flag=True,
              help="No browser session can write (each runs `bioterm --read-only`).")
@click.option("--db", "serve_db", type=click.Path(path_type=Path), help=DB_OPTION_HELP)
@click.pass_context
@friendly
def serve(ctx: click.Context, host: str, port: int, serve_read_only: bool,
          serve_db: Path | None) -> None:
    """Serve the dashboard to web browsers: each browser tab gets its own dashboard on
    the same database. Stop with ctrl+c, which ends every session."""
    from bioterm import paths
    from bioterm.serve import serve as run_server
    from bioterm.store import Store

    read_only = serve_read_only or is_read_only(ctx)
    db = serve_db or ctx.find_root().params.get("db")
    Store.open(paths.resolve_read(db), read_only=read_only).close()  # fail here, not per tab
    try:
        run_server(host, port, db, read_only)
    except OSError as exc:
        raise Refused(f"cannot listen on {host}:{port} ({exc.strerror or exc}).") from None


cli.add_command(config)
cli.add_command(db)
cli.add_command(export)
cli.add_command(template)


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
