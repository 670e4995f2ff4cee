"""Read queries shared by the dashboard and the command line (details: details.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from bioterm.entities import REGISTRY
from bioterm.enums import CapacityKind
from bioterm.paths import DbLocation
from bioterm.store import (
    capacity_summary,
    company_terms,
    events,
    filter_terms,
    investor_list,
    listing,
    overview_summary,
    search,
    summary,
)
from bioterm.store.connection import StoreError, connect_read
from bioterm.store.model_rows import ModelReads, _as_model, _select, columns_of
from bioterm.store.records import EventRow, Overview
from bioterm.store.schema import DATA_TABLES
from bioterm.stored import ROWS, Row

if TYPE_CHECKING:
    from bioterm.models import Record
from bioterm.timeline import Point, Timeline, industry_timeline

BIOLOGICS = CapacityKind.BIOLOGICS_BIOREACTOR.value

REFERENCE_SQL = {
    e.table: f"SELECT {', '.join(['id', *(c for c, _ in e.reference.columns)])} FROM {e.table}"
    for e in REGISTRY.referenced() if e.reference is not None
}
"""What a reference to each table may use besides the id, for `reference_rows`."""


class ReadMixin(ModelReads):
    """Lists, counts, timelines, the overview, events, search and import look-ups."""

    conn: sqlite3.Connection
    location: DbLocation

    # -- counts and lists -------------------------------------------------

    def hold_company_terms(self) -> bool:
        """Read every company's search terms once, on a connection of their own,
        for this store's filter to match company names from memory (see
        company_terms); False when they could not be read."""
        seen = company_terms.token(self.conn)
        try:
            other = connect_read(self.location, read_only=True)
        except StoreError:
            return False
        try:
            # The terms are read once, in index order: a page cache would only
            # hold what is never read again (more than READ_CACHE_KIB at scale 1).
            other.execute("PRAGMA cache_size = -1000")
            terms = company_terms.CompanyTerms.read(other)
        except sqlite3.Error:
            return False
        finally:
            other.close()
        if terms is None:
            return False
        company_terms.attach(self.conn, terms, seen)
        return True

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in DATA_TABLES
        }

    def list_window(
        self, entity: str, query: listing.ListQuery, offset: int, limit: int
    ) -> list[sqlite3.Row]:
        """A window of a list, each row read by field key (`row["id"]`, `row["name"]`)."""
        spec = investor_list.spec_for(self.conn, entity)
        if entity == "investors":
            return investor_list.fetch_window(self.conn, spec, query, offset, limit)
        return listing.fetch_window(self.conn, spec, query, offset, limit)

    def list_count(self, entity: str, query: listing.ListQuery) -> int:
        spec = investor_list.spec_for(self.conn, entity)
        if entity == "investors":
            return investor_list.count(self.conn, spec, query)
        return listing.count(self.conn, spec, query)

    def filter_problems(self, entity: str, text: str) -> list[str]:
        """Why parts of a filter (`usd>abc`, `foo:bar`) were left out; the rest applies."""
        return filter_terms.problems(listing.SPECS[entity], text)

    def facet_counts(
        self, entity: str, facet: str, query: listing.ListQuery
    ) -> list[tuple[str, int]]:
        spec = investor_list.spec_for(self.conn, entity)
        if entity == "investors":
            return investor_list.facet_counts(self.conn, spec, facet, query)
        return listing.facet_counts(self.conn, spec, facet, query)

    def rows(self, table: str) -> list[Row]:
        """Every row of a table as records, in natural-key order (export, build checks)."""
        model = ROWS[table]
        order = ", ".join(f"ifnull({k}, '')" for k in model.natural_key)
        return list(self._models(model, f"ORDER BY {order}"))

    def iter_rows(self, table: str, batch: int = 5000) -> Iterable[Row]:
        model = ROWS[table]
        names = columns_of(model)
        order = ", ".join(f"ifnull({k}, '')" for k in model.natural_key)
        cursor = self.conn.execute(f"SELECT {_select(model)} FROM {table} ORDER BY {order}")
        while chunk := cursor.fetchmany(batch):
            for row in chunk:
                yield _as_model(model, names, row)

    # -- single records with their relations ------------------------------

    # -- timelines, totals, events ------------------------------------------

    def capacity_points(
        self, *, site_id: str | None = None, company_id: str | None = None,
        kind: str = BIOLOGICS,
    ) -> list[Point]:
        """Points of one kind (bioreactor litres unless told): kinds are never mixed."""
        sql = "SELECT date, litres, status, site_id, company_id FROM capacity WHERE kind = ?"
        params: tuple[str, ...] = (kind,)
        if site_id is not None:
            sql, params = sql + " AND site_id = ?", (kind, site_id)
        elif company_id is not None:
            sql, params = sql + " AND company_id = ?", (kind, company_id)
        return [Point(*row) for row in self.conn.execute(sql, params)]

    def capacity_points_for_sites(
        self, site_ids: Sequence[str], kind: str = BIOLOGICS
    ) -> dict[str, list[Point]]:
        """Points of many sites in one query (sparklines for a window of rows)."""
        return self._capacity_points_by("site_id", 3, site_ids, kind)

    def capacity_points_for_companies(
        self, company_ids: Sequence[str], kind: str = BIOLOGICS
    ) -> dict[str, list[Point]]:
        return self._capacity_points_by("company_id", 4, company_ids, kind)

    def _capacity_points_by(
        self, column: str, position: int, ids: Sequence[str], kind: str
    ) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = {i: [] for i in ids}
        if ids:
            marks = ", ".join("?" * len(ids))
            sql = (
                "SELECT date, litres, status, site_id, company_id FROM capacity "
                f"WHERE {column} IN ({marks}) AND kind = ?"
            )
            for row in self.conn.execute(sql, (*ids, kind)):
                out[row[position]].append(Point(*row))
        return out

    def capacity_scale(self, table: str, kind: str = BIOLOGICS) -> float | None:
        """The largest announced litres of one kind of any company or site (`table`):
        the one scale a list's sparklines share. None when the file cannot say cheaply
        (no summary tables: a company's total is a sum over its sites)."""
        if table == "sites":
            sql = "SELECT max(litres) FROM capacity WHERE kind = ? AND site_id IS NOT NULL"
            params: tuple[str, ...] = (kind,)
        elif summary.is_built(self.conn):
            # Each company's planned series ends at its announced total.
            sql = ("SELECT max(total) FROM (SELECT sum(delta) AS total "
                   "FROM summary_capacity_company WHERE series = ? GROUP BY company_id)")
            params = (capacity_summary.series_name("planned", kind),)
        else:
            return None
        top = self.conn.execute(sql, params).fetchone()[0]
        return float(top or 0.0)

    def capacity_kinds(self) -> list[str]:
        """The kinds of capacity recorded, biologics first."""
        found = {r[0] for r in self.conn.execute("SELECT DISTINCT kind FROM capacity")}
        return [k.value for k in CapacityKind if k.value in found]

    def fx_rates(self) -> dict[tuple[str, int], float]:
        return {(c, int(y)): float(u) for c, y, u in
                self.conn.execute("SELECT currency, year, usd FROM fx_rates")}

    def industry_capacity(self, kind: str = BIOLOGICS) -> Timeline:
        """The industry's capacity timeline of one kind (summary table, else live)."""
        if summary.is_built(self.conn):
            return capacity_summary.industry_timeline(self.conn, kind)
        return industry_timeline(self.capacity_points(kind=kind))

    def overview(self) -> Overview:
        fast = overview_summary.overview(self.conn)
        if fast is not None:
            return fast

        def grouped(sql: str) -> list[tuple[str, int]]:
            return [(str(k), int(n)) for k, n in self.conn.execute(sql)]

        total, unconverted = self.conn.execute(
            "SELECT ifnull(sum(amount_usd), 0), "
            "sum(amount IS NOT NULL AND amount_usd IS NULL) FROM funding"
        ).fetchone()
        return Overview(
            counts=self.counts(),
            companies_by_kind=grouped(
                "SELECT kind, count(*) FROM companies GROUP BY kind ORDER BY count(*) DESC"
            ),
            drugs_by_phase=grouped(
                "SELECT phase, count(*) FROM drugs GROUP BY phase ORDER BY min(phase_rank)"
            ),
            sites_by_status=grouped(
                "SELECT status, count(*) FROM sites GROUP BY status ORDER BY count(*) DESC"
            ),
            funding_usd_total=float(total or 0),
            funding_unconverted=int(unconverted or 0),
        )

    def event_rows(self, limit: int = 20) -> list[EventRow]:
        """Newest dated events across milestones, funding, capacity, partnerships and
        deals, each part in its own field (so a screen labels them itself)."""
        return events.recent(self.conn, limit)

    def search(self, text: str, limit: int = 20) -> list[search.SearchHit]:
        return search.search(self.conn, text, limit)

    # -- imports: matching rows by natural key, resolving references ----------

    def stored_by_key(
        self, model: type[Row] | type[Record], keys: Iterable[tuple[Any, ...]]
    ) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        """The stored rows (model columns, in order) of those `keys` that exist.

        One query per 50,000 keys, on the first key column (always indexed);
        the whole key is then matched here, with SQL's IS semantics for NULL.
        """
        wanted = set(keys)
        names = columns_of(model)
        key_at = [names.index(k) for k in model.natural_key]
        # Unsorted: SQLite orders the IN list itself, and sorting 200,000 ids
        # here cost more than the query.
        first = list({k[0] for k in wanted})
        found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        sql = (
            f"SELECT {_select(model)} FROM {model.table} "
            f"WHERE {model.natural_key[0]} IN (SELECT value FROM json_each(?))"
        )
        for start in range(0, len(first), 50_000):
            chunk = json.dumps(first[start:start + 50_000], ensure_ascii=False)
            for row in self.conn.execute(sql, (chunk,)):
                key = tuple(row[i] for i in key_at)
                if key in wanted:
                    found[key] = row
        return found

    def reference_rows(self, table: str) -> list[tuple[Any, ...]]:
        """(id, names…) of every row a reference to `table` may name, for the importer."""
        return self.conn.execute(REFERENCE_SQL[table]).fetchall()
