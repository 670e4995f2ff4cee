"""`bioterm.output`: exports go exactly where the user said, as what it is."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from bioterm.output import open_output, output_problem


def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    os.chmod(path, 0o640)
    with open_output(path) as out:
        out.write("new")
        assert path.read_text() == "old"  # nothing half-written is ever visible
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    with pytest.raises(KeyboardInterrupt), open_output(path) as out:
        out.write("half")
        raise KeyboardInterrupt
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with open_output(link) as out:
        out.write("new")
    assert link.is_symlink() and target.read_text() == "new"
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "made.csv")
    with open_output(dangling) as out:
        out.write("made")
    assert dangling.is_symlink() and (tmp_path / "made.csv").read_text() == "made"


def test_a_pipe_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    with open_output(fifo) as out:
        out.write("through")
    reader.join(timeout=10)
    assert got == ["through"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_devices_are_written_through() -> None:
    assert output_problem(Path("/dev/null")) is None
    with open_output(Path("/dev/null")) as out:
        out.write("gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_database_and_its_companions_are_refused(tmp_path: Path, suffix: str) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"SQLite format 3\x00")
    problem = output_problem(Path(f"{db}{suffix}"), db)
    assert problem is not None and "choose another output file" in problem


def test_links_and_hard_links_to_the_database_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"SQLite format 3\x00")
    (tmp_path / "soft.csv").symlink_to(db)
    os.link(db, tmp_path / "hard.csv")
    for name in ("soft.csv", "hard.csv"):
        assert "is the database in use" in (output_problem(tmp_path / name, db) or "")
    assert output_problem(tmp_path / "other.csv", db) is None


def test_paths_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "is a folder" in (output_problem(tmp_path) or "")
    assert "there is no folder" in (output_problem(tmp_path / "missing" / "x.csv") or "")
    existing = tmp_path / "x.csv"
    existing.write_text("")
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert "permission denied" in (output_problem(existing) or "")
    assert "is not writable" in (output_problem(tmp_path / "new.csv") or "")
