"""A list's known counts: found again for the same rows in any order, never for other rows."""

from __future__ import annotations

from bioterm.presentation.known_counts import KnownCounts
from bioterm.store import ListQuery


def test_a_count_is_known_again_in_any_order() -> None:
    known = KnownCounts()
    known.remember(ListQuery(text="mab", sort="name"), 1200)
    assert known.get(ListQuery(text="mab", sort="phase", descending=True)) == 1200
    assert known.get(ListQuery(text=" mab ")) == 1200  # the filter reads it so too


def test_other_rows_are_not_known() -> None:
    known = KnownCounts()
    known.remember(ListQuery(text="mab"), 1200)
    assert known.get(ListQuery(text="ma")) is None
    assert known.get(ListQuery(text="mab", facets={"phase": "approved"})) is None
    assert known.get(ListQuery(text="mab", watched_only=True)) is None
    assert known.get(ListQuery(text="mab", groups=(("phase", "filed"),))) is None
    assert known.get(ListQuery(text="mab", company_id="akeso")) is None


def test_facet_values_count_alike_in_any_order_of_facets() -> None:
    known = KnownCounts()
    known.remember(ListQuery(facets={"phase": ("filed",), "modality": ("antibody",)}), 7)
    assert known.get(ListQuery(facets={"modality": ("antibody",), "phase": ("filed",)})) == 7


def test_forgetting_drops_every_count_and_only_the_newest_are_kept() -> None:
    known = KnownCounts(kept=2)
    for number, text in enumerate(["a", "b", "c"]):
        known.remember(ListQuery(text=text), number)
    assert known.get(ListQuery(text="a")) is None
    assert known.get(ListQuery(text="c")) == 2
    known.forget()
    assert known.get(ListQuery(text="c")) is None
