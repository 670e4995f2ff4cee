"""Deals and investors (a deal with its parties and drugs, an investor's portfolio) and
the capacity league table."""

from __future__ import annotations

import json

from bioterm.store import deal_summary, investor_summary
from bioterm.store.capacity_summary import series_name
from bioterm.store.model_rows import ModelReads
from bioterm.store.records import (
    DealDetail,
    DealRow,
    DealTotals,
    InvestorDetail,
    InvestorTotals,
    LeagueRow,
    PortfolioRound,
)
from bioterm.stored import Company, Deal, Drug, Source

_DEAL_ROW = (
    "SELECT d.id, d.date, d.kind, d.direction, ifnull(a.name, d.licensor_id), "
    "ifnull(b.name, d.licensee_id), d.upfront_usd, d.total_usd FROM deals d "
    "LEFT JOIN companies a ON a.id = d.licensor_id "
    "LEFT JOIN companies b ON b.id = d.licensee_id "
)
_NEWEST = " ORDER BY d.date IS NULL, d.date DESC, d.id"


class DealReadsMixin(ModelReads):
    def company(self, company_id: str) -> Company | None:
        raise NotImplementedError  # DetailMixin's

    def sources_for(self, ids: list[str | None]) -> list[Source]:
        raise NotImplementedError  # DetailMixin's

    def deal_detail(self, deal_id: str) -> DealDetail | None:
        deal = self._one(Deal, "WHERE id = ?", (deal_id,))
        if deal is None:
            return None
        drugs = self._models(
            Drug, "WHERE id IN (SELECT drug_id FROM deal_drugs WHERE deal_id = ?) ORDER BY name",
            (deal_id,))
        # The derived USD figures and the drug links' sources, in one statement.
        upfront_usd, total_usd, link_sources = self.conn.execute(
            "SELECT upfront_usd, total_usd, (SELECT json_group_array(source_id) "
            "FROM deal_drugs WHERE deal_id = ?1) FROM deals WHERE id = ?1", (deal_id,)).fetchone()
        sources = self.sources_for([deal.source_id, *json.loads(link_sources)])
        return DealDetail(deal, self.company(deal.licensor_id), self.company(deal.licensee_id),
                          upfront_usd, total_usd, drugs, sources)

    def deals_of_company(self, company_id: str) -> list[DealRow]:
        rows = self.conn.execute(
            _DEAL_ROW + "WHERE d.licensor_id = ?1 OR d.licensee_id = ?1" + _NEWEST,
            (company_id,))
        return [DealRow(*row) for row in rows]

    def deals_of_drug(self, drug_id: str) -> list[DealRow]:
        rows = self.conn.execute(
            _DEAL_ROW + "WHERE d.id IN (SELECT deal_id FROM deal_drugs WHERE drug_id = ?)"
            + _NEWEST, (drug_id,))
        return [DealRow(*row) for row in rows]

    def investor_pane(self, company_id: str, newest: int) -> InvestorDetail | None:
        """The investor's figures from the summary and its `newest` rounds (the pane).

        A large fund joins thousands of rounds; reading them all on every
        cursor move costs a few hundred milliseconds. Without the summary (an
        older file opened read-only) it is the whole detail.
        """
        if not investor_summary.exists(self.conn):
            return self.investor_detail(company_id)
        company = self.company(company_id)
        if company is None:
            return None
        found = self.conn.execute(
            "SELECT rounds, led, size_usd, first, last FROM summary_investor "
            "WHERE investor_id = ?", (company_id,)).fetchone()
        totals = None if found is None else InvestorTotals(*found)
        detail = self.investor_detail(company_id, limit=newest)
        assert detail is not None
        return InvestorDetail(company, detail.rounds, detail.sources,
                              totals or InvestorTotals(0, 0, None, "", ""))

    def investor_detail(self, company_id: str, *, limit: int | None = None
                        ) -> InvestorDetail | None:
        company = self.company(company_id)
        if company is None:
            return None
        rows = self.conn.execute(
            "SELECT f.id, i.company_id, ifnull(c.name, i.company_id), i.date, i.kind, "
            "f.amount, f.currency, ifnull(f.qualifier, 'exact'), f.amount_usd, i.lead, "
            "i.source_id FROM funding_investors i "
            "LEFT JOIN funding f ON f.company_id = i.company_id AND f.date = i.date "
            "AND f.kind = i.kind LEFT JOIN companies c ON c.id = i.company_id "
            "WHERE i.investor_id = ? ORDER BY i.date DESC, c.name LIMIT ?",
            (company_id, -1 if limit is None else limit)).fetchall()
        rounds = [PortfolioRound(*row[:9], bool(row[9])) for row in rows]
        sources = self.sources_for([company.source_id, *(row[10] for row in rows)])
        return InvestorDetail(company, rounds, sources)

    def round_investors(
        self, company_id: str, date: str, kind: str
    ) -> list[tuple[Company, bool]]:
        """The organisations linked to a round as its investors, leads first."""
        rows = self.conn.execute(
            "SELECT investor_id, lead FROM funding_investors WHERE company_id = ? "
            "AND date = ? AND kind = ? ORDER BY lead DESC", (company_id, date, kind)).fetchall()
        found = [(self.company(i), bool(lead)) for i, lead in rows]
        return [(c, lead) for c, lead in found if c is not None]

    def deal_totals(self) -> DealTotals:
        """How many deals, their upfront and total values in USD, and counts by direction."""
        fast = deal_summary.deal_totals(self.conn)
        if fast is not None:
            return fast
        count, upfront, total = self.conn.execute(
            "SELECT count(*), ifnull(sum(upfront_usd), 0), ifnull(sum(total_usd), 0) "
            "FROM deals").fetchone()
        directions = [(str(d), int(n)) for d, n in self.conn.execute(
            "SELECT direction, count(*) FROM deals GROUP BY direction "
            "ORDER BY count(*) DESC, direction")]
        return DealTotals(int(count), float(upfront), float(total), directions)

    def capacity_league(self, kind: str, today: str, limit: int = 100) -> list[LeagueRow]:
        """Companies ranked by operational litres of one kind on `today` (ISO), then planned.

        Planned is the announced total (never below what runs), as the
        sparklines show it; the summary's per-company deltas answer it.
        """
        operational = series_name("operational", kind)
        planned = series_name("planned", kind)
        rows = self.conn.execute(
            "SELECT s.company_id, ifnull(c.name, s.company_id), "
            "sum(CASE WHEN s.series = ?1 AND s.date <= ?3 THEN s.delta ELSE 0 END), "
            "sum(CASE WHEN s.series = ?2 THEN s.delta ELSE 0 END) "
            "FROM summary_capacity_company s LEFT JOIN companies c ON c.id = s.company_id "
            "WHERE s.series IN (?1, ?2) GROUP BY s.company_id", (operational, planned, today),
        ).fetchall()
        league = [LeagueRow(cid, name, round(op, 6), max(round(pl, 6), round(op, 6)))
                  for cid, name, op, pl in rows]
        league.sort(key=lambda r: (-r.operational, -r.planned, r.name.casefold()))
        return league[:limit]
