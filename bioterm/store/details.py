"""What a detail view shows: one record with everything that points at it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from bioterm.currency import rate_year, to_usd
from bioterm.parsing.dates import year_of
from bioterm.store import search
from bioterm.store.deals import DealReadsMixin
from bioterm.store.model_rows import _as_model, _select, columns_of
from bioterm.store.records import (
    CompanyDetail,
    DrugDetail,
    FundingDetail,
    FundingRow,
    PartnershipRow,
    SiteDetail,
)
from bioterm.stored import (
    CapacityPoint,
    Company,
    Drug,
    Funding,
    Milestone,
    Partnership,
    Site,
    Source,
)
from bioterm.text import split_list


class DetailMixin(DealReadsMixin):
    def fx_rates(self) -> dict[tuple[str, int], float]:
        raise NotImplementedError  # ReadMixin's

    def company(self, company_id: str) -> Company | None:
        return self._one(Company, "WHERE id = ?", (company_id,))

    def source(self, source_id: str) -> Source | None:
        return self._one(Source, "WHERE id = ?", (source_id,))

    def sources_for(self, ids: Iterable[str | None]) -> list[Source]:
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        return self._models(Source, f"WHERE id IN ({marks}) ORDER BY date, id", wanted)

    def company_detail(self, company_id: str) -> CompanyDetail | None:
        company = self.company(company_id)
        if company is None:
            return None
        drugs = self._models(
            Drug, "WHERE company_id = ? ORDER BY phase_rank DESC, name", (company_id,)
        )
        sites = self._models(Site, "WHERE company_id = ? ORDER BY name", (company_id,))
        capacity = self._models(CapacityPoint, "WHERE company_id = ? ORDER BY date", (company_id,))
        funding = self.funding_of_company(company_id)
        partnerships = self.partnership_rows(company_id)
        sources = self.sources_for(
            [company.source_id]
            + [r.source_id for r in (*drugs, *sites, *capacity)]
            + [f.funding.source_id for f in funding]
            + [p.partnership.source_id for p in partnerships]
        )
        return CompanyDetail(company, drugs, sites, funding, partnerships, capacity, sources,
                             self.deals_of_company(company_id))

    def drug_detail(self, drug_id: str) -> DrugDetail | None:
        drug = self._one(Drug, "WHERE id = ?", (drug_id,))
        if drug is None:
            return None
        milestones = self._models(Milestone, "WHERE drug_id = ? ORDER BY date", (drug_id,))
        sources = self.sources_for([drug.source_id, *(m.source_id for m in milestones)])
        return DrugDetail(drug, self.company(drug.company_id), milestones, sources,
                          self.deals_of_drug(drug_id))

    def site_detail(self, site_id: str, today: date | None = None) -> SiteDetail | None:
        """`today` dates an investment whose site has no `since` (for its USD rate)."""
        site = self._one(Site, "WHERE id = ?", (site_id,))
        if site is None:
            return None
        capacity = self._models(CapacityPoint, "WHERE site_id = ? ORDER BY date", (site_id,))
        partner = self.company(site.partner_id) if site.partner_id else None
        sources = self.sources_for([site.source_id, *(c.source_id for c in capacity)])
        year = year_of(site.since) if site.since else (today or date.today()).year
        usd = None if site.investment_amount is None else to_usd(
            site.investment_amount, site.investment_currency, year, self.fx_rates())
        return SiteDetail(site, self.company(site.company_id), partner, capacity, sources, usd)

    def funding_detail(self, funding_id: int) -> FundingDetail | None:
        rows = self._funding_rows("WHERE f.id = ?", (funding_id,))
        if not rows:
            return None
        row = rows[0]
        funding = row.funding
        used = (
            rate_year(self.fx_rates(), funding.currency, year_of(funding.date))
            if funding.currency else None
        )
        linked = self.round_investors(funding.company_id, funding.date, funding.kind)
        if linked:
            investors = [c for c, _ in linked]
        else:  # rounds recorded before investors were linked name them as text
            investors = [c for c in self._companies_named(split_list(funding.investors))
                         if c.id != funding.company_id]
        return FundingDetail(
            row, self.company(funding.company_id), self.source(funding.source_id), used,
            investors, frozenset(c.id for c, lead in linked if lead),
        )

    def _companies_named(self, names: Iterable[str]) -> list[Company]:
        """Investors are stored as names: the companies we know by exactly that name."""
        found: list[Company] = []
        for name in names:
            for hit in search.search(self.conn, name, limit=5):
                if hit.kind == "company" and hit.name.casefold() == name.casefold():
                    company = self.company(hit.ref)
                    if company is not None:
                        found.append(company)
                    break
        return found

    def funding_of_company(self, company_id: str) -> list[FundingRow]:
        """The rounds a company raised, newest first."""
        return self._funding_rows("WHERE f.company_id = ? ORDER BY f.date DESC", (company_id,))

    def _funding_rows(self, where: str, params: Iterable[Any]) -> list[FundingRow]:
        names = columns_of(Funding)
        sql = (
            f"SELECT f.id, co.name, f.amount_usd, {_select(Funding, 'f')} FROM funding f "
            f"LEFT JOIN companies co ON co.id = f.company_id {where}"
        )
        return [
            FundingRow(row[0], _as_model(Funding, names, row[3:]), row[1] or "", row[2])
            for row in self.conn.execute(sql, tuple(params))
        ]

    def partnership_rows(self, company_id: str) -> list[PartnershipRow]:
        names = columns_of(Partnership)
        sql = (
            "SELECT p.id, o.other, ifnull(c.name, o.other), "
            f"{_select(Partnership, 'p')} FROM partnerships p "
            "JOIN (SELECT id, CASE WHEN company_id = ? THEN partner_id ELSE company_id END "
            "AS other FROM partnerships) o ON o.id = p.id "
            "LEFT JOIN companies c ON c.id = o.other "
            "WHERE p.company_id = ? OR p.partner_id = ? ORDER BY p.since DESC"
        )
        return [
            PartnershipRow(row[0], _as_model(Partnership, names, row[3:]), row[1], row[2])
            for row in self.conn.execute(sql, (company_id, company_id, company_id))
        ]
