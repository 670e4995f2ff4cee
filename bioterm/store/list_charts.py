"""The figures behind a list screen's chart, for the rows the list shows.

A chart follows the list's filter, facets, ★ only and opened groups: its
rows are restricted by `windowing.where`, the list's own condition, so the
Funding chart for `akeso` sums exactly the rounds the table lists. The whole
table is answered from the summary tables where they hold the figure.
"""

from __future__ import annotations

import sqlite3

from bioterm.store import deal_summary, listing, overview_summary, windowing


def _where(conn: sqlite3.Connection, list_key: str,
           query: listing.ListQuery) -> tuple[listing.ListSpec, windowing.Built]:
    spec = listing.SPECS[list_key]
    return spec, windowing.where(spec, query, windowing.exact_plan(conn, spec, query))


def funding_by_year(conn: sqlite3.Connection,
                    query: listing.ListQuery) -> list[tuple[int, float, int]]:
    """(year, total USD, rounds) per year of the rounds `query` keeps."""
    if not query.narrowed:
        fast = overview_summary.funding_by_year(conn)
        if fast is not None:
            return fast
    spec, clause = _where(conn, "funding", query)
    dated = " AND " if clause.sql else " WHERE "
    sql = (f"SELECT CAST(substr(f.date, 1, 4) AS INTEGER) AS year, "
           f"ifnull(sum(f.amount_usd), 0), count(*) FROM {spec.table_sql}{clause.sql}"
           f"{dated}f.date IS NOT NULL GROUP BY year ORDER BY year")
    return [(int(y), float(t), int(n)) for y, t, n in conn.execute(sql, clause.params)]


def deal_value_by_year(conn: sqlite3.Connection,
                       query: listing.ListQuery) -> list[tuple[int, str, float, float]]:
    """(year, direction, upfront USD, total USD) of the deals `query` keeps."""
    if not query.narrowed:
        fast = deal_summary.deal_value_by_year(conn)
        if fast is not None:
            return fast
    spec, clause = _where(conn, "deals", query)
    dated = " AND " if clause.sql else " WHERE "
    sql = (f"SELECT CAST(substr(d.date, 1, 4) AS INTEGER), d.direction, "
           f"ifnull(sum(d.upfront_usd), 0), ifnull(sum(d.total_usd), 0) "
           f"FROM {spec.table_sql}{clause.sql}{dated}d.date IS NOT NULL "
           "GROUP BY 1, 2 ORDER BY 1, 2")
    return [(int(y), str(d), float(u), float(t))
            for y, d, u, t in conn.execute(sql, clause.params)]


class ListChartMixin:
    conn: sqlite3.Connection

    def funding_by_year(self, query: listing.ListQuery | None = None
                        ) -> list[tuple[int, float, int]]:
        """(year, total USD, number of rounds) per year, of the rounds `query` keeps."""
        return funding_by_year(self.conn, query or listing.ListQuery())

    def deal_value_by_year(self, query: listing.ListQuery | None = None
                           ) -> list[tuple[int, str, float, float]]:
        """(year, direction, upfront USD, total USD) of the deals `query` keeps."""
        return deal_value_by_year(self.conn, query or listing.ListQuery())
