"""Every screen query uses an index: EXPLAIN QUERY PLAN under scale-1 statistics.

The tiny generated database gets the sqlite_stat1 rows of a scale-1 database
(stat1_scale1.json), so the planner chooses as it would on a million drugs.
Each store call a screen makes is traced and every SELECT it ran is
explained. A full scan of a large table, or a sort of rows that were not
first narrowed by an index, fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import ListQuery, Store, windowing
from bioterm.store.listing import SPECS

STATS = Path(__file__).with_name("stat1_scale1.json")
SMALL_TABLES = {"sources", "fx_rates", "imports", "import_changes", "summary_total",
                "summary_capacity", "sqlite_master", "sqlite_schema"}
FULL_SCAN = re.compile(r"^SCAN (\w+)$")
TEXTS = {"none": "", "prefix": "ab", "substring": "abc"}


@pytest.fixture(scope="module")
def planned_store(generated_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("plans") / "stats.db"
    shutil.copyfile(generated_db, path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sqlite_stat1")
    conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                     [tuple(r) for r in json.loads(STATS.read_text())])
    conn.commit()
    conn.close()
    store = Store.open(DbLocation(path, Origin.OPTION))
    yield store
    store.close()


def _problems(conn: sqlite3.Connection, sql: str, *, allow_scan: frozenset[str]) -> list[str]:
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    out: list[str] = []
    for node, parent, _, detail in rows:
        scan = FULL_SCAN.match(detail)
        if scan and scan.group(1) not in SMALL_TABLES | {"w"} | allow_scan:
            out.append(detail)
        if detail.startswith("USE TEMP B-TREE FOR") and "ORDER BY" in detail:
            # A sort is fine over rows an index already narrowed (a facet, one
            # company, a list of ids) or over the window's own rows (`w`).
            siblings = [r[3] for r in rows if r[1] == parent and r[0] != node]
            scanned = [FULL_SCAN.match(s) for s in siblings]
            if any(m and m.group(1) not in allow_scan | {"w"} for m in scanned):
                out.append(detail)
    return out


def _traced(store: Store, call: Callable[[], Any]) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def _check(store: Store, call: Callable[[], Any], *, allow_scan: frozenset[str] = frozenset(),
           what: str) -> None:
    for sql in _traced(store, call):
        problems = _problems(store.conn, sql, allow_scan=allow_scan)
        assert not problems, f"{what}: {problems}\n{sql}"


def _queries(entity: str) -> list[tuple[str, ListQuery]]:
    spec = SPECS[entity]
    out: list[tuple[str, ListQuery]] = []
    facet_sets: list[dict[str, tuple[str, ...]]] = [{}] + [{f: ("x",)} for f in spec.facets]
    # Several values of one facet, and two facets at once.
    facet_sets += [{f: ("x", "y")} for f in spec.facets]
    facet_sets += [dict.fromkeys(list(spec.facets)[:2], ("x", "y"))]
    for text_name, text in TEXTS.items():
        for facets in facet_sets:
            for column in spec.columns:
                if column.sort_sql is None:
                    continue
                for descending in (False, True):
                    out.append((f"{entity} text={text_name} facets={facets} sort={column.key}"
                                f"{' desc' if descending else ''}",
                                ListQuery(text=text, facets=facets, sort=column.key,
                                          descending=descending)))
        out.append((f"{entity} text={text_name} one company",
                    ListQuery(text=text, company_id="x")))
    return out


@pytest.mark.parametrize("entity", list(SPECS))
@pytest.mark.parametrize("plan", ["as planned", "dense"])
def test_list_windows_counts_and_facets_use_indexes(
    planned_store: Store, entity: str, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if plan == "dense":
        # Force the walk-in-sort-order plan that common text gets on a large file.
        monkeypatch.setattr(windowing, "SPARSE_LIMIT", 0)
    spec = SPECS[entity]
    # Funding's investors are free text outside the search index: with filter
    # text, its queries read the table once (a known cost, see benchmarks/README.md).
    for what, query in _queries(entity):
        allow = frozenset({spec.from_sql.split()[1]}) if query.text and spec.extra_filter_sql \
            else frozenset()
        if (query.sort or "").startswith("capacity_"):
            # Litres now and planned are computed per row (one primary-key or
            # capacity_site search each), so sorting by them reads every row of
            # the list once: a known cost, the price of litres exact to the day.
            allow |= {spec.from_sql.split()[1]}
        _check(planned_store, lambda q=query: planned_store.list_window(entity, q, 0, 100),
               allow_scan=allow, what=f"window {what}")
        _check(planned_store, lambda q=query: planned_store.list_window(entity, q, 50_000, 100),
               allow_scan=allow, what=f"deep window {what}")
        _check(planned_store, lambda q=query: planned_store.list_count(entity, q),
               allow_scan=allow, what=f"count {what}")
        for facet in spec.facets:
            _check(planned_store,
                   lambda q=query, f=facet: planned_store.facet_counts(entity, f, q),
                   allow_scan=allow, what=f"facet {facet} {what}")


def test_search_detail_and_overview_queries_use_indexes(planned_store: Store) -> None:
    store = planned_store
    for text in ("a", "ab", "abc", "kang", "康方", "pd-1"):
        _check(store, lambda t=text: store.search(t), what=f"search {text!r}")
    company = store.list_window("companies", ListQuery(), 0, 1)[0][0]
    drug = store.list_window("drugs", ListQuery(), 0, 1)[0][0]
    site = store.list_window("sites", ListQuery(), 0, 1)[0][0]
    funding = store.list_window("funding", ListQuery(), 0, 1)[0][0]
    deal = store.list_window("deals", ListQuery(), 0, 1)[0][0]
    investor = store.list_window("investors", ListQuery(sort="rounds", descending=True),
                                 0, 1)[0][0]
    licensed = store.conn.execute("SELECT drug_id FROM deal_drugs LIMIT 1").fetchone()[0]
    round_ = store.conn.execute(
        "SELECT company_id, date, kind FROM funding_investors LIMIT 1").fetchone()
    ids = [r[0] for r in store.list_window("companies", ListQuery(), 0, 50)]
    sites = [r[0] for r in store.list_window("sites", ListQuery(), 0, 50)]
    calls: dict[str, Callable[[], Any]] = {
        "company_detail": lambda: store.company_detail(company),
        "drug_detail": lambda: store.drug_detail(drug),
        "site_detail": lambda: store.site_detail(site),
        "funding_detail": lambda: store.funding_detail(funding),
        "deal_detail": lambda: store.deal_detail(deal),
        "deals_of_company": lambda: store.deals_of_company(company),
        "deals_of_drug": lambda: store.deals_of_drug(licensed),
        "investor_detail": lambda: store.investor_detail(investor),
        "investor_pane": lambda: store.investor_pane(investor, 20),
        "round_investors": lambda: store.round_investors(*round_),
        "capacity_points_for_companies": lambda: store.capacity_points_for_companies(ids),
        "capacity_points_for_sites": lambda: store.capacity_points_for_sites(sites),
        "overview": store.overview,
        "industry_capacity": store.industry_capacity,
        "funding_by_year": store.funding_by_year,
        "event_rows": store.event_rows,
    }
    for name, call in calls.items():
        _check(store, call, what=name)


def _field_text(field: Any) -> str:
    if field.match == "vocab":
        return f"{field.name}:{next(iter(field.vocabulary)).label}"
    return {"year": f"{field.name}:2024", "number": f"{field.name}>100m"}.get(
        field.match, f"{field.name}:abc")


@pytest.mark.parametrize("entity", list(SPECS))
def test_filter_field_terms_use_indexes(planned_store: Store, entity: str) -> None:
    """Each declared field, alone and with plain words; text fields (city, country,
    territory, investors) are substring tests of one column, so they read their table."""
    from bioterm.store.filter_terms import _indexed, fields_of

    spec = SPECS[entity]
    table = spec.from_sql.split()[1]
    for field in fields_of(spec):
        scans = field.match == "text" or (
            field.match == "list" and not _indexed(spec, spec.search_kind or "", field))
        allow = frozenset({table}) if scans or spec.extra_filter_sql else frozenset()
        for text in (_field_text(field), f"ab {_field_text(field)}", f"company:ab {field.name}:x"):
            query = ListQuery(text=text)
            _check(planned_store, lambda q=query: planned_store.list_window(entity, q, 0, 100),
                   allow_scan=allow, what=f"window {entity} {text}")
            _check(planned_store, lambda q=query: planned_store.list_count(entity, q),
                   allow_scan=allow, what=f"count {entity} {text}")


@pytest.mark.parametrize("entity", list(SPECS))
def test_prefix_text_reads_only_the_terms_in_its_range(planned_store: Store,
                                                       entity: str) -> None:
    """With an index on (kind, ref, term), SQLite would rather read every term of
    a kind in ref order (a DISTINCT with no sort) than the prefix's range of the
    term index: 0.9 s on a million drugs for a prefix that matches nothing."""
    for text in ("ab", "q"):
        for sql in _traced(planned_store, lambda t=text: planned_store.list_window(
                entity, ListQuery(text=t), 0, 100)):
            if "search_terms" not in sql or "term >=" not in sql:
                continue
            plan = [r[3] for r in planned_store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
            assert not any("search_terms_ref (kind=?)" in p for p in plan), f"{plan}\n{sql}"


def test_a_two_letter_company_prefix_reads_its_range_not_every_company_term(
        planned_store: Store) -> None:
    """A pass over every company term took 67-88 ms on a million drugs; the range
    of even the largest two-letter prefix, 23-46 ms. Both find the same companies."""
    from bioterm.store.filter_terms import company_refs

    conn = planned_store.conn
    found = 0
    for text in ("ab", "ch", "Pd", "sh"):
        seen = _traced(planned_store, lambda t=text: company_refs(conn, t))
        assert seen and not any("substr(term" in sql for sql in seen), seen
        folded = text.casefold()
        every = {r[0] for r in conn.execute(
            "SELECT ref FROM search_terms WHERE kind = 'company' AND substr(term, 1, ?) = ?",
            (len(folded), folded))}
        assert set(company_refs(conn, text)) == every
        found += len(every)
    assert found  # the generated companies have names with these prefixes


@pytest.mark.parametrize("descending", [False, True])
def test_investors_by_name_walk_an_index_that_holds_the_id(
        planned_store: Store, descending: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """86% of companies are not investors: walking companies_name, each skipped
    company's row was read for the id the EXISTS probe needs (50 ms at the
    3,000th investor of a scale-1 file); companies_name_id holds the id. A deep
    window (read from the far end) walks it backwards."""
    monkeypatch.setattr(windowing, "REVERSE_FROM", 2)
    query = ListQuery(sort="name", descending=descending)
    total = planned_store.list_count("investors", ListQuery())
    assert total > 8
    for offset in (0, total - 4):
        windows = [sql for sql in _traced(planned_store, lambda o=offset: planned_store.list_window(
            "investors", query, o, 3)) if "summary_investor x" in sql]
        assert windows
        for sql in windows:
            plan = [r[3] for r in planned_store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
            assert "SCAN c USING COVERING INDEX companies_name_id" in plan, f"{plan}\n{sql}"


def test_a_deep_investors_window_is_the_rows_a_full_read_has_there(
        planned_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the far end past the middle (the investors' own count says where
    the middle is), deep windows hold the same rows in the same order as one read."""
    monkeypatch.setattr(windowing, "REVERSE_FROM", 2)
    store = planned_store
    total = store.list_count("investors", ListQuery())
    for query in (ListQuery(sort="name"), ListQuery(sort="name", descending=True),
                  ListQuery(sort="rounds", descending=True), ListQuery(text="a")):
        every = [r["id"] for r in store.list_window("investors", query, 0, total)]
        assert len(every) == store.list_count("investors", query)
        for offset in range(3, len(every)):
            window = [r["id"] for r in store.list_window("investors", query, offset, 4)]
            assert window == every[offset:offset + 4], (query, offset)
