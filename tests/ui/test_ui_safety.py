"""Hostile text is shown literally; empty and tiny data render; tables never load everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import AppFactory, names, plain, press, run, table_of, until

from bioterm.store import ListQuery, Store
from bioterm.store.match_count import MatchCounter
from bioterm.synthetic.generate import generate
from bioterm.widgets.store_backend import PAGE_SIZE, PAGES_KEPT

SIZE = (120, 40)


def _screen_text(app: Any) -> str:
    """Everything on screen, as the SVG export holds it (text nodes, unescaped)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


@pytest.mark.parametrize("keys", [["2"], ["2", "enter"], ["3"], ["3", "enter"], ["4"],
                                  ["4", "enter"], ["5"], ["5", "j", "enter"], ["1"]])
def test_hostile_names_are_literal_everywhere(make_app: AppFactory, hostile_db: Path,
                                              keys: list[str]) -> None:
    async def scenario() -> None:
        app = make_app(hostile_db)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, *keys)
            if keys[0] in "23":
                # Put a hostile row under the cursor so the pane shows it too.
                for _ in range(4):
                    await press(pilot, "j")
            text = _screen_text(app)
            assert "\x1b" not in text and "\x07" not in text
            if keys != ["1"]:
                assert any(marker in text for marker in
                           ("[bold]red[/]", "␛[31mRed Ink", "[link=http://x]", "␛]8;;",
                            "🧬 Helix"))

    run(scenario())


def test_markup_in_names_is_not_interpreted(make_app: AppFactory, hostile_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile_db)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            shown = names(app)
            assert "[bold]red[/] Pharma" in shown
            assert "[link=http://x]Click Bio[/link]" in shown or any(
                n.startswith("[link=http://x]Click Bio") for n in shown)
            assert "␛[31mRed Ink␛[0m Therapeutics" in shown
            assert "שלום Biotech مرحبا" in shown
            assert "🧬 Helix 👩\u200d🔬 Labs" in shown
            long_name = next(n for n in shown if n.startswith("Very Long Name"))
            assert len(long_name) == 300
            # Cells are cut with an ellipsis at the column width, never wrapped.
            table = table_of(app)
            row = table.store_backend.row_at(shown.index(long_name))
            assert row is not None and row.cells[0].no_wrap
            # The pane for a hostile row: literal, and the description's controls visible.
            await press(pilot, "home")
            pane = plain(app.screen.query_one("#pane"))
            assert "␛[31mRed Ink␛[0m" in pane and "␇bell" in pane
            assert "\x1b" not in pane

    run(scenario())


def test_filter_text_with_sql_and_fts_syntax_is_harmless(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "slash")
            for text in ('"', "' OR 1=1 --", "a*", "NEAR(", "%_", "[b]", "\\"):
                app.screen.query_one("#filter").value = text
                await press(pilot)
                assert app.is_running
                assert table_of(app).row_count == app.store.list_count(
                    "companies", ListQuery(text=text))

    run(scenario())


def test_empty_results_and_empty_database_render(make_app: AppFactory, tmp_path: Path) -> None:
    from bioterm.store.connection import create_empty

    empty = tmp_path / "empty.db"
    create_empty(empty).close()

    async def scenario() -> None:
        app = make_app(empty)
        async with app.run_test(size=SIZE) as pilot:
            for key in ("1", "2", "3", "4", "5"):
                await press(pilot, key, "enter", "s", "j")
                assert app.is_running
            await press(pilot, "2")
            assert table_of(app).row_count == 0
            assert "No companies in this database yet" in plain(
                app.screen.query_one("#pane"))

    run(scenario())


@pytest.fixture(scope="module")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 drugs, 500 companies, 1,000 sites: enough to see what the table reads."""
    path = tmp_path_factory.mktemp("large") / "large.db"
    generate(path, scale=0.005)
    return path


def test_tables_fetch_only_visible_windows(make_app: AppFactory, large_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(large_db)
        calls: list[tuple[int, int]] = []
        original = app.store.list_window

        def spy(entity: str, query: ListQuery, offset: int, limit: int) -> list[Any]:
            calls.append((offset, limit))
            return original(entity, query, offset, limit)

        app.store.list_window = spy  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            table = table_of(app)
            total = app.store.list_count("drugs", ListQuery())
            assert total >= 5000 and table.row_count == total
            await press(pilot, "end")  # the last row: one more window, not everything
            assert table.cursor_row == total - 1
            await press(pilot, "pagedown", "pageup", "home")
            assert all(limit <= PAGE_SIZE for _, limit in calls)
            assert len(calls) <= 6
            backend = table.store_backend
            assert len(backend._pages) <= PAGES_KEPT
            # Filtering is a new query, still windowed.
            calls.clear()
            await press(pilot, "slash", *"ab")
            assert calls and all(limit <= PAGE_SIZE for _, limit in calls)

    run(scenario())


def test_a_sort_and_a_cleared_filter_show_the_count_already_known(
        make_app: AppFactory, large_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new order of the same rows, or the rows before a filter, are not counted
    again: the exact count shows at once, and the table's scroll area matches it
    (it is sized without a screen layout), down to the last row."""
    async def scenario() -> None:
        app = make_app(large_db)
        counts: list[ListQuery] = []
        original = app.store.list_count

        def spy(entity: str, query: ListQuery) -> int:
            counts.append(query)
            return original(entity, query)

        app.store.list_count = spy  # type: ignore[method-assign]
        counted_in_workers = MatchCounter.count

        def worker_spy(counter: MatchCounter, *args: Any, **kwargs: Any) -> int | None:
            counts.append(args[2])
            return counted_in_workers(counter, *args, **kwargs)

        monkeypatch.setattr(MatchCounter, "count", worker_spy)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            table = table_of(app)
            total = original("drugs", ListQuery())
            status = app.screen.query_one("#count")
            await press(pilot, "slash", "a")
            assert await until(pilot, lambda: "counting" not in plain(status))
            filtered = table.row_count
            assert PAGE_SIZE < filtered < total
            await press(pilot, "escape")  # to the table, the filter kept
            counts.clear()
            await press(pilot, "s")  # the same rows in another order
            assert table.row_count == filtered and "counting" not in plain(status)
            await press(pilot, "escape")  # the filter cleared
            assert table.row_count == total
            assert plain(status) == f"{total:,} drugs"
            assert counts == []  # no count ran, in the UI or in a worker
            header = 1
            assert table.virtual_size.height == total + header
            await press(pilot, "end")
            assert table.cursor_row == total - 1
            assert table.scroll_y == table.max_scroll_y > 0
            await press(pilot, "slash", "a")
            assert await until(pilot, lambda: "counting" not in plain(status))
            assert table.virtual_size.height == filtered + header
            assert table.scroll_y == 0

    run(scenario())


