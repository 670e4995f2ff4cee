"""One spreadsheet cell -> the canonical value a model field holds.

Every field of every model gets a converter chosen from its type (an id, a
partial date, an enum, a list, an amount …). A converter takes the cell's
text, already stripped and never empty, and returns exactly what the model's
own validation would accept and keep, or raises CellError with a reason
written for the person who typed the cell. Running the converters instead of
`Model.model_validate` per row is what keeps a 200,000-row import fast; a
property test holds the two to the same answers.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined

from bioterm import models
from bioterm.enums import Vocabulary
from bioterm.importer.limits import implausible
from bioterm.parsing.dates import DateParseError, parse_partial_date
from bioterm.parsing.quantities import (
    Amount,
    QuantityParseError,
    normalise_currency,
    parse_amount,
    parse_area_m2,
    parse_litres,
    parse_number,
)
from bioterm.stored import Check
from bioterm.text import LIST_SEPARATOR, TYPED_SEPARATORS

Converter = Callable[[str], Any]

REQUIRED = object()
"""The blank value of a required field: an empty cell there is an error."""

_MEMO_LIMIT = 100_000
_OTHER_SEPARATORS = re.compile(r"[；、\n]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_ID_MATCH = models._ID.match
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d[\d, ]*(?:\.\d+)?|\.\d+)")

TRUE_WORDS = ("true", "yes", "y", "1", "是", "对")
FALSE_WORDS = ("false", "no", "n", "0", "否", "不是")
_BOOLEANS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is the reason."""


@dataclass(frozen=True)
class Measure:
    """A quantity column and the columns its unit words fill."""

    parse: str  # "amount" | "litres" | "area"
    currency: str | None
    qualifier: str


MEASURES: dict[str, Measure] = {
    "amount": Measure("amount", "currency", "qualifier"),
    "investment_amount": Measure("amount", "investment_currency", "investment_qualifier"),
    "litres": Measure("litres", None, "qualifier"),
    "area_m2": Measure("area", None, "area_qualifier"),
    # A deal's amounts share one currency column, each with its own qualifier.
    "upfront": Measure("amount", "currency", "upfront_qualifier"),
    "milestones": Measure("amount", "currency", "milestones_qualifier"),
    "total": Measure("amount", "currency", "total_qualifier"),
    "equity": Measure("amount", "currency", "equity_qualifier"),
}
"""Field name -> how to read it; the currency and qualifier columns it fills."""

MEASURE_PARSERS: dict[str, Callable[[str], tuple[float, str]]] = {
    "litres": parse_litres,
    "area": parse_area_m2,
}


@dataclass(frozen=True)
class FieldSpec:
    """How one model field is read from a cell."""

    name: str
    kind: str
    required: bool
    blank: Any
    """What an empty cell means: the field's default, or REQUIRED."""
    converter: Converter | None
    """None for plain text (kept as typed) and for references and measures,
    whose converters depend on the database or the header (see `columns`)."""
    enum: type[Vocabulary] | None = None


def unquote(text: str) -> str:
    """Undo the export's formula neutralisation: one leading ' before = + - @ tab CR."""
    return text[1:] if _QUOTED.match(text) else text


class _Memo(dict[str, Any]):
    """Answers by text; a hit is one C-level dict lookup, a miss asks the converter."""

    __slots__ = ("convert",)

    def __init__(self, convert: Converter) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, text: str) -> Any:
        value = self.convert(text)
        if len(self) < _MEMO_LIMIT:
            self[text] = value
        return value


def memo(convert: Converter) -> Converter:
    """Cache a converter's answers: enum, date and reference cells repeat a lot."""
    return _Memo(convert).__getitem__


# -- converters, one per kind --------------------------------------------------


def _id(text: str) -> str:
    # The model's own pattern, matched here: ids are the one column no memo
    # helps (every one differs), so each call saved counts.
    if _ID_MATCH(text) is None:
        try:
            models._check_id(text)  # the model's own message
        except ValueError as exc:
            raise CellError(str(exc)) from None
    return text


