"""What is new since the previous launch: decided by the import log, recorded per
user database at each launch, shown as +N on the tabs and by N on the overview."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from pilot_helpers import AppFactory, press, run

from bioterm.screens.overview import OverviewScreen
from bioterm.widgets.links import LinkList
from bioterm.widgets.nav_bar import NavTab

SIZE = (120, 40)
SOURCE = "ui-test-fixture"


def _last_seen(db: Path) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT value FROM user_state WHERE key = 'last_seen_import'").fetchone()
    return None if row is None else row[0]


def _import(db: Path, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bioterm", "--db", str(db), "import",
                           str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _tabs(app: object) -> dict[str, str]:
    return {tab.mode: str(tab.render()) for tab in app.screen.query(NavTab)}  # type: ignore[attr-defined]


def _events(app: object) -> list[str]:
    events = app.screen.query_one("#events", LinkList)  # type: ignore[attr-defined]
    return [str(events.get_option_at_index(i).prompt) for i in range(events.option_count)]


def test_a_launch_records_what_it_saw_and_the_next_shows_what_came_after(
    make_app: AppFactory, ui_db: Path, tmp_path: Path
) -> None:
    async def first_launch() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert app.last_seen_import is None
            assert "+" not in "".join(_tabs(app).values())
            await press(pilot, "N")  # nothing recorded before this launch: it says so
            assert any("No previous launch" in n.message for n in app._notifications)
            assert _last_seen(ui_db) is None  # recorded as the dashboard closes

    run(first_launch())
    assert _last_seen(ui_db) == "0"
    _import(ui_db, tmp_path, "drugs.csv",
            "id,name,company_id,modality,phase,source_id\n"
            f"since-test-drug,Sincetestmab,akeso,mab,phase_1,{SOURCE}\n")
    _import(ui_db, tmp_path, "milestones.csv",
            "drug_id,kind,date,region,source_id\n"
            f"since-test-drug,phase_1_started,2019-05,CN,{SOURCE}\n")

    async def second_launch() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert app.last_seen_import == 0
            tabs = _tabs(app)
            assert tabs["pipeline"].endswith("Pipeline +1")
            assert not tabs["companies"].endswith("+1")
            assert isinstance(app.screen, OverviewScreen)
            everything = _events(app)
            assert everything[0].startswith("Recent events") and len(everything) > 5
            await press(pilot, "N")
            lines = _events(app)
            assert lines[0].startswith("New since your previous launch")
            assert len(lines) == 2 and "Sincetestmab" in lines[1]
            await press(pilot, "N")
            assert _events(app)[0].startswith("Recent events")

    run(second_launch())
    assert _last_seen(ui_db) == "2"

    async def third_launch() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert "+" not in "".join(_tabs(app).values())
            await press(pilot, "N")
            assert "Nothing imported since your previous launch." in _events(app)[1]

    run(third_launch())


def test_read_only_records_nothing(make_app: AppFactory, ui_db: Path) -> None:
    async def scenario() -> None:
        app = make_app(read_only=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
        assert _last_seen(ui_db) is None

    run(scenario())
