"""Windowed, filtered, sorted lists for the table screens — one SQL query per window.

Each list screen is described by a `ListSpec`: the columns it can show and
sort on, the facets it offers, and how its filter text is matched. Filter
text is always bound as a parameter; column and sort names are checked
against the spec, never taken from the user verbatim.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from bioterm.store import windowing

MIN_SUBSTRING = 3
"""The trigram index answers substring queries of three or more characters;
shorter filter text matches names by prefix through the b-tree indexes."""


@dataclass(frozen=True)
class ListColumn:
    key: str
    label: str
    sql: str
    width: int
    sort_sql: str | None = None
    """Expression to order by; None means the column is not sortable."""
    numeric: bool = False
    sort_joins: bool = False
    """The sort expression reads a joined table (so the window query joins it)."""


@dataclass(frozen=True)
class ListSpec:
    """One list's SQL, declared in parts that the window, count and facet queries
    compose: the table and its alias, the joins display columns need, the columns."""

    entity: str
    """The listed table."""
    alias: str
    columns: tuple[ListColumn, ...]
    facets: dict[str, str]
    """Facet name -> SQL column it restricts."""
    search_kind: str | None
    """Which entries of the search index the filter text matches."""
    default_sort: str
    company_sql: str
    """The column that names the row's company (restricts a list to one company)."""
    joins: str = ""
    """JOIN clauses for display columns; filters and counts never need them."""
    base_where: str = ""
    """A condition every listed row meets (a list of a subset of the table)."""
    search_ref_sql: str = ""
    """What the search index's ref is compared with; the row id unless set."""
    extra_filter_sql: tuple[str, ...] = ()
    """Columns also matched by substring (not indexed; small tables only)."""

    @property
    def id_sql(self) -> str:
        return f"{self.alias}.id"

    @property
    def table_sql(self) -> str:
        return f"{self.entity} {self.alias}"

    @property
    def from_sql(self) -> str:
        return f"{self.table_sql} {self.joins}".strip()

    def column(self, key: str) -> ListColumn:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    company_id: str | None = None
    """Restrict to one company's rows (detail views)."""


def fts_phrase(text: str) -> str:
    """Quote text as one FTS5 phrase so its punctuation is never query syntax."""
    return '"' + text.replace('"', '""') + '"'


def fetch_window(
    conn: sqlite3.Connection, spec: ListSpec, query: ListQuery, offset: int, limit: int
) -> list[tuple[Any, ...]]:
    """Rows `offset`..`offset+limit` as (id, *column values)."""
    # The query shapes that stay fast on a million rows live in windowing.py.
    return windowing.fetch_window(conn, spec, query, offset, limit)


