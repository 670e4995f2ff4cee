"""The Investors list of a file that has no investor summary yet, computed live.

A file written before `summary_investor` existed gets it on its first
writable open; opened read-only (or the bundled file, until rebuilt) it is
listed with each figure aggregated from the links per row, as before. Same
columns in the same order, so nothing above the store can tell, except
that these figures cannot be sorted by.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from bioterm.store import investor_summary
from bioterm.store.listing import SPECS, ListColumn, ListSpec

_OF_INVESTOR = "FROM funding_investors i WHERE i.investor_id = c.id"
_ROUNDS_OF_INVESTOR = (
    "FROM funding_investors i JOIN funding f ON f.company_id = i.company_id "
    "AND f.date = i.date AND f.kind = i.kind WHERE i.investor_id = c.id"
)
"""The rounds an investor (companies row c) took part in."""
_LIVE_SQL = {
    "rounds": f"(SELECT count(*) {_OF_INVESTOR})",
    "led": f"(SELECT ifnull(sum(i.lead), 0) {_OF_INVESTOR})",
    "size_usd": f"(SELECT sum(f.amount_usd) {_ROUNDS_OF_INVESTOR})",
    "first": f"(SELECT min(i.date) {_OF_INVESTOR})",
    "last": f"(SELECT max(i.date) {_OF_INVESTOR})",
}


def _live(column: ListColumn) -> ListColumn:
    if column.key not in _LIVE_SQL:
        return column
    return replace(column, sql=_LIVE_SQL[column.key], sort_sql=None, sort_joins=False)


LIVE = replace(
    SPECS["investors"], joins="",
    base_where="c.id IN (SELECT investor_id FROM funding_investors)",
    columns=tuple(_live(c) for c in SPECS["investors"].columns),
)


def spec_for(conn: sqlite3.Connection, entity: str) -> ListSpec:
    """The list spec of `entity` this file can answer."""
    if entity == "investors" and not investor_summary.exists(conn):
        return LIVE
    return SPECS[entity]
