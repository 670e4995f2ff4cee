"""The one declaration of each kind of record: its table, key, references and fields.

A class here is a row as the database stores it — plain strings, numbers and
enum values — and is what the store hands out when it reads. Each field
names the check its value must pass (`Check`); `bioterm.models` builds the
validating pydantic model of each record from these declarations, so the
dashboard, which only reads, never imports pydantic, while imports and the
bundled-data build validate every row they write.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar

from bioterm.enums import (
    CapacityKind,
    CapacityStatus,
    CompanyKind,
    DealDirection,
    DealKind,
    DealStatus,
    EventStatus,
    FundingKind,
    MilestoneKind,
    Modality,
    PartnershipKind,
    Phase,
    Qualifier,
    RecordKind,
    SiteKind,
    SiteStatus,
)


class Check(StrEnum):
    """What a field's value must be (models.py says how each is checked)."""

    ID = "id"
    OPTIONAL_ID = "optional_id"
    NAME = "name"
    """Text that must not be empty."""
    TEXT = "text"
    """Optional text; blank is none."""
    DATE = "date"
    """A partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD."""
    OPTIONAL_DATE = "optional_date"
    CURRENCY = "currency"
    OPTIONAL_CURRENCY = "optional_currency"
    LIST = "list"
    """A '; '-separated list."""
    NON_NEGATIVE = "non_negative"
    OPTIONAL_NON_NEGATIVE = "optional_non_negative"
    VOCABULARY = "vocabulary"
    """One value of the field's enumeration."""
    OPTIONAL_VOCABULARY = "optional_vocabulary"
    FLAG = "flag"
    YEAR = "year"
    RATE = "rate"
    """A positive number."""


def _field(check: Check, default: Any = MISSING, vocabulary: type[StrEnum] | None = None,
           doc: str = "") -> Any:
    return field(default=default, metadata={"check": check, "vocabulary": vocabulary,
                                            "doc": doc})


def required(check: Check) -> Any:
    return _field(check)


def optional(check: Check, doc: str = "") -> Any:
    return _field(check, None, doc=doc)


def one_of(vocabulary: type[StrEnum], default: StrEnum | None = None) -> Any:
    value = MISSING if default is None else default.value
    return _field(Check.VOCABULARY, value, vocabulary)


def maybe_one_of(vocabulary: type[StrEnum]) -> Any:
    """One value of the enumeration, or none."""
    return _field(Check.OPTIONAL_VOCABULARY, None, vocabulary)


@dataclass(frozen=True, kw_only=True, slots=True)
class Row:
    table: ClassVar[str]
    natural_key: ClassVar[tuple[str, ...]]
    """Columns that identify a row across imports, so re-importing upserts."""
    references: ClassVar[dict[str, str]] = {}
    """Column -> table it points to."""

    def key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.natural_key)


@dataclass(frozen=True, kw_only=True, slots=True)
class Source(Row):
    table: ClassVar[str] = "sources"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)

    id: str = required(Check.ID)
    title: str = required(Check.NAME)
    publisher: str | None = optional(Check.TEXT)
    author: str | None = optional(Check.TEXT)
    date: str | None = optional(Check.OPTIONAL_DATE)
    url: str | None = optional(Check.TEXT)
    note: str | None = optional(Check.TEXT)


