"""The validating model of each record, built from its declaration in `bioterm.stored`.

Records hold canonical values: partial ISO dates, ISO currency codes, enum
values, plain numbers. Turning what people type into these forms is the
importer's job; these models only accept and check the canonical forms, so
the bundled data, imports and the store all agree on what a valid row is.
Only what writes imports this module (and pydantic with it).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, fields
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from bioterm import stored
from bioterm.parsing.dates import is_partial_date
from bioterm.stored import Check
from bioterm.text import split_typed, to_list

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _check_partial_date(value: str) -> str:
    if not is_partial_date(value):
        raise ValueError(f"'{value}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"'{value}' is not an id: use lower-case letters, digits, '.', '_' or '-'"
        )
    return value


def _check_currency(value: str) -> str:
    if not _CURRENCY.match(value):
        raise ValueError(f"'{value}' is not a three-letter ISO currency code such as CNY or USD")
    return value


def _normalise_list(value: Any) -> Any:
    """Lists are stored as one '; '-separated string; accept a list or any separator."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        parts = [str(p).strip() for p in value]
    else:
        parts = split_typed(str(value))
    return to_list(parts) or None


Id = Annotated[str, AfterValidator(_check_id)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
OptionalDate = Annotated[PartialDate | None, BeforeValidator(_blank_to_none)]
OptionalId = Annotated[Id | None, BeforeValidator(_blank_to_none)]
Currency = Annotated[str, AfterValidator(_check_currency)]
OptionalCurrency = Annotated[Currency | None, BeforeValidator(_blank_to_none)]
TextList = Annotated[str | None, BeforeValidator(_normalise_list)]
NonNegative = Annotated[float, Field(ge=0)]
OptionalNonNegative = Annotated[NonNegative | None, BeforeValidator(_blank_to_none)]


class Record(BaseModel):
    """Common configuration: strict about unknown fields, tidy about whitespace."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, use_enum_values=True, frozen=True
    )

    table: ClassVar[str]
    natural_key: ClassVar[tuple[str, ...]]
    """Columns that identify a row across imports, so re-importing upserts."""
    references: ClassVar[dict[str, str]] = {}
    """Column -> table it points to."""
    row: ClassVar[type[stored.Row]]
    """The declaration it was built from, and what the store reads it back as."""

    def key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.natural_key)


CHECKED: dict[Check, Any] = {
    Check.ID: Id,
    Check.OPTIONAL_ID: OptionalId,
    Check.NAME: Annotated[str, Field(min_length=1)],
    Check.TEXT: OptionalText,
    Check.DATE: PartialDate,
    Check.OPTIONAL_DATE: OptionalDate,
    Check.CURRENCY: Currency,
    Check.OPTIONAL_CURRENCY: OptionalCurrency,
    Check.LIST: TextList,
    Check.NON_NEGATIVE: NonNegative,
    Check.OPTIONAL_NON_NEGATIVE: OptionalNonNegative,
    Check.FLAG: bool,
    Check.YEAR: Annotated[int, Field(ge=1900, le=2200)],
    Check.RATE: Annotated[float, Field(gt=0)],
}
"""The pydantic type that performs each check."""


def _model(row: type[stored.Row]) -> type[Record]:
    definitions: dict[str, Any] = {}
    for spec in fields(row):
        check = spec.metadata["check"]
        vocabulary = spec.metadata["vocabulary"]
        if check is Check.VOCABULARY:
            annotation = vocabulary
        elif check is Check.OPTIONAL_VOCABULARY:
            annotation = Annotated[vocabulary | None, BeforeValidator(_blank_to_none)]
        else:
            annotation = CHECKED[check]
        default = ... if spec.default is MISSING else spec.default
        definitions[spec.name] = (annotation, Field(default, description=spec.metadata["doc"]
                                                    or None))
    model: type[Record] = create_model(  # type: ignore[call-overload]
        row.__name__, __base__=Record, __module__=__name__, __doc__=row.__doc__,
        **definitions,
    )
    model.table = row.table
    model.natural_key = row.natural_key
    model.references = row.references
    model.row = row
    return model


Source = _model(stored.Source)
Company = _model(stored.Company)
Drug = _model(stored.Drug)
Milestone = _model(stored.Milestone)
Site = _model(stored.Site)
CapacityPoint = _model(stored.CapacityPoint)
Funding = _model(stored.Funding)
Partnership = _model(stored.Partnership)
FxRate = _model(stored.FxRate)
FundingInvestor = _model(stored.FundingInvestor)
Deal = _model(stored.Deal)
DealDrug = _model(stored.DealDrug)
Watch = _model(stored.Watch)
Note = _model(stored.Note)

_BUILT = {model.table: model for model in (
    Source, Company, Drug, Milestone, Site, CapacityPoint, Funding, Partnership, FxRate,
    FundingInvestor, Deal, DealDrug, Watch, Note)}
RECORDS: dict[str, type[Record]] = {table: _BUILT[table] for table in stored.ROWS}
"""Every table a user can import into or export, in dependency order."""
