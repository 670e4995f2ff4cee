"""Exporting tables as CSV or JSON, in a form `bioterm import` reads back unchanged.

CSV: the header is the model's field names and the values are canonical
(ISO dates, enum values, plain numbers, true/false), so importing an export
changes nothing. A text cell starting with =, +, -, @, tab or CR gets a
leading ' so a spreadsheet shows it as text instead of running it as a
formula; the importer removes exactly that one ' again. (A cell that already
starts with quotes before such a character gets one more quote, so the rule
can be undone exactly.) Files written with -o carry a UTF-8 byte-order mark,
which Excel needs to show Chinese text; standard output does not.

JSON: a list of objects per table; `--all` without -o gives one object keyed
by table name.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from bioterm.models import RECORDS, Record
from bioterm.output import open_output

FORMATS = ("csv", "json")
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


class _Rows(Protocol):
    def iter_rows(self, table: str, batch: int = ...) -> Iterable[Record]: ...


def neutralise(text: str) -> str:
    """Stop a spreadsheet from reading the cell as a formula (see the module docstring)."""
    return "'" + text if _FORMULA.match(text) else text


def _plain(value: Any) -> Any:
    """A value for JSON: integral floats as integers (80000, not 80000.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        value = _plain(value)
        return str(value) if isinstance(value, int) else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _values(store: _Rows, table: str) -> Iterator[list[Any]]:
    names = list(RECORDS[table].model_fields)
    for record in store.iter_rows(table):
        yield [getattr(record, name) for name in names]


def write_csv(store: _Rows, table: str, out: TextIO) -> int:
    """Write one table as CSV; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RECORDS[table].model_fields)
    count = 0
    for values in _values(store, table):
        writer.writerow([csv_cell(v) for v in values])
        count += 1
    return count


def write_rows_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], path: Path) -> int:
    """Any header and rows (a dashboard view, say) as CSV at `path`, with the cells
    neutralised and the byte-order mark as for a table; returns the number of rows."""
    with open_output(path, "utf-8-sig") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_cell(h) for h in header])
        count = 0
        for values in rows:
            writer.writerow([csv_cell(v) for v in values])
            count += 1
    return count


def write_json(store: _Rows, table: str, out: TextIO, indent: str = "") -> int:
    """Write one table as a JSON list of objects; returns the number of rows."""
    names = list(RECORDS[table].model_fields)
    count = 0
    out.write("[")
    for values in _values(store, table):
        row = {n: _plain(v) for n, v in zip(names, values, strict=True)}
        out.write(("," if count else "") + f"\n{indent}  " + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write(f"\n{indent}]" if count else "]")
    return count


def write_all_json(store: _Rows, out: TextIO) -> dict[str, int]:
    """Every table as one JSON object keyed by table name."""
    counts: dict[str, int] = {}
    out.write("{")
    for i, table in enumerate(RECORDS):
        out.write(("," if i else "") + f"\n  {json.dumps(table)}: ")
        counts[table] = write_json(store, table, out, indent="  ")
    out.write("\n}\n")
    return counts


def write_file(store: _Rows, table: str, path: Path, fmt: str) -> int:
    """Write one table to `path` (see `bioterm.output`: no half file, links and
    devices written through)."""
    with open_output(path, "utf-8-sig" if fmt == "csv" else "utf-8") as out:
        count = write_csv(store, table, out) if fmt == "csv" else write_json(store, table, out)
        if fmt == "json":
            out.write("\n")
    return count


def directory_targets(directory: Path, fmt: str,
                      tables: Sequence[str] = tuple(RECORDS)) -> list[Path]:
    """The files `write_directory` writes."""
    return [directory / f"{table}.{fmt}" for table in tables]


def write_directory(store: _Rows, directory: Path, fmt: str,
                    tables: Sequence[str] = tuple(RECORDS)) -> dict[Path, int]:
    """One file per table in `directory` (created if needed): `<table>.<fmt>`."""
    directory.mkdir(parents=True, exist_ok=True)
    return {
        (path := directory / f"{table}.{fmt}"): write_file(store, table, path, fmt)
        for table in tables
    }
