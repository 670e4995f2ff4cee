"""Each investor's rounds in one row, so the Investors list sorts by them through an index.

`summary_investor` holds, per organisation linked to a round, what the list
shows: rounds joined, rounds led, the rounds' size in USD, first and last
round. At scale 1 that is 1,500,000 links; aggregating them per window (or
sorting all investors by an aggregate) would cost seconds, a summary row
costs an index step.

Like the overview summaries it is recomputed per investor from the base
tables, never adjusted by deltas: writes to links refresh the investors
they name; writes to rounds refresh the investors linked to those rounds
(a round's USD figure is part of its investors' size); exchange-rate
changes rebuild it with the other summaries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from bioterm.store.schema import INVESTOR_SUMMARY_DDL, INVESTOR_SUMMARY_INDEXES, run_script

_AGGREGATE = (
    "INSERT INTO summary_investor (investor_id, rounds, led, size_usd, first, last) "
    "SELECT i.investor_id, count(*), ifnull(sum(i.lead), 0), sum(f.amount_usd), "
    "min(i.date), max(i.date) FROM funding_investors i "
    "LEFT JOIN funding f ON f.company_id = i.company_id AND f.date = i.date "
    "AND f.kind = i.kind{where} GROUP BY i.investor_id"
)
"""The figures the Investors list showed live before (see listing.SPECS["investors"])."""
_IN = "IN (SELECT value FROM json_each(?))"


def exists(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'summary_investor'"
    ).fetchone() is not None


def create(conn: sqlite3.Connection) -> None:
    """The table and its sort indexes, filled (a file from before them)."""
    run_script(conn, INVESTOR_SUMMARY_DDL + INVESTOR_SUMMARY_INDEXES)
    rebuild(conn)


def rebuild(conn: sqlite3.Connection) -> None:
    if not exists(conn):
        return
    conn.execute("DELETE FROM summary_investor")
    conn.execute(_AGGREGATE.format(where=""))


def refresh(conn: sqlite3.Connection, investor_ids: Iterable[str]) -> None:
    """Recompute the rows of these investors (those with no links left disappear)."""
    ids = sorted(set(investor_ids))
    if not ids or not exists(conn):
        return
    wanted = json.dumps(ids, ensure_ascii=False)
    conn.execute(f"DELETE FROM summary_investor WHERE investor_id {_IN}", (wanted,))
    conn.execute(_AGGREGATE.format(where=f" WHERE i.investor_id {_IN}"), (wanted,))


def _investors_of_rounds(conn: sqlite3.Connection, rounds: Iterable[tuple[Any, ...]]) -> set[str]:
    keys = json.dumps(sorted({tuple(r) for r in rounds}), ensure_ascii=False)
    return {i for (i,) in conn.execute(
        "SELECT DISTINCT i.investor_id FROM json_each(?) r CROSS JOIN funding_investors i "
        "ON i.company_id = json_extract(r.value, '$[0]') "
        "AND i.date = json_extract(r.value, '$[1]') AND i.kind = json_extract(r.value, '$[2]')",
        (keys,))}


def add_inserted(conn: sqlite3.Connection, table: str, after: int) -> None:
    """Refresh the investors that rows inserted into `table` after rowid `after` touch."""
    if table == "funding_investors":
        ids = {i for (i,) in conn.execute(
            "SELECT DISTINCT investor_id FROM funding_investors WHERE rowid > ?", (after,))}
    elif table == "funding":
        ids = _investors_of_rounds(conn, conn.execute(
            "SELECT company_id, date, kind FROM funding WHERE rowid > ?", (after,)))
    else:
        return
    refresh(conn, ids)


def after_write(conn: sqlite3.Connection, table: str, rows: list[Mapping[str, Any]]) -> None:
    """Refresh the investors that `rows` (old values and new alike) touch."""
    if table == "funding_investors":
        refresh(conn, {str(r["investor_id"]) for r in rows if r.get("investor_id")})
    elif table == "funding":
        rounds = [(r["company_id"], r["date"], r["kind"]) for r in rows
                  if r.get("company_id") and r.get("date") and r.get("kind")]
        if rounds:
            refresh(conn, _investors_of_rounds(conn, rounds))
