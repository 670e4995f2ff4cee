"""A file's rows -> tuples of canonical values for the columns its header gives.

`RowConverter` is built once per file from the header match: one converter
per column, the measure columns whose unit words fill a currency and a
qualifier, and the id made from the name when a file leaves ids out. It then
converts each row, recording every problem as `file:line: column: reason`.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from bioterm.importer.columns import NAME_FIELD, HeaderMatch
from bioterm.importer.convert import (
    MEASURE_PARSERS,
    MEASURES,
    REQUIRED,
    Amount,
    CellError,
    Converter,
    amount_converter,
    field_specs,
    measure_converter,
    memo,
    unquote,
)
from bioterm.importer.reader import location
from bioterm.importer.references import Resolver, slug


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, a row or a cell."""

    path: Path
    line: int | None
    column: str | None
    reason: str
    sheet: str | None = None
    """The sheet of a workbook the row is on (`line` is then the sheet's row number)."""

    def __str__(self) -> str:
        where = location(self.path, self.line, self.sheet)
        return ": ".join(p for p in (where, self.column, self.reason) if p)


@dataclass(frozen=True)
class _Measure:
    value: int
    currency: int | None
    qualifier: int
    header: str
    default: Any


class RowConverter:
    """Converts the rows of one file whose header matched `match`."""

    def __init__(
        self, match: HeaderMatch, resolver: Resolver, path: Path, *, sheet: str | None = None
    ) -> None:
        self.path = path
        self.sheet = sheet
        # A workbook's text cells are text: the ' that a CSV export puts before a
        # formula character is never written there, so none is taken off.
        self.unquote = sheet is None
        self.match = match
        self.resolver = resolver
        model = match.model
        specs = field_specs(model)
        self.columns: list[str] = []
        given = {c.field: c for c in match.columns}
        # A qualifier column beside a quantity may be empty: the quantity's words fill it.
        partners = {MEASURES[name].qualifier for name in given if name in MEASURES}
        # Per column: (cell index, output index, converter, blank value, header), as
        # plain tuples because unpacking them is the cheapest thing in the cell loop.
        self._cells: list[tuple[int, int, Converter | None, Any, str]] = []
        for column in match.columns:
            spec = specs[column.field]
            convert = spec.converter
            if spec.kind == "reference":
                convert = memo(resolver.converter(model.references[column.field]))
            elif column.field in MEASURES:
                convert = self._measure_converter(column.field, column.unit)
            blank = None if column.field in partners else spec.blank
            if column.field == "id" and NAME_FIELD.get(match.table) in given:
                blank = None  # made from the name below
            self._cells.append(
                (column.index, self._slot(column.field), convert, blank, column.header)
            )
        self.measures = [
            _Measure(
                self._slot(name),
                self._slot(MEASURES[name].currency) if MEASURES[name].currency else None,
                self._slot(MEASURES[name].qualifier),
                given[name].header,
                specs[MEASURES[name].qualifier].blank,
            )
            for name in given if name in MEASURES
        ]
        self.derive: tuple[int, int] | None = None
        name_field = NAME_FIELD.get(match.table)
        if name_field in given:
            self.derive = (self._slot("id"), self._slot(name_field))
        # A natural-key field the file leaves out (capacity without site_id) is
        # matched, and filled on new rows, with the field's blank value.
        left_out = {k: self._slot(k) for k in model.natural_key if k not in given}
        self.template: list[Any] = [None] * len(self.columns)
        for name, at in left_out.items():  # (a left-out id is made from the name below)
            if specs[name].blank is not REQUIRED:
                self.template[at] = specs[name].blank
        key_at = [self.columns.index(k) for k in model.natural_key]
        self.key = (lambda row: (row[key_at[0]],)) if len(key_at) == 1 else itemgetter(*key_at)

    def problem(self, line: int | None, column: str | None, reason: str) -> Problem:
        """A problem at `line` of this converter's file (or sheet)."""
        return Problem(self.path, line, column, reason, self.sheet)

    def _slot(self, name: str) -> int:
        if name not in self.columns:
            self.columns.append(name)
        return self.columns.index(name)

    @staticmethod
    def _measure_converter(name: str, unit: str | None) -> Converter:
        kind = MEASURES[name].parse
        if kind == "amount":
            return amount_converter(unit)
        return measure_converter(MEASURE_PARSERS[kind], unit)

    def convert(
        self, line: int, cells: list[str], problems: list[Problem]
    ) -> tuple[Any, ...] | None:
        """The row's values for `self.columns`, or None after adding its problems."""
        out = self.template.copy()
        found = len(problems)
        for index, at, convert, blank, header in self._cells:
            text = cells[index].strip()
            if text and text[0] == "'" and self.unquote:
                text = unquote(text).strip()
            if not text:
                if blank is REQUIRED:
                    problems.append(self.problem(line, header, "required, but empty"))
                else:
                    out[at] = blank
            elif convert is None:
                out[at] = text
            else:
                try:
                    out[at] = convert(text)
                except CellError as exc:
                    problems.append(self.problem(line, header, str(exc)))
        for measure in self.measures:
            self._merge(measure, out, line, problems)
        if self.derive is not None:
            at_id, at_name = self.derive
            if out[at_id] is None and out[at_name] is not None:
                index = self.resolver.index(self.match.table)
                try:
                    out[at_id] = index.by_name(out[at_name]) or slug(out[at_name])
                except CellError as exc:
                    problems.append(self.problem(line, "id", str(exc)))
        return tuple(out) if len(problems) == found else None

    def _merge(
        self, measure: _Measure, out: list[Any], line: int, problems: list[Problem]
    ) -> None:
        """Spread a parsed quantity over its value, currency and qualifier columns."""
        raw = out[measure.value]
        currency = qualifier = None
        if isinstance(raw, Amount):
            out[measure.value], currency, qualifier = raw.value, raw.currency, raw.qualifier
        elif isinstance(raw, tuple):
            out[measure.value], qualifier = raw
        if measure.currency is not None:
            stated = out[measure.currency]
            if stated and currency and stated != currency:
                problems.append(self.problem(
                    line, measure.header,
                    f"the amount is in {currency} but the currency column says {stated}",
                ))
            out[measure.currency] = stated or currency
        stated = out[measure.qualifier]
        if stated and qualifier not in (None, "exact") and stated != qualifier:
            problems.append(self.problem(
                line, measure.header,
                f"the amount says '{qualifier}' but the qualifier column says '{stated}'",
            ))
        out[measure.qualifier] = stated or qualifier or measure.default

    def record(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(self.columns, row, strict=True))
