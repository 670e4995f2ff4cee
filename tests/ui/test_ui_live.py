"""A running dashboard sees rows another connection (an import) commits, without a restart."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import AppFactory, names, plain, press, run, until
from textual.widgets import OptionList

from bioterm.models import Company, Drug
from bioterm.paths import DbLocation, Origin
from bioterm.store import Store

SIZE = (120, 40)


def _write(path: Path, *records: Company | Drug) -> None:
    writer = Store.open_for_write(DbLocation(path, Origin.OPTION))
    try:
        with writer.transaction():
            for record in records:
                writer.upsert([record])
    finally:
        writer.close()


def _company(name: str) -> Company:
    return Company(id=name.lower().replace(" ", "-"), name=name, kind="cdmo",
                   source_id="ui-test-fixture")


def test_visible_list_picks_up_a_new_row(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(poll_interval=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert "Zeta Biologics" not in names(app)
            _write(ui_db, _company("Zeta Biologics"))
            count = app.screen.query_one("#count")
            assert await until(pilot, lambda: "Zeta Biologics" in names(app)
                               and "21 companies" in plain(count))

    run(scenario())


def test_overview_and_hidden_screens_catch_up(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(poll_interval=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3", "1")  # the pipeline exists, hidden behind the overview
            drugs = app.screen.query_one("#kpi-drugs", OptionList)

            def headline() -> str:
                return str(drugs.get_option_at_index(0).prompt)

            assert headline() == "3"
            _write(ui_db, Drug(id="zeta-1", name="Zetamab", company_id="akeso", modality="mab",
                               phase="phase_1", source_id="ui-test-fixture"))
            assert await until(pilot, lambda: headline() == "4")
            await press(pilot, "3")
            assert "Zetamab" in names(app)

    run(scenario())


def test_detail_view_refreshes(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(poll_interval=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "j", "j", "enter")  # Cytiva: no drugs
            facts = app.screen.query_one("#facts")
            assert "Cytiva" in plain(facts)
            _write(ui_db, Drug(id="cyt-1", name="Cytivumab", company_id="cytiva",
                               modality="mab", phase="preclinical", source_id="ui-test-fixture"))
            assert await until(pilot, lambda: "1 drug:" in plain(facts))

    run(scenario())


def test_no_change_means_no_reload(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert app.check_for_updates() is False

    run(scenario())
