"""Every binding, driven through Pilot the way a person would press it."""

from __future__ import annotations

from typing import Any

from pilot_helpers import AppFactory, names, plain, press, run, settle, table_of
from textual.widgets import Input

from bioterm import bindings
from bioterm.screens.companies import CompaniesScreen
from bioterm.screens.company_detail import CompanyDetailScreen
from bioterm.screens.deals import DealsScreen
from bioterm.screens.drug_detail import DrugDetailScreen
from bioterm.screens.funding import FundingScreen
from bioterm.screens.help import HelpScreen, help_table
from bioterm.screens.investors import InvestorsScreen
from bioterm.screens.overview import OverviewScreen
from bioterm.screens.pipeline import PipelineScreen
from bioterm.screens.site_detail import SiteDetailScreen
from bioterm.screens.sites import SitesScreen
from bioterm.store import ListQuery
from bioterm.widgets.links import LinkList
from bioterm.widgets.nav_bar import NavTab

SIZE = (120, 40)


def _active_tab(app: Any) -> str:
    return next(tab.mode for tab in app.screen.query(NavTab) if tab.has_class("-active"))


def test_number_keys_switch_screens_in_tab_order(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, OverviewScreen)
            expected = [("2", CompaniesScreen), ("3", PipelineScreen), ("4", SitesScreen),
                        ("5", FundingScreen), ("6", DealsScreen), ("7", InvestorsScreen),
                        ("1", OverviewScreen)]
            for key, screen_type in expected:
                await press(pilot, key)
                assert isinstance(app.screen, screen_type), key
                assert _active_tab(app) == app.current_mode
            tabs = [tab.mode for tab in app.screen.query(NavTab)]
            assert tabs == [mode for mode, _ in bindings.SECTIONS]

    run(scenario())


