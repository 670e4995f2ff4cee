"""The dashboard on a damaged database and on one another program has locked."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from pilot_helpers import AppFactory, names, press, run, settle, until

from bioterm.screens.overview import OverviewScreen
from bioterm.widgets.store_table import StoreTable

SIZE = (120, 40)

SUMMARY_TABLES = ("summary_company", "summary_total", "summary_capacity_company",
                  "summary_capacity")


def damage(path: Path) -> None:
    """Overwrite the pages of the tables the overview reads first with garbage."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [root for (root,) in conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name IN (?, ?, ?, ?)", SUMMARY_TABLES)]
    conn.close()
    assert pages
    with path.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * page_size)
            f.write(b"\xde\xad" * (page_size // 2))


def rollback_journal(path: Path) -> Path:
    """A WAL database never blocks readers; one in rollback-journal mode does, when
    another program holds its exclusive lock (as the bundled copy is at first)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


class Lock:
    """Another program holding an exclusive lock on a rollback-journal database."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def __enter__(self) -> Lock:
        self.conn.execute("BEGIN EXCLUSIVE")
        self.conn.execute("UPDATE sources SET note = note WHERE rowid = 1")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.rollback()
        self.conn.close()


def test_damaged_database_stops_with_one_sentence(make_app: AppFactory, ui_db: Path) -> None:
    damage(ui_db)
    app = make_app(ui_db)

    # The overview's first read fails as the app starts; it stops by itself.
    run(asyncio.wait_for(app.run_async(headless=True, size=SIZE), timeout=30))
    assert app.return_code == 1
    assert app.failure is not None
    assert "is damaged" in app.failure and str(ui_db) in app.failure
    assert len(app.failure.splitlines()) == 1


def test_locked_database_gives_a_notice_and_a_retry(make_app: AppFactory, ui_db: Path) -> None:
    app = make_app(rollback_journal(ui_db), poll_interval=0.3)
    app.store.conn.execute("PRAGMA busy_timeout = 50")

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)
            with Lock(ui_db):
                started = time.monotonic()
                await press(pilot, "2")
                assert time.monotonic() - started < 3  # no freeze for the busy timeout
                assert app.is_running and app.failure is None
                assert isinstance(app.screen, OverviewScreen)  # still where it was
                notices = [n.message for n in app._notifications]
                assert any("is locked by another program" in m for m in notices), notices
            # The lock is gone: the section the user asked for opens by itself.
            assert await until(pilot, lambda: app.current_mode == "companies")
            assert await until(pilot, lambda: bool(app.screen.query(StoreTable)))
            assert app.is_running and app.failure is None

    run(scenario())


def test_lock_while_a_section_is_built_is_survived(
    make_app: AppFactory, ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock arrives after the check, as the section's first query runs."""
    app = make_app(rollback_journal(ui_db), poll_interval=0.3)
    app.store.conn.execute("PRAGMA busy_timeout = 50")

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            monkeypatch.setattr(type(app.store), "probe", lambda self: None)
            with Lock(ui_db):
                # Not waiting for the screen to settle: the half-built one never does.
                app.simulate_key("2")
                await asyncio.sleep(0.5)
                assert app.is_running and app.failure is None
            # (Polled without the pilot: it waits on the half-built screen, gone by now.)
            for _ in range(100):
                if app.current_mode == "companies" and app.screen.query(StoreTable):
                    break
                await asyncio.sleep(0.05)
            assert app.current_mode == "companies"
            await settle(pilot)
            assert names(app)  # the rebuilt section shows its rows
            # And the section it was opened from is whole again (it lost its widgets once).
            app.simulate_key("1")
            for _ in range(100):
                if isinstance(app.screen, OverviewScreen):
                    break
                await asyncio.sleep(0.05)
            assert isinstance(app.screen, OverviewScreen)
            assert app.screen.query("#kpi-orgs")
            assert app.is_running and app.failure is None

    run(scenario())


def test_no_traceback_reaches_the_terminal(ui_db: Path, tmp_path: Path) -> None:
    """The real command in a real terminal: one sentence, exit status 1."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed")
    damage(ui_db)
    status = tmp_path / "status"
    socket = f"bioterm-faults-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    command = (f"{sys.executable} -m bioterm --db {ui_db} 2>{tmp_path / 'err'}; "
               f"echo $? > {status}")
    subprocess.run([tmux, "-L", socket, "new-session", "-d", "-x", "120", "-y", "40",
                    command], env=env, check=True, timeout=20)
    try:
        deadline = time.monotonic() + 30
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "1"
        err = (tmp_path / "err").read_text()
        assert "is damaged" in err and "Traceback" not in err and "SELECT" not in err
        assert len(err.strip().splitlines()) == 1, err
    finally:
        subprocess.run([tmux, "-L", socket, "kill-server"], check=False, timeout=20)


def test_an_unexpected_error_is_one_sentence_and_a_file(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside tests (not headless), no traceback reaches the terminal: it goes to a file."""
    from bioterm.app import BiotermApp

    def broken(self: OverviewScreen) -> None:
        raise ValueError("a bug in a screen")

    monkeypatch.setattr(OverviewScreen, "on_mount", broken)
    monkeypatch.setattr(BiotermApp, "is_headless", property(lambda self: False))
    app = make_app()
    run(asyncio.wait_for(app.run_async(headless=True, size=SIZE), timeout=30))
    assert app.return_code == 1
    assert app.failure is not None
    assert app.failure.startswith("the dashboard stopped on an unexpected error "
                                  "(ValueError: a bug in a screen); the details are in ")
    crash = Path(app.failure.rsplit(" ", 1)[1].rstrip("."))
    try:
        assert "Traceback" in crash.read_text() and "a bug in a screen" in crash.read_text()
    finally:
        crash.unlink()


def test_the_dashboard_waits_for_a_lock_at_start(
    ui_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    from bioterm.cli_support import open_when_unlocked
    from bioterm.paths import DbLocation, Origin

    path = rollback_journal(ui_db)
    lock = Lock(path)
    lock.__enter__()
    threading.Timer(1.0, lambda: lock.__exit__(None, None, None)).start()
    store = open_when_unlocked(DbLocation(path, Origin.OPTION), busy_timeout_ms=50, wait=20)
    try:
        assert store.counts()["companies"] > 0
    finally:
        store.close()
    err = capsys.readouterr().err
    assert "is locked by another program" in err and "waiting up to 20 s" in err