def test_store_backend_never_measures_or_sorts(large_db: Path) -> None:
    from bioterm.paths import DbLocation, Origin
    from bioterm.presentation.columns import COLUMNS, EntityRows
    from bioterm.widgets.store_backend import StoreBackend

    store = Store.open(DbLocation(large_db, Origin.OPTION))
    try:
        rows = EntityRows(store, "sites", ListQuery(), date_today())
        backend = StoreBackend(rows, [c.label for c in COLUMNS["sites"]],
                               [c.width for c in COLUMNS["sites"]])
        assert list(backend.column_content_widths) == [c.width for c in COLUMNS["sites"]]
        assert backend.fetches == 0  # counting is not fetching
        backend.get_row_at(backend.row_count - 1)
        assert backend.fetches == 1
        assert len(backend.get_column_at(0)) <= PAGE_SIZE
        with pytest.raises(NotImplementedError):
            backend.sort("name")
    finally:
        store.close()


def date_today() -> Any:
    from datetime import date

    return date(2025, 6, 30)


def test_a_large_filter_shows_rows_first_and_counts_off_the_ui_thread(
    make_app: AppFactory, large_db: Path
) -> None:
    async def scenario() -> None:
        app = make_app(large_db, filter_delay=0)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            screen = app.screen
            counted: list[str] = []
            original = screen._count_matches

            def spy(query: ListQuery, generation: int) -> Any:
                counted.append(query.text)
                return original(query, generation)

            screen._count_matches = spy  # type: ignore[method-assign]
            await press(pilot, "slash", *"mab")
            expected = app.store.list_count("drugs", ListQuery(text="mab"))
            assert expected > PAGE_SIZE, "the fixture must match more than one page"
            assert counted and counted[-1] == "mab"  # the exact count went to a worker
            table = table_of(app)
            assert await until(pilot, lambda: table.row_count == expected)
            assert await until(
                pilot, lambda: f"{expected:,} of" in plain(screen.query_one("#count"))
            )
            await press(pilot, "escape", "end")
            assert table.cursor_row == table.row_count - 1

    run(scenario())


def test_the_pane_reads_and_draws_a_record_once_until_the_data_changes(
        make_app: AppFactory) -> None:
    """A filter that keeps the cursor's record, its clear, and paging back show the
    sheets already drawn; a record not shown yet is read, and so is every record
    once the data changes."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            screen, table = app.screen, table_of(app)
            first = table.current_key
            assert first is not None
            name = names(app)[0]
            drawn: list[str] = []
            original = screen.pane_renderable

            def spy(key: str) -> Any:
                drawn.append(key)
                return original(key)

            screen.pane_renderable = spy  # type: ignore[method-assign]
            pane = screen.query_one("#pane")
            await press(pilot, "slash", *name)
            assert await until(pilot, lambda: table.row_count < 100)
            assert table.current_key == first and drawn == []
            await press(pilot, "escape", "escape")  # the filter cleared
            assert await until(pilot, lambda: names(app)[0] == name and table.row_count > 1)
            assert drawn == [] and name in plain(pane)
            await press(pilot, "down")
            second = table.current_key
            assert drawn == [second] and second != first
            second_sheet = plain(pane)
            await press(pilot, "up")
            assert drawn == [second] and name in plain(pane)  # kept, not read again
            await press(pilot, "slash", *"zzqx")
            assert await until(pilot, lambda: table.row_count == 0)
            assert "zzqx" in plain(pane)  # the empty list says so
            await press(pilot, "escape", "escape")
            assert await until(pilot, lambda: name in plain(pane))
            await press(pilot, "down")
            assert drawn == [second] and plain(pane) == second_sheet
            screen.load()  # as after another program's import
            await pilot.pause()
            assert drawn == [second, second] and plain(pane) == second_sheet
            await press(pilot, "up")
            assert drawn == [second, second, first] and name in plain(pane)

    run(scenario())
