"""The grouping and landscape SQL, counted exactly on the UI fixture database.

The fixture's drugs: Penpulimab (Akeso, filed, PD-1), Cadonilimab (Akeso,
registrational, PD-1; CTLA-4) and Ascentawits' liver-cancer SMDC (phase 2, no
target, three indications).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, location

from bioterm.store import ListQuery, Store
from bioterm.store.grouping import phase_order, with_group

DAY = TODAY.isoformat()


@pytest.fixture
def store(ui_db: Path) -> Iterator[Store]:
    opened = Store.open(location(ui_db))
    yield opened
    opened.close()


def _counts(store: Store, list_key: str, key: str, query: ListQuery | None = None
            ) -> list[tuple[str, int]]:
    table = store.group_table(list_key, query or ListQuery(), key, DAY)
    return [(r.label or r.value, r.count) for r in table.rows]


def test_drugs_group_by_each_declared_column(store: Store) -> None:
    assert _counts(store, "drugs", "company") == [
        ("Akeso, Inc.", 2), ("Ascentawits Pharmaceuticals Ltd.", 1)]
    assert _counts(store, "drugs", "phase") == [
        ("filed", 1), ("phase_2", 1), ("registrational", 1)]
    # A list column: each item its own group; a drug without targets is in none.
    assert _counts(store, "drugs", "targets") == [("PD-1", 2), ("CTLA-4", 1)]
    assert len(_counts(store, "drugs", "indications")) == 4
    assert [c.key for c in store.group_columns("drugs")] == [
        "company", "phase", "modality", "targets", "indications"]


def test_capacity_is_summed_per_kind_never_across_kinds(store: Store) -> None:
    table = store.group_table("companies", ListQuery(), "country", DAY)
    assert [s.key for s in table.sums] == ["litres:biologics_bioreactor",
                                           "litres:chemical_reactor"]
    rows = {r.value: (r.count, r.sums) for r in table.rows}
    assert rows["China"] == (13, (20000.0, 9000.0))
    assert rows["United States"] == (3, (None, None))
    assert rows[""] == (2, (None, None))  # no country recorded
    assert sum(count for count, _ in rows.values()) == 20
    # Sites: each site's latest operational step of each kind, summed per group.
    sites = store.group_table("sites", ListQuery(), "company", DAY)
    assert [s.key for s in sites.sums] == ["litres:biologics_bioreactor",
                                           "litres:chemical_reactor"]
    assert [(r.value, r.count, r.sums) for r in sites.rows] == [
        ("ascentawits", 4, (None, None)), ("akeso", 1, (20000.0, 9000.0))]
    # Before the chemical reactor's year, its litres are not yet operational.
    earlier = store.group_table("sites", ListQuery(), "company", "2023-12-31")
    assert earlier.rows[1].sums == (20000.0, None)


def test_usd_sums_for_funding_and_deals(store: Store) -> None:
    funding = store.group_table("funding", ListQuery(), "year", DAY)
    assert [(r.value, r.count, r.sums) for r in funding.rows] == [
        ("2022", 2, (10755471.0,)), ("2023", 1, (706000000.0,))]
    deals = store.group_table("deals", ListQuery(), "kind", DAY)
    assert [(r.value, r.count, r.sums) for r in deals.rows] == [
        ("licence", 1, (14120000.0, 141200000.0))]


def test_groups_follow_the_lists_query(store: Store) -> None:
    query = ListQuery(text="shen")
    kinds = _counts(store, "companies", "kind", query)
    assert sum(n for _, n in kinds) == store.list_count("companies", query) == 10
    assert kinds[:2] == [("government", 3), ("university", 3)]
    faceted = ListQuery(text="shen", facets={"kind": "university"})
    assert _counts(store, "companies", "country", faceted) == [("China", 3)]
    assert _counts(store, "drugs", "targets", ListQuery(facets={"phase": "filed"})) == [
        ("PD-1", 1)]


def test_an_opened_group_restricts_window_count_and_facets(store: Store) -> None:
    query = with_group(ListQuery(), "targets", "pd-1")  # any case, exactly one item
    assert store.list_count("drugs", query) == 2
    window = store.list_window("drugs", query, 0, 100)
    assert sorted(r["name"] for r in window) == ["Cadonilimab", "Penpulimab"]
    assert store.facet_counts("drugs", "phase", query) == [("filed", 1), ("registrational", 1)]
    # An item is matched whole: "PD" is no target of either drug.
    assert store.list_count("drugs", with_group(ListQuery(), "targets", "PD")) == 0
    # Groups combine, and opening another value of the same column replaces it.
    both = with_group(query, "phase", "filed")
    assert [r["name"] for r in store.list_window("drugs", both, 0, 100)] == ["Penpulimab"]
    assert with_group(both, "phase", "registrational").groups == (
        ("targets", "pd-1"), ("phase", "registrational"))
    # The group of rows without a value.
    none = with_group(ListQuery(), "country", "")
    assert store.list_count("companies", none) == 2
    with pytest.raises(KeyError):
        store.list_count("drugs", with_group(ListQuery(), "nonsense", "x"))


def test_landscape_counts_programmes_per_company_and_phase(store: Store) -> None:
    cells = store.landscape("targets", "pd-1")
    assert [(c.company_id, c.phase, c.count, c.drugs) for c in cells] == [
        ("akeso", "filed", 1, ("Penpulimab",)),
        ("akeso", "registrational", 1, ("Cadonilimab",))]
    assert [(c.company, c.phase) for c in store.landscape("targets", "CTLA-4")] == [
        ("Akeso, Inc.", "registrational")]
    liver = store.landscape("indications", "recurrent or refractory liver cancer")
    assert [(c.company_id, c.phase, c.count) for c in liver] == [
        ("ascentawits", "phase_2", 1)]
    assert store.landscape("targets", "TROP2") == []
    with pytest.raises(KeyError):
        store.landscape("company", "akeso")


def test_landscape_subjects_and_phase_order(store: Store) -> None:
    assert store.landscape_subjects("targets", "c") == ["CTLA-4"]
    assert store.landscape_subjects("targets", "PD-1") == ["PD-1"]
    assert store.landscape_subjects("targets", "") == []
    assert store.landscape_subjects("indications", "kras") == [
        "KRAS-mutant intrahepatic bile duct cancer (planned)",
        "KRAS-mutant pancreatic cancer (planned)"]
    assert phase_order({"filed", "registrational", "discontinued", "odd"}) == [
        "discontinued", "registrational", "filed", "odd"]
