"""The installed `bioterm` in a real terminal (tmux): what a person at the keyboard sees."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TMUX = shutil.which("tmux")
BIOTERM = shutil.which("bioterm")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed; the terminal test needs it"),
    pytest.mark.skipif(BIOTERM is None, reason="the bioterm console script is not installed"),
]


class Terminal:
    """One tmux server of our own (its own socket), one pane running bioterm."""

    def __init__(self, db: Path | None, width: int, height: int, *, options: str = "",
                 env: dict[str, str] | None = None) -> None:
        """`db` None: the database bioterm finds itself (user, else bundled)."""
        self.socket = f"bioterm-test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        env.pop("TMUX", None)
        env.pop("BIOTERM_DB", None)
        where = "" if db is None else f" --db {db}"
        self._tmux("new-session", "-d", "-s", "ui", "-x", str(width), "-y", str(height),
                   f"{BIOTERM}{where} {options}".rstrip(), env=env)
        # Asked now: once bioterm quits, the server is gone and cannot say.
        self.socket_path = self._tmux("display-message", "-p", "#{socket_path}",
                                      check=False).stdout.strip()

    def _tmux(self, *args: str, env: dict[str, str] | None = None,
              check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True,
                              text=True, env=env, check=check, timeout=20)

    def screen(self) -> str:
        result = self._tmux("capture-pane", "-p", "-t", "ui", check=False)
        return result.stdout

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "ui", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "ui", "-l", text)

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared; the screen shows:\n{screen}")

    def wait_for_gone(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went; the screen shows:\n{screen}")

    def wait_for_exit(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._tmux("has-session", "-t", "ui", check=False).returncode != 0:
                return True
            time.sleep(0.1)
        return False

    def close(self) -> None:
        self._tmux("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


@pytest.fixture
def terminal_factory() -> Iterator[type[Terminal]]:
    opened: list[Terminal] = []

    class Tracked(Terminal):
        def __init__(self, db: Path | None, width: int = 120, height: int = 40,
                     **kwargs: Any) -> None:
            super().__init__(db, width, height, **kwargs)
            opened.append(self)

    yield Tracked
    for term in opened:
        term.close()


def test_a_session_in_a_real_terminal(terminal_factory: type[Terminal], ui_db: Path) -> None:
    term = terminal_factory(ui_db)
    term.wait_for("1 Overview", "Recent events", "Organisations")
    term.keys("2")
    term.wait_for("20 companies", "Akeso, Inc.", "康方生物")
    term.keys("3")
    term.wait_for("3 drugs", "Cadonilimab", "Registrational")
    term.keys("/")
    term.type("cado")
    screen = term.wait_for("1 of 3")
    assert "Penpulimab" not in screen.split("Drug", 1)[1].split("\n", 2)[1]
    term.keys("Enter")  # back to the table
    term.keys("Enter")  # open the row
    screen = term.wait_for("Milestones", "Related — enter opens")
    assert "PD-1, CTLA-4" in screen
    term.keys("Escape")
    term.wait_for("1 of 3", "Any phase")
    term.keys("q")
    assert term.wait_for_exit(), term.screen()


def test_hostile_names_in_a_real_terminal(terminal_factory: type[Terminal],
                                          hostile_db: Path) -> None:
    term = terminal_factory(hostile_db)
    term.wait_for("Recent events")
    term.keys("2")
    screen = term.wait_for("[bold]red[/] Pharma", "␛[31mRed Ink␛[0m", "[link=http://x]")
    # The row after the ANSI-named one is still in its place: nothing moved the cursor.
    lines = screen.splitlines()
    red = next(i for i, line in enumerate(lines) if line.startswith(" ␛[31mRed Ink"))
    assert "␛]8;;http://x␛\\OSC Link" in lines[red + 1]
    # Each row's cells keep their widths: the red row's litres stand in their
    # column, and the table ends (at the detail pane's edge) in the same place on both.
    assert "1,000" in lines[red]
    edge = lines[red].index("▊")
    assert lines[red + 1].index("▊") == edge
    term.keys("q")
    assert term.wait_for_exit()


def test_small_terminals(terminal_factory: type[Terminal], ui_db: Path) -> None:
    small = terminal_factory(ui_db, 80, 24)
    small.wait_for("Recent events")
    small.keys("4")
    small.wait_for("5 sites", "Akeso Sino-Singapore")
    small.keys("Enter")
    small.wait_for("Related — enter opens", "Companies")
    tiny = terminal_factory(ui_db, 40, 12)
    tiny.wait_for("Recent events")
    # Each key waits for the screen it leads to: under load a key sent too soon
    # reaches the screen before (and ESC then a digit read together is alt+digit).
    tiny.keys("2")
    tiny.wait_for_gone("Recent events")
    tiny.keys("Enter")
    tiny.wait_for("Related")
    tiny.keys("Escape")
    tiny.wait_for_gone("Related")
    time.sleep(0.3)
    tiny.keys("5")
    tiny.wait_for("rounds")
    tiny.keys("?")
    tiny.wait_for("Keys")
    assert "Traceback" not in tiny.screen()
    tiny.keys("Escape")
    time.sleep(0.3)
    tiny.keys("q")
    assert tiny.wait_for_exit(), tiny.screen()


def test_the_country_facet_is_reachable_at_80_by_24(terminal_factory: type[Terminal],
                                                    ui_db: Path) -> None:
    term = terminal_factory(ui_db, 80, 24)
    term.wait_for("Recent events")
    term.keys("4")
    screen = term.wait_for("5 sites", "Any status")
    assert "Any country" not in screen  # no room in the toolbar
    term.keys("f")
    term.wait_for("▸ Status", "Nothing ticked")
    # → twice to the countries (most sites first), space ticks China, esc applies;
    # typed ahead in one go, as a person who knows the menu would.
    term.keys("Right", "Right", "Space")
    term.wait_for("▸ Country", "Country: China")
    term.keys("Escape")
    screen = term.wait_for("4 of 5")
    toolbar = screen.splitlines()[1]
    assert "China" in toolbar and "Any status" in toolbar  # the chosen facet shows
    assert "San Francisco" not in screen
    term.keys("q")
    assert term.wait_for_exit(), term.screen()


def test_watch_and_note_survive_a_restart_and_the_bundled_file_is_untouched(
    terminal_factory: type[Terminal], tmp_path: Path
) -> None:
    import hashlib

    from bioterm import paths

    bundled = paths.bundled_db_path()
    digest = hashlib.sha256(bundled.read_bytes()).hexdigest()
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    term = terminal_factory(None, env=env)
    term.wait_for("Recent events")
    term.keys("2")
    term.wait_for("Any kind", "companies")
    term.keys("/")
    term.type("Akeso")
    term.wait_for("1 of")
    term.keys("Enter")  # to the table
    term.keys("Enter")  # open Akeso
    term.wait_for("Related — enter opens", "Akeso")
    term.keys("w")
    term.wait_for("Watching Akeso")
    term.keys("n")
    term.wait_for("Note on Akeso")
    term.type("Visit the Zhongshan plant")
    term.keys("C-s")
    term.wait_for("Note saved.", "Visit the Zhongshan plant", "★ Watching")
    term.keys("q")
    assert term.wait_for_exit(), term.screen()
    user_db = list((tmp_path / "data").rglob("bioterm.db"))
    assert len(user_db) == 1

    again = terminal_factory(None, env=env)
    screen = again.wait_for("Watching — newest event first", "★ Akeso")
    assert screen.index("★ Akeso") < screen.index("Recent events")
    again.keys("2")
    again.wait_for("Any kind", "companies")  # the list's facets: the Companies screen is up
    again.keys("/")
    again.type("zhongshan plant")  # the filter finds the note's words
    again.wait_for("1 of", "★✎ Akeso")
    again.keys("Enter", "Enter")
    again.wait_for("Your note", "Visit the Zhongshan plant")
    again.keys("q")
    assert again.wait_for_exit()
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == digest


def test_read_only_refuses_w_and_writes_no_user_database(
    terminal_factory: type[Terminal], tmp_path: Path
) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    term = terminal_factory(None, options="--read-only", env=env)
    term.wait_for("Recent events", "read-only")
    term.keys("2")
    term.wait_for("companies")
    term.keys("w")
    term.wait_for("The dashboard is read-only")
    term.keys("q")
    assert term.wait_for_exit()
    assert not list((tmp_path / "data").rglob("*.db"))


def test_a_bad_keymap_file_warns_on_start_and_the_defaults_work(
    terminal_factory: type[Terminal], ui_db: Path, tmp_path: Path
) -> None:
    keymap = tmp_path / "config" / "bioterm" / "keymap.toml"
    keymap.parent.mkdir(parents=True)
    keymap.write_text('record.watch = "s"\n', encoding="utf-8")
    term = terminal_factory(ui_db, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    term.wait_for("Your keymap", "record.watch")  # the toast wraps between words
    term.keys("2")
    term.wait_for("Any kind", "20 companies")
    term.keys("w")
    term.wait_for("Watching Akeso")
    term.keys("q")
    assert term.wait_for_exit()


def test_hidden_columns_are_remembered_across_restarts_but_not_under_read_only(
    terminal_factory: type[Terminal], ui_db: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    env = {"XDG_CONFIG_HOME": str(config)}
    term = terminal_factory(ui_db, env=env)
    term.wait_for("Recent events")
    term.keys("2")
    screen = term.wait_for("20 companies", "中文名")
    term.keys("c")
    term.wait_for("Columns", "(always)")
    # Past the two litres columns to 中文名, then untick it.
    term.keys("Down", "Down", "Space", "Escape")
    screen = term.wait_for_gone("(always)")
    assert "中文名" not in screen.split("Name", 1)[1].split("\n", 1)[0]
    term.keys("q")
    assert term.wait_for_exit()
    assert (config / "bioterm" / "view.json").exists()

    again = terminal_factory(ui_db, env=env)
    again.wait_for("Recent events")
    again.keys("2")
    screen = again.wait_for("20 companies", "Bioreactor L")
    assert "中文名" not in screen.split("Name", 1)[1].split("\n", 1)[0]
    again.keys("q")
    assert again.wait_for_exit()

    fresh = tmp_path / "read-only-config"
    viewer = terminal_factory(ui_db, options="--read-only",
                              env={"XDG_CONFIG_HOME": str(fresh)})
    viewer.wait_for("Recent events")
    viewer.keys("2")
    viewer.wait_for("20 companies", "中文名")
    viewer.keys("c")
    viewer.wait_for("(always)")
    viewer.keys("Down", "Down", "Space", "Escape")
    screen = viewer.wait_for_gone("(always)")
    assert "中文名" not in screen.split("Name", 1)[1].split("\n", 1)[0]
    viewer.keys("p")  # (not right behind esc: the terminal would read alt+p)
    viewer.wait_for_gone("康方生物")  # the pane, naming Akeso in Chinese, is hidden
    viewer.keys("q")
    assert viewer.wait_for_exit()
    assert not fresh.exists()
