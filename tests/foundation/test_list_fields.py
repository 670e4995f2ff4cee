"""A list's columns are declared once in the registry and once (their SQL) in the store,
and the two meet by key: every mismatch is named, and a window is read by key."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bioterm.entities import FUNDING, REGISTRY, Column
from bioterm.presentation.columns import display_columns, field_problems
from bioterm.store import ListQuery, Store
from bioterm.store.listing import SPECS, ListColumn


@pytest.mark.parametrize("entity", REGISTRY.listed(), ids=lambda e: e.kind)
def test_every_registry_column_meets_a_store_field_by_key(entity) -> None:  # type: ignore[no-untyped-def]
    assert field_problems(entity, SPECS[entity.list_key]) == []


def test_a_mismatch_is_named_and_refused() -> None:
    spec = SPECS[FUNDING.list_key]
    extra = replace(FUNDING, columns=(*FUNDING.columns, Column("purpose", "Purpose", 10)))
    unsortable = replace(spec, columns=tuple(
        replace(c, sort_sql=None) if c.key == "kind" else c for c in spec.columns))
    unread = replace(spec, columns=(*spec.columns, ListColumn("note", "f.note")))
    assert field_problems(extra, spec) == ["purpose: no field in the list spec",
                                           "purpose: read but not selected"]
    assert field_problems(FUNDING, unsortable) == [
        "kind: sortable in the registry but not the spec, or the other way round"]
    assert field_problems(FUNDING, unread) == ["note: a field no column, format or search reads"]
    with pytest.raises(ValueError, match="purpose"):
        display_columns(extra)


def test_window_rows_are_read_by_key(writable_store: Store) -> None:
    shown = 0
    for entity in REGISTRY.listed():
        spec = SPECS[entity.list_key]
        for row in writable_store.list_window(entity.list_key, ListQuery(), 0, 5):
            assert row.keys() == ["id", *(c.key for c in spec.columns)]
            shown += 1
    assert shown


@pytest.mark.parametrize("entity", REGISTRY.listed(), ids=lambda e: e.kind)
def test_a_list_counts_its_rows_in_words(entity) -> None:  # type: ignore[no-untyped-def]
    assert entity.counted(1) == f"1 {entity.one}" and entity.one != entity.noun
    assert entity.counted(1204) == f"1,204 {entity.noun}"
    assert entity.counted(0) == f"0 {entity.noun}"


@pytest.mark.parametrize("entity", REGISTRY.listed(), ids=lambda e: e.kind)
def test_every_facet_has_a_title(entity) -> None:  # type: ignore[no-untyped-def]
    for facet in entity.facets:
        assert facet.title and facet.title[0].isupper() and "Any" not in facet.title
