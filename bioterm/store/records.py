"""What the store hands out: records with the related rows a screen or command needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Annotations only: importing the models (and pydantic) here would put them
    # on the dashboard's start-up path, which needs none of them.
    from bioterm.stored import (
        CapacityPoint,
        Company,
        Deal,
        Drug,
        Funding,
        Milestone,
        Partnership,
        Site,
        Source,
    )


@dataclass(frozen=True)
class FundingRow:
    id: int
    funding: Funding
    company_name: str
    amount_usd: float | None


@dataclass(frozen=True)
class PartnershipRow:
    id: int
    partnership: Partnership
    other_id: str
    other_name: str


@dataclass(frozen=True)
class CompanyDetail:
    company: Company
    drugs: list[Drug] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    funding: list[FundingRow] = field(default_factory=list)
    partnerships: list[PartnershipRow] = field(default_factory=list)
    capacity: list[CapacityPoint] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    deals: list[DealRow] = field(default_factory=list)


@dataclass(frozen=True)
class DrugDetail:
    drug: Drug
    company: Company | None
    milestones: list[Milestone] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    deals: list[DealRow] = field(default_factory=list)


@dataclass(frozen=True)
class SiteDetail:
    site: Site
    company: Company | None
    partner: Company | None
    capacity: list[CapacityPoint] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    investment_usd: float | None = None
    """The investment at its year's average rate (the site's `since` year)."""


@dataclass(frozen=True)
class FundingDetail:
    row: FundingRow
    company: Company | None
    source: Source | None
    rate_year: int | None = None
    """The year whose average rate gave the USD figure (the nearest one with a rate)."""
    investors: list[Company] = field(default_factory=list)
    """The round's investors that are organisations in the database."""
    leads: frozenset[str] = frozenset()
    """Ids of the investors that led it."""


@dataclass(frozen=True)
class EventRow:
    """A dated happening in structured form, so a screen can label each part itself."""

    date: str
    kind: str
    """milestone, funding, capacity, partnership or deal."""
    subject: str
    """The drug, company or site it is about."""
    what: str
    """The stored enum value: milestone kind, funding kind, capacity status, partnership kind."""
    other: str | None
    """The milestone's region, the partner's name, or what capacity measures."""
    status: str | None
    """A milestone's occurred/expected."""
    amount: float | None
    """Litres (capacity) or the amount as reported (funding)."""
    currency: str | None
    qualifier: str | None
    amount_usd: float | None
    target_kind: str
    target_id: str


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    companies_by_kind: list[tuple[str, int]]
    drugs_by_phase: list[tuple[str, int]]
    sites_by_status: list[tuple[str, int]]
    funding_usd_total: float
    funding_unconverted: int
    """Funding rows with an amount that could not be converted to USD."""


@dataclass(frozen=True)
class DealRow:
    """A deal as a line in a company's or a drug's detail."""

    id: str
    date: str | None
    kind: str
    direction: str
    licensor_name: str
    licensee_name: str
    upfront_usd: float | None
    total_usd: float | None


@dataclass(frozen=True)
class DealDetail:
    deal: Deal
    licensor: Company | None
    licensee: Company | None
    upfront_usd: float | None
    total_usd: float | None
    drugs: list[Drug] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class PortfolioRound:
    """One round an investor joined: the round, its company, and whether it led."""

    funding_id: int | None
    company_id: str
    company_name: str
    date: str
    kind: str
    amount: float | None
    currency: str | None
    qualifier: str
    amount_usd: float | None
    lead: bool


@dataclass(frozen=True)
class InvestorDetail:
    company: Company
    rounds: list[PortfolioRound] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    totals: InvestorTotals | None = None
    """Set when `rounds` are only the newest few (the list's pane); else None."""


@dataclass(frozen=True)
class InvestorTotals:
    """All of an investor's rounds in figures (investor_summary.py keeps them)."""

    rounds: int
    led: int
    size_usd: float | None
    first: str
    last: str


@dataclass(frozen=True)
class DealTotals:
    count: int
    upfront_usd: float
    total_usd: float
    by_direction: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class LeagueRow:
    """A company's capacity of one kind: what runs now and what is announced."""

    company_id: str
    name: str
    operational: float
    planned: float
