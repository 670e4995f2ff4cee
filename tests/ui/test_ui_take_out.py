"""Taking things out of the dashboard: `e` exports the view, `y` copies the row,
`o` opens the record's source; source addresses in detail views are OSC 8 links."""

from __future__ import annotations

import csv
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import location
from pilot_helpers import AppFactory, names, press, run, settle, table_of, until
from rich.console import Console
from textual.widgets import Input, Static

from bioterm.app import BiotermApp
from bioterm.bindings import CONTEXTS
from bioterm.keymap import parse
from bioterm.presentation.view_export import ViewExport
from bioterm.screens import export_view
from bioterm.screens.detail import DetailScreen
from bioterm.screens.export_view import READ_ONLY_MESSAGE, ExportView
from bioterm.store import Store

SIZE = (120, 40)
URL = "https://example.com/akeso?id=1&x=[b]"
AKESO_SOURCE = "akeso-cytiva-flexfactory-2021"


@pytest.fixture
def sourced_db(ui_db: Path) -> Path:
    """The UI database with an address on Akeso's source (the reports have none)."""
    with sqlite3.connect(ui_db) as conn:
        conn.execute("UPDATE sources SET url = ? WHERE id = ?", (URL, AKESO_SOURCE))
    return ui_db


def _messages(app: BiotermApp) -> list[str]:
    return [n.message for n in app._notifications]


def _expected(db: Path, app: BiotermApp) -> list[str]:
    """The first column of every row of the screen's current query, from the store."""
    screen: Any = app.screen
    store = Store.open(location(db))
    try:
        rows = store.list_window(screen.list_key, screen.list_query, 0, 100_000)
    finally:
        store.close()
    first = screen.entity.columns[0].key
    return [str(r[first]) for r in rows]


async def _export(pilot: Any, app: BiotermApp, path: Path) -> ExportView:
    await press(pilot, "e")
    modal = app.screen
    assert isinstance(modal, ExportView)
    modal.query_one(Input).value = str(path)
    await press(pilot, "enter")
    return modal


def _status(modal: ExportView) -> str:
    content = modal.query_one("#export-status", Static).content
    return str(getattr(content, "plain", content))


