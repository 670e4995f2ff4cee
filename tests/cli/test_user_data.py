"""The watchlist and notes from the command line: exported, restored by import with
undo, untouched by undoing a data import, and listed by db check when orphaned."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store

Run = Callable[..., Any]


def _rows(db: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def _watch_and_note(db: Path) -> None:
    """What `w` and `n` in the dashboard store (the same store calls)."""
    store = Store.open_for_write(DbLocation(db, Origin.OPTION))
    try:
        store.set_watched("company", "akeso", True, "2026-12-02T06:00:00Z")
        store.set_watched("drug", "cadonilimab", True, "2026-12-02T06:01:00Z")
        store.save_note("company", "akeso", "Plant visit: ask about\nthe 2025 expansion",
                        "2026-12-02T06:02:00Z")
    finally:
        store.close()


def test_export_then_import_restores_watchlist_and_notes_with_undo(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    _watch_and_note(db)
    watched, notes = _rows(db, "watchlist"), _rows(db, "notes")
    for table in ("watchlist", "notes"):
        done = bioterm("--db", db, "export", table, "-o", tmp_path / f"{table}.csv")
        assert done.code == 0, done.both
    text = (tmp_path / "notes.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "kind,record_id,body,edited"
    assert '"Plant visit: ask about\nthe 2025 expansion"' in text

    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(db.read_bytes())
    with sqlite3.connect(fresh) as conn:
        conn.execute("DELETE FROM watchlist")
        conn.execute("DELETE FROM notes")
    done = bioterm("--db", fresh, "import", tmp_path / "watchlist.csv", tmp_path / "notes.csv")
    assert done.code == 0, done.both
    assert _rows(fresh, "watchlist") == watched and _rows(fresh, "notes") == notes
    again = bioterm("--db", fresh, "import", tmp_path / "watchlist.csv", tmp_path / "notes.csv")
    assert again.code == 0, again.both  # a no-op: no history entry, so the undos below
    assert bioterm("--db", fresh, "undo", "--yes").code == 0  # revert the first import's two files
    assert bioterm("--db", fresh, "undo", "--yes").code == 0
    assert _rows(fresh, "watchlist") == [] and _rows(fresh, "notes") == []


def test_a_bad_watchlist_file_is_refused_with_its_line(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "watch.csv"
    bad.write_text("kind,record_id\ncompany,akeso\nfunding round,x\n", encoding="utf-8")
    done = bioterm("--db", db, "import", bad)
    assert done.code != 0
    assert "watch.csv:3: kind:" in done.both
    assert _rows(db, "watchlist") == []


def test_undoing_a_data_import_leaves_the_watchlist_and_notes_alone(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    data = tmp_path / "sources.csv"
    data.write_text("id,title\ncli-user-data-source,A source imported after watching\n",
                    encoding="utf-8")
    assert bioterm("--db", db, "import", data).code == 0
    _watch_and_note(db)
    watched, notes = _rows(db, "watchlist"), _rows(db, "notes")
    assert bioterm("--db", db, "undo", "--yes").code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM sources WHERE id = 'cli-user-data-source'").fetchone()[0] == 0
    assert _rows(db, "watchlist") == watched and _rows(db, "notes") == notes


def test_db_check_lists_notes_whose_record_is_gone(bioterm: Run, db: Path) -> None:
    store = Store.open_for_write(DbLocation(db, Origin.OPTION))
    try:
        store.save_note("drug", "no-such-drug", "kept for later", "2026-12-02T06:00:00Z")
        store.set_watched("company", "akeso", True, "2026-12-02T06:00:00Z")
    finally:
        store.close()
    done = bioterm("--db", db, "db", "check")
    assert done.code == 0, done.both
    assert "notice: notes drug no-such-drug: its record is no longer in the database" in done.out
    assert "akeso" not in done.out


def test_config_path_and_keys_show_the_users_keymap(
    bioterm: Run, env: dict[str, str], tmp_path: Path
) -> None:
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = bioterm("config", "path")
    assert done.code == 0
    path = Path(done.out.strip())
    assert path == tmp_path / "config" / "bioterm" / "keymap.toml" and not path.exists()
    path.parent.mkdir(parents=True)
    path.write_text('record.watch = "W"\n', encoding="utf-8")
    keys = bioterm("config", "keys")
    assert keys.code == 0 and keys.err == ""
    line = next(t for t in keys.out.splitlines() if t.startswith("record.watch"))
    assert line.split()[1] == "W"
    path.write_text('record.watch = "s"\n', encoding="utf-8")
    clash = bioterm("config", "keys")
    assert "would mean both record.watch and table.sort" in clash.err
    assert next(t for t in clash.out.splitlines()
                if t.startswith("record.watch")).split()[1] == "w"
