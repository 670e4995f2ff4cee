"""Dated events — milestones, rounds, capacity points, partnerships, deals — as EventRows.

One SELECT per kind of event, each giving the same fields in the same order,
so the overview's recent events and a watched record's newest event are read
the same way and labelled by the same code.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from bioterm.store.records import EventRow

_MILESTONES = (
    "SELECT m.date, 'milestone', d.name, m.kind, m.region, m.status, NULL, NULL, NULL, NULL, "
    "'drug', m.drug_id FROM milestones m JOIN drugs d ON d.id = m.drug_id"
)
_FUNDING = (
    "SELECT f.date, 'funding', c.name, f.kind, NULL, NULL, f.amount, f.currency, "
    "f.qualifier, f.amount_usd, 'funding', f.id FROM funding f "
    "JOIN companies c ON c.id = f.company_id"
)
_CAPACITY = (
    "SELECT k.date, 'capacity', ifnull(s.name, c.name), k.status, k.kind, NULL, k.litres, "
    "NULL, k.qualifier, NULL, CASE WHEN k.site_id IS NULL THEN 'company' ELSE 'site' END, "
    "ifnull(k.site_id, k.company_id) FROM capacity k "
    "JOIN companies c ON c.id = k.company_id LEFT JOIN sites s ON s.id = k.site_id"
)
_PARTNERSHIPS = (
    "SELECT p.since, 'partnership', a.name, p.kind, b.name, NULL, NULL, NULL, NULL, NULL, "
    "'company', p.company_id FROM partnerships p JOIN companies a ON a.id = p.company_id "
    "JOIN companies b ON b.id = p.partner_id"
)
_DEALS = (
    "SELECT d.date, 'deal', a.name, d.kind, b.name, NULL, d.total, d.currency, "
    "d.total_qualifier, d.total_usd, 'deal', d.id FROM deals d "
    "JOIN companies a ON a.id = d.licensor_id JOIN companies b ON b.id = d.licensee_id"
)

_RECENT = (
    (_MILESTONES, "TRUE"),
    (_FUNDING, "TRUE"),
    (_CAPACITY, "TRUE"),
    (_PARTNERSHIPS, "p.since IS NOT NULL"),
    (_DEALS, "d.date IS NOT NULL"),
)

_OF_RECORD: dict[str, tuple[tuple[str, str, int], ...]] = {
    # (event query, condition on the record's id, how many times the id is bound)
    "company": (
        (_MILESTONES, "d.company_id = ?", 1),
        (_FUNDING, "f.company_id = ?", 1),
        (_FUNDING, "f.id IN (SELECT f2.id FROM funding_investors fi JOIN funding f2 "
                   "ON f2.company_id = fi.company_id AND f2.date = fi.date "
                   "AND f2.kind = fi.kind WHERE fi.investor_id = ?)", 1),
        (_CAPACITY, "k.company_id = ?", 1),
        (_PARTNERSHIPS, "p.since IS NOT NULL AND (p.company_id = ? OR p.partner_id = ?)", 2),
        (_DEALS, "d.date IS NOT NULL AND (d.licensor_id = ? OR d.licensee_id = ?)", 2),
    ),
    "drug": (
        (_MILESTONES, "m.drug_id = ?", 1),
        (_DEALS, "d.date IS NOT NULL AND d.id IN "
                 "(SELECT deal_id FROM deal_drugs WHERE drug_id = ?)", 1),
    ),
    "site": ((_CAPACITY, "k.site_id = ?", 1),),
    "deal": ((_DEALS, "d.date IS NOT NULL AND d.id = ?", 1),),
}
"""Which events are a record's own, for each kind a user can watch."""


def _event(row: tuple[Any, ...]) -> EventRow:
    return EventRow(str(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                    row[8], row[9], row[10], str(row[11]))


def recent(conn: sqlite3.Connection, limit: int) -> list[EventRow]:
    """The newest `limit` events of every kind, newest first."""
    rows = [
        _event(row)
        for select, condition in _RECENT
        for row in conn.execute(f"{select} WHERE {condition} ORDER BY 1 DESC LIMIT ?", (limit,))
    ]
    rows.sort(key=lambda e: e.date, reverse=True)
    return rows[:limit]


def newest_of(conn: sqlite3.Connection, kind: str, record_id: str) -> EventRow | None:
    """The newest dated event about one record (a company's includes rounds it joined)."""
    found = [
        _event(row)
        for select, condition, times in _OF_RECORD.get(kind, ())
        for row in conn.execute(f"{select} WHERE {condition} ORDER BY 1 DESC LIMIT 1",
                                (record_id,) * times)
    ]
    return max(found, key=lambda e: e.date, default=None)
