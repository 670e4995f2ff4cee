"""The deals' figures from the summary tables: the overview's and the whole table's chart.

Kept per licensor since summary version 2; `None` where a file's tables are
older, so the caller reads the deals table instead.
"""

from __future__ import annotations

import sqlite3

from bioterm.store.records import DealTotals
from bioterm.store.summary import is_current, totals


def deal_totals(conn: sqlite3.Connection) -> DealTotals | None:
    """Deals, their upfront and total USD and counts by direction; None when the
    tables do not hold them."""
    if not is_current(conn):
        return None
    found = totals(conn)
    count, total = found.get(("rows", "deals"), (0, 0.0))
    upfront = found.get(("deal_upfront", ""), (0, 0.0))[1]
    directions = sorted(((k, n) for (d, k), (n, _) in found.items()
                         if d == "deal_direction" and n), key=lambda p: (-p[1], p[0]))
    return DealTotals(count, upfront, total, directions)


def deal_value_by_year(conn: sqlite3.Connection) -> list[tuple[int, str, float, float]] | None:
    """(year, direction, upfront USD, total USD) of every dated deal; None when the
    tables do not hold them."""
    if not is_current(conn):
        return None
    found = totals(conn)
    cells: dict[tuple[int, str], list[float]] = {}
    for (dim, key), (n, usd) in found.items():
        if dim in ("deal_year_total", "deal_year_upfront") and n:
            year, _, direction = key.partition(" ")
            cell = cells.setdefault((int(year), direction), [0.0, 0.0])
            cell[dim == "deal_year_total"] = usd
    return [(y, d, u, t) for (y, d), (u, t) in sorted(cells.items())]
