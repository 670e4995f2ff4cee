"""g on a list (the frequency table) and the landscape of a target, driven by keys."""

from __future__ import annotations

from typing import Any

from pilot_helpers import AppFactory, names, plain, press, run, settle, until
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, OptionList

from bioterm.screens.companies import CompaniesScreen
from bioterm.screens.drug_detail import DrugDetailScreen
from bioterm.screens.funding import FundingScreen
from bioterm.screens.group_table import GroupChooser, GroupScreen
from bioterm.screens.landscape import LandscapeScreen
from bioterm.screens.pipeline import PipelineScreen
from bioterm.widgets.links import LinkList

SIZE = (120, 40)


def _grid(screen: Any) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


def _count(app: Any) -> str:
    return plain(app.screen.query_one("#count"))


async def _group_by(pilot: Any, label: str) -> None:
    await press(pilot, "g")
    chooser = pilot.app.screen
    assert isinstance(chooser, GroupChooser)
    options = chooser.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await press(pilot, *["down"] * labels.index(label), "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GroupScreen)


def test_g_groups_the_pipeline_by_target_and_enter_opens_a_group(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            pipeline = app.screen
            assert isinstance(pipeline, PipelineScreen)
            await _group_by(pilot, "Target")
            # Cadonilimab lists PD-1 and CTLA-4: counted in each.
            assert _grid(app.screen) == [["PD-1", "2"], ["CTLA-4", "1"]]
            # s on the first column sorts by name; on Rows, by count again.
            await press(pilot, "s")
            assert _grid(app.screen)[0][0] == "CTLA-4"
            await press(pilot, "s")
            assert _grid(app.screen)[0][0] == "PD-1"
            await press(pilot, "enter")
            await settle(pilot)
            assert app.screen is pipeline
            assert names(pipeline) == ["Cadonilimab", "Penpulimab"]
            assert "2 of 3" in _count(app) and "Target: PD-1" in _count(app)
            # esc takes the group off, as it clears a filter.
            await press(pilot, "escape")
            await settle(pilot)
            assert len(names(pipeline)) == 3
            assert "Target" not in _count(app)

    run(scenario())


def test_esc_leaves_the_chooser_and_the_group_table_without_changing_the_list(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            companies = app.screen
            await press(pilot, "g", "escape")
            assert app.screen is companies
            await _group_by(pilot, "Country")
            grid = _grid(app.screen)
            # Litres sum per capacity kind, never across kinds.
            assert grid[0] == ["China", "13", "20,000 L", "9,000 L"]
            assert ["(none)", "2", "", ""] in grid
            await press(pilot, "escape")
            assert app.screen is companies
            assert len(names(companies)) == 20

    run(scenario())


def test_a_group_follows_the_filter_and_g_again_changes_the_column(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "slash", *"shen", "enter")
            await settle(pilot)
            shown = len(names(app.screen))
            await _group_by(pilot, "Kind")
            grid = _grid(app.screen)
            assert sum(int(row[1]) for row in grid) == shown == 10
            assert grid[:2] == [["Government body", "3", "", ""], ["University", "3", "", ""]]
            await press(pilot, "g")  # choose another column from the table
            assert isinstance(app.screen, GroupChooser)
            await press(pilot, "down", "enter")  # Kind is highlighted; Country below it
            await settle(pilot)
            assert isinstance(app.screen, GroupScreen)
            assert _grid(app.screen) == [["China", "10", "20,000 L", "9,000 L"]]
            await press(pilot, "g", "up", "enter", "down", "enter")  # Kind, then University
            await settle(pilot)
            assert isinstance(app.screen, CompaniesScreen)
            assert names(app.screen) == ["Shenzhen Polytechnic University", "Shenzhen University",
                                         "Southern University of Science and Technology"]
            assert "Kind: University" in _count(app)
            # esc undoes one thing at a time: the filter text, then the group.
            await press(pilot, "escape")
            await settle(pilot)
            assert len(names(app.screen)) == 6 and "Kind: University" in _count(app)
            await press(pilot, "escape")
            await settle(pilot)
            assert len(names(app.screen)) == 20

    run(scenario())


def test_funding_groups_sum_usd(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "5")
            assert isinstance(app.screen, FundingScreen)
            await _group_by(pilot, "Year")
            assert _grid(app.screen) == [["2022", "2", "US$10.76M"], ["2023", "1", "US$706M"]]

    run(scenario())


async def _open_landscape_from_cadonilimab(pilot: Any) -> LandscapeScreen:
    await press(pilot, "3", "j", "enter")
    drug = pilot.app.screen
    assert isinstance(drug, DrugDetailScreen) and drug.ref == "cadonilimab"
    links = drug.query_one(LinkList)
    prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
    assert "Targets (2)" in prompts
    await press(pilot, "j", "enter")  # past the company: its first target, PD-1
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LandscapeScreen) and screen.value == "PD-1"
    return screen


def test_a_target_link_opens_its_landscape_and_a_cell_opens_the_pipeline(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            landscape = await _open_landscape_from_cadonilimab(pilot)
            # Phases in development order, counts per company.
            table = landscape.query_one(DataTable)
            headings = [str(c.label) for c in table.ordered_columns]
            assert headings == ["Company", "All", "Registrational", "Filed"]
            assert _grid(landscape) == [["Akeso, Inc.", "2", "1", "1"]]
            await press(pilot, "d")
            assert _grid(landscape) == [["Akeso, Inc.", "2", "Cadonilimab", "Penpulimab"]]
            await press(pilot, "right", "right", "enter")
            await settle(pilot)
            pipeline = app.screen
            assert isinstance(pipeline, PipelineScreen)
            assert names(pipeline) == ["Cadonilimab"]
            assert "Akeso, Inc." in _count(app) and "Registrational" in _count(app)
            # esc: back to the landscape; the company's total opens all of its programmes.
            await press(pilot, "escape")
            assert app.screen is landscape
            await press(pilot, "left", "left", "enter")
            await settle(pilot)
            assert names(app.screen) == ["Cadonilimab", "Penpulimab"]
            await press(pilot, "escape", "escape")
            assert isinstance(app.screen, DrugDetailScreen)

    run(scenario())


def test_the_palette_offers_a_targets_landscape(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"target ctla")
            commands = app.screen.query_one(CommandList)
            assert await until(pilot, lambda: commands.option_count > 0)
            await pilot.pause(0.3)
            first = str(commands.get_option_at_index(0).prompt).splitlines()
            assert first[0] == "Landscape: CTLA-4"
            await press(pilot, "enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LandscapeScreen)
            assert screen.field == "targets" and screen.value == "CTLA-4"
            assert _grid(screen) == [["Akeso, Inc.", "1", "1"]]
            await press(pilot, "escape")
            assert not isinstance(app.screen, LandscapeScreen)

    run(scenario())


def test_the_palette_offers_an_indications_landscape(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+p")
            await pilot.press(*"indication advanced")
            commands = app.screen.query_one(CommandList)
            assert await until(pilot, lambda: commands.option_count > 0)
            await pilot.pause(0.3)
            first = str(commands.get_option_at_index(0).prompt).splitlines()
            assert first[0] == "Landscape: Advanced cervical cancer"
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, LandscapeScreen)
            assert _grid(app.screen) == [["Akeso, Inc.", "1", "1"]]
            await press(pilot, "right", "right", "enter")
            await settle(pilot)
            assert names(app.screen) == ["Cadonilimab"]

    run(scenario())
