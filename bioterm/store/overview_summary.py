"""The overview's figures and the whole funding chart's, from the summary tables.

`None` where the tables are not built, so the caller reads the base tables.
"""

from __future__ import annotations

import sqlite3

from bioterm.enums import Phase
from bioterm.store.records import Overview
from bioterm.store.summary import ADDED_IN_2, is_built, is_current, totals
from bioterm.stored import ROWS

PER_COMPANY_TABLES = frozenset(
    {"companies", "drugs", "milestones", "sites", "capacity", "funding", "partnerships",
     "deals"}
)
_PHASE_ORDER = {p.value: p.rank for p in Phase}


def overview(conn: sqlite3.Connection) -> Overview | None:
    """The overview's figures from the summary tables; None when they are not built."""
    if not is_built(conn):
        return None
    found = totals(conn)

    def dim(name: str) -> list[tuple[str, int]]:
        pairs = [(k, n) for (d, k), (n, _) in found.items() if d == name and n]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))

    current = is_current(conn)  # once, not per table: it is two queries
    counts = {
        table: found.get(("rows", table), (0, 0.0))[0]
        if table in PER_COMPANY_TABLES and (current or f"rows:{table}" not in ADDED_IN_2)
        # Sources and rates belong to no company; both tables stay small.
        else int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ROWS
    }
    phases = sorted(dim("drug_phase"), key=lambda p: (_PHASE_ORDER.get(p[0], 99), p[0]))
    return Overview(
        counts=counts,
        companies_by_kind=dim("company_kind"),
        drugs_by_phase=phases,
        sites_by_status=dim("site_status"),
        funding_usd_total=found.get(("rows", "funding"), (0, 0.0))[1],
        funding_unconverted=found.get(("funding_unconverted", ""), (0, 0.0))[0],
    )


def funding_by_year(conn: sqlite3.Connection) -> list[tuple[int, float, int]] | None:
    if not is_built(conn):
        return None
    return sorted((int(k), usd, n) for (d, k), (n, usd) in totals(conn).items()
                  if d == "funding_year" and n)
