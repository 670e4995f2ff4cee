"""Data-quality checks: facts that are valid row by row but wrong together.

`bioterm db check` prints these after the integrity check; the bundled data
must pass them cleanly (a test keeps it so).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from bioterm.as_of import confirmed_as_of, is_stale
from bioterm.enums import MilestoneKind, Phase

FACT_TABLES = (
    "companies", "drugs", "milestones", "sites", "capacity", "funding", "partnerships", "fx_rates",
    "funding_investors", "deals", "deal_drugs",
)
REFERENCES = (
    ("drugs", "company_id", "companies"),
    ("milestones", "drug_id", "drugs"),
    ("sites", "company_id", "companies"),
    ("sites", "partner_id", "companies"),
    ("capacity", "company_id", "companies"),
    ("capacity", "site_id", "sites"),
    ("funding", "company_id", "companies"),
    ("partnerships", "company_id", "companies"),
    ("partnerships", "partner_id", "companies"),
    ("funding_investors", "company_id", "companies"),
    ("funding_investors", "investor_id", "companies"),
    ("deals", "licensor_id", "companies"),
    ("deals", "licensee_id", "companies"),
    ("deal_drugs", "deal_id", "deals"),
    ("deal_drugs", "drug_id", "drugs"),
)
MILESTONE_IMPLIES_PHASE = {
    MilestoneKind.PHASE_1_STARTED: Phase.PHASE_1,
    MilestoneKind.PHASE_2_STARTED: Phase.PHASE_2,
    MilestoneKind.PHASE_3_STARTED: Phase.PHASE_3,
    MilestoneKind.NDA_SUBMITTED: Phase.FILED,
    MilestoneKind.BLA_SUBMITTED: Phase.FILED,
    MilestoneKind.APPROVED: Phase.APPROVED,
    MilestoneKind.LAUNCHED: Phase.APPROVED,
}


@dataclass(frozen=True)
class QualityIssue:
    table: str
    row: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} {self.row}: {self.problem}"


LABEL = {
    "companies": "t.id", "drugs": "t.id", "sites": "t.id",
    "milestones": "'#' || t.id", "capacity": "'#' || t.id", "funding": "'#' || t.id",
    "partnerships": "'#' || t.id", "fx_rates": "t.currency || ' ' || t.year",
    "funding_investors": "'#' || t.id", "deals": "t.id", "deal_drugs": "'#' || t.id",
}
"""How a message names a row of each table (t is the table's alias)."""


def missing_sources(conn: sqlite3.Connection) -> list[QualityIssue]:
    issues = []
    for table in FACT_TABLES:
        sql = (
            f"SELECT {LABEL[table]}, t.source_id FROM {table} t "
            "LEFT JOIN sources s ON s.id = t.source_id WHERE s.id IS NULL"
        )
        for row, source in conn.execute(sql):
            what = "has no source" if not source else f"cites unknown source '{source}'"
            issues.append(QualityIssue(table, str(row), what))
    return issues


def orphaned_references(conn: sqlite3.Connection) -> list[QualityIssue]:
    issues = []
    for table, column, target in REFERENCES:
        sql = (
            f"SELECT {LABEL[table]}, t.{column} FROM {table} t WHERE t.{column} IS NOT NULL "
            f"AND t.{column} NOT IN (SELECT id FROM {target})"
        )
        for row, ref in conn.execute(sql):
            issues.append(QualityIssue(table, str(row), f"{column} '{ref}' is not in {target}"))
    mismatched = conn.execute(
        "SELECT k.id, k.company_id, s.company_id FROM capacity k JOIN sites s ON s.id = k.site_id "
        "WHERE s.company_id != k.company_id"
    )
    for row, company, owner in mismatched:
        issues.append(QualityIssue(
            "capacity", f"#{row}", f"company '{company}' differs from its site's owner '{owner}'"
        ))
    return issues


def backwards_capacity(conn: sqlite3.Connection) -> list[QualityIssue]:
    """A timeline that falls is suspicious unless a note says why (a closure, a sale)."""
    issues = []
    rows = conn.execute(
        "SELECT id, company_id, ifnull(site_id, ''), status, date, litres, note FROM capacity "
        "ORDER BY company_id, ifnull(site_id, ''), status, date"
    ).fetchall()
    previous: tuple[str, str, str, float] | None = None
    for row_id, company, site, status, _date, litres, note in rows:
        if previous and previous[:3] == (company, site, status) and litres < previous[3] \
                and not note:
            issues.append(QualityIssue(
                "capacity", f"#{row_id}",
                f"{status} capacity of {site or company} falls from {previous[3]:,.0f} L to "
                f"{litres:,.0f} L without a note",
            ))
        previous = (company, site, status, litres)
    return issues


def phase_contradictions(conn: sqlite3.Connection) -> list[QualityIssue]:
    issues = []
    rows = conn.execute(
        "SELECT d.id, d.phase, m.kind, m.date FROM milestones m JOIN drugs d ON d.id = m.drug_id "
        "WHERE m.status = 'occurred'"
    )
    for drug, phase, kind, when in rows:
        implied = MILESTONE_IMPLIES_PHASE.get(MilestoneKind(kind))
        current = Phase(phase)
        if implied and current is not Phase.DISCONTINUED and current.rank < implied.rank:
            issues.append(QualityIssue(
                "drugs", drug,
                f"phase is {current.label} but a {MilestoneKind(kind).label} milestone "
                f"({when}) implies at least {implied.label}",
            ))
    return issues


def unknown_currencies(conn: sqlite3.Connection) -> list[QualityIssue]:
    issues = []
    for (row,) in conn.execute(
        "SELECT id FROM funding WHERE amount IS NOT NULL AND currency IS NULL"
    ):
        issues.append(QualityIssue("funding", f"#{row}", "has an amount but no currency"))
    for row, currency in conn.execute(
        "SELECT id, currency FROM funding WHERE currency IS NOT NULL AND currency != 'USD' "
        "AND currency NOT IN (SELECT currency FROM fx_rates)"
    ):
        issues.append(QualityIssue(
            "funding", f"#{row}", f"currency {currency} has no exchange rate, so no USD figure"
        ))
    return issues


def rounds_of_investor_links(conn: sqlite3.Connection) -> list[QualityIssue]:
    """An investor linked to a round that is not recorded."""
    rows = conn.execute(
        "SELECT i.id, i.company_id, i.date, i.kind FROM funding_investors i WHERE NOT EXISTS "
        "(SELECT 1 FROM funding f WHERE f.company_id = i.company_id AND f.date = i.date "
        "AND f.kind = i.kind)")
    return [QualityIssue("funding_investors", f"#{row}",
                         f"names a round that is not recorded ({company} {date} {kind})")
            for row, company, date, kind in rows]


def approved_without_approval(conn: sqlite3.Connection) -> list[QualityIssue]:
    rows = conn.execute(
        "SELECT d.id FROM drugs d WHERE d.phase = 'approved' AND NOT EXISTS (SELECT 1 FROM "
        "milestones m WHERE m.drug_id = d.id AND m.kind IN ('approved', 'launched') "
        "AND m.status = 'occurred')")
    return [QualityIssue("drugs", drug, "is approved but has no approval milestone")
            for (drug,) in rows]


DUPLICATE_WINDOW_DAYS = 60


def duplicate_events(conn: sqlite3.Connection) -> list[QualityIssue]:
    """The same event recorded twice: one drug's milestone of one kind, region and
    indication within 60 days; one site's same capacity figure and status twice."""
    issues = []
    rows = conn.execute(
        "SELECT a.id, b.id, a.drug_id, a.kind, ifnull(a.region, ''), a.date, b.date "
        "FROM milestones a JOIN milestones b ON b.drug_id = a.drug_id AND b.kind = a.kind "
        "AND b.region IS a.region AND b.id > a.id "
        "AND (a.indication IS b.indication OR a.indication IS NULL OR b.indication IS NULL) "
        f"WHERE abs(julianday(substr(a.date || '-01-01', 1, 10)) - "
        f"julianday(substr(b.date || '-01-01', 1, 10))) <= {DUPLICATE_WINDOW_DAYS}")
    for first, second, drug, kind, region, a_date, b_date in rows:
        issues.append(QualityIssue("milestones", f"#{second}", (
            f"repeats milestone #{first} ({drug} {kind} {region} {a_date} ~ {b_date})")))
    rows = conn.execute(
        "SELECT a.id, b.id, a.site_id, a.status, a.litres FROM capacity a JOIN capacity b "
        "ON b.site_id = a.site_id AND b.status = a.status AND b.litres = a.litres "
        "AND b.kind = a.kind AND b.id > a.id")
    for first, second, site, status, litres in rows:
        issues.append(QualityIssue("capacity", f"#{second}", (
            f"repeats capacity point #{first} ({site} {status} {litres:,.0f} L)")))
    return issues


CHECKS = (missing_sources, orphaned_references, backwards_capacity, phase_contradictions,
          unknown_currencies, rounds_of_investor_links, approved_without_approval,
          duplicate_events)


def quality_issues(conn: sqlite3.Connection) -> list[QualityIssue]:
    return [issue for check in CHECKS for issue in check(conn)]


FINAL_PHASES = ("approved", "discontinued")
FINAL_STATUSES = ("operational", "closed")


def stale_facts(conn: sqlite3.Connection, today: date) -> list[QualityIssue]:
    """Phases and statuses that are not final and were last confirmed over three years ago.

    Not errors: where no later report exists the fact stays as reported, and
    the dashboard shows how old it is. `bioterm db check` lists them as notices.
    """
    notices = []
    drugs = conn.execute(
        "SELECT d.id, d.phase, s.date, (SELECT max(m.date) FROM milestones m "
        "WHERE m.drug_id = d.id AND m.status = 'occurred'), (SELECT max(ms.date) FROM "
        "milestones m JOIN sources ms ON ms.id = m.source_id WHERE m.drug_id = d.id) "
        "FROM drugs d LEFT JOIN sources s ON s.id = d.source_id "
        f"WHERE d.phase NOT IN {FINAL_PHASES}")
    for drug, phase, *dates in drugs:
        as_of = confirmed_as_of(dates)
        if is_stale(as_of, today):
            notices.append(QualityIssue(
                "drugs", drug, f"phase {Phase(phase).label} last confirmed {as_of or 'never'}"))
    sites = conn.execute(
        "SELECT t.id, t.status, t.since, s.date, (SELECT max(k.date) FROM capacity k "
        "WHERE k.site_id = t.id) FROM sites t LEFT JOIN sources s ON s.id = t.source_id "
        f"WHERE t.status NOT IN {FINAL_STATUSES}")
    for site, status, *dates in sites:
        as_of = confirmed_as_of(dates)
        if is_stale(as_of, today):
            notices.append(QualityIssue(
                "sites", site, f"status {status.replace('_', ' ')} last confirmed "
                f"{as_of or 'never'}"))
    return notices