def test_slash_focuses_filter_and_typing_filters_rows(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert len(names(app)) == 20
            await press(pilot, "slash")
            assert isinstance(app.focused, Input)
            await press(pilot, *"shen")
            shown = names(app)
            # Name, city or pinyin (康方生物 is kangfangshengwu) contain "shen".
            assert "Shenzhen University" in shown and "Akeso, Inc." in shown
            assert "Cytiva" not in shown
            assert len(shown) == app.store.list_count("companies", ListQuery(text="shen"))
            # Digits and q type into the box rather than switching screens or quitting.
            await press(pilot, "q", "2")
            assert isinstance(app.screen, CompaniesScreen)
            assert app.screen.query_one("#filter", Input).value == "shenq2"
            assert names(app) == []
            assert "No companies" in plain(app.screen.query_one("#pane"))
            await press(pilot, "backspace", "backspace", "enter")
            assert app.focused is table_of(app)
            # esc: clears the filter (focus is already on the table).
            await press(pilot, "escape")
            assert app.screen.query_one("#filter", Input).value == ""
            assert len(names(app)) == 20

    run(scenario())


def test_filter_matches_pinyin_and_ticker(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "slash", *"kfsw")
            assert names(app) == ["Akeso, Inc."]
            await press(pilot, *["backspace"] * 4, *"9926")
            assert names(app) == ["Akeso, Inc."]

    run(scenario())


def test_s_sorts_by_the_cursor_column_and_toggles(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            assert names(app) == ["Ascentawits liver-cancer SMDC (name not disclosed)",
                                  "Cadonilimab", "Penpulimab"]
            await press(pilot, "s")  # the cursor starts on the name column: reverse
            assert names(app) == ["Ascentawits liver-cancer SMDC (name not disclosed)",
                                  "Cadonilimab", "Penpulimab"][::-1]
            await press(pilot, "l", "l", "s")  # the phase column, in development order
            assert names(app, 2) == ["Phase 2", "Registrational", "Filed"]
            await press(pilot, "s")
            assert names(app, 2) == ["Filed", "Registrational", "Phase 2"]
            header = table_of(app).ordered_columns[2].label.plain
            assert header.endswith("▼")

    run(scenario())


def test_unsortable_column_says_so(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "l", "l", "l", "l", "s")  # the capacity trend sparklines
            assert any("cannot be sorted" in str(n.message) for n in app._notifications)

    run(scenario())


def test_j_k_and_arrows_move_and_the_pane_follows(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "4")
            table = table_of(app)
            pane = app.screen.query_one("#pane")
            assert table.cursor_row == 0
            assert "Guangzhou" in plain(pane)
            await press(pilot, "j", "j")
            assert table.cursor_row == 2
            assert "Beijing" in plain(pane)
            await press(pilot, "k")
            assert table.cursor_row == 1
            await press(pilot, "down")
            assert table.cursor_row == 2
            await press(pilot, "up", "up", "up")
            assert table.cursor_row == 0

    run(scenario())


def test_enter_opens_and_cross_links_walk_back_with_esc(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter")
            company = app.screen
            assert isinstance(company, CompanyDetailScreen) and company.ref == "akeso"
            links = company.query_one(LinkList)
            assert app.focused is links
            # Links in order: Penpulimab, Cadonilimab, the Guangzhou site, partners.
            await press(pilot, "j", "j", "enter")
            assert isinstance(app.screen, SiteDetailScreen)
            assert app.screen.ref == "akeso-guangzhou-knowledge-city"
            await press(pilot, "escape")
            assert app.screen is company
            await press(pilot, "k", "enter")
            assert isinstance(app.screen, DrugDetailScreen)
            assert app.screen.ref == "cadonilimab"
            # From the drug, its company; then all the way back to the list.
            await press(pilot, "enter")
            assert isinstance(app.screen, CompanyDetailScreen)
            await press(pilot, "escape", "escape", "escape")
            assert isinstance(app.screen, CompaniesScreen)
            await press(pilot, "escape")  # nothing further back: stays put
            assert isinstance(app.screen, CompaniesScreen)

    run(scenario())


def test_number_key_again_returns_to_the_list(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "4", "enter")
            assert isinstance(app.screen, SiteDetailScreen)
            await press(pilot, "2")
            assert isinstance(app.screen, CompaniesScreen)
            await press(pilot, "4")  # each section keeps its own stack
            assert isinstance(app.screen, SiteDetailScreen)
            await press(pilot, "4")
            assert isinstance(app.screen, SitesScreen)

    run(scenario())


def test_overview_events_open(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            events = app.screen.query_one(LinkList)
            assert app.focused is events
            # Past the 2026 site and the fixture's 2024 reactor point: the Shenzhen fund.
            await press(pilot, "j", "j", "enter")
            assert app.screen.__class__.__name__ == "FundingDetailScreen"
            await press(pilot, "escape")
            assert isinstance(app.screen, OverviewScreen)

    run(scenario())


def test_help_lists_every_binding(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await press(pilot, "escape")
            assert isinstance(app.screen, OverviewScreen)
            await press(pilot, "question_mark", "question_mark")
            assert isinstance(app.screen, OverviewScreen)

    run(scenario())
    text = _plain(help_table())
    every = (bindings.GLOBAL + bindings.LIST_SCREEN + bindings.FILTER + bindings.TABLE
             + bindings.LINKS + bindings.DETAIL + bindings.HELP)
    for binding in every:
        assert (binding.tooltip or binding.description) in text, binding
    for key in ("1 … 7", "ctrl+p", "/", "?", "s", "j", "k", "enter", "esc", "q"):
        assert key in text


def _plain(renderable: Any) -> str:
    import io

    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_q_quits(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            assert not app._exit
            await pilot.press("q")
            assert app._exit
        assert app.return_code == 0

    run(scenario())


def test_mouse_clicks_tabs_rows_and_headers(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click(list(app.screen.query(NavTab))[2])
            await settle(pilot)
            assert isinstance(app.screen, PipelineScreen)
            table = table_of(app)
            await pilot.click(table, offset=(3, 2))  # the second data row (header is y=0)
            await settle(pilot)
            assert table.cursor_row == 1
            await pilot.click(table, offset=(3, 0))  # the "Drug" header: reverse sort
            await settle(pilot)
            assert names(app)[0] == "Penpulimab"
            await pilot.click(table, offset=(3, 1), times=2)  # double-click opens
            await settle(pilot)
            assert isinstance(app.screen, DrugDetailScreen)

    run(scenario())


def _all_screens_keys() -> list[list[str]]:
    return [["1"], ["2"], ["2", "enter"], ["3"], ["3", "enter"], ["4"], ["4", "enter"],
            ["5"], ["5", "enter"], ["question_mark"]]


def test_tiny_terminal_does_not_crash(make_app: AppFactory) -> None:
    async def scenario(pilot_keys: list[list[str]]) -> None:
        app = make_app()
        async with app.run_test(size=(40, 12)) as pilot:
            for keys in pilot_keys:
                await press(pilot, *keys)
                await press(pilot, "escape")
            await pilot.resize_terminal(200, 60)
            await settle(pilot)
            await press(pilot, "2")
            await pilot.resize_terminal(20, 6)
            await settle(pilot)
            assert app.is_running

    run(scenario(_all_screens_keys()))


def test_typing_fast_runs_one_query_and_enter_does_not_wait(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app(filter_delay=0.5)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            calls: list[str] = []
            original = app.store.list_window

            def spy(entity: str, query: ListQuery, offset: int, limit: int) -> list[Any]:
                calls.append(query.text)
                return original(entity, query, offset, limit)

            app.store.list_window = spy  # type: ignore[method-assign]
            await press(pilot, "slash", *"shen")
            assert len(names(app)) == 20  # still waiting for a pause in the typing
            await press(pilot, "enter")  # leaving the box runs the query at once
            assert calls == ["shen"]
            assert "Shenzhen University" in names(app) and "Cytiva" not in names(app)

    run(scenario())


def test_filter_fields_and_what_a_row_shows(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3", "slash", *"akeso")
            akeso = sorted(names(app))
            expected = app.store.list_count("drugs", ListQuery(text="company:akeso"))
            assert akeso == ["Cadonilimab", "Penpulimab"] and len(akeso) == expected
            await press(pilot, *["backspace"] * 5, *"company:akeso")
            assert sorted(names(app)) == akeso
            await press(pilot, *["backspace"] * 13, *"modality:bispecific")
            adc = app.store.list_count("drugs", ListQuery(text="modality:bispecific"))
            # The fixture holds no ADC; its one bispecific is Cadonilimab.
            assert adc == 1 and names(app) == ["Cadonilimab"]
            await press(pilot, *["backspace"] * 19, *"foo:bar akeso")
            assert sorted(names(app)) == akeso
            line = plain(app.screen.query_one("#count"))
            assert "unknown field foo — fields here: company, phase" in line

    run(scenario())


def _burst(app: Any, *keys: str) -> None:
    """Keys as a terminal delivers a burst (tmux send-keys, a paste of keys): all
    queued before the first is handled, which Pilot's press never does."""
    from textual import events

    for key in keys:
        char = {"slash": "/"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


def test_keys_in_one_burst_take_effect_in_the_order_typed(make_app: AppFactory) -> None:
    """esc then a section key, a sort then a section key, and a digit typed into
    the filter box: each as typed slowly, also when queued all at once (a
    section key run as it arrived, ahead of the keys before it, switched first,
    and the sort then sorted the other section)."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "7", "enter")
            assert len(app.screen_stack) == 2  # an investor's detail
            _burst(app, "escape", "1")
            await pilot.pause(0.3)
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)
            await press(pilot, "2", "3")
            _burst(app, "s", "2")  # sort the drugs, then go to Companies
            await pilot.pause(0.3)
            await settle(pilot)
            assert isinstance(app.screen, CompaniesScreen)
            pipeline, companies = (app._screen_stacks[m][0] for m in ("pipeline", "companies"))
            assert pipeline.list_query.descending and not companies.list_query.descending
            await press(pilot, "3", "slash")
            _burst(app, "p", "h", "a", "s", "e", "3")
            await pilot.pause(0.3)
            await settle(pilot)
            assert isinstance(app.screen, PipelineScreen)
            assert app.screen.query_one("#filter", Input).value == "phase3"

    run(scenario())
