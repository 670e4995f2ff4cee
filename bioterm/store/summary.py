"""Small summary tables behind the overview, so it never scans a million rows.

`summary_company` holds each company's contribution to every overview figure
(rows per table, drugs per phase, funding per year, …); `summary_total` is
their sum. `summary_capacity_company` holds each company's capacity timeline
as step deltas, `summary_capacity` their sum, which is the industry timeline.

Writes keep them current by refreshing the companies they touch: the old
contribution is subtracted from the totals, recomputed from the base tables
and added back. Recomputing per company (rather than adjusting counters row
by row) means an undo, an update that moves a drug to another company or a
change of exchange rates cannot leave the totals drifting.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from bioterm.entities import REGISTRY
from bioterm.store import investor_summary
from bioterm.store.capacity_summary import capacity_rows
from bioterm.store.schema import INVESTOR_SUMMARY_INDEXES, SUMMARY_DDL, run_script
from bioterm.store.version_marks import mark_version, version_of
from bioterm.stored import ROWS

BUILT = ("meta", "built")

VERSION = "2"
"""What the tables hold: 2 added the deals (per licensor), kept in user_state. A
file whose tables are older is summed afresh when opened for writing, and read
live for the figures its tables lack until then."""
VERSION_KEY = "summary_version"
ADDED_IN_2 = frozenset({"rows:deals", "deal_upfront", "deal_kind", "deal_direction",
                        "deal_territory", "deal_year_total", "deal_year_upfront"})


_STATS: tuple[tuple[str, str, str], ...] = (
    ("companies", "rows:companies",
     "SELECT id, 'rows', 'companies', 1, 0 FROM companies{hint} WHERE {id}"),
    ("companies", "company_kind",
     "SELECT id, 'company_kind', kind, 1, 0 FROM companies{hint} WHERE {id}"),
    ("companies", "company_country",
     "SELECT id, 'company_country', ifnull(hq_country, ''), 1, 0 FROM companies{hint} WHERE {id}"),
    ("drugs", "rows:drugs",
     "SELECT company_id, 'rows', 'drugs', count(*), 0 FROM drugs{hint} WHERE {cid} "
     "GROUP BY company_id"),
    ("drugs", "drug_phase",
     "SELECT company_id, 'drug_phase', phase, count(*), 0 FROM drugs{hint} WHERE {cid} "
     "GROUP BY company_id, phase"),
    ("drugs", "drug_modality",
     "SELECT company_id, 'drug_modality', modality, count(*), 0 FROM drugs{hint} WHERE {cid} "
     "GROUP BY company_id, modality"),
    ("milestones", "rows:milestones",
     "SELECT d.company_id, 'rows', 'milestones', count(*), 0 FROM milestones m{hint} "
     "JOIN drugs d ON d.id = m.drug_id WHERE {dcid} GROUP BY d.company_id"),
    ("sites", "rows:sites",
     "SELECT company_id, 'rows', 'sites', count(*), 0 FROM sites{hint} WHERE {cid} "
     "GROUP BY company_id"),
    ("sites", "site_status",
     "SELECT company_id, 'site_status', status, count(*), 0 FROM sites{hint} WHERE {cid} "
     "GROUP BY company_id, status"),
    ("sites", "site_kind",
     "SELECT company_id, 'site_kind', kind, count(*), 0 FROM sites{hint} WHERE {cid} "
     "GROUP BY company_id, kind"),
    ("sites", "site_country",
     "SELECT company_id, 'site_country', ifnull(country, ''), count(*), 0 FROM sites{hint} "
     "WHERE {cid} GROUP BY company_id, ifnull(country, '')"),
    ("funding", "funding_kind",
     "SELECT company_id, 'funding_kind', kind, count(*), 0 FROM funding{hint} WHERE {cid} "
     "GROUP BY company_id, kind"),
    ("funding", "funding_currency",
     "SELECT company_id, 'funding_currency', ifnull(currency, ''), count(*), 0 FROM funding{hint} "
     "WHERE {cid} GROUP BY company_id, ifnull(currency, '')"),
    ("capacity", "rows:capacity",
     "SELECT company_id, 'rows', 'capacity', count(*), 0 FROM capacity{hint} WHERE {cid} "
     "GROUP BY company_id"),
    ("funding", "rows:funding",
     "SELECT company_id, 'rows', 'funding', count(*), ifnull(sum(amount_usd), 0) "
     "FROM funding{hint} WHERE {cid} GROUP BY company_id"),
    ("funding", "funding_year",
     "SELECT company_id, 'funding_year', substr(date, 1, 4), count(*), "
     "ifnull(sum(amount_usd), 0) FROM funding{hint} WHERE {cid} "
     "GROUP BY company_id, substr(date, 1, 4)"),
    ("funding", "funding_unconverted",
     "SELECT company_id, 'funding_unconverted', '', count(*), 0 FROM funding{hint} "
     "WHERE {cid} AND amount IS NOT NULL AND amount_usd IS NULL GROUP BY company_id"),
    ("deals", "rows:deals",
     "SELECT licensor_id, 'rows', 'deals', count(*), ifnull(sum(total_usd), 0) "
     "FROM deals{hint} WHERE {lid} GROUP BY licensor_id"),
    ("deals", "deal_upfront",
     "SELECT licensor_id, 'deal_upfront', '', count(*), ifnull(sum(upfront_usd), 0) "
     "FROM deals{hint} WHERE {lid} GROUP BY licensor_id"),
    ("deals", "deal_kind",
     "SELECT licensor_id, 'deal_kind', kind, count(*), 0 FROM deals{hint} WHERE {lid} "
     "GROUP BY licensor_id, kind"),
    ("deals", "deal_direction",
     "SELECT licensor_id, 'deal_direction', direction, count(*), 0 FROM deals{hint} "
     "WHERE {lid} GROUP BY licensor_id, direction"),
    ("deals", "deal_territory",
     "SELECT licensor_id, 'deal_territory', ifnull(territory, ''), count(*), 0 FROM deals{hint} "
     "WHERE {lid} GROUP BY licensor_id, ifnull(territory, '')"),
    ("deals", "deal_year_total",
     "SELECT licensor_id, 'deal_year_total', substr(date, 1, 4) || ' ' || direction, count(*), "
     "ifnull(sum(total_usd), 0) FROM deals{hint} WHERE {lid} AND date IS NOT NULL "
     "GROUP BY licensor_id, substr(date, 1, 4), direction"),
    ("deals", "deal_year_upfront",
     "SELECT licensor_id, 'deal_year_upfront', substr(date, 1, 4) || ' ' || direction, "
     "count(*), ifnull(sum(upfront_usd), 0) FROM deals{hint} WHERE {lid} AND date IS NOT NULL "
     "GROUP BY licensor_id, substr(date, 1, 4), direction"),
    ("partnerships", "rows:partnerships",
     "SELECT company_id, 'rows', 'partnerships', count(*), 0 FROM partnerships{hint} WHERE {cid} "
     "GROUP BY company_id"),
)
"""(table counted, summary dimension, statement) for each figure kept per company."""
_TOUCHED = "(SELECT id FROM temp.summary_touched)"
_ALL = {"id": "1", "cid": "1", "dcid": "1", "lid": "1", "hint": ""}
_SOME = {"id": f"id IN {_TOUCHED}", "cid": f"company_id IN {_TOUCHED}",
         "dcid": f"d.company_id IN {_TOUCHED}", "lid": f"licensor_id IN {_TOUCHED}",
         "hint": ""}
# Rows inserted after rowid :after, read by rowid range: NOT INDEXED keeps the
# planner from walking a whole company_id index to save the GROUP BY a sort.
_NEW = {"id": "rowid > :after", "cid": "rowid > :after", "dcid": "m.rowid > :after",
        "lid": "rowid > :after", "hint": " NOT INDEXED"}
_NEW_ROW_STATS: dict[str, list[str]] = {}
"""Table -> the statements counting its rows inserted after rowid :after."""
for _table, _, _sql in _STATS:
    _NEW_ROW_STATS.setdefault(_table, []).append(_sql.format(**_NEW))
_ADD_TOTALS = (
    "INSERT INTO summary_total (dim, key, n, usd) "
    "SELECT dim, key, {sign} sum(n), {sign} sum(usd) FROM summary_company WHERE {where} "
    "GROUP BY dim, key ON CONFLICT (dim, key) DO UPDATE SET "
    "n = n + excluded.n, usd = usd + excluded.usd"
)
_ADD_CAPACITY = (
    "INSERT INTO summary_capacity (series, date, delta, n) "
    "SELECT series, date, {sign} sum(delta), {sign} count(*) FROM summary_capacity_company "
    "WHERE {where} GROUP BY series, date ON CONFLICT (series, date) DO UPDATE SET "
    "delta = delta + excluded.delta, n = n + excluded.n"
)


def exists(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'summary_total'"
    ).fetchone()
    return row is not None


def is_built(conn: sqlite3.Connection) -> bool:
    """True when the tables exist and were filled (old files may lack them)."""
    if not exists(conn):
        return False
    return conn.execute(
        "SELECT 1 FROM summary_total WHERE dim = ? AND key = ?", BUILT
    ).fetchone() is not None


def is_current(conn: sqlite3.Connection) -> bool:
    """Built, and holding every figure this bioterm keeps (the deals since version 2)."""
    if not is_built(conn):
        return False
    try:
        return version_of(conn, VERSION_KEY) == VERSION
    except sqlite3.OperationalError:
        return False  # no user_state yet: the schema migration comes first


def answers(conn: sqlite3.Connection, dim: str) -> bool:
    """Whether the tables hold the figure `dim` (a file summed by an older bioterm
    lacks the ones added since)."""
    return is_current(conn) if dim in ADDED_IN_2 else is_built(conn)


def ensure(conn: sqlite3.Connection) -> None:
    """Create and fill the tables in a writable file that predates them, or sum them
    afresh where an older bioterm filled them with fewer figures."""
    if is_built(conn):
        if not investor_summary.exists(conn):  # built before the Investors list had one
            with conn:
                investor_summary.create(conn)
        if not is_current(conn):
            with conn:
                rebuild(conn, capacity=False)
        return
    with conn:
        for statement in SUMMARY_DDL.split(";"):
            if statement.strip():
                conn.execute(statement)
        run_script(conn, INVESTOR_SUMMARY_INDEXES)
        rebuild(conn)


def rebuild(conn: sqlite3.Connection, *, capacity: bool = True) -> None:
    """Recompute everything from the base tables (build, generate, exchange-rate changes).

    `capacity=False` keeps the capacity timelines, the slow part, when only
    figures changed (new exchange rates move USD totals, not litres).
    """
    for table in ("summary_company", "summary_total"):
        conn.execute(f"DELETE FROM {table}")
    for _, _, sql in _STATS:
        conn.execute("INSERT INTO summary_company " + sql.format(**_ALL))
    conn.execute(_ADD_TOTALS.format(sign="", where="1"))
    conn.execute("INSERT INTO summary_total VALUES (?, ?, 1, 0)", BUILT)
    mark_version(conn, VERSION_KEY, VERSION)
    investor_summary.rebuild(conn)  # rates move its sizes as they move the totals
    if not capacity:
        return
    for table in ("summary_capacity_company", "summary_capacity"):
        conn.execute(f"DELETE FROM {table}")
    cursor = conn.execute(
        "SELECT date, litres, status, site_id, company_id, kind FROM capacity "
        "ORDER BY company_id, kind"
    )
    conn.executemany(
        "INSERT INTO summary_capacity_company VALUES (?, ?, ?, ?)", capacity_rows(cursor)
    )
    conn.execute(_ADD_CAPACITY.format(sign="", where="1"))


def refresh(conn: sqlite3.Connection, company_ids: Iterable[str], *,
            capacity: bool = True) -> None:
    """Bring the companies' contributions (and so the totals) up to date.

    `capacity=False` skips their timelines, for writes that move no litres.
    """
    if not is_built(conn):
        return
    ids = sorted(set(company_ids))
    if not ids:
        return
    if conn.execute("SELECT 1 FROM summary_total WHERE abs(usd) > 1e308 LIMIT 1").fetchone():
        # An infinite sum (stored before amounts were bounded) cannot be taken
        # apart again: inf - inf is no number. Sum the tables afresh instead.
        rebuild(conn, capacity=False)
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS summary_touched (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.summary_touched")
    conn.executemany("INSERT INTO temp.summary_touched VALUES (?)", [(i,) for i in ids])
    where = f"company_id IN {_TOUCHED}"
    conn.execute(_ADD_TOTALS.format(sign="-", where=where))
    conn.execute(f"DELETE FROM summary_company WHERE {where}")
    for _, _, sql in _STATS:
        conn.execute("INSERT INTO summary_company " + sql.format(**_SOME))
    conn.execute(_ADD_TOTALS.format(sign="", where=where))
    if capacity:
        conn.execute(_ADD_CAPACITY.format(sign="-", where=where))
        conn.execute(f"DELETE FROM summary_capacity_company WHERE {where}")
        cursor = conn.execute(
            "SELECT date, litres, status, site_id, company_id, kind FROM capacity "
            f"WHERE {where} ORDER BY company_id, kind"
        )
        conn.executemany(
            "INSERT INTO summary_capacity_company VALUES (?, ?, ?, ?)", capacity_rows(cursor)
        )
        conn.execute(_ADD_CAPACITY.format(sign="", where=where))
    conn.execute("DELETE FROM summary_total WHERE n = 0 AND abs(usd) < 0.005")
    conn.execute("DELETE FROM summary_capacity WHERE n = 0")


def add_inserted(conn: sqlite3.Connection, table: str, after: int, count: int) -> bool:
    """Add the contributions of the `count` rows just inserted into `table` (rowids > `after`).

    New rows only add to counts and sums, so one grouped pass over them
    replaces re-aggregating every company they touch (a 200,000-row import
    touches tens of thousands). False when that cannot be done — capacity
    timelines are not sums of rows, and rowids past the largest possible one
    are not a range — and the caller refreshes the companies instead.
    """
    if not is_built(conn) or not count:
        return True
    investor_summary.add_inserted(conn, table, after)
    stats = _NEW_ROW_STATS.get(table)
    if stats is None or table == "capacity":
        return table not in COMPANY_COLUMN and table != "fx_rates"
    found = conn.execute(
        f"SELECT count(*) FROM {table} NOT INDEXED WHERE rowid > ?", (after,)
    ).fetchone()[0]
    if found != count:
        return False
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS summary_new "
                 "(company_id TEXT, dim TEXT, key TEXT, n INTEGER, usd REAL)")
    conn.execute("DELETE FROM temp.summary_new")
    for sql in stats:
        conn.execute("INSERT INTO temp.summary_new " + sql, {"after": after})
    conn.execute(
        "INSERT INTO summary_company (company_id, dim, key, n, usd) "
        "SELECT company_id, dim, key, n, usd FROM temp.summary_new "
        "WHERE true ON CONFLICT (company_id, dim, key) DO UPDATE SET "
        "n = n + excluded.n, usd = usd + excluded.usd"
    )
    conn.execute(
        "INSERT INTO summary_total (dim, key, n, usd) "
        "SELECT dim, key, sum(n), sum(usd) FROM temp.summary_new GROUP BY dim, key "
        "ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n, usd = usd + excluded.usd"
    )
    conn.execute("DELETE FROM temp.summary_new")
    return True


COMPANY_COLUMN = {
    "companies": "id", "drugs": "company_id", "milestones": "drug_id", "sites": "company_id",
    "capacity": "company_id", "funding": "company_id", "partnerships": "company_id",
    "deals": "licensor_id",
}
"""The column that ties a row of each table to the company it counts for."""


def after_write(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Refresh the companies that `rows` (new values and old ones alike) count for."""
    if not is_built(conn):
        return
    rows = list(rows)
    investor_summary.after_write(conn, table, rows)
    if table == "fx_rates":
        rebuild(conn, capacity=False)
        return
    column = COMPANY_COLUMN.get(table)
    if column is None:
        return
    ids = {str(r[column]) for r in rows if r.get(column)}
    if table == "milestones" and ids:
        ids = {c for (c,) in conn.execute(
            "SELECT DISTINCT company_id FROM drugs WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids), ensure_ascii=False),),
        )}
    refresh(conn, ids, capacity=table == "capacity")