def _list(text: str) -> str | None:
    if TYPED_SEPARATORS.search(text) is None:
        return text
    parts = text.split(LIST_SEPARATOR)
    if (  # already "a; b; c", as exports and most files are
        text.count(";") == len(parts) - 1
        and _OTHER_SEPARATORS.search(text) is None
        # no part empty or padded with spaces, tested without a Python loop
        and "" not in parts
        and LIST_SEPARATOR.join(map(str.strip, parts)) == text
        and len(set(parts)) == len(parts)
    ):
        return text
    return models._normalise_list(text)  # type: ignore[no-any-return]


def _date(text: str) -> str:
    try:
        return parse_partial_date(text)
    except DateParseError as exc:
        raise CellError(str(exc)) from None


def _currency(text: str) -> str:
    try:
        return models._check_currency(normalise_currency(text))
    except ValueError as exc:  # QuantityParseError is a ValueError
        raise CellError(str(exc)) from None


def _bool(text: str) -> bool:
    try:
        return _BOOLEANS[text.casefold()]
    except KeyError:
        raise CellError(
            f"'{text}' is not yes or no: use one of {', '.join(TRUE_WORDS + FALSE_WORDS)}"
        ) from None


def _enum(enum: type[Vocabulary]) -> Converter:
    def convert(text: str) -> str:
        try:
            return enum.lookup(text).value
        except ValueError as exc:
            raise CellError(str(exc)) from None

    return convert


def _bounded_number(
    constraints: list[Any], integral: bool, magnitude: str | None = None
) -> Converter:
    low = next((c.ge for c in constraints if hasattr(c, "ge")), None)
    above = next((c.gt for c in constraints if hasattr(c, "gt")), None)
    high = next((c.le for c in constraints if hasattr(c, "le")), None)

    def convert(text: str) -> float | int:
        try:
            value: float | int = parse_number(text)
        except QuantityParseError as exc:
            raise CellError(str(exc)) from None
        if integral:
            if value != int(value):
                raise CellError(f"'{text}' is not a whole number")
            value = int(value)
        if low is not None and value < low:
            raise CellError(f"{text} is too small: the least allowed is {low}")
        if above is not None and value <= above:
            raise CellError(f"{text} is too small: it must be more than {above}")
        if high is not None and value > high:
            raise CellError(f"{text} is too large: the most allowed is {high}")
        if magnitude is not None:
            _check_magnitude(magnitude, value, text)
        return value

    return convert


def _negative(text: str) -> CellError:
    return CellError(f"negative value '{text}': amounts, volumes and areas cannot be below 0")


def amount_converter(unit: str | None) -> Converter:
    """Cell -> Amount; `unit` is a header's "(RMB)" or "(RMB million)"."""
    scale, currency = header_amount_unit(unit) if unit else (1.0, None)

    def convert(text: str) -> Amount:
        if scale != 1.0:
            amount = Amount(_plain_number(text, unit) * scale, currency)
        else:
            try:
                amount = parse_amount(text)
            except QuantityParseError as exc:
                raise CellError(str(exc)) from None
            if currency and amount.currency and amount.currency != currency:
                raise CellError(
                    f"'{text}' is in {amount.currency} but the column header says {currency}"
                )
            if currency and not amount.currency:
                amount = Amount(amount.value, currency, amount.qualifier)
        if amount.value < 0:
            raise _negative(text)
        _check_magnitude("amount", amount.value, text)
        return amount

    return convert


def measure_converter(parse: Callable[[str], tuple[float, str]], unit: str | None) -> Converter:
    """Cell -> (value, qualifier) for litres or square metres; `unit` from the header."""
    scale = header_measure_scale(parse, unit) if unit else 1.0

    def convert(text: str) -> tuple[float, str]:
        if scale != 1.0:
            result = (_plain_number(text, unit) * scale, "exact")
        else:
            try:
                result = parse(text)
            except QuantityParseError as exc:
                raise CellError(str(exc)) from None
        if result[0] < 0:
            raise _negative(text)
        _check_magnitude("area" if parse is MEASURE_PARSERS["area"] else "litres", result[0], text)
        return result

    return convert


