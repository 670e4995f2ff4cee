"""Windowed, filtered, sorted lists for the table screens — one SQL query per window.

Each list screen is described by a `ListSpec`: the columns it can show and
sort on, the facets it offers, and how its filter text is matched. Filter
text is always bound as a parameter; column and sort names are checked
against the spec, never taken from the user verbatim.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from bioterm.enums import FundingKind, Vocabulary
from bioterm.store import windowing
from bioterm.store.list_day import KIND, TODAY


@dataclass(frozen=True)
class ListColumn:
    """The SQL of one field of a list, named by the key the registry's column uses.

    Label, width and cell format are the registry's (`entities.Column`); a
    window's rows carry each field under its key, so nothing downstream
    depends on the order fields are declared or selected in.
    """

    key: str
    sql: str
    """What the window selects, as `sql AS "key"`."""
    sort_sql: str | None = None
    """Expression to order by; None means the column is not sortable."""
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
    related: tuple[str, ...] = ()
    """Columns naming a company: plain filter text also finds a row whose company
    it finds (by name, Chinese name, pinyin or ticker), through the companies'
    own search entries, so a company's names are not copied into each row's."""
    tiebreak_sql: str = ""
    """A unique column that orders rows with equal sort values; the rowid unless
    set (every single-column index holds it in order already)."""

    @property
    def id_sql(self) -> str:
        return f"{self.alias}.id"

    @property
    def tiebreak(self) -> str:
        return self.tiebreak_sql or f"{self.alias}.rowid"

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
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per facet, the values a row may have (any of them); `{"kind": "university"}`
    is read as one value, and a facet with no values is dropped."""
    sort: str | None = None
    descending: bool = False
    company_id: str | None = None
    """Restrict to one company's rows (detail views)."""
    watched_only: bool = False
    """Only the rows on the user's watchlist."""
    groups: tuple[tuple[str, str], ...] = ()
    """Only the rows of these groups, each (group column key, value) of
    `store/groups.GROUPINGS`: an opened group of the frequency table, a landscape cell."""
    today: date | None = None
    """The day capacity "now" is read at (the system date unless told)."""
    capacity_kind: str | None = None
    """The kind of capacity the litres columns show (biologics unless told)."""

    def __post_init__(self) -> None:
        # A bare string is one value, not the letters of one (a str is a sequence).
        facets = {name: (values,) if isinstance(values, str) else tuple(values)
                  for name, values in self.facets.items()}
        object.__setattr__(self, "facets", {k: v for k, v in facets.items() if v})

    @property
    def narrowed(self) -> bool:
        """Whether anything keeps rows out: text, facets, a company, ★ only, groups."""
        return bool(self.text.strip() or self.facets or self.company_id is not None
                    or self.watched_only or self.groups)


def fetch_window(
    conn: sqlite3.Connection, spec: ListSpec, query: ListQuery, offset: int, limit: int
) -> list[sqlite3.Row]:
    """Rows `offset`..`offset+limit`, each read by key: `row["id"]` and every field's."""
    # The query shapes that stay fast on a million rows live in windowing.py.
    return windowing.fetch_window(conn, spec, query, offset, limit)


