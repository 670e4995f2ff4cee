"""ctrl+p: jump to a company, drug or site by name, 中文名, pinyin (full or initials), ticker."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import AppFactory, press, run, settle, until
from textual.command import CommandList, CommandPalette

from bioterm.screens.company_detail import CompanyDetailScreen
from bioterm.screens.drug_detail import DrugDetailScreen
from bioterm.screens.site_detail import SiteDetailScreen

SIZE = (120, 40)


def _prompts(app: object) -> list[str]:
    commands = app.screen.query_one(CommandList)  # type: ignore[attr-defined]
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def _jump(app: object, pilot: object, query: str) -> list[str]:
    await press(pilot, "ctrl+p")  # type: ignore[arg-type]
    assert isinstance(app.screen, CommandPalette)  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    assert await until(pilot, lambda: bool(_prompts(app)))  # type: ignore[arg-type]
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    return _prompts(app)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("akeso", "Akeso, Inc.", id="english-name"),
        pytest.param("kfsw", "Akeso, Inc.", id="pinyin-initials"),
        pytest.param("kangfang", "Akeso, Inc.", id="full-pinyin"),
        pytest.param("康方", "Akeso, Inc.", id="chinese-name"),
        pytest.param("9926", "Akeso, Inc.", id="ticker"),
    ],
)
def test_palette_finds_and_opens_a_company(make_app: AppFactory, query: str,
                                           expected: str) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            prompts = await _jump(app, pilot, query)
            assert expected in prompts[0]
            await press(pilot, "enter")
            assert isinstance(app.screen, CompanyDetailScreen)
            assert app.screen.ref == "akeso"
            # Opened on the section it was called from; esc goes back there.
            assert app.current_mode == "companies"
            await press(pilot, "escape")
            assert app.screen.__class__.__name__ == "CompaniesScreen"

    run(scenario())


def test_palette_opens_drugs_and_sites(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            prompts = await _jump(app, pilot, "cadon")
            assert "Cadonilimab" in prompts[0]
            await press(pilot, "enter")
            assert isinstance(app.screen, DrugDetailScreen)
            prompts = await _jump(app, pilot, "beijing")
            assert any("R&D centre, Beijing" in p for p in prompts)
            index = next(i for i, p in enumerate(prompts) if "Beijing" in p)
            await press(pilot, *["down"] * index, "enter")
            assert isinstance(app.screen, SiteDetailScreen)
            assert app.screen.ref == "ascentawits-beijing-rnd"

    run(scenario())


def test_palette_keeps_system_commands(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            prompts = await _jump(app, pilot, "theme")
            assert any("Theme" in p for p in prompts)
            await press(pilot, "enter")  # the theme picker (a second palette)
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)
            await press(pilot, "escape")

    run(scenario())


def test_palette_shows_hostile_names_literally(make_app: AppFactory, hostile_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile_db)
        async with app.run_test(size=SIZE) as pilot:
            prompts = await _jump(app, pilot, "[bold]")
            assert any("[bold]red[/] Pharma" in p for p in prompts)
            await press(pilot, "escape")
            prompts = await _jump(app, pilot, "red ink")
            assert any("␛[31mRed Ink␛[0m" in p for p in prompts)
            assert not any("\x1b" in p for p in prompts)

    run(scenario())
