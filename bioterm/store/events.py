"""Dated events — milestones, rounds, capacity points, partnerships, deals — as EventRows.

One SELECT per kind of event, each giving the same fields in the same order,
so the overview's recent events and a watched record's newest event are read
the same way and labelled by the same code.
"""

from __future__ import annotations

import json
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


_BY_KEY: dict[str, tuple[str, tuple[str, ...]]] = {
    # table -> (event query, the columns of its natural key, in the import log's order)
    "milestones": (_MILESTONES, ("m.drug_id", "m.kind", "m.date", "m.region")),
    "funding": (_FUNDING, ("f.company_id", "f.date", "f.kind")),
    "capacity": (_CAPACITY, ("k.company_id", "k.site_id", "k.date", "k.status", "k.kind")),
    "partnerships": (_PARTNERSHIPS, ("p.company_id", "p.partner_id", "p.kind", "p.since")),
    "deals": (_DEALS, ("d.id",)),
}
"""How an imported row's key (import_changes.row_key) finds its event."""


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


def arrived_since(conn: sqlite3.Connection, import_id: int, limit: int) -> list[EventRow]:
    """Events whose rows imports after `import_id` added or changed (undone ones aside),
    newest import first."""
    tables = ", ".join(f"'{t}'" for t in _BY_KEY)
    changes = conn.execute(
        "SELECT c.table_name, c.row_key FROM import_changes c JOIN imports i "
        f"ON i.id = c.import_id WHERE c.import_id > ? AND i.undone_at IS NULL "
        f"AND c.table_name IN ({tables}) ORDER BY c.import_id DESC, c.seq DESC",
        (import_id,))
    found: list[EventRow] = []
    seen: set[tuple[str, str]] = set()
    for table, row_key in changes:
        if (table, row_key) in seen:
            continue
        seen.add((table, row_key))
        select, key_columns = _BY_KEY[table]
        condition = " AND ".join(f"{c} IS ?" for c in key_columns)
        row = conn.execute(f"{select} WHERE {condition}", json.loads(row_key)).fetchone()
        if row is not None and row[0] is not None:
            found.append(_event(row))
            if len(found) >= limit:
                break
    return found
