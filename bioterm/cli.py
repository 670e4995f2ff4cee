"""The command line: parses arguments, calls the library, prints. Nothing else.

Exit status: 0 done; 1 the data was refused or the database is unusable
(nothing written); 2 the command itself was wrong (click's usage errors).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
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
        except OSError as exc:
            fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))

    return wrapper  # type: ignore[return-value]


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


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        fail("interrupted; nothing was written.", 130)
    except Exception as exc:
        fail(f"bioterm stopped on an unexpected error ({type(exc).__name__}: {exc}).")