@dataclass(frozen=True, kw_only=True, slots=True)
class Company(Row):
    table: ClassVar[str] = "companies"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {"source_id": "sources"}

    id: str = required(Check.ID)
    name: str = required(Check.NAME)
    name_zh: str | None = optional(Check.TEXT)
    tickers: str | None = optional(Check.LIST)
    kind: str = one_of(CompanyKind)
    founded: str | None = optional(Check.OPTIONAL_DATE)
    hq_city: str | None = optional(Check.TEXT)
    hq_region: str | None = optional(Check.TEXT)
    hq_country: str | None = optional(Check.TEXT)
    key_people: str | None = optional(Check.LIST, "'Name (role)' entries.")
    description: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Drug(Row):
    table: ClassVar[str] = "drugs"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {"company_id": "companies", "source_id": "sources"}

    id: str = required(Check.ID)
    name: str = required(Check.NAME)
    code_names: str | None = optional(Check.LIST)
    company_id: str = required(Check.ID)
    modality: str = one_of(Modality)
    targets: str | None = optional(Check.LIST)
    indications: str | None = optional(Check.LIST)
    phase: str = one_of(Phase)
    first_in_class: bool = _field(Check.FLAG, False)
    regions: str | None = optional(Check.LIST)
    description: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Milestone(Row):
    table: ClassVar[str] = "milestones"
    natural_key: ClassVar[tuple[str, ...]] = ("drug_id", "kind", "date", "region")
    references: ClassVar[dict[str, str]] = {"drug_id": "drugs", "source_id": "sources"}

    drug_id: str = required(Check.ID)
    kind: str = one_of(MilestoneKind)
    date: str = required(Check.DATE)
    region: str | None = optional(Check.TEXT)
    status: str = one_of(EventStatus, EventStatus.OCCURRED)
    indication: str | None = optional(Check.TEXT)
    classification: str | None = optional(
        Check.TEXT, "The registration class as announced (\"Class 1 chemical drug\").")
    note: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Site(Row):
    table: ClassVar[str] = "sites"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "partner_id": "companies",
        "source_id": "sources",
    }

    id: str = required(Check.ID)
    company_id: str = required(Check.ID)
    name: str = required(Check.NAME)
    kind: str = one_of(SiteKind)
    status: str = one_of(SiteStatus)
    city: str | None = optional(Check.TEXT)
    district: str | None = optional(Check.TEXT)
    region: str | None = optional(Check.TEXT)
    country: str | None = optional(Check.TEXT)
    area_m2: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    area_qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    partner_id: str | None = optional(Check.OPTIONAL_ID)
    technology: str | None = optional(Check.TEXT)
    investment_amount: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    investment_currency: str | None = optional(Check.OPTIONAL_CURRENCY)
    investment_qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    since: str | None = optional(Check.OPTIONAL_DATE)
    description: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class CapacityPoint(Row):
    """From `date` on, `litres` of capacity are in `status` (a step, not a delta).

    `site_id` is empty for a figure a report gives only for a whole company.
    """

    table: ClassVar[str] = "capacity"
    natural_key: ClassVar[tuple[str, ...]] = (
        "company_id", "site_id", "date", "status", "kind")
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "site_id": "sites",
        "source_id": "sources",
    }

    company_id: str = required(Check.ID)
    site_id: str | None = optional(Check.OPTIONAL_ID)
    date: str = required(Check.DATE)
    litres: float = required(Check.NON_NEGATIVE)
    qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    status: str = one_of(CapacityStatus)
    kind: str = one_of(CapacityKind, CapacityKind.BIOLOGICS_BIOREACTOR)
    """What the litres measure; figures of different kinds are never summed."""
    note: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Funding(Row):
    table: ClassVar[str] = "funding"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "date", "kind")
    references: ClassVar[dict[str, str]] = {"company_id": "companies", "source_id": "sources"}

    company_id: str = required(Check.ID)
    date: str = required(Check.DATE)
    kind: str = one_of(FundingKind)
    amount: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    currency: str | None = optional(Check.OPTIONAL_CURRENCY)
    qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    investors: str | None = optional(Check.LIST, "Investors or granting bodies, by name.")
    purpose: str | None = optional(Check.TEXT)
    note: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Partnership(Row):
    table: ClassVar[str] = "partnerships"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "partner_id", "kind", "since")
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "partner_id": "companies",
        "source_id": "sources",
    }

    company_id: str = required(Check.ID)
    partner_id: str = required(Check.ID)
    kind: str = one_of(PartnershipKind)
    since: str | None = optional(Check.OPTIONAL_DATE)
    note: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class FundingInvestor(Row):
    """An organisation that took part in a funding round (named by the round's key)."""

    table: ClassVar[str] = "funding_investors"
    natural_key: ClassVar[tuple[str, ...]] = ("company_id", "date", "kind", "investor_id")
    references: ClassVar[dict[str, str]] = {
        "company_id": "companies",
        "investor_id": "companies",
        "source_id": "sources",
    }

    company_id: str = required(Check.ID)
    """The round's recipient."""
    date: str = required(Check.DATE)
    kind: str = one_of(FundingKind)
    investor_id: str = required(Check.ID)
    lead: bool = _field(Check.FLAG, False)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Deal(Row):
    """A licence, co-development, option, acquisition, asset purchase or NewCo.

    For an acquisition the licensor is the target and the licensee the buyer.
    Each amount keeps its own qualifier; all are in `currency`.
    """

    table: ClassVar[str] = "deals"
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    references: ClassVar[dict[str, str]] = {
        "licensor_id": "companies",
        "licensee_id": "companies",
        "source_id": "sources",
    }

    id: str = required(Check.ID)
    licensor_id: str = required(Check.ID)
    licensee_id: str = required(Check.ID)
    date: str | None = optional(Check.OPTIONAL_DATE, "When it was announced.")
    kind: str = one_of(DealKind)
    territory: str | None = optional(Check.TEXT)
    direction: str = one_of(DealDirection)
    programmes: str | None = optional(Check.LIST, "The drugs covered, as announced.")
    upfront: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    upfront_qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    milestones: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    milestones_qualifier: str = one_of(Qualifier, Qualifier.UP_TO)
    total: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    total_qualifier: str = one_of(Qualifier, Qualifier.UP_TO)
    equity: float | None = optional(Check.OPTIONAL_NON_NEGATIVE)
    equity_qualifier: str = one_of(Qualifier, Qualifier.EXACT)
    currency: str | None = optional(Check.OPTIONAL_CURRENCY)
    royalty: str | None = optional(Check.TEXT)
    status: str | None = maybe_one_of(DealStatus)
    status_date: str | None = optional(Check.OPTIONAL_DATE)
    note: str | None = optional(Check.TEXT)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class DealDrug(Row):
    """A drug programme in the database that a deal covers."""

    table: ClassVar[str] = "deal_drugs"
    natural_key: ClassVar[tuple[str, ...]] = ("deal_id", "drug_id")
    references: ClassVar[dict[str, str]] = {
        "deal_id": "deals", "drug_id": "drugs", "source_id": "sources"}

    deal_id: str = required(Check.ID)
    drug_id: str = required(Check.ID)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class FxRate(Row):
    """Annual average: one unit of `currency` is worth `usd` US dollars in `year`."""

    table: ClassVar[str] = "fx_rates"
    natural_key: ClassVar[tuple[str, ...]] = ("currency", "year")
    references: ClassVar[dict[str, str]] = {"source_id": "sources"}

    currency: str = required(Check.CURRENCY)
    year: int = required(Check.YEAR)
    usd: float = required(Check.RATE)
    source_id: str = required(Check.ID)


