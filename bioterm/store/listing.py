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


@dataclass(frozen=True)
class ListSpec:
    entity: str
    from_sql: str
    id_sql: str
    columns: tuple[ListColumn, ...]
    facets: dict[str, str]
    """Facet name -> SQL column it restricts."""
    search_kind: str | None
    """Which entries of the search index the filter text matches."""
    default_sort: str
    company_sql: str
    """The column that names the row's company (restricts a list to one company)."""
    search_ref_sql: str = ""
    """What the search index's ref is compared with; the row id unless set."""
    extra_filter_sql: tuple[str, ...] = ()
    """Columns also matched by substring (not indexed; small tables only)."""

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
        from_sql="companies c",
        id_sql="c.id",
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
        from_sql="drugs d LEFT JOIN companies co ON co.id = d.company_id",
        id_sql="d.id",
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
        from_sql="sites s LEFT JOIN companies co ON co.id = s.company_id",
        id_sql="s.id",
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
        from_sql="funding f LEFT JOIN companies co ON co.id = f.company_id",
        id_sql="f.id",
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
}