def test_e_writes_exactly_the_filtered_rows_in_their_order(
    make_app: AppFactory, ui_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pipeline.csv"

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            await press(pilot, "slash", *"mab", "enter")
            await press(pilot, "s")  # sort by the drug name column, descending next
            await press(pilot, "s")
            shown = names(app)
            expected = _expected(ui_db, app)
            assert expected == shown and len(expected) >= 2
            await press(pilot, "e")
            modal = app.screen
            assert isinstance(modal, ExportView)
            assert modal.query_one(Input).value == "~/bioterm-pipeline-2025-06-30.csv"
            modal.query_one(Input).value = str(out)
            await press(pilot, "enter")
            assert await until(pilot, lambda: not isinstance(app.screen, ExportView))
            assert any(m.startswith(f"Exported {len(expected)} drugs") for m in _messages(app))
        with out.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["Drug", "Company", "Phase", "Modality", "FIC", "Targets",
                           "Indications"]
        assert [r[0] for r in rows[1:]] == expected
        assert all(r[2].startswith(("Phase", "Approved", "Pre", "Filed", "Market", ""))
                   for r in rows[1:])

    run(scenario())


def test_an_existing_file_is_replaced_only_after_asking(
    make_app: AppFactory, tmp_path: Path
) -> None:
    out = tmp_path / "companies.csv"
    out.write_text("keep me\n", encoding="utf-8")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            modal = await _export(pilot, app, out)
            assert app.screen is modal
            assert "exists" in _status(modal)
            assert out.read_text(encoding="utf-8") == "keep me\n"
            await press(pilot, "enter")
            assert await until(pilot, lambda: not isinstance(app.screen, ExportView))
        assert out.read_text(encoding="utf-8-sig").startswith("Name,Bioreactor L now,")

    run(scenario())


def test_esc_cancels_and_writes_nothing(make_app: AppFactory, tmp_path: Path) -> None:
    out = tmp_path / "never.csv"

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            await press(pilot, "e")
            assert isinstance(app.screen, ExportView)
            app.screen.query_one(Input).value = str(out)
            await press(pilot, "escape")
            assert not isinstance(app.screen, ExportView)
        assert not out.exists()
        assert not [p for p in tmp_path.iterdir() if "never" in p.name]  # nor a partial file

    run(scenario())


def test_problems_are_shown_in_the_box(make_app: AppFactory, tmp_path: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            modal = await _export(pilot, app, tmp_path / "no-such-folder" / "x.csv")
            assert app.screen is modal and "there is no folder" in _status(modal)
            modal.query_one(Input).value = str(tmp_path / "x.txt")
            await press(pilot, "enter")
            assert "does not end .csv or .xlsx" in _status(modal)
            modal.query_one(Input).value = str(app.store.path)
            await press(pilot, "enter")
            assert app.screen is modal

    run(scenario())


def test_xlsx_has_text_as_text_and_numbers_as_numbers(
    make_app: AppFactory, ui_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "funding.xlsx"

    async def scenario() -> list[str]:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "5")
            expected = _expected(ui_db, app)
            await _export(pilot, app, out)
            assert await until(pilot, lambda: not isinstance(app.screen, ExportView))
            return expected

    expected = run(scenario())
    sheet = openpyxl.load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Date", "Recipient", "Kind", "Amount", "Amount currency", "USD",
                       "Investors / body")
    assert [r[0] for r in rows[1:]] == expected
    assert all(isinstance(r[0], str) for r in rows[1:])  # dates stay text
    amounts = [r[3] for r in rows[1:] if r[3] is not None]
    assert amounts and all(isinstance(a, int | float) for a in amounts)
    assert all(isinstance(r[4], str) for r in rows[1:] if r[3] is not None)


def test_y_copies_the_row_tab_separated(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            row = table_of(app).store_backend.row_at(0)
            assert row is not None
            await press(pilot, "y")
            assert app.clipboard == "\t".join(c.plain for c in row.cells)
            assert app.clipboard.startswith("Akeso, Inc.\t20,000\t80,000\t康方生物\t")
            assert "Row copied to the clipboard (tab-separated)." in _messages(app)
            await press(pilot, "w")  # the ★ mark is not part of the name
            assert await until(pilot, lambda: names(app)[0].startswith("★"))
            await press(pilot, "y")
            assert app.clipboard.startswith("Akeso, Inc.\t")

    run(scenario())


def test_o_opens_the_rows_source_and_the_details(
    make_app: AppFactory, sourced_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        app = make_app(sourced_db)
        opened: list[str] = []
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert names(app)[0] == "Akeso, Inc."
            await press(pilot, "o")
            assert opened == [URL]
            await press(pilot, "down")
            await press(pilot, "o")
            assert opened == [URL]  # the next company's source has no address
            assert "This record has no source address." in _messages(app)
            await press(pilot, "up", "enter")
            assert isinstance(app.screen, DetailScreen)
            await press(pilot, "o")
            assert opened == [URL, URL]

    run(scenario())


def test_a_source_address_in_a_detail_view_is_an_osc8_link(
    make_app: AppFactory, sourced_db: Path
) -> None:
    async def scenario() -> None:
        app = make_app(sourced_db)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen)
            content = app.screen.query_one("#evidence", Static).content
            console = Console(width=200, color_system="truecolor")
            segments = list(console.render(content))
            linked = [s for s in segments if s.style is not None and s.style.link]
            assert linked and {s.style.link for s in linked} == {URL}  # type: ignore[union-attr]
            assert "".join(s.text for s in linked) == URL  # shown as it is, no markup read
            with console.capture() as captured:
                console.print(content)
            assert "\x1b]8;id=" in captured.get() and f";{URL}\x1b\\" in captured.get()

    run(scenario())


def test_the_new_keys_follow_the_users_keymap(make_app: AppFactory) -> None:
    keymap = parse('list.copy = "Y"\nlist.export = "E"\nrecord.source = "O"\n', CONTEXTS)
    assert keymap.warning is None
    clash = parse('list.export = "s"\n', CONTEXTS).warning or ""
    assert "“s” would mean both list.export and table.sort (lists)" in clash

    async def scenario() -> None:
        app = make_app(keymap=keymap)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "y")
            assert app.clipboard == ""
            await press(pilot, "Y")
            assert app.clipboard.startswith("Akeso, Inc.\t")
            await press(pilot, "E")
            assert isinstance(app.screen, ExportView)

    run(scenario())


def test_esc_during_a_big_export_stops_it_and_writes_nothing(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "big.csv"
    out.write_text("before\n", encoding="utf-8")
    release = threading.Event()
    real_rows = ViewExport.rows

    def slow_rows(self: ViewExport, store: Store) -> Iterator[list[Any]]:
        # A view too big to finish at once: after two rows it waits for the test.
        for number, row in enumerate(real_rows(self, store)):
            if number == 2:
                release.wait(5)
            yield row

    monkeypatch.setattr(export_view, "BATCH", 1)  # progress after every row
    monkeypatch.setattr(ViewExport, "rows", slow_rows)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            modal = await _export(pilot, app, out)
            await press(pilot, "enter")  # yes, replace it
            assert await until(pilot, lambda: _status(modal).startswith("Written 2 of "))
            assert modal.query_one(Input).disabled
            await press(pilot, "escape")
            assert _status(modal) == "Stopping…"
            release.set()
            assert await until(pilot, lambda: not isinstance(app.screen, ExportView))
            assert "Export stopped: nothing written." in _messages(app)
        assert out.read_text(encoding="utf-8") == "before\n"
        assert [p.name for p in tmp_path.iterdir() if "big" in p.name] == ["big.csv"]

    run(scenario())


def test_read_only_exports_nothing_but_still_copies(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app(read_only=True)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "e")
            assert not isinstance(app.screen, ExportView)
            assert READ_ONLY_MESSAGE in _messages(app)
            await press(pilot, "y")
            assert app.clipboard.startswith("Akeso, Inc.\t")

    run(scenario())
