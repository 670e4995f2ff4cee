"""Ranking companies and sites by biologics litres with the keys, on a generated database.

The UI fixture has one company with capacity, too few to rank, so these run on
a tiny synthetic file (a hundred companies, two hundred sites). The expected
leader is worked out from each row's capacity timeline, not from the list's SQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, location
from pilot_helpers import AppFactory, press, run, table_of

from bioterm import timeline
from bioterm.presentation.cells import capacity_view
from bioterm.store import ListQuery, Store
from bioterm.synthetic.generate import generate

SIZE = (120, 40)
NOW_COLUMN = {"companies": 1, "sites": 1}
"""Where litres now stand: right after the name (Companies) or the site (Sites)."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("capacity-sort") / "generated.db"
    generate(path, scale=0.001, seed=3, progress=lambda *_: None)
    return path


def _largest_now(path: Path, table: str) -> tuple[str, float]:
    """The name and litres of the row with the most biologics litres running today."""
    store = Store.open(location(path))
    try:
        rows = store.list_window(table, ListQuery(), 0, 10_000)
        ids = [str(r["id"]) for r in rows]
        name_of = {str(r["id"]): str(r["name"]) for r in rows}
        if table == "sites":
            points, build = store.capacity_points_for_sites(ids), timeline.site_timeline
        else:
            points, build = store.capacity_points_for_companies(ids), timeline.company_timeline
        now: dict[str, float] = {}
        for key, pts in points.items():
            view = capacity_view(build(pts), TODAY) if pts else None
            now[key] = view.operational_now if view else 0.0
    finally:
        store.close()
    leader = max(now, key=lambda k: now[k])
    ranked = sorted(now.values(), reverse=True)
    assert ranked[0] > ranked[1] > 0, "a tie or no capacity would make the test vacuous"
    return name_of[leader], now[leader]


def _top_rows(app: object, count: int, column: int) -> list[tuple[str, str]]:
    table = table_of(app)  # type: ignore[arg-type]
    out: list[tuple[str, str]] = []
    for index in range(count):
        row = table.store_backend.row_at(index)
        assert row is not None
        out.append((row.cells[0].plain, row.cells[column].plain))
    return out


@pytest.mark.parametrize(("key", "table"), [("2", "companies"), ("4", "sites")])
def test_s_on_litres_now_puts_the_largest_biologics_capacity_first(
    make_app: AppFactory, generated: Path, key: str, table: str
) -> None:
    leader, litres = _largest_now(generated, table)
    column = NOW_COLUMN[table]

    async def scenario() -> None:
        app = make_app(generated)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, key)
            assert _top_rows(app, 1, column)[0][0] != leader, "first already: a vacuous test"
            await press(pilot, *["l"] * column, "s")
            header = table_of(app).ordered_columns[column].label.plain
            assert header.startswith("Bioreactor L now") and header.endswith("▼")
            top = _top_rows(app, 5, column)
            assert top[0] == (leader, f"{litres:,.0f}")
            figures = [float(f.replace(",", "") or 0) for _, f in top]
            assert figures == sorted(figures, reverse=True)
            await press(pilot, "s")  # again: smallest first
            assert _top_rows(app, 1, column)[0][0] != leader

    run(scenario())
