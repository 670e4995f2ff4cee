"""The user's own data in the dashboard: `w` watches, `n` keeps a note, both in the
user database, never in the bundled file, and nothing at all under --read-only."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import AppFactory, names, plain, press, run, settle, until
from textual.widgets import Checkbox, TextArea

from bioterm import paths
from bioterm.app import BiotermApp
from bioterm.paths import DbLocation, Origin
from bioterm.screens.company_detail import CompanyDetailScreen
from bioterm.screens.note_editor import UNSAVED, NoteEditor
from bioterm.screens.overview import OverviewScreen
from bioterm.store import Store
from bioterm.widgets.links import LinkList

SIZE = (120, 40)


def _rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def _messages(app: BiotermApp) -> list[str]:
    return [n.message for n in app._notifications]


def _events_text(app: BiotermApp) -> list[str]:
    events = app.screen.query_one("#events", LinkList)
    return [str(events.get_option_at_index(i).prompt) for i in range(events.option_count)]


def test_w_on_a_row_watches_marks_and_lists_it_on_the_overview(
    make_app: AppFactory, ui_db: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            assert names(app)[0] == "Akeso, Inc."
            await press(pilot, "w")
            assert "Watching Akeso, Inc.." in _messages(app)
            assert _rows(ui_db, "watchlist")[0][:2] == ("company", "akeso")
            assert await until(pilot, lambda: names(app)[0] == "★ Akeso, Inc.")
            await press(pilot, "1")
            assert isinstance(app.screen, OverviewScreen)
            await settle(pilot)
            lines = _events_text(app)
            assert lines[0].startswith("Watching")
            assert lines[1].startswith("★ Akeso, Inc.")
            assert lines.index(next(t for t in lines if t.startswith("Recent events"))) == 2
            # The watched line opens the company.
            events = app.screen.query_one("#events", LinkList)
            events.highlighted = 1
            await press(pilot, "enter")
            assert isinstance(app.screen, CompanyDetailScreen)
            assert "★ Watching" in plain(app.screen.query_one("#user-data"))
            await press(pilot, "w")  # and w in the detail stops watching
            assert "No longer watching Akeso, Inc.." in _messages(app)
            assert _rows(ui_db, "watchlist") == []

    run(scenario())


def test_watched_only_shows_just_the_watched_rows(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "3")
            all_drugs = names(app)
            await press(pilot, "j", "w")
            toggle = app.screen.query_one("#watched-only", Checkbox)
            toggle.value = True
            await settle(pilot)
            assert await until(pilot, lambda: names(app) == ["★ " + all_drugs[1]])
            assert plain(app.screen.query_one("#count")) == f"1 of {len(all_drugs)}"
            toggle.value = False
            await settle(pilot)
            assert len(names(app)) == len(all_drugs)

    run(scenario())


def test_n_writes_a_note_that_the_detail_filter_and_palette_show(
    make_app: AppFactory, ui_db: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter")
            assert isinstance(app.screen, CompanyDetailScreen)
            await press(pilot, "n")
            assert isinstance(app.screen, NoteEditor)
            await pilot.press(*"Ask about the Guangzhou plant", "enter", *"second line")
            await press(pilot, "ctrl+s")
            assert not isinstance(app.screen, NoteEditor)
            assert "Note saved." in _messages(app)
            kind, ref, body, edited = _rows(ui_db, "notes")[0]
            assert (kind, ref, body) == ("company", "akeso",
                                         "Ask about the Guangzhou plant\nsecond line")
            assert edited and edited.endswith("Z")
            assert await until(pilot, lambda: "Ask about the Guangzhou plant" in plain(
                app.screen.query_one("#user-data")))
            shown = plain(app.screen.query_one("#user-data"))
            assert "✎ Your note · edited " in shown and "second line" in shown
            await press(pilot, "escape")  # back to the list: the row is marked
            assert await until(pilot, lambda: names(app)[0] == "✎ Akeso, Inc.")
            await press(pilot, "slash", *"guangzhou plant")
            assert names(app) == ["✎ Akeso, Inc."]

    run(scenario())


def test_esc_asks_before_dropping_unsaved_changes(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter", "n")
            await press(pilot, *"draft")
            await press(pilot, "escape")
            assert isinstance(app.screen, NoteEditor)  # asked, not left
            assert plain(app.screen.query_one("#note-status")) == UNSAVED
            assert app.screen.query_one(TextArea).text == "draft"
            await press(pilot, "escape")
            assert isinstance(app.screen, CompanyDetailScreen)
            assert _rows(ui_db, "notes") == []
            # Unchanged: esc leaves at once.
            await press(pilot, "n", "escape")
            assert isinstance(app.screen, CompanyDetailScreen)

    run(scenario())


def test_saving_a_blank_note_removes_it(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter", "n", *"x", "ctrl+s")
            assert len(_rows(ui_db, "notes")) == 1
            await press(pilot, "n", "backspace", "ctrl+s")
            assert "Note removed." in _messages(app)
            assert _rows(ui_db, "notes") == []
            assert not app.screen.query_one("#user-data").display

    run(scenario())


def test_rounds_cannot_be_watched(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "5", "w")
            assert any("not rounds" in m for m in _messages(app))
            assert _rows(ui_db, "watchlist") == []
            assert not app.screen.query("#watched-only")

    run(scenario())


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data directory (where the first write puts the user database)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_the_first_write_copies_the_bundled_database_and_reads_the_copy(
    user_dir: Path,
) -> None:
    bundled = paths.bundled_db_path()
    digest = hashlib.sha256(bundled.read_bytes()).hexdigest()
    user = paths.user_db_path()
    assert user.is_relative_to(user_dir) and not user.exists()

    async def scenario() -> None:
        store = Store.open(DbLocation(bundled, Origin.BUNDLED))
        app = BiotermApp(store, preload=False, filter_delay=0)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "w")
            assert user.exists()
            assert app.store.location == DbLocation(user, Origin.USER)
            assert any(str(user) in m for m in _messages(app))
            assert await until(pilot, lambda: names(app)[0].startswith("★ "))
        app.store.close()

    run(scenario())
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == digest
    assert len(_rows(user, "watchlist")) == 1


def test_read_only_writes_nothing_and_says_so(user_dir: Path) -> None:
    bundled = paths.bundled_db_path()

    async def scenario() -> None:
        store = Store.open(DbLocation(bundled, Origin.BUNDLED), read_only=True)
        app = BiotermApp(store, preload=False, filter_delay=0, read_only=True)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "w")
            await press(pilot, "enter", "n")
            assert not isinstance(app.screen, NoteEditor)
            messages = _messages(app)
            assert len([m for m in messages if "read-only" in m]) == 2
        store.close()

    run(scenario())
    assert not paths.user_db_path().exists()
    assert not user_dir.exists() or not any(user_dir.rglob("*.db"))
