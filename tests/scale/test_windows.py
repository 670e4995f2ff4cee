"""Windows are consistent whatever plan serves them: sparse or dense, near or far end."""

from __future__ import annotations

import pytest

from bioterm.store import ListQuery, Store, windowing
from bioterm.store.listing import SPECS


def _all(store: Store, entity: str, query: ListQuery) -> list[tuple[object, ...]]:
    return store.list_window(entity, query, 0, 1_000_000)


@pytest.mark.parametrize("entity", list(SPECS))
def test_pages_tile_the_list_and_far_pages_read_backwards(
    generated_store: Store, entity: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = generated_store
    for column in [c for c in SPECS[entity].columns if c.sort_sql][:3]:
        for descending in (False, True):
            query = ListQuery(sort=column.key, descending=descending)
            everything = _all(store, entity, query)
            assert len(everything) == store.list_count(entity, query)
            monkeypatch.setattr(windowing, "REVERSE_FROM", 10)
            pages = [row for start in range(0, len(everything), 37)
                     for row in store.list_window(entity, query, start, 37)]
            monkeypatch.undo()
            assert pages == everything, (column.key, descending)
            assert store.list_window(entity, query, len(everything) + 5, 10) == []


@pytest.mark.parametrize("entity", list(SPECS))
@pytest.mark.parametrize("text", ["a", "ab", "abc", "bio", "pd-1", "zzqx"])
def test_dense_and_sparse_plans_agree(
    generated_store: Store, entity: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = generated_store
    query = ListQuery(text=text)
    sparse = _all(store, entity, query)
    count = store.list_count(entity, query)
    monkeypatch.setattr(windowing, "SPARSE_LIMIT", 0)
    dense = _all(store, entity, query)
    assert dense == sparse
    assert store.list_count(entity, query) == count == len(sparse)
    facets = store.facet_counts(entity, next(iter(SPECS[entity].facets)), query)
    assert sum(n for _, n in facets) <= count


def test_unfiltered_counts_and_facets_come_from_the_summary(generated_store: Store) -> None:
    store = generated_store
    for entity, spec in SPECS.items():
        subset = f" WHERE {spec.base_where}" if spec.base_where else ""
        and_subset = f" AND {spec.base_where}" if spec.base_where else ""
        exact = store.conn.execute(
            f"SELECT count(*) FROM {spec.table_sql}{subset}").fetchone()[0]
        assert store.list_count(entity, ListQuery()) == exact
        for facet, column in spec.facets.items():
            table = spec.from_sql.split()[0]
            alias = spec.from_sql.split()[1]
            live = sorted(
                ((str(v), n) for v, n in store.conn.execute(
                    f"SELECT {column}, count(*) FROM {table} {alias} "
                    f"WHERE {column} IS NOT NULL{and_subset} "
                    f"GROUP BY {column}")),
                key=lambda p: (-p[1], p[0]))
            assert store.facet_counts(entity, facet, ListQuery()) == live
            for value, n in live[:2]:
                assert store.list_count(entity, ListQuery(facets={facet: value})) == n
            if len(live) >= 2:
                (a, n_a), (b, n_b) = live[:2]
                assert store.list_count(entity, ListQuery(facets={facet: (a, b)})) == n_a + n_b
