"""Data-quality checks: facts that are valid row by row but wrong together.

`bioterm db check` prints these after the integrity check; the bundled data
must pass them cleanly (a test keeps it so).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bioterm.enums import MilestoneKind, Phase

FACT_TABLES = (
    "companies", "drugs", "milestones", "sites", "capacity", "funding", "partnerships", "fx_rates"
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
    for drug, phase, kind, date in rows:
        implied = MILESTONE_IMPLIES_PHASE.get(MilestoneKind(kind))
        current = Phase(phase)
        if implied and current is not Phase.DISCONTINUED and current.rank < implied.rank:
            issues.append(QualityIssue(
                "drugs", drug,
                f"phase is {current.label} but a {MilestoneKind(kind).label} milestone "
                f"({date}) implies at least {implied.label}",
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


CHECKS = (missing_sources, orphaned_references, backwards_capacity, phase_contradictions,
          unknown_currencies)


def quality_issues(conn: sqlite3.Connection) -> list[QualityIssue]:
    return [issue for check in CHECKS for issue in check(conn)]
