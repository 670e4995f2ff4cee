"""Companies and sites sort by their biologics litres, now and planned (generated database).

The expected order is worked out from each row's capacity points through the
timelines the detail pane draws (timeline.py), not from the list's SQL, so the
two ways of reading a company's litres are held to agree.
"""

from __future__ import annotations

from datetime import date

import pytest

from bioterm import timeline
from bioterm.presentation.cells import capacity_view
from bioterm.store import ListQuery, Store

TODAY = date(2025, 6, 30)
"""Fixed, so "now" does not move with the calendar; the generator's points span it."""


@pytest.fixture
def store(generated_store: Store) -> Store:
    return generated_store


def _all_ids(store: Store, table: str) -> list[str]:
    return [str(r["id"]) for r in store.list_window(table, ListQuery(), 0, 10_000)]


def _expected(store: Store, table: str) -> dict[str, tuple[float, float]]:
    """Each row's (operational today, announced total) from its timeline."""
    ids = _all_ids(store, table)
    if table == "sites":
        points, build = store.capacity_points_for_sites(ids), timeline.site_timeline
    else:
        points, build = store.capacity_points_for_companies(ids), timeline.company_timeline
    out: dict[str, tuple[float, float]] = {}
    for key, pts in points.items():
        view = capacity_view(build(pts), TODAY) if pts else None
        if view is not None:
            out[key] = (view.operational_now, view.planned_total)
    return out


@pytest.mark.parametrize("table", ["companies", "sites"])
def test_sorted_by_litres_now_the_largest_comes_first(store: Store, table: str) -> None:
    expected = _expected(store, table)
    assert len({now for now, _ in expected.values() if now}) >= 2, "fixture too thin to rank"
    rows = store.list_window(table, ListQuery(sort="capacity_now", descending=True,
                                              today=TODAY), 0, 10_000)
    litres = [r["capacity_now"] or 0.0 for r in rows]
    assert litres == sorted(litres, reverse=True)
    assert litres[0] == max(now for now, _ in expected.values())
    for row in rows:
        now, _ = expected.get(str(row["id"]), (0.0, 0.0))
        assert (row["capacity_now"] or 0.0) == pytest.approx(now), row["name"]


@pytest.mark.parametrize("table", ["companies", "sites"])
def test_sorted_by_litres_planned_matches_the_announced_total(store: Store, table: str) -> None:
    expected = _expected(store, table)
    rows = store.list_window(table, ListQuery(sort="capacity_planned", descending=True,
                                              today=TODAY), 0, 10_000)
    litres = [r["capacity_planned"] or 0.0 for r in rows]
    assert litres == sorted(litres, reverse=True)
    assert litres[0] == max(total for _, total in expected.values())
    for row in rows:
        _, total = expected.get(str(row["id"]), (0.0, 0.0))
        assert (row["capacity_planned"] or 0.0) == pytest.approx(total), row["name"]


def test_litres_now_are_read_at_the_query_day(store: Store) -> None:
    """Before any capacity ran, no company has litres now, whatever it has since."""
    rows = store.list_window("companies", ListQuery(sort="capacity_now", descending=True,
                                                    today=TODAY.replace(year=1900)), 0, 10_000)
    assert all(not r["capacity_now"] for r in rows)


def test_sparkline_scale_is_the_largest_announced_total(store: Store) -> None:
    for table in ("companies", "sites"):
        expected = _expected(store, table)
        assert store.capacity_scale(table) == pytest.approx(
            max(total for _, total in expected.values()))
