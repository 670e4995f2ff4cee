from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bioterm.models import Company, Drug, Funding
from bioterm.paths import DbLocation, Origin
from bioterm.store import ListQuery, Store, schema

SRC = "shenzhen-daily-ascentawits-2023"


def test_schema_is_versioned_and_marked(reports_db: Path) -> None:
    conn = sqlite3.connect(reports_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_every_filter_and_sort_column_is_indexed(reports_db: Path) -> None:
    conn = sqlite3.connect(reports_db)
    indexed = {
        (table, row[2])
        for table in ("companies", "drugs", "sites", "funding", "capacity", "milestones")
        for index in conn.execute(f"PRAGMA index_list({table})")
        for row in conn.execute(f"PRAGMA index_info({index[1]})")
    }
    for table, column in [
        ("companies", "name"), ("companies", "kind"), ("drugs", "name"), ("drugs", "phase_rank"),
        ("drugs", "modality"), ("drugs", "company_id"), ("sites", "status"),
        ("sites", "company_id"),
        ("funding", "date"), ("funding", "kind"), ("funding", "company_id"),
        ("capacity", "site_id"), ("milestones", "drug_id"),
    ]:
        assert (table, column) in indexed, (table, column)


def test_list_window_filters_sorts_and_pages(writable_store: Store) -> None:
    store = writable_store
    everything = store.list_window("companies", ListQuery(), 0, 100)
    assert len(everything) == store.list_count("companies", ListQuery())
    names = [row[1] for row in everything]
    assert names == sorted(names, key=str.casefold)
    page = store.list_window("companies", ListQuery(), 2, 3)
    assert page == everything[2:5]
    reverse = store.list_window("companies", ListQuery(sort="name", descending=True), 0, 100)
    assert [r[1] for r in reverse] == names[::-1]
    universities = ListQuery(facets={"kind": "university"})
    assert store.list_count("companies", universities) == 6
    assert {r[3] for r in store.list_window("companies", universities, 0, 50)} == {"university"}
    shenzhen = store.list_window("companies", ListQuery(text="shenzhen"), 0, 50)
    # Name or headquarters city: seven are named after the city, two more sit in it.
    assert len(shenzhen) == 9
    assert all("shenzhen" in f"{r[1]} {r[5]}".casefold() for r in shenzhen)
    assert [r[1] for r in store.list_window("companies", ListQuery(text="ak"), 0, 50)] == [
        "Akeso, Inc."
    ]


def test_filter_text_is_data_not_sql(writable_store: Store) -> None:
    for text in ["' OR 1=1 --", '"', "%", "_", "a\"b", "NEAR(", "*", "^"]:
        assert writable_store.list_count("companies", ListQuery(text=text)) == 0


def test_facet_counts(writable_store: Store) -> None:
    counts = dict(writable_store.facet_counts("sites", "status", ListQuery()))
    assert counts == {"operational": 4, "planned": 1}


def test_a_facet_takes_several_values(writable_store: Store) -> None:
    store = writable_store
    either = ListQuery(facets={"kind": ("university", "biotech")})
    assert store.list_count("companies", either) == 6 + 3
    assert {r[3] for r in store.list_window("companies", either, 0, 50)} == {"university",
                                                                               "biotech"}
    # A bare string is one value, not its letters; no values is no facet.
    assert ListQuery(facets={"kind": "university"}).facets == {"kind": ("university",)}
    assert not ListQuery(facets={"kind": ()}).narrowed


def test_facet_counts_follow_the_filter_and_the_other_facets(writable_store: Store) -> None:
    store = writable_store
    either = ListQuery(facets={"kind": ("university", "biotech")})
    # Another facet counts only the rows the chosen kinds leave ...
    assert dict(store.facet_counts("companies", "country", either)) == {
        "China": 5, "United States": 2, "Germany": 1, "United Kingdom": 1}
    # ... while a facet's own counts ignore its own choice, so each value says how
    # many rows choosing it too would show; the filter text narrows them all.
    shen = ListQuery(text="shen", facets={"kind": ("university",)})
    assert dict(store.facet_counts("companies", "kind", shen)) == {
        "government": 3, "university": 3, "biotech": 1, "investor": 1,
        "research_institute": 1}
    assert store.facet_counts("companies", "country", shen) == [("China", 3)]


def test_search_by_name_chinese_name_pinyin_and_ticker(writable_store: Store) -> None:
    store = writable_store
    with store.transaction():
        store.upsert([Company(id="kangfang", name="Kangfang Test Co", name_zh="康方生物",
                              tickers="9999.HK", kind="biotech", source_id=SRC)])
    for query in ["康方", "康方生物", "kangfang", "kfsw", "9999.hk", "Test Co", "fang test"]:
        assert ("company", "kangfang") in [(h.kind, h.ref) for h in store.search(query)], query
    assert store.search("cadon")[0].ref == "cadonilimab"
    assert store.search("knowledge city")[0].ref == "akeso-guangzhou-knowledge-city"
    assert store.search("") == []


def test_upsert_inserts_updates_and_leaves_unchanged(writable_store: Store) -> None:
    store = writable_store
    drug = Drug(id="new-drug", name="New Drug", company_id="akeso", modality="mab",
                phase="phase_1", source_id=SRC)
    with store.transaction():
        first = store.upsert([drug])
    assert first.inserted == [("new-drug",)]
    with store.transaction():
        again = store.upsert([drug])
    assert again.unchanged == 1 and not again.inserted and not again.updated
    moved = drug.model_copy(update={"phase": "phase_2"})
    with store.transaction():
        changed = store.upsert([moved])
    assert changed.updated == [(("new-drug",), {"phase": ("phase_1", "phase_2")})]
    assert store.drug_detail("new-drug").drug.phase == "phase_2"


def test_a_failed_transaction_writes_nothing(writable_store: Store) -> None:
    store = writable_store
    before = store.counts()
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.upsert([Funding(company_id="akeso", date="2024", kind="grant", source_id=SRC)])
        store.upsert([Funding(company_id="nobody", date="2024", kind="grant", source_id=SRC)])
    assert store.counts() == before


def test_usd_amounts_follow_the_rate_table(writable_store: Store) -> None:
    from bioterm.models import FxRate

    store = writable_store
    with store.transaction():
        store.upsert([FxRate(currency="CNY", year=2022, usd=0.15, source_id=SRC)])
    funding = store.company_detail("ascentawits").funding
    award = next(r for r in funding if r.funding.kind == "award")
    assert award.amount_usd == pytest.approx(22_330_000 * 0.15)


def test_details_cross_link(writable_store: Store) -> None:
    akeso = writable_store.company_detail("akeso")
    assert {d.id for d in akeso.drugs} == {"penpulimab", "cadonilimab"}
    assert [s.id for s in akeso.sites] == ["akeso-guangzhou-knowledge-city"]
    assert {p.other_id for p in akeso.partnerships} == {"cytiva"}
    assert {s.id for s in akeso.sources} == {"akeso-cytiva-flexfactory-2021"}
    site = writable_store.site_detail("akeso-guangzhou-knowledge-city")
    assert site.partner.name == "Cytiva" and len(site.capacity) == 2
    assert writable_store.drug_detail("cadonilimab").company.id == "akeso"
    assert writable_store.company_detail("missing") is None


def test_recent_events_are_newest_first(writable_store: Store) -> None:
    events = writable_store.event_rows(10)
    dates = [e.date for e in events]
    assert dates == sorted(dates, reverse=True)
    assert events[0].date == "2023-09-26"


def test_migration_brings_an_older_file_forward(
    reports_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE companies ADD COLUMN website TEXT")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION, add_column)
    before = sqlite3.connect(reports_db).execute("SELECT count(*) FROM companies").fetchone()
    store = Store.open(DbLocation(reports_db, Origin.OPTION))
    assert store.schema_version() == schema.SCHEMA_VERSION
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(companies)")]
    assert "website" in columns
    assert store.conn.execute("SELECT count(*) FROM companies").fetchone() == before


def test_currency_uses_the_nearest_year_with_a_rate() -> None:
    from bioterm.currency import rate_for, rate_year, to_usd

    rates = {("CNY", 2021): 0.155, ("CNY", 2023): 0.141}
    assert rate_year(rates, "CNY", 2021) == 2021
    assert rate_year(rates, "CNY", 2022) == 2023  # a tie goes to the later year
    assert rate_year(rates, "CNY", 2026) == 2023
    assert rate_year(rates, "EUR", 2021) is None and rate_for(rates, "EUR", 2021) is None
    assert rate_for(rates, "USD", 1999) == 1.0
    assert to_usd(100.0, "CNY", 2020, rates) == pytest.approx(15.5)
    assert to_usd(None, "CNY", 2020, rates) is None


def test_funding_detail_says_which_year_converted_it(writable_store: Store) -> None:
    store = writable_store
    with store.transaction():
        store.upsert([Funding(company_id="ascentawits", date="2031", kind="grant",
                              amount=1_000_000, currency="CNY", source_id=SRC)])
    rates = store.fx_rates()
    latest = max(y for c, y in rates if c == "CNY")
    funding = store.company_detail("ascentawits").funding
    grant = next(r for r in funding if r.funding.date == "2031")
    detail = store.funding_detail(grant.id)
    assert detail.rate_year == latest  # no 2031 rate: the nearest year's
    assert grant.amount_usd == pytest.approx(1_000_000 * rates[("CNY", latest)])
    award = next(r for r in funding if r.funding.kind == "award")
    assert store.funding_detail(award.id).rate_year == 2022