def count(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> int:
    return windowing.count(conn, spec, query)


def facet_counts(
    conn: sqlite3.Connection, spec: ListSpec, facet: str, query: ListQuery
) -> list[tuple[str, int]]:
    """How many rows each value of `facet` has under the rest of the query."""
    return windowing.facet_counts(conn, spec, facet, query)


SPECS: dict[str, ListSpec] = {
    "companies": ListSpec(
        entity="companies",
        alias="c",
        columns=(
            ListColumn("name", "Name", "c.name", 30, "c.name COLLATE NOCASE"),
            ListColumn("name_zh", "中文名", "c.name_zh", 12, "c.name_zh"),
            ListColumn("kind", "Kind", "c.kind", 11, "c.kind"),
            ListColumn("tickers", "Tickers", "c.tickers", 12, "c.tickers"),
            ListColumn("city", "City", "c.hq_city", 12, "c.hq_city"),
            ListColumn("country", "Country", "c.hq_country", 10, "c.hq_country"),
            ListColumn("founded", "Founded", "c.founded", 8, "c.founded"),
        ),
        facets={"kind": "c.kind", "country": "c.hq_country"},
        search_kind="company",
        default_sort="name",
        company_sql="c.id",
    ),
    "drugs": ListSpec(
        entity="drugs",
        alias="d",
        joins="LEFT JOIN companies co ON co.id = d.company_id",
        columns=(
            ListColumn("name", "Drug", "d.name", 24, "d.name COLLATE NOCASE"),
            # Sorted by the company's id, a slug of its name: indexed, so a
            # million drugs sort without a join (co.name would sort them all).
            ListColumn("company", "Company", "co.name", 20, "d.company_id"),
            ListColumn("modality", "Modality", "d.modality", 14, "d.modality"),
            ListColumn("targets", "Targets", "d.targets", 14, "d.targets"),
            ListColumn("phase", "Phase", "d.phase", 13, "d.phase_rank"),
            ListColumn("fic", "FIC", "d.first_in_class", 3, "d.first_in_class"),
            ListColumn("indications", "Indications", "d.indications", 30, None),
        ),
        facets={"phase": "d.phase", "modality": "d.modality"},
        search_kind="drug",
        default_sort="name",
        company_sql="d.company_id",
    ),
    "sites": ListSpec(
        entity="sites",
        alias="s",
        joins="LEFT JOIN companies co ON co.id = s.company_id",
        columns=(
            ListColumn("name", "Site", "s.name", 30, "s.name COLLATE NOCASE"),
            ListColumn("company", "Company", "co.name", 18, "s.company_id"),
            ListColumn("kind", "Kind", "s.kind", 12, "s.kind"),
            ListColumn("status", "Status", "s.status", 12, "s.status"),
            ListColumn("city", "City", "s.city", 12, "s.city"),
            ListColumn("country", "Country", "s.country", 10, "s.country"),
            ListColumn("area", "Area m²", "s.area_m2", 9, "s.area_m2", numeric=True),
        ),
        facets={"status": "s.status", "kind": "s.kind", "country": "s.country"},
        search_kind="site",
        default_sort="name",
        company_sql="s.company_id",
    ),
    "funding": ListSpec(
        entity="funding",
        alias="f",
        joins="LEFT JOIN companies co ON co.id = f.company_id",
        columns=(
            ListColumn("date", "Date", "f.date", 10, "f.date"),
            ListColumn("company", "Recipient", "co.name", 24, "f.company_id"),
            ListColumn("kind", "Kind", "f.kind", 14, "f.kind"),
            ListColumn("amount", "Amount", "f.amount", 10, "f.amount", numeric=True),
            ListColumn("currency", "Cur", "f.currency", 4, "f.currency"),
            ListColumn("qualifier", "Q", "f.qualifier", 2, None),
            ListColumn("usd", "USD", "f.amount_usd", 10, "f.amount_usd", numeric=True),
            ListColumn("investors", "Investors / body", "f.investors", 30, None),
        ),
        facets={"kind": "f.kind", "currency": "f.currency"},
        search_kind="company",
        default_sort="date",
        company_sql="f.company_id",
        search_ref_sql="f.company_id",
        extra_filter_sql=("f.investors",),
    ),
    "deals": ListSpec(
        entity="deals",
        alias="d",
        joins="LEFT JOIN companies lic ON lic.id = d.licensor_id "
        "LEFT JOIN companies lee ON lee.id = d.licensee_id",
        columns=(
            ListColumn("date", "Date", "d.date", 10, "d.date"),
            ListColumn("licensor", "Licensor / target", "lic.name", 22, "d.licensor_id"),
            ListColumn("licensee", "Licensee / buyer", "lee.name", 22, "d.licensee_id"),
            ListColumn("kind", "Kind", "d.kind", 14, "d.kind"),
            ListColumn("direction", "Direction", "d.direction", 13, "d.direction"),
            ListColumn("upfront_usd", "Upfront US$", "d.upfront_usd", 12, "d.upfront_usd",
                       numeric=True),
            ListColumn("total_usd", "Total US$", "d.total_usd", 12, "d.total_usd",
                       numeric=True),
            ListColumn("programmes", "Drugs", "d.programmes", 30, None),
            ListColumn("territory", "Territory", "d.territory", 24, "d.territory"),
            ListColumn("status", "Status", "d.status", 11, "d.status"),
        ),
        facets={"kind": "d.kind", "direction": "d.direction", "territory": "d.territory"},
        search_kind="deal",
        default_sort="date",
        company_sql="d.licensor_id",
    ),
    "investors": ListSpec(
        entity="companies",
        alias="c",
        # Each investor's figures from the summary the store keeps (investor_summary.py):
        # indexed, so a window sorted by rounds walks an index instead of 1.5 M links.
        # EXISTS (a probe per row), not IN: with IN the planner starts from all
        # 14,000 investors and sorts them for every window, even by name.
        joins="JOIN summary_investor si ON si.investor_id = c.id",
        base_where="EXISTS (SELECT 1 FROM summary_investor x WHERE x.investor_id = c.id)",
        columns=(
            ListColumn("name", "Investor", "c.name", 30, "c.name COLLATE NOCASE"),
            ListColumn("name_zh", "中文名", "c.name_zh", 10, "c.name_zh"),
            ListColumn("kind", "Kind", "c.kind", 13, "c.kind"),
            ListColumn("rounds", "Rounds", "si.rounds", 7, "si.rounds", numeric=True,
                       sort_joins=True),
            ListColumn("led", "Led", "si.led", 5, "si.led", numeric=True, sort_joins=True),
            ListColumn("size_usd", "Rounds' size US$", "si.size_usd", 16, "si.size_usd",
                       numeric=True, sort_joins=True),
            ListColumn("first", "First", "si.first", 10, "si.first", sort_joins=True),
            ListColumn("last", "Last", "si.last", 10, "si.last", sort_joins=True),
            ListColumn("country", "Country", "c.hq_country", 13, "c.hq_country"),
        ),
        facets={"kind": "c.kind", "country": "c.hq_country"},
        search_kind="company",
        default_sort="name",
        company_sql="c.id",
    ),
}
