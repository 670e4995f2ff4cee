"""The one definition of each record.

Records hold canonical values: partial ISO dates, ISO currency codes, enum
values, plain numbers. Turning what people type into these forms is the
importer's job; these models only accept and check the canonical forms, so
the bundled data, imports and the store all agree on what a valid row is.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from bioterm.enums import (
    CapacityStatus,
    CompanyKind,
    EventStatus,
    FundingKind,
    MilestoneKind,
    Modality,
    PartnershipKind,
    Phase,
    Qualifier,
    SiteKind,
    SiteStatus,
)
from bioterm.parsing.dates import is_partial_date
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

    def key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.natural_key)


class Source(Record):
    table: ClassVar[str] = "sources"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)

    id: Id
    title: str = Field(min_length=1)
    publisher: OptionalText = None
    author: OptionalText = None
    date: OptionalDate = None
    url: OptionalText = None
    note: OptionalText = None


class Company(Record):
    table: ClassVar[str] = "companies"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {"source_id": "sources"}

    id: Id
    name: str = Field(min_length=1)
    name_zh: OptionalText = None
    tickers: TextList = None
    kind: CompanyKind
    founded: OptionalDate = None
    hq_city: OptionalText = None
    hq_region: OptionalText = None
    hq_country: OptionalText = None
    key_people: TextList = None
    """'Name (role)' entries."""
    description: OptionalText = None
    source_id: Id


class Drug(Record):
    table: ClassVar[str] = "drugs"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {"company_id": "companies", "source_id": "sources"}

    id: Id
    name: str = Field(min_length=1)
    code_names: TextList = None
    company_id: Id
    modality: Modality
    targets: TextList = None
    indications: TextList = None
    phase: Phase
    first_in_class: bool = False
    regions: TextList = None
    description: OptionalText = None
    source_id: Id


class Milestone(Record):
    table: ClassVar[str] = "milestones"
    natural_key: ClassVar[tuple[str, ...]] = ("drug_id", "kind", "date", "region")
    references: ClassVar[dict[str, str]] = {"drug_id": "drugs", "source_id": "sources"}

    drug_id: Id
    kind: MilestoneKind
    date: PartialDate
    region: OptionalText = None
    status: EventStatus = EventStatus.OCCURRED
    indication: OptionalText = None
    note: OptionalText = None
    source_id: Id


class Site(Record):
    table: ClassVar[str] = "sites"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "partner_id": "companies",
        "source_id": "sources",
    }

    id: Id
    company_id: Id
    name: str = Field(min_length=1)
    kind: SiteKind
    status: SiteStatus
    city: OptionalText = None
    district: OptionalText = None
    region: OptionalText = None
    country: OptionalText = None
    area_m2: OptionalNonNegative = None
    area_qualifier: Qualifier = Qualifier.EXACT
    partner_id: OptionalId = None
    technology: OptionalText = None
    investment_amount: OptionalNonNegative = None
    investment_currency: OptionalCurrency = None
    investment_qualifier: Qualifier = Qualifier.EXACT
    since: OptionalDate = None
    description: OptionalText = None
    source_id: Id


class CapacityPoint(Record):
    """From `date` on, `litres` of capacity are in `status` (a step, not a delta).

    `site_id` is empty for a figure a report gives only for a whole company.
    """

    table: ClassVar[str] = "capacity"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "site_id", "date", "status")
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "site_id": "sites",
        "source_id": "sources",
    }

    company_id: Id
    site_id: OptionalId = None
    date: PartialDate
    litres: NonNegative
    qualifier: Qualifier = Qualifier.EXACT
    status: CapacityStatus
    note: OptionalText = None
    source_id: Id


class Funding(Record):
    table: ClassVar[str] = "funding"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "date", "kind")
    references: ClassVar[dict[str, str]] = {"company_id": "companies", "source_id": "sources"}

    company_id: Id
    date: PartialDate
    kind: FundingKind
    amount: OptionalNonNegative = None
    currency: OptionalCurrency = None
    qualifier: Qualifier = Qualifier.EXACT
    investors: TextList = None
    """Investors or granting bodies, by name."""
    purpose: OptionalText = None
    note: OptionalText = None
    source_id: Id


class Partnership(Record):
    table: ClassVar[str] = "partnerships"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "partner_id", "kind", "since")
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "partner_id": "companies",
        "source_id": "sources",
    }

    company_id: Id
    partner_id: Id
    kind: PartnershipKind
    since: OptionalDate = None
    note: OptionalText = None
    source_id: Id


class FxRate(Record):
    """Annual average: one unit of `currency` is worth `usd` US dollars in `year`."""

    table: ClassVar[str] = "fx_rates"
    natural_key: ClassVar[tuple[str, ...]] = ("currency", "year")
    references: ClassVar[dict[str, str]] = {"source_id": "sources"}

    currency: Currency
    year: int = Field(ge=1900, le=2200)
    usd: float = Field(gt=0)
    source_id: Id


RECORDS: dict[str, type[Record]] = {
    model.table: model
    for model in (
        Source, Company, Drug, Milestone, Site, CapacityPoint, Funding, Partnership, FxRate
    )
}
"""Every table a user can import into or export, in dependency order."""
