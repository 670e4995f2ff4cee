"""The Investors list of a file that has no investor summary yet, computed live.

A file written before `summary_investor` existed gets it on its first
writable open; opened read-only (or the bundled file, until rebuilt) it is
listed with each figure aggregated from the links per row, as before. Same
columns in the same order, so nothing above the store can tell, except
that sorting by these figures reads every investor's links.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

from bioterm.store import investor_summary, listing, summary, windowing
from bioterm.store.listing import SPECS, ListColumn, ListQuery, ListSpec

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
    # Sorted by the same per-row aggregate: every investor's links are read for
    # it, slow on a large file, which gets the summary on its first writable open.
    return replace(column, sql=_LIVE_SQL[column.key], sort_sql=_LIVE_SQL[column.key],
                   sort_joins=False)


LIVE = replace(
    SPECS["investors"], joins="",
    base_where="c.id IN (SELECT investor_id FROM funding_investors)",
    columns=tuple(_live(c) for c in SPECS["investors"].columns),
)


COMPANIES_UNSUMMED = replace(SPECS["companies"], columns=tuple(
    replace(c, sql="NULL", sort_sql=None) if c.key.startswith("capacity_") else c
    for c in SPECS["companies"].columns))
"""Companies of a file without summary tables: a company's litres are sums over its
sites' timelines, read from the summary; until it is summed they stay blank."""


def spec_for(conn: sqlite3.Connection, entity: str) -> ListSpec:
    """The list spec of `entity` this file can answer."""
    if entity == "investors" and not investor_summary.exists(conn):
        return LIVE
    if entity == "companies" and not summary.is_built(conn):
        return COMPANIES_UNSUMMED
    return SPECS[entity]


def _counted(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
             by: str | None = None) -> list[tuple[Any, ...]]:
    """Counts over the investors, driven from the summary: 14,000 rows, not 100,000.

    windowing's counts read the listed table (companies) and test each row;
    here each investor's company is looked up instead, with the same WHERE.
    """
    plan = windowing.exact_plan(conn, spec, query)
    # The join keeps investors only: the spec's own test of that would be a second probe.
    clause = windowing.where(replace(spec, base_where=""), query, plan)
    select = "count(*)" if by is None else f"{by}, count(*)"
    group = "" if by is None else f" GROUP BY {by}"
    sql = (f"SELECT {select} FROM summary_investor si CROSS JOIN {spec.table_sql} "
           f"ON {spec.alias}.id = si.investor_id{clause.sql}{group}")
    return conn.execute(sql, clause.params).fetchall()


def fetch_window(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
                 offset: int, limit: int) -> list[sqlite3.Row]:
    """As listing's, but a deep window asks this count whether the far end is nearer."""
    return windowing.fetch_window(conn, spec, query, offset, limit, counter=count)


def count(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> int:
    if spec is LIVE:
        return listing.count(conn, spec, query)
    if not query.narrowed:  # every investor has its summary row
        return int(conn.execute("SELECT count(*) FROM summary_investor").fetchone()[0])
    return int(_counted(conn, spec, query)[0][0])


def facet_counts(conn: sqlite3.Connection, spec: ListSpec, facet: str,
                 query: ListQuery) -> list[tuple[str, int]]:
    if spec is LIVE:
        return listing.facet_counts(conn, spec, facet, query)
    others = windowing.without_facet(query, facet)
    rows = _counted(conn, spec, others, by=spec.facets[facet])
    pairs = [(str(v), int(n)) for v, n in rows if v is not None]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))
