"""Columns that use the terminal: names widen into the room there is, the key
column stays put when the table scrolls sideways, a new filter starts from the
left, `c` chooses the columns (remembered across restarts, followed by the
export), and the detail pane can be hidden, widened and narrowed."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from pilot_helpers import AppFactory, press, run, table_of, until
from textual.containers import Vertical
from textual.widgets import Input, SelectionList

from bioterm.app import BiotermApp
from bioterm.entities import REGISTRY
from bioterm.presentation.columns import DisplayColumn, display_columns
from bioterm.screens.column_chooser import ColumnChooser
from bioterm.screens.export_view import ExportView
from bioterm.view_prefs import ViewPrefs, load
from bioterm.widgets.column_widths import fitted_widths


def _row_text(app: BiotermApp, y: int) -> str:
    """What the table shows on screen line `y` of it (0 is the header)."""
    table = table_of(app)
    return table.render_line(y).text


def _labels(app: BiotermApp) -> list[str]:
    """The header labels the table draws (scrolled into view or not)."""
    return [c.label.plain.rstrip(" ▲▼") for c in table_of(app).ordered_columns]


def test_names_are_not_cut_when_the_terminal_has_room(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(200, 40)) as pilot:
            await press(pilot, "3")  # Pipeline: drug names are declared 24 wide
            table = table_of(app)
            # Beside the pane the name takes up to a third of the table.
            assert 24 < table.ordered_columns[0].width == table.size.width // 3 - 2
            await press(pilot, "p")  # the pane hidden: room for every name
            longest = max(table.store_backend.row_at(i).cells[0].cell_len  # type: ignore[union-attr]
                          for i in range(min(table.row_count, 30)))
            assert longest > 24
            assert table.ordered_columns[0].width >= longest
            shown = "\n".join(_row_text(app, y) for y in range(1, 31))
            for i in range(min(table.row_count, 30)):
                row = table.store_backend.row_at(i)
                assert row is not None
                assert row.cells[0].plain in shown

    run(scenario())


def test_at_80_columns_the_declared_widths_stand() -> None:
    columns = display_columns(REGISTRY.by_kind["drug"])
    widths = fitted_widths(columns, [200] * len(columns), room=78)
    assert widths == [c.width for c in columns]
    assert fitted_widths(columns, [200] * len(columns), room=90)[0] == 28


def test_room_goes_to_the_key_column_first_and_never_past_the_longest_value() -> None:
    columns = [DisplayColumn("a", "A", 10, None, lambda _: None, grows=True),  # type: ignore
               DisplayColumn("b", "B", 10, None, lambda _: None, grows=True),  # type: ignore
               DisplayColumn("n", "N", 10, None, lambda _: None)]  # type: ignore
    # 36 cells for the declared widths (each +2 padding), 14 to spare.
    assert fitted_widths(columns, [12, 30, 40], room=50, first=1) == [10, 24, 10]
    assert fitted_widths(columns, [12, 15, 40], room=50, first=1) == [12, 15, 10]
    assert fitted_widths(columns, [12, 30, 40], room=72, first=1) == [12, 30, 10]
    assert fitted_widths(columns, [12, 30, 40], room=30, first=1) == [10, 10, 10]
    # Too little room for the declared widths: the key column still widens while the
    # frozen columns (it and those before it) take at most a third of the room.
    wide_last = [*columns[:2], DisplayColumn("n", "N", 30, None, lambda _: None)]  # type: ignore
    assert fitted_widths(wide_last, [40, 30, 40], room=54, first=0) == [16, 10, 30]
    assert fitted_widths(wide_last, [40, 30, 40], room=54, first=1) == [10, 10, 30]
    assert fitted_widths(wide_last, [40, 30, 40], room=66, first=1) == [10, 20, 30]


def test_the_key_column_stays_when_the_table_scrolls_sideways(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 30)) as pilot:
            await press(pilot, "3")
            table = table_of(app)
            first = table.store_backend.row_at(0)
            assert first is not None
            name = first.cells[0].plain[:20]
            await press(pilot, *["right"] * (len(table.display_columns) - 1))
            assert table.scroll_x > 0
            assert _row_text(app, 1).lstrip().startswith(name)
            assert "Drug" in _row_text(app, 0)

    run(scenario())


def test_a_new_filter_scrolls_back_to_the_left(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 30)) as pilot:
            await press(pilot, "3")
            table = table_of(app)
            await press(pilot, *["right"] * (len(table.display_columns) - 1))
            assert table.scroll_x > 0
            await press(pilot, "slash", "a", "enter")
            assert table.scroll_x == 0
            assert table.cursor_column == 0

    run(scenario())


def test_a_new_sort_keeps_the_sorted_column_under_the_cursor(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 30)) as pilot:
            await press(pilot, "3", "right", "right")
            await press(pilot, "s")
            assert table_of(app).cursor_column == 2
            assert app.screen.list_query.sort == "phase"

    run(scenario())


async def _hide(pilot: Any, app: BiotermApp, label: str) -> None:
    await press(pilot, "c")
    chooser = app.screen
    assert isinstance(chooser, ColumnChooser)
    choices = chooser.query_one(SelectionList)
    index = [c.label for c in chooser.columns].index(label)
    choices.highlighted = index
    await press(pilot, "space", "escape")


def test_c_hides_a_column_and_it_stays_hidden_after_a_restart(
    make_app: AppFactory, tmp_path: Path
) -> None:
    prefs_file = tmp_path / "config" / "view.json"

    async def hide() -> None:
        app = make_app(view_prefs=load(prefs_file))
        async with app.run_test(size=(120, 30)) as pilot:
            await press(pilot, "2")
            assert "Founded" in _labels(app)
            await _hide(pilot, app, "Founded")
            assert "founded" not in [c.key for c in table_of(app).display_columns]
            assert "Founded" not in _labels(app)
            assert "City" in _labels(app)

    async def restart() -> None:
        app = make_app(view_prefs=load(prefs_file))
        async with app.run_test(size=(120, 30)) as pilot:
            await press(pilot, "2")
            assert "Founded" not in _labels(app)
            assert "City" in _labels(app)

    run(hide())
    assert json.loads(prefs_file.read_text())["hidden"] == {"companies": ["founded"]}
    run(restart())


def test_the_key_column_cannot_be_hidden(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 30)) as pilot:
            await press(pilot, "5")  # Funding: the recipient is the key column
            await press(pilot, "c")
            chooser = app.screen
            assert isinstance(chooser, ColumnChooser)
            choices = chooser.query_one(SelectionList)
            recipient = [c.key for c in chooser.columns].index("company")
            assert choices.get_option_at_index(recipient).disabled
            choices.highlighted = recipient
            await press(pilot, "space", "escape")
            assert "company" in [c.key for c in table_of(app).display_columns]

    run(scenario())


def test_read_only_applies_the_choice_but_writes_nothing(
    make_app: AppFactory, tmp_path: Path
) -> None:
    prefs_file = tmp_path / "view.json"

    async def scenario() -> None:
        app = make_app(read_only=True, view_prefs=load(prefs_file, save=False))
        async with app.run_test(size=(120, 30)) as pilot:
            await press(pilot, "2")
            await _hide(pilot, app, "Founded")
            assert "Founded" not in _labels(app)
            await press(pilot, "p")
            assert not app.screen.query_one("#side").display

    run(scenario())
    assert not prefs_file.exists()


def test_the_export_takes_the_columns_shown(make_app: AppFactory, tmp_path: Path) -> None:
    out = tmp_path / "companies.csv"

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 30)) as pilot:
            await press(pilot, "2")
            await _hide(pilot, app, "Founded")
            await press(pilot, "e")
            assert isinstance(app.screen, ExportView)
            box = app.screen.query_one(Input)
            box.value = str(out)
            await press(pilot, "enter")
            assert await until(pilot, out.exists)

    run(scenario())
    with out.open(encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    assert "Founded" not in header
    assert "Name" in header and "City" in header


def test_the_pane_hides_and_widens(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app(view_prefs=ViewPrefs())
        async with app.run_test(size=(150, 30)) as pilot:
            await press(pilot, "3", "2")  # Pipeline already shown once
            side = app.screen.query_one("#side", Vertical)
            table = table_of(app)
            normal = side.size.width
            table_width = table.size.width
            await press(pilot, "plus")
            assert side.size.width > normal
            await press(pilot, "minus", "minus")
            assert side.size.width < normal
            await press(pilot, "p")
            assert not side.display
            assert table.size.width > table_width
            await press(pilot, "3")  # the other list follows
            assert not app.screen.query_one("#side").display
            await press(pilot, "plus")  # widening a hidden pane shows it
            assert app.screen.query_one("#side").display
            await press(pilot, "2")
            assert app.screen.query_one("#side").display
            await press(pilot, "p", "p")
            assert app.screen.query_one("#side").display

    run(scenario())


def test_a_longer_name_further_down_widens_its_column_when_it_comes_into_view(
    make_app: AppFactory
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(200, 14)) as pilot:
            await press(pilot, "2", "p")
            table = table_of(app)

            def longest_in_view() -> int:
                top = int(table.scroll_y)
                rows = [table.store_backend.row_at(i) for i in
                        range(top, min(table.row_count, top + table.size.height))]
                return max(r.cells[0].cell_len for r in rows if r is not None)

            at_top = table.ordered_columns[0].width
            assert at_top >= longest_in_view()
            await press(pilot, "end")
            assert table.scroll_y > 0
            wanted = min(longest_in_view(), 60)
            assert wanted > at_top  # the fixture has a longer name down the list
            assert table.ordered_columns[0].width >= wanted
            await press(pilot, "home")
            assert table.ordered_columns[0].width >= wanted  # no jumping back

    run(scenario())
