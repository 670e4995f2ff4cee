"""Deals and Investors: the sections, their detail views, and the links to them."""

from __future__ import annotations

from pilot_helpers import AppFactory, names, plain, press, run, settle, table_of
from textual.widgets import Static

from bioterm.screens.deal_detail import DealDetailScreen
from bioterm.screens.deals import DealsScreen
from bioterm.screens.drug_detail import DrugDetailScreen
from bioterm.screens.investor_detail import InvestorDetailScreen
from bioterm.screens.investors import InvestorsScreen
from bioterm.screens.overview import OverviewScreen
from bioterm.widgets.links import LinkList

SIZE = (120, 40)


def _facts(app: object) -> str:
    return " ".join(plain(app.screen.query_one("#facts")).split())  # type: ignore[attr-defined]


def _links(app: object) -> list[str]:
    links = app.screen.query_one(LinkList)  # type: ignore[attr-defined]
    return [str(o.prompt) for o in links.options]


def test_six_opens_deals_with_their_terms_and_enter_their_detail(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "6")
            assert isinstance(app.screen, DealsScreen)
            assert names(app, column=1) == ["Akeso, Inc."]
            table = table_of(app)
            labels = [c.label for c in table.display_columns]
            row = table.store_backend.row_at(0)
            assert row is not None
            cells = dict(zip(labels, (c.plain for c in row.cells), strict=True))
            # CNY 100M and 1B at the fixture's 2023 rate (0.1412 US$ a yuan)
            assert cells["Upfront"] == "US$14.12M" and cells["Total"] == "US$141.2M"
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, DealDetailScreen)
            facts = _facts(app)
            assert "Akeso, Inc. → Cytiva" in facts
            assert "CNY 100M" in facts and "up to CNY 900M" in facts
            links = " ".join(_links(app))
            assert "licensor" in links and "licensee" in links and "Cadonilimab" in links

    run(scenario())


def test_seven_lists_investors_and_their_portfolio(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "7")
            assert isinstance(app.screen, InvestorsScreen)
            assert names(app) == ["Shenzhen Municipal Government"]
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, InvestorDetailScreen)
            facts = _facts(app)
            assert "1 joined, 1 led" in facts and "Ascentawits" in facts
            assert any("Ascentawits" in line and "led" in line for line in _links(app))

    run(scenario())


def test_a_drug_lists_its_deals_and_its_phase_as_of_a_date(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.open_record("drug", "cadonilimab")
            await settle(pilot)
            assert isinstance(app.screen, DrugDetailScreen)
            assert "as of " in _facts(app)
            assert any("Akeso, Inc. → Cytiva" in line for line in _links(app))

    run(scenario())


def test_the_overview_keeps_capacity_kinds_apart(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)
            industry = str(app.screen.query_one("#industry", Static).render())
            other = str(app.screen.query_one("#other-kinds", Static).render())
            assert industry.startswith("Biologics capacity")
            assert "9,000 L" not in industry  # the reactor litres are not in the sum
            assert "Chemical (reactor): 9,000 L operational" in other

    run(scenario())


def test_the_league_table_ranks_biologics_litres_one_key_from_sites(
    make_app: AppFactory,
) -> None:
    from textual.widgets import DataTable

    from bioterm.screens.capacity_league import LeagueScreen
    from bioterm.screens.company_detail import CompanyDetailScreen

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "4", "L")
            await settle(pilot)
            assert isinstance(app.screen, LeagueScreen)
            table = app.screen.query_one(DataTable)
            first = [str(cell) for cell in table.get_row_at(0)]
            # Akeso runs 20,000 bioreactor litres; its 9,000 L of reactors are another kind.
            assert first[1] == "Akeso, Inc." and first[2] == "20,000 L"
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, CompanyDetailScreen) and app.screen.ref == "akeso"

    run(scenario())
