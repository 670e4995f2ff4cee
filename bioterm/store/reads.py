"""Read queries shared by the dashboard and the command line."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from bioterm.currency import rate_year
from bioterm.entities import REGISTRY
from bioterm.parsing.dates import year_of
from bioterm.store import listing, search, summary
from bioterm.store.records import (
    CompanyDetail,
    DrugDetail,
    Event,
    EventRow,
    FundingDetail,
    FundingRow,
    Overview,
    PartnershipRow,
    SiteDetail,
)
from bioterm.store.schema import DATA_TABLES
from bioterm.timeline import Point, Timeline, industry_timeline

if TYPE_CHECKING:
    # The models (and pydantic with them) are imported where records are built,
    # not at start-up: the overview paints from summary rows and needs none.
    from bioterm.models import (
        Company,
        Record,
        Source,
    )

R = TypeVar("R", bound="Record")

REFERENCE_SQL = {
    e.table: f"SELECT {', '.join(['id', *(c for c, _ in e.reference.columns)])} FROM {e.table}"
    for e in REGISTRY.referenced() if e.reference is not None
}
"""What a reference to each table may use besides the id, for `reference_rows`."""


def columns_of(model: type[Record]) -> list[str]:
    return list(model.model_fields)


def _select(model: type[Record], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name in columns_of(model))


def _as_model(model: type[R], names: Sequence[str], row: Sequence[Any]) -> R:
    values = dict(zip(names, row, strict=True))
    if "first_in_class" in values:
        values["first_in_class"] = bool(values["first_in_class"])
    return model.model_construct(**values)


class ReadMixin:
    conn: sqlite3.Connection

    def _models(self, model: type[R], where: str = "", params: Iterable[Any] = ()) -> list[R]:
        names = columns_of(model)
        sql = f"SELECT {_select(model)} FROM {model.table} {where}"
        return [_as_model(model, names, row) for row in self.conn.execute(sql, tuple(params))]

    def _one(self, model: type[R], where: str, params: Iterable[Any]) -> R | None:
        found = self._models(model, where + " LIMIT 1", params)
        return found[0] if found else None

    # -- counts and lists -------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in DATA_TABLES
        }

    def list_window(
        self, entity: str, query: listing.ListQuery, offset: int, limit: int
    ) -> list[tuple[Any, ...]]:
        return listing.fetch_window(self.conn, listing.SPECS[entity], query, offset, limit)

    def list_count(self, entity: str, query: listing.ListQuery) -> int:
        return listing.count(self.conn, listing.SPECS[entity], query)

    def facet_counts(
        self, entity: str, facet: str, query: listing.ListQuery
    ) -> list[tuple[str, int]]:
        return listing.facet_counts(self.conn, listing.SPECS[entity], facet, query)

    def rows(self, table: str) -> list[Record]:
        """Every row of a table as records, in natural-key order (export, build checks)."""
        from bioterm.models import RECORDS

        model = RECORDS[table]
        order = ", ".join(f"ifnull({k}, '')" for k in model.natural_key)
        return list(self._models(model, f"ORDER BY {order}"))

    def iter_rows(self, table: str, batch: int = 5000) -> Iterable[Record]:
        from bioterm.models import RECORDS

        model = RECORDS[table]
        names = columns_of(model)
        order = ", ".join(f"ifnull({k}, '')" for k in model.natural_key)
        cursor = self.conn.execute(f"SELECT {_select(model)} FROM {table} ORDER BY {order}")
        while chunk := cursor.fetchmany(batch):
            for row in chunk:
                yield _as_model(model, names, row)

    # -- single records with their relations ------------------------------

    def company(self, company_id: str) -> Company | None:
        from bioterm.models import Company

        return self._one(Company, "WHERE id = ?", (company_id,))

    def source(self, source_id: str) -> Source | None:
        from bioterm.models import Source

        return self._one(Source, "WHERE id = ?", (source_id,))

    def sources_for(self, ids: Iterable[str | None]) -> list[Source]:
        from bioterm.models import Source

        wanted = sorted({i for i in ids if i})
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        return self._models(Source, f"WHERE id IN ({marks}) ORDER BY date, id", wanted)

    def company_detail(self, company_id: str) -> CompanyDetail | None:
        from bioterm.models import CapacityPoint, Drug, Site

        company = self.company(company_id)
        if company is None:
            return None
        drugs = self._models(
            Drug, "WHERE company_id = ? ORDER BY phase_rank DESC, name", (company_id,)
        )
        sites = self._models(Site, "WHERE company_id = ? ORDER BY name", (company_id,))
        capacity = self._models(CapacityPoint, "WHERE company_id = ? ORDER BY date", (company_id,))
        funding = self.funding_rows("WHERE f.company_id = ? ORDER BY f.date DESC", (company_id,))
        partnerships = self.partnership_rows(company_id)
        sources = self.sources_for(
            [company.source_id]
            + [r.source_id for r in (*drugs, *sites, *capacity)]
            + [f.funding.source_id for f in funding]
            + [p.partnership.source_id for p in partnerships]
        )
        return CompanyDetail(company, drugs, sites, funding, partnerships, capacity, sources)

    def drug_detail(self, drug_id: str) -> DrugDetail | None:
        from bioterm.models import Drug, Milestone

        drug = self._one(Drug, "WHERE id = ?", (drug_id,))
        if drug is None:
            return None
        milestones = self._models(Milestone, "WHERE drug_id = ? ORDER BY date", (drug_id,))
        sources = self.sources_for([drug.source_id, *(m.source_id for m in milestones)])
        return DrugDetail(drug, self.company(drug.company_id), milestones, sources)

    def site_detail(self, site_id: str) -> SiteDetail | None:
        from bioterm.models import CapacityPoint, Site

        site = self._one(Site, "WHERE id = ?", (site_id,))
        if site is None:
            return None
        capacity = self._models(CapacityPoint, "WHERE site_id = ? ORDER BY date", (site_id,))
        partner = self.company(site.partner_id) if site.partner_id else None
        sources = self.sources_for([site.source_id, *(c.source_id for c in capacity)])
        return SiteDetail(site, self.company(site.company_id), partner, capacity, sources)

    def funding_detail(self, funding_id: int) -> FundingDetail | None:
        rows = self.funding_rows("WHERE f.id = ?", (funding_id,))
        if not rows:
            return None
        row = rows[0]
        funding = row.funding
        used = (
            rate_year(self.fx_rates(), funding.currency, year_of(funding.date))
            if funding.currency else None
        )
        return FundingDetail(
            row, self.company(funding.company_id), self.source(funding.source_id), used
        )

    def funding_rows(self, where: str, params: Iterable[Any]) -> list[FundingRow]:
        from bioterm.models import Funding

        names = columns_of(Funding)
        sql = (
            f"SELECT f.id, co.name, f.amount_usd, {_select(Funding, 'f')} FROM funding f "
            f"LEFT JOIN companies co ON co.id = f.company_id {where}"
        )
        return [
            FundingRow(row[0], _as_model(Funding, names, row[3:]), row[1] or "", row[2])
            for row in self.conn.execute(sql, tuple(params))
        ]

    def partnership_rows(self, company_id: str) -> list[PartnershipRow]:
        from bioterm.models import Partnership

        names = columns_of(Partnership)
        sql = (
            f"SELECT p.id, CASE WHEN p.company_id = ? THEN p.partner_id ELSE p.company_id END, "
            f"{_select(Partnership, 'p')} FROM partnerships p "
            "WHERE p.company_id = ? OR p.partner_id = ? ORDER BY p.since DESC"
        )
        out: list[PartnershipRow] = []
        for row in self.conn.execute(sql, (company_id, company_id, company_id)).fetchall():
            other = self.company(row[1])
            out.append(
                PartnershipRow(
                    row[0], _as_model(Partnership, names, row[2:]), row[1],
                    other.name if other else row[1],
                )
            )
        return out

    # -- timelines, totals, events ------------------------------------------

    def capacity_points(
        self, *, site_id: str | None = None, company_id: str | None = None
    ) -> list[Point]:
        sql = "SELECT date, litres, status, site_id, company_id FROM capacity"
        params: tuple[str, ...] = ()
        if site_id is not None:
            sql, params = sql + " WHERE site_id = ?", (site_id,)
        elif company_id is not None:
            sql, params = sql + " WHERE company_id = ?", (company_id,)
        return [Point(*row) for row in self.conn.execute(sql, params)]

    def capacity_points_for_sites(self, site_ids: Sequence[str]) -> dict[str, list[Point]]:
        """Points of many sites in one query (sparklines for a window of rows)."""
        return self._capacity_points_by("site_id", 3, site_ids)

    def capacity_points_for_companies(self, company_ids: Sequence[str]) -> dict[str, list[Point]]:
        return self._capacity_points_by("company_id", 4, company_ids)

    def _capacity_points_by(
        self, column: str, position: int, ids: Sequence[str]
    ) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = {i: [] for i in ids}
        if ids:
            marks = ", ".join("?" * len(ids))
            sql = (
                "SELECT date, litres, status, site_id, company_id FROM capacity "
                f"WHERE {column} IN ({marks})"
            )
            for row in self.conn.execute(sql, tuple(ids)):
                out[row[position]].append(Point(*row))
        return out

    def funding_by_year(self) -> list[tuple[int, float, int]]:
        """(year, total USD, number of rounds) per year."""
        fast = summary.funding_by_year(self.conn)
        if fast is not None:
            return fast
        sql = (
            "SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, "
            "ifnull(sum(amount_usd), 0), count(*) FROM funding GROUP BY year ORDER BY year"
        )
        return [(int(y), float(t), int(n)) for y, t, n in self.conn.execute(sql)]

    def fx_rates(self) -> dict[tuple[str, int], float]:
        return {(c, int(y)): float(u) for c, y, u in
                self.conn.execute("SELECT currency, year, usd FROM fx_rates")}

    def industry_capacity(self) -> Timeline:
        """The industry's capacity timeline (summary table; all points on an old file)."""
        if summary.is_built(self.conn):
            return summary.industry_timeline(self.conn)
        return industry_timeline(self.capacity_points())

    def drugs_by_modality(self) -> list[tuple[str, int]]:
        fast = summary.drugs_by_modality(self.conn)
        if fast is not None:
            return fast
        sql = "SELECT modality, count(*) FROM drugs GROUP BY modality ORDER BY count(*) DESC"
        return [(str(k), int(n)) for k, n in self.conn.execute(sql)]

    def overview(self) -> Overview:
        fast = summary.overview(self.conn)
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

    def recent_events(self, limit: int = 20) -> list[Event]:
        """Newest dated events across milestones, funding, capacity and partnerships."""
        queries = (
            "SELECT m.date, 'milestone', d.name || ': ' || m.kind || "
            "ifnull(' (' || m.region || ')', '') || "
            "CASE m.status WHEN 'expected' THEN ' — expected' ELSE '' END, 'drug', m.drug_id "
            "FROM milestones m JOIN drugs d ON d.id = m.drug_id ORDER BY m.date DESC LIMIT ?",
            "SELECT f.date, 'funding', c.name || ': ' || f.kind, 'funding', f.id "
            "FROM funding f JOIN companies c ON c.id = f.company_id ORDER BY f.date DESC LIMIT ?",
            "SELECT k.date, 'capacity', ifnull(s.name, c.name) || ': ' || "
            "CAST(CAST(k.litres AS INTEGER) AS TEXT) || ' L ' || k.status, "
            "CASE WHEN k.site_id IS NULL THEN 'company' ELSE 'site' END, "
            "ifnull(k.site_id, k.company_id) FROM capacity k "
            "JOIN companies c ON c.id = k.company_id LEFT JOIN sites s ON s.id = k.site_id "
            "ORDER BY k.date DESC LIMIT ?",
            "SELECT p.since, 'partnership', a.name || ' + ' || b.name || ': ' || p.kind, "
            "'company', p.company_id FROM partnerships p JOIN companies a ON a.id = p.company_id "
            "JOIN companies b ON b.id = p.partner_id WHERE p.since IS NOT NULL "
            "ORDER BY p.since DESC LIMIT ?",
        )
        events = [
            Event(str(row[0]), row[1], row[2], row[3], str(row[4]))
            for sql in queries
            for row in self.conn.execute(sql, (limit,))
        ]
        events.sort(key=lambda e: e.date, reverse=True)
        return events[:limit]

    def event_rows(self, limit: int = 20) -> list[EventRow]:
        """Like `recent_events`, but with each part in its own field (for labelling)."""
        queries = (
            "SELECT m.date, 'milestone', d.name, m.kind, m.region, m.status, NULL, NULL, "
            "NULL, NULL, 'drug', m.drug_id FROM milestones m JOIN drugs d ON d.id = m.drug_id "
            "ORDER BY m.date DESC LIMIT ?",
            "SELECT f.date, 'funding', c.name, f.kind, NULL, NULL, f.amount, f.currency, "
            "f.qualifier, f.amount_usd, 'funding', f.id FROM funding f "
            "JOIN companies c ON c.id = f.company_id ORDER BY f.date DESC LIMIT ?",
            "SELECT k.date, 'capacity', ifnull(s.name, c.name), k.status, NULL, NULL, "
            "k.litres, NULL, k.qualifier, NULL, "
            "CASE WHEN k.site_id IS NULL THEN 'company' ELSE 'site' END, "
            "ifnull(k.site_id, k.company_id) FROM capacity k "
            "JOIN companies c ON c.id = k.company_id LEFT JOIN sites s ON s.id = k.site_id "
            "ORDER BY k.date DESC LIMIT ?",
            "SELECT p.since, 'partnership', a.name, p.kind, b.name, NULL, NULL, NULL, NULL, "
            "NULL, 'company', p.company_id FROM partnerships p "
            "JOIN companies a ON a.id = p.company_id JOIN companies b ON b.id = p.partner_id "
            "WHERE p.since IS NOT NULL ORDER BY p.since DESC LIMIT ?",
        )
        rows = [
            EventRow(str(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                     str(r[11]))
            for sql in queries
            for r in self.conn.execute(sql, (limit,))
        ]
        rows.sort(key=lambda e: e.date, reverse=True)
        return rows[:limit]

    def search(self, text: str, limit: int = 20) -> list[search.SearchHit]:
        return search.search(self.conn, text, limit)

    # -- imports: matching rows by natural key, resolving references ----------

    def stored_by_key(
        self, model: type[Record], keys: Iterable[tuple[Any, ...]]
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
