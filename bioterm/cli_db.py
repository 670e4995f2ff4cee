"""`bioterm db …`: which database is used, what it holds, building and generating one."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from bioterm.cli_support import (
    Refused,
    db_location,
    friendly,
    open_store,
    progress_bar,
    refuse_if_read_only,
    set_interrupt_note,
)


def database_target(path: Path) -> Path:
    """Where a new database file goes: through a link to where it points; refused,
    before any work, if it is a device or pipe or cannot be written."""
    from bioterm.output import output_problem

    if path.exists() and not path.is_file():
        raise Refused(f"{path} is not a regular file; a database can only be written "
                      "to a file.")
    problem = output_problem(path)
    if problem is not None:
        raise Refused(problem)
    return Path(os.path.realpath(path))


@click.group()
def db() -> None:
    """Which database is used, what it holds, checking, building and generating one."""


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
    console.print(store.location.describe(), soft_wrap=True, markup=False)
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
    """Integrity, foreign keys and data quality; exit 1 on any problem.

    Data quality: rows without a source, capacity timelines that fall without
    a note, drugs whose phase contradicts their milestones, approved drugs
    without an approval milestone, events recorded twice, funding in
    currencies with no exchange rate, references to missing rows. Phases and
    statuses not final and last confirmed over three years ago are listed as
    notices, and so are your notes and watched records whose record is gone
    (they are kept, and show again if it comes back).
    """
    store = open_store(ctx)
    problems = store.integrity_problems()
    for problem in problems:
        click.echo(problem)
    if problems:
        raise Refused(f"{len(problems)} integrity problem(s) in {store.path}.")
    issues = store.quality_issues()
    for issue in issues:
        click.echo(str(issue))
    if issues:
        raise Refused(f"{len(issues)} data-quality problem(s) in {store.path}.")
    stale = store.stale_facts(date.today())
    for notice in stale:
        click.echo(f"notice: {notice}")
    if stale:
        click.echo(f"{len(stale)} phase(s) or status(es) not final and last confirmed more "
                   "than three years ago (kept as reported; the dashboard shows their age).")
    for table, kind, record_id in store.orphaned_user_data():
        click.echo(f"notice: {table} {kind} {record_id}: its record is no longer in the "
                   "database (kept; it shows again if the record comes back)")
    click.echo(f"{store.path}: ok (integrity, foreign keys, data quality)")


@db.command("build")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: the bundled database in the source tree).",
)
@click.option(
    "--sources", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of dataset CSV folders (default: bioterm/data/csv).",
)
@click.pass_context
@friendly
def db_build(ctx: click.Context, output: Path | None, sources: Path | None) -> None:
    """Build the bundled database from the readable CSV sources."""
    from bioterm import paths

    refuse_if_read_only(ctx)
    from bioterm.store.build import BuildError, build

    target = database_target(output) if output is not None else paths.bundled_db_path()
    try:
        counts = build(sources or paths.data_sources_dir(), target)
    except BuildError as exc:
        raise Refused(str(exc)) from None
    summary = ", ".join(f"{n} {t}" for t, n in counts.items())
    click.echo(f"Built {output or target}: {summary}")


@db.command("generate")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True,
              help="1 is about 1,000,000 drugs, 100,000 companies, 200,000 sites, "
                   "2,000,000 capacity points, 500,000 funding rows with 1,500,000 "
                   "investor links, and 200,000 deals.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="The same seed always gives the same database.")
@click.pass_context
@friendly
def db_generate(ctx: click.Context, path: Path, scale: float, seed: int) -> None:
    """Write a synthetic database for trying bioterm at scale (never real data)."""
    from rich.console import Console

    from bioterm.synthetic.generate import generate

    refuse_if_read_only(ctx)
    if path.exists():
        raise Refused(f"{path} already exists; choose a new file name.")
    target = database_target(path)
    set_interrupt_note(f"interrupted; {path} was not written (no partial file is left).")
    with progress_bar(Console(stderr=True)) as update:
        counts = generate(target, scale=scale, seed=seed, progress=update)
    summary = ", ".join(f"{n:,} {t}" for t, n in counts.items())
    click.echo(f"Generated {path}: {summary}")