@dataclass(frozen=True, kw_only=True, slots=True)
class Watch(Row):
    """A record on the user's watchlist.

    The user's own data, kept beside the facts: it names its record by kind
    and id without a foreign key, so it stays when the record goes (and comes
    back with it).
    """

    table: ClassVar[str] = "watchlist"
    natural_key: ClassVar[tuple[str, ...]] = ("kind", "record_id")

    kind: str = one_of(RecordKind)
    record_id: str = required(Check.ID)
    added: str | None = optional(Check.TEXT, "When it was added (UTC, ISO 8601).")


@dataclass(frozen=True, kw_only=True, slots=True)
class Note(Row):
    """The user's own note on a record (see Watch for how it names it)."""

    table: ClassVar[str] = "notes"
    natural_key: ClassVar[tuple[str, ...]] = ("kind", "record_id")

    kind: str = one_of(RecordKind)
    record_id: str = required(Check.ID)
    body: str = required(Check.NAME)
    edited: str | None = optional(Check.TEXT, "When it was last edited (UTC, ISO 8601).")


ROWS: dict[str, type[Row]] = {
    row.table: row
    for row in (
        Source, Company, Drug, Milestone, Site, CapacityPoint, Funding, Partnership, FxRate,
        FundingInvestor, Deal, DealDrug, Watch, Note,
    )
}
"""Every table a user can import into or export, in dependency order."""


def columns(row: type[Row]) -> list[str]:
    """The row's fields in declaration order (the table's, but for columns a migration
    appended and derived ones: bioterm/store/tables.py)."""
    return [f.name for f in fields(row)]