def count(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> int:
    return windowing.count(conn, spec, query)


def facet_counts(
    conn: sqlite3.Connection, spec: ListSpec, facet: str, query: ListQuery
) -> list[tuple[str, int]]:
    """How many rows each value of `facet` has under the rest of the query."""
    return windowing.facet_counts(conn, spec, facet, query)


_OPERATIONAL = f"'operational:{KIND}'"
_PLANNED = f"'planned:{KIND}'"
# A company's litres of the query's kind from its timeline's step deltas in the summary
# (summary.py): operational today is the sum of the steps up to today, planned
# the sum of them all. One search of the primary key (company_id, series, date)
# per company, so a sort reads 100,000 short ranges, never the capacity points.
_COMPANY_NOW = ("(SELECT sum(k.delta) FROM summary_capacity_company k WHERE k.company_id = c.id "
                f"AND k.series = {_OPERATIONAL} AND k.date <= {TODAY})")
_COMPANY_PLANNED = ("(SELECT sum(k.delta) FROM summary_capacity_company k "
                    f"WHERE k.company_id = c.id AND k.series = {_PLANNED})")
# A partial date ("2025", "2025-06") starts its period, as timeline.py reads it.
_START = "k.date || substr('-01-01', length(k.date) - 3)"
# A site's litres of the query's kind: its latest operational step up to today, and its
# latest announced (planned or under construction) step, or what runs if more;
# as timeline.site_timeline reads its points. Searched through capacity_site.
_SITE_NOW = ("(SELECT k.litres FROM capacity k WHERE k.site_id = s.id "
             f"AND k.kind = '{KIND}' "
             f"AND k.status = 'operational' AND {_START} <= {TODAY} "
             f"ORDER BY {_START} DESC, k.rowid DESC LIMIT 1)")
_SITE_ANNOUNCED = ("(SELECT k.litres FROM capacity k WHERE k.site_id = s.id "
                   f"AND k.kind = '{KIND}' AND k.status IN ('planned', 'under_construction') "
                   f"ORDER BY {_START} DESC, k.rowid DESC LIMIT 1)")
_SITE_LAST = ("(SELECT k.litres FROM capacity k WHERE k.site_id = s.id "
              f"AND k.kind = '{KIND}' "
              f"AND k.status = 'operational' ORDER BY {_START} DESC, k.rowid DESC LIMIT 1)")
_SITE_PLANNED = f"nullif(max(ifnull({_SITE_ANNOUNCED}, 0), ifnull({_SITE_LAST}, 0)), 0)"


def label_sql(column: str, vocabulary: type[Vocabulary]) -> str:
    """The label a row shows for a vocabulary column, so filter text matches it."""
    cases = " ".join(f"WHEN '{m.value}' THEN '{m.label.replace(chr(39), chr(39) * 2)}'"
                     for m in vocabulary)
    return f"CASE {column} {cases} ELSE {column} END"


SPECS: dict[str, ListSpec] = {
    "companies": ListSpec(
        entity="companies",
        alias="c",
        columns=(
            ListColumn("name", "c.name", "c.name COLLATE NOCASE"),
            ListColumn("name_zh", "c.name_zh", "c.name_zh"),
            ListColumn("kind", "c.kind", "c.kind"),
            ListColumn("tickers", "c.tickers", "c.tickers"),
            ListColumn("city", "c.hq_city", "c.hq_city"),
            ListColumn("country", "c.hq_country", "c.hq_country"),
            ListColumn("founded", "c.founded", "c.founded"),
            ListColumn("capacity_now", _COMPANY_NOW, _COMPANY_NOW),
            ListColumn("capacity_planned", _COMPANY_PLANNED, _COMPANY_PLANNED),
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
            ListColumn("name", "d.name", "d.name COLLATE NOCASE"),
            # Sorted by the company's id, a slug of its name: indexed, so a
            # million drugs sort without a join (co.name would sort them all).
            ListColumn("company", "co.name", "d.company_id"),
            ListColumn("modality", "d.modality", "d.modality"),
            ListColumn("targets", "d.targets", "d.targets"),
            ListColumn("phase", "d.phase", "d.phase_rank"),
            ListColumn("fic", "d.first_in_class", "d.first_in_class"),
            ListColumn("indications", "d.indications", "d.indications"),
        ),
        facets={"phase": "d.phase", "modality": "d.modality"},
        search_kind="drug",
        default_sort="name",
        company_sql="d.company_id",
        related=("d.company_id",),
    ),
    "sites": ListSpec(
        entity="sites",
        alias="s",
        joins="LEFT JOIN companies co ON co.id = s.company_id",
        columns=(
            ListColumn("name", "s.name", "s.name COLLATE NOCASE"),
            ListColumn("company", "co.name", "s.company_id"),
            ListColumn("kind", "s.kind", "s.kind"),
            ListColumn("status", "s.status", "s.status"),
            ListColumn("city", "s.city", "s.city"),
            ListColumn("country", "s.country", "s.country"),
            ListColumn("area", "s.area_m2", "s.area_m2"),
            ListColumn("capacity_now", _SITE_NOW, _SITE_NOW),
            ListColumn("capacity_planned", _SITE_PLANNED, _SITE_PLANNED),
        ),
        facets={"status": "s.status", "kind": "s.kind", "country": "s.country"},
        search_kind="site",
        default_sort="name",
        company_sql="s.company_id",
        related=("s.company_id",),
    ),
    "funding": ListSpec(
        entity="funding",
        alias="f",
        joins="LEFT JOIN companies co ON co.id = f.company_id",
        columns=(
            ListColumn("date", "f.date", "f.date"),
            ListColumn("company", "co.name", "f.company_id"),
            ListColumn("kind", "f.kind", "f.kind"),
            # Amounts in different currencies compare by their US-dollar value.
            ListColumn("amount", "f.amount", "f.amount_usd"),
            ListColumn("currency", "f.currency", "f.currency"),
            ListColumn("qualifier", "f.qualifier"),
            ListColumn("usd", "f.amount_usd", "f.amount_usd"),
            ListColumn("investors", "f.investors", "f.investors"),
        ),
        facets={"kind": "f.kind", "currency": "f.currency"},
        search_kind="company",
        default_sort="date",
        company_sql="f.company_id",
        search_ref_sql="f.company_id",
        extra_filter_sql=("f.investors", label_sql("f.kind", FundingKind)),
    ),
    "deals": ListSpec(
        entity="deals",
        alias="d",
        joins="LEFT JOIN companies lic ON lic.id = d.licensor_id "
        "LEFT JOIN companies lee ON lee.id = d.licensee_id",
        columns=(
            ListColumn("date", "d.date", "d.date"),
            ListColumn("licensor", "lic.name", "d.licensor_id"),
            ListColumn("licensee", "lee.name", "d.licensee_id"),
            ListColumn("kind", "d.kind", "d.kind"),
            ListColumn("direction", "d.direction", "d.direction"),
            ListColumn("upfront_usd", "d.upfront_usd", "d.upfront_usd"),
            ListColumn("total_usd", "d.total_usd", "d.total_usd"),
            ListColumn("programmes", "d.programmes", "d.programmes"),
            ListColumn("territory", "d.territory", "d.territory"),
            ListColumn("status", "d.status", "d.status"),
        ),
        facets={"kind": "d.kind", "direction": "d.direction", "territory": "d.territory"},
        search_kind="deal",
        default_sort="date",
        company_sql="d.licensor_id",
        related=("d.licensor_id", "d.licensee_id"),
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
            ListColumn("name", "c.name", "c.name COLLATE NOCASE"),
            ListColumn("name_zh", "c.name_zh", "c.name_zh"),
            ListColumn("kind", "c.kind", "c.kind"),
            ListColumn("rounds", "si.rounds", "si.rounds", sort_joins=True),
            ListColumn("led", "si.led", "si.led", sort_joins=True),
            ListColumn("size_usd", "si.size_usd", "si.size_usd", sort_joins=True),
            ListColumn("first", "si.first", "si.first", sort_joins=True),
            ListColumn("last", "si.last", "si.last", sort_joins=True),
            ListColumn("country", "c.hq_country", "c.hq_country"),
        ),
        facets={"kind": "c.kind", "country": "c.hq_country"},
        search_kind="company",
        default_sort="name",
        company_sql="c.id",
        # By name, the walk reads companies_name_id alone (name, then id, which the
        # EXISTS probe needs): no company row is read for the 86% that are not
        # investors. Ties by rowid would need each row: 50 ms at the 3,000th investor.
        tiebreak_sql="c.id",
    ),
}
