"""US-dollar figures derived from amounts as reported, at their year's average rate.

One path for every stored USD figure: funding rounds' `amount_usd` and
deals' `upfront_usd` and `total_usd` are all computed here, with the rate
rule of `bioterm.currency`, and refused when not finite.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from typing import Any

from bioterm.currency import to_usd
from bioterm.parsing.dates import year_of
from bioterm.store.connection import StoreError


def rates(conn: sqlite3.Connection) -> dict[tuple[str, int], float]:
    return {(c, int(y)): float(u) for c, y, u in
            conn.execute("SELECT currency, year, usd FROM fx_rates")}


def finite_usd(
    amount: float | None, currency: str | None, date: str | None, rates: Any
) -> float | None:
    """`to_usd`, refusing a result that is not a finite number (it would poison every sum).

    An undated amount has no year, so no rate: its USD figure stays empty.
    """
    if date is None:
        return None
    usd = to_usd(amount, currency, year_of(date), rates)
    if usd is not None and not math.isfinite(usd):
        raise StoreError(
            f"{amount:g} {currency} of {date} is not a finite number of US dollars, "
            "so it cannot be stored; nothing was written."
        )
    return usd


def refresh_funding(conn: sqlite3.Connection, keys: Sequence[tuple[Any, ...]] | None) -> None:
    """Recompute amount_usd for the given funding rows (all when None)."""
    found = rates(conn)
    select = "SELECT id, amount, currency, date, company_id, kind FROM funding"
    if keys is None:
        rows = conn.execute(select).fetchall()
    else:
        # One query for all keys: by company, then the exact keys in Python.
        wanted = set(keys)
        companies = json.dumps(sorted({k[0] for k in wanted}), ensure_ascii=False)
        rows = [
            r for r in conn.execute(
                select + " WHERE company_id IN (SELECT value FROM json_each(?))", (companies,)
            )
            if (r[4], r[3], r[5]) in wanted
        ]
    conn.executemany(
        "UPDATE funding SET amount_usd = ? WHERE id = ?",
        [(finite_usd(amount, currency, date, found), rid)
         for rid, amount, currency, date, _, _ in rows],
    )


def refresh_deals(conn: sqlite3.Connection, ids: Sequence[str] | None) -> None:
    """Recompute upfront_usd and total_usd for the given deals (all when None)."""
    found = rates(conn)
    select = "SELECT id, upfront, total, currency, date FROM deals"
    if ids is None:
        rows = conn.execute(select).fetchall()
    else:
        wanted = json.dumps(sorted(set(ids)), ensure_ascii=False)
        rows = conn.execute(
            select + " WHERE id IN (SELECT value FROM json_each(?))", (wanted,)).fetchall()
    conn.executemany(
        "UPDATE deals SET upfront_usd = ?, total_usd = ? WHERE id = ?",
        [(finite_usd(up, cur, when, found), finite_usd(total, cur, when, found), did)
         for did, up, total, cur, when in rows],
    )
