"""`K` on Companies and Sites: the litres columns show the next kind of capacity.

On the UI fixture Akeso runs 20,000 L of biologics bioreactors and 9,000 L of
chemical reactors at its Guangzhou site; the two are never added up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, location
from pilot_helpers import AppFactory, press, run, table_of

from bioterm.store import ListQuery, Store

SIZE = (120, 40)


def _row(app: object, name_start: str) -> dict[str, str]:
    table = table_of(app)  # type: ignore[arg-type]
    keys = [c.key for c in table.display_columns]
    for index in range(table.row_count):
        row = table.store_backend.row_at(index)
        assert row is not None
        if row.cells[0].plain.startswith(name_start):
            return {k: c.plain for k, c in zip(keys, row.cells, strict=True)}
    raise AssertionError(f"no row {name_start!r}")


@pytest.mark.parametrize(("key", "name"), [("2", "Akeso"), ("4", "Akeso Sino")])
def test_k_shows_the_next_kind_of_capacity_and_back(make_app: AppFactory, key: str,
                                                    name: str) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, key)
            assert _row(app, name)["capacity_now"] == "20,000"
            await press(pilot, "K")
            headers = [c.label.plain for c in table_of(app).ordered_columns]
            assert "Reactor L now" in headers and "Bioreactor L now" not in headers
            assert _row(app, name)["capacity_now"] == "9,000"
            assert any("Chemical (reactor)" in str(n.message) for n in app._notifications)
            await press(pilot, "K")  # the fixture records two kinds: back to biologics
            assert _row(app, name)["capacity_now"] == "20,000"
            headers = [c.label.plain for c in table_of(app).ordered_columns]
            assert "Bioreactor L now" in headers

    run(scenario())


def test_the_kind_of_a_query_is_checked_never_pasted(ui_db: Path) -> None:
    store = Store.open(location(ui_db))
    try:
        def akeso(kind: str | None) -> float | None:
            rows = store.list_window("companies", ListQuery(
                text="akeso", capacity_kind=kind, today=TODAY), 0, 10)
            return next(r["capacity_now"] for r in rows if r["name"].startswith("Akeso"))

        assert akeso("chemical_reactor") == 9000
        assert akeso(None) == 20000
        # Not a kind: read as biologics, and the text never reaches the SQL.
        assert akeso("x' OR 1=1 --") == 20000
    finally:
        store.close()
