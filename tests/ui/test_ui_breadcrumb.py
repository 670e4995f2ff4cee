"""Predictable navigation: the breadcrumb, and number keys that keep a section as left."""

from __future__ import annotations

from typing import Any

from pilot_helpers import AppFactory, plain, press, run, settle, until

from bioterm.screens.companies import CompaniesScreen
from bioterm.screens.company_detail import CompanyDetailScreen
from bioterm.screens.drug_detail import DrugDetailScreen
from bioterm.screens.pipeline import PipelineScreen
from bioterm.widgets.breadcrumb import Breadcrumb
from bioterm.widgets.kpi_card import KpiCard
from bioterm.widgets.links import LinkList
from bioterm.widgets.store_table import StoreTable

SIZE = (120, 40)


def _crumbs(app: Any) -> str | None:
    """The breadcrumb's text, None while it is hidden (on a section's first screen)."""
    crumb = app.screen.query_one(Breadcrumb)
    return plain(crumb) if crumb.display else None


async def _open_link(pilot: Any, label: str) -> None:
    links = pilot.app.screen.query_one(LinkList)
    prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
    target = next(i for i, p in enumerate(prompts) if p.startswith(label))
    links.focus()
    links.highlighted = target
    await press(pilot, "enter")
    await settle(pilot)


def test_the_breadcrumb_names_each_screen_of_the_section(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert _crumbs(app) is None  # the tab bar says it already
            await press(pilot, "slash", *"akeso", "enter", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CompanyDetailScreen)
            assert _crumbs(app) == "Companies › Akeso, Inc."
            await _open_link(pilot, "Cadonilimab")
            assert isinstance(app.screen, DrugDetailScreen)
            assert _crumbs(app) == "Companies › Akeso, Inc. › Cadonilimab"
            await press(pilot, "escape")
            await settle(pilot)
            assert _crumbs(app) == "Companies › Akeso, Inc."

    run(scenario())


def test_a_list_opened_from_a_figure_says_where_it_came_from(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            card = app.screen.query_one("#kpi-drugs", KpiCard)
            card.focus()
            await settle(pilot)
            lines = [str(card.get_option_at_index(i).prompt) for i in range(card.option_count)]
            while not lines[card.highlighted or 0].endswith("Filed"):
                await press(pilot, "j")
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, PipelineScreen)
            assert _crumbs(app) == "Overview › Pipeline · Phase: Filed"

    run(scenario())


def test_a_number_key_shows_a_section_as_left_and_again_its_list(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "slash", *"akeso", "enter", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CompanyDetailScreen)
            await press(pilot, "3")
            assert isinstance(app.screen, PipelineScreen)
            await press(pilot, "2")  # as it was left: Akeso's detail
            await settle(pilot)
            assert isinstance(app.screen, CompanyDetailScreen)
            await press(pilot, "2")  # again: the list, with its filter kept
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CompaniesScreen)
            assert await until(pilot, lambda: screen.query_one(StoreTable).row_count == 1)
            assert screen.list_query.text == "akeso"

    run(scenario())