def rows_before_undo(
    conn: sqlite3.Connection, changes: Iterable[tuple[str, str, str, str | None]]
) -> dict[str, list[dict[str, Any]]]:
    """The rows an undo is about to change, as they are now and as they will be."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, row_key, _, before in changes:
        model = ROWS[table]
        key = json.loads(row_key)
        where = " AND ".join(f"{k} IS ?" for k in model.natural_key)
        cursor = conn.execute(f"SELECT * FROM {table} WHERE {where}", key)
        names = [d[0] for d in cursor.description]
        rows = out.setdefault(table, [])
        rows.extend(dict(zip(names, r, strict=True)) for r in cursor.fetchall())
        if before:
            rows.append(json.loads(before))
    return out


def totals(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[int, float]]:
    return {(d, k): (int(n), float(u)) for d, k, n, u in
            conn.execute("SELECT dim, key, n, usd FROM summary_total")}


_DIMS = frozenset(dim for _, dim, _ in _STATS)
FACET_DIMS = {
    (e.list_key, f.name): f"{e.kind}_{f.name}"
    for e in REGISTRY.listed() for f in e.facets if f"{e.kind}_{f.name}" in _DIMS
}
"""Which summary dimension answers an unfiltered facet count of a list screen: the
entity's kind and the facet's name, where a statement above keeps that figure."""


def counts_rows(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the summary keeps the table's row count (and this file's holds it)."""
    return f"rows:{table}" in _DIMS and answers(conn, f"rows:{table}")


def facet_counts(conn: sqlite3.Connection, entity: str, facet: str) -> list[tuple[str, int]] | None:
    """Rows per facet value over the whole table; None when no summary answers it."""
    dim = FACET_DIMS.get((entity, facet))
    if dim is None or not answers(conn, dim):
        return None
    rows = conn.execute(
        "SELECT key, n FROM summary_total WHERE dim = ? AND n > 0 AND key != ''", (dim,)
    ).fetchall()
    return sorted(((str(k), int(n)) for k, n in rows), key=lambda p: (-p[1], p[0]))