def _check_magnitude(kind: str, value: float, text: str) -> None:
    reason = implausible(kind, value)
    if reason is not None:
        raise CellError(f"'{text}': {reason}")


def _plain_number(text: str, unit: str | None) -> float:
    try:
        if _PLAIN_NUMBER.fullmatch(text) is None:
            raise QuantityParseError(text)
        return parse_number(text)
    except QuantityParseError:
        raise CellError(
            f"'{text}' is not a plain number; the column header already gives the unit ({unit})"
        ) from None


def header_amount_unit(unit: str) -> tuple[float, str | None]:
    """(scale, currency) from a header's unit: "RMB", "US$ million", "万元", "million"."""
    words = unit.split()
    forms = [f"1 {unit}", f"{unit} 1"]
    if len(words) == 2:
        forms += [f"{words[0]} 1 {words[1]}", f"1 {words[1]} {words[0]}"]
    for form in forms:
        try:
            amount = parse_amount(form)
        except QuantityParseError:
            continue
        return amount.value, amount.currency
    raise CellError(f"'({unit})' is not a currency or scale such as (RMB), (USD million), (万元)")


def header_measure_scale(parse: Callable[[str], tuple[float, str]], unit: str) -> float:
    try:
        return parse(f"1 {unit}")[0]
    except QuantityParseError:
        raise CellError(f"'({unit})' is not a unit this column understands") from None


# -- choosing a converter for each field ---------------------------------------

_BY_CHECK: dict[Check, tuple[str, Converter | None]] = {
    Check.ID: ("id", _id),
    Check.OPTIONAL_ID: ("id", _id),
    Check.DATE: ("date", memo(_date)),
    Check.OPTIONAL_DATE: ("date", memo(_date)),
    Check.CURRENCY: ("currency", memo(_currency)),
    Check.OPTIONAL_CURRENCY: ("currency", memo(_currency)),
    Check.LIST: ("list", memo(_list)),
    Check.TEXT: ("text", None),
    Check.NAME: ("text", None),
    Check.FLAG: ("bool", memo(_bool)),
}
"""The declared checks (bioterm.stored) -> (kind, converter)."""


def field_specs(model: type[models.Record]) -> dict[str, FieldSpec]:
    """A FieldSpec for every field of `model`, in field order."""
    declared = {f.name: f.metadata for f in dataclasses.fields(model.row)}
    specs: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        default = info.get_default(call_default_factory=True)
        required = default is PydanticUndefined
        blank = REQUIRED if required else getattr(default, "value", default)
        enum = declared[name]["vocabulary"]
        kind, converter = _kind(model, name, declared[name]["check"], info.metadata)
        if enum is not None:
            kind, converter = "enum", memo(_enum(enum))
        specs[name] = FieldSpec(name, kind, required, blank, converter, enum)
    return specs


def _kind(
    model: type[models.Record], name: str, check: Check, metadata: list[Any]
) -> tuple[str, Converter | None]:
    if name in model.references:
        return "reference", None
    if name in MEASURES:
        return MEASURES[name].parse, None
    if check in _BY_CHECK:
        return _BY_CHECK[check]
    if check is Check.YEAR:
        return "integer", _bounded_number(metadata, integral=True)
    if check is Check.RATE:
        # an exchange rate
        return "number", _bounded_number(metadata, integral=False, magnitude="usd")
    if check in (Check.NON_NEGATIVE, Check.OPTIONAL_NON_NEGATIVE):
        return "number", _bounded_number([Ge(0)], integral=False)
    return "other", _fallback(model, name)


def _fallback(model: type[models.Record], name: str) -> Converter:
    """A field type this module does not know: let pydantic validate that one field."""
    adapter: TypeAdapter[Any] = TypeAdapter(typing.get_type_hints(model, include_extras=True)[name])

    def convert(text: str) -> Any:
        try:
            return adapter.validate_python(text)
        except ValidationError as exc:
            raise CellError(exc.errors()[0]["msg"]) from None

    return convert
