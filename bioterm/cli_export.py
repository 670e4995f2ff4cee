"""`bioterm export` and `bioterm template`: tables out as CSV, JSON or workbooks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bioterm.cli_support import (
    Refused,
    TableName,
    db_location,
    friendly,
    open_store,
    require_unicode_stdout,
    set_interrupt_note,
)


@click.command()
@click.argument("table", type=TableName())
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True, help="csv (printed) or xlsx (a one-sheet workbook).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (xlsx: default TABLE.xlsx here, never over an existing file).")
@friendly
def template(table: str, fmt: str, output: Path | None) -> None:
    """Print a CSV template (a comment per column, an example row and the header), or
    write it as a workbook whose header cells carry the comments as notes.

    The example row is commented out (it starts with "# example: ", above the
    header), so importing an untouched template adds nothing; copy it below the
    header without that prefix to use it.
    """
    from bioterm.importer.template import column_notes, commented_example, workbook_comment
    from bioterm.importer.template import template as make

    if output is not None and output.suffix.casefold() == ".xlsx":
        fmt = "xlsx"
    if fmt == "csv":
        if output is None:
            click.echo(make(table), nl=False)
            return
        from bioterm.output import open_output

        _check_output(None, output)
        with open_output(output, "utf-8-sig") as out:
            out.write(make(table))
        click.echo(f"Wrote the {table} template to {output}", err=True)
        return
    from bioterm.exporter_xlsx import write_template

    if output is None:
        output = Path(f"{table}.xlsx")
        if output.exists():
            raise click.UsageError(f"{output} exists already; give -o FILE to write elsewhere.")
    _check_output(None, output)
    write_template(table, commented_example(table), column_notes(table), output,
                   workbook_comment(table))
    click.echo(f"Wrote the {table} template to {output}", err=True)


EXPORT_FORMATS = ("csv", "json", "xlsx")


@click.command()
@click.argument("table", type=TableName(), required=False)
@click.option("--all", "all_tables", is_flag=True, help="Every table.")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS),
    help="csv (default), json or xlsx; the suffix of -o implies it (.json, .xlsx).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="File to write (with --all: a directory, or one .xlsx workbook); "
         "default: standard output.",
)
@click.pass_context
@friendly
def export(
    ctx: click.Context, table: str | None, all_tables: bool, fmt: str | None,
    output: Path | None,
) -> None:
    """Export a table (or --all) as CSV, JSON or an Excel workbook; importing an
    export changes nothing.

    With --all, -o DIR writes DIR/<table>.csv (or .json) for every table, and
    -o FILE.xlsx writes one workbook with a sheet per table; without -o, --all
    prints one JSON object keyed by table name. A workbook needs -o.
    """
    from bioterm import exporter

    if (table is None) == (not all_tables):
        raise click.UsageError("give a TABLE or --all (not both).")
    fmt = fmt or _format_of(output)
    if fmt == "xlsx":
        _export_xlsx(ctx, [table] if table else None, output)
        return
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


def _format_of(output: Path | None) -> str:
    suffix = output.suffix.casefold() if output is not None else ""
    return {".json": "json", ".xlsx": "xlsx"}.get(suffix, "csv")


def _export_xlsx(ctx: click.Context, tables: list[str] | None, output: Path | None) -> None:
    """One workbook: the table's sheet, or (tables None) a sheet for every table."""
    from bioterm.exporter_xlsx import write_xlsx_file
    from bioterm.models import RECORDS

    if output is None:
        raise click.UsageError("a workbook is written to a file: give -o FILE.xlsx.")
    _check_output(ctx, output)
    store = open_store(ctx)
    set_interrupt_note("interrupted; no half-written workbook was left.")
    try:
        counts = write_xlsx_file(store, tables or list(RECORDS), output)
    except OSError as exc:
        raise Refused(f"{output} could not be written ({exc.strerror or exc}).") from None
    if tables is None:
        click.echo(f"Wrote {len(counts)} sheets ({sum(counts.values()):,} rows) to {output}",
                   err=True)
    else:
        click.echo(f"Wrote {counts[tables[0]]:,} {tables[0]} rows to {output}", err=True)


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


def _check_output(ctx: click.Context | None, output: Path) -> None:
    """Refuse, before any work, a single output file that is the database or cannot
    be written."""
    from bioterm.output import output_problem

    problem = output_problem(output, db_location(ctx).path if ctx is not None else None)
    if problem is not None:
        raise click.UsageError(problem)
