"""The real `bioterm` on the wrong files: exports onto the database, links, pipes and
devices; damaged, locked and read-only databases; odd paths and terminals. Each case
checks the exit status, the message, and the database before and after."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from fault_helpers import (
    COMPANIES,
    SRC,
    Run,
    damage,
    dump,
    immutable,
    locked,
    no_traceback,
    unchanged,
    write,
)

# -- exports ----------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_never_writes_onto_the_database(
    bioterm: Run, db: Path, suffix: str
) -> None:
    same = unchanged(db)
    ran = bioterm("--db", db, "export", "companies", "-o", f"{db}{suffix}")
    assert ran.code == 2, ran.both
    assert "choose another output file" in ran.err
    same()
    assert not Path(f"{db}{suffix}").exists() or suffix == ""


def test_export_through_a_link_to_the_database_is_refused(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(db)
    same = unchanged(db)
    ran = bioterm("--db", db, "export", "companies", "-o", link)
    assert ran.code == 2 and "is the database in use" in ran.err, ran.both
    same()
    hard = tmp_path / "hard.csv"
    os.link(db, hard)
    ran = bioterm("--db", db, "export", "companies", "-o", hard)
    assert ran.code == 2 and "is the database in use" in ran.err, ran.both
    same()


def test_export_all_refuses_a_folder_holding_the_database_as_a_table_file(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    shutil.copyfile(db, folder / "funding.csv")
    same = unchanged(folder / "funding.csv")
    ran = bioterm("--db", folder / "funding.csv", "export", "--all", "-o", folder)
    assert ran.code == 2, ran.both
    assert not (folder / "sources.csv").exists()  # refused before any work
    same()


def test_export_writes_through_links_and_pipes(bioterm: Run, db: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    ran = bioterm("--db", db, "export", "companies", "-o", link)
    assert ran.code == 0, ran.both
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("id,name")
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "new.csv")
    assert bioterm("--db", db, "export", "companies", "-o", dangling).code == 0
    assert dangling.is_symlink() and (tmp_path / "new.csv").is_file()
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    ran = bioterm("--db", db, "export", "companies", "-o", fifo)
    out, _ = reader.communicate(timeout=60)
    assert ran.code == 0, ran.both
    assert out.decode("utf-8-sig").startswith("id,name")
    assert fifo.exists() and not fifo.is_file()  # still a pipe
    assert bioterm("--db", db, "export", "companies", "-o", "/dev/null").code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


# -- database files ---------------------------------------------------------------------

def test_db_link_stays_a_link_when_its_target_is_made(
    bioterm: Run, tmp_path: Path
) -> None:
    link = tmp_path / "db-link.db"
    link.symlink_to(tmp_path / "real.db")
    path = write(tmp_path, "c.csv", COMPANIES + f"l-1,Linked,biotech,{SRC}\n")
    ran = bioterm("--db", link, "import", path)
    assert ran.code == 0, ran.both
    assert link.is_symlink() and (tmp_path / "real.db").is_file()
    assert "l-1" in {row[0] for row in dump(tmp_path / "real.db")["companies"]}


@pytest.mark.parametrize("args", [["db", "check"], ["export", "companies"],
                                  ["export", "funding", "--format", "json"]])
def test_a_damaged_file_is_named_as_damaged(
    bioterm: Run, db: Path, tmp_path: Path, args: list[str]
) -> None:
    damage(db)
    before = db.read_bytes()
    ran = bioterm("--db", db, *args)
    assert ran.code == 1, ran.both
    no_traceback(ran.both)
    assert "is damaged" in ran.err, ran.both
    assert len(ran.err.strip().splitlines()) == 1, ran.err
    assert db.read_bytes() == before


def test_undo_and_import_on_a_locked_database_say_so(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", COMPANIES + f"k-1,Locked,biotech,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 0
    other = write(tmp_path, "d.csv", COMPANIES + f"k-2,Later,biotech,{SRC}\n")
    tables = dump(db)
    with locked(db):
        for args in (["undo", "--yes"], ["import", other]):
            ran = bioterm("--db", db, *args)
            assert ran.code == 1, ran.both
            assert "is locked by another program" in ran.err, ran.both
            no_traceback(ran.both)
    assert dump(db) == tables


def test_read_only_databases(bioterm: Run, db: Path, tmp_path: Path) -> None:
    """A read-only file refuses undo by saying so; a WAL database in a read-only
    folder is still read. (Run as root, `chattr +i` makes them read-only.)"""
    path = write(tmp_path, "c.csv", COMPANIES + f"ro-1,Read Only,biotech,{SRC}\n")
    folder = tmp_path / "ro"
    folder.mkdir()
    wal = folder / "w.db"
    shutil.copyfile(db, wal)
    assert bioterm("--db", wal, "import", path).code == 0  # now WAL, cleanly closed
    assert not Path(f"{wal}-wal").exists()
    if not os.access(folder, os.W_OK) or os.geteuid() != 0:
        os.chmod(folder, 0o555)
    elif not immutable(folder, True):
        pytest.skip("cannot make a folder read-only here")
    try:
        info = bioterm("--db", wal, "db", "info")
        assert info.code == 0, info.both
        assert "companies" in info.out
        undo = bioterm("--db", wal, "undo", "--yes")
        assert undo.code == 1, undo.both
        assert "its folder cannot be written" in undo.err or "read-only" in undo.err
        no_traceback(undo.both)
    finally:
        immutable(folder, False)
        os.chmod(folder, 0o755)


def test_paths_with_brackets(bioterm: Run, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "[bold]data[-]"
    folder.mkdir()
    bracketed = folder / "x[1].db"
    shutil.copyfile(db, bracketed)
    path = write(folder, "[red]c[reset].csv", COMPANIES + f"b-1,Bracket,biotech,{SRC}\n")
    for args in (["import", path], ["history"], ["db", "info"], ["undo", "--yes"]):
        ran = bioterm("--db", bracketed, *args)
        assert ran.code == 0, ran.both
        no_traceback(ran.both)
    assert "[red]c[reset].csv" in bioterm("--db", bracketed, "history").out
    # A closing tag with nothing to close, across a folder: "a[" / "]x.db".
    (tmp_path / "a[").mkdir()
    closing = tmp_path / "a[" / "]x.db"
    shutil.copyfile(db, closing)
    for args in (["db", "info"], ["db", "check"], ["import", path], ["undo", "--yes"]):
        ran = bioterm("--db", closing, *args)
        assert ran.code == 0, ran.both
        no_traceback(ran.both)
    assert "a[/]x.db" in bioterm("--db", closing, "db", "info").out


def test_stdout_that_cannot_take_utf8(
    bioterm: Run, env: dict[str, str], db: Path
) -> None:
    env["PYTHONIOENCODING"] = "ascii"
    ran = bioterm("--db", db, "export", "companies")
    assert ran.code == 1, ran.both
    assert "standard output takes only ascii" in ran.err
    no_traceback(ran.both)
    assert bioterm("--db", db, "template", "companies").code == 0  # shown as \\u escapes
    assert bioterm("--db", db, "db", "info").code == 0


def test_new_databases_go_through_links_and_never_onto_devices(
    bioterm: Run, tmp_path: Path
) -> None:
    link = tmp_path / "gen.db"
    link.symlink_to(tmp_path / "real.db")
    ran = bioterm("db", "generate", link, "--scale", "0.001")
    assert ran.code == 0, ran.both
    assert link.is_symlink() and (tmp_path / "real.db").is_file()
    built = tmp_path / "built.db"
    built.symlink_to(tmp_path / "real-built.db")
    ran = bioterm("db", "build", "-o", built)
    assert ran.code == 0, ran.both
    assert built.is_symlink() and (tmp_path / "real-built.db").is_file()
    ran = bioterm("db", "build", "-o", "/dev/null")
    assert ran.code == 1 and "not a regular file" in ran.err, ran.both
    ran = bioterm("db", "build", "-o", tmp_path / "missing" / "x.db")
    assert ran.code == 1 and "there is no folder" in ran.err, ran.both
    assert not (tmp_path / "missing").exists()


def test_undo_on_a_read_only_file_says_so(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", COMPANIES + f"rf-1,Read Only File,biotech,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 0
    os.chmod(db, 0o444)
    if os.geteuid() == 0 and not immutable(db, True):
        pytest.skip("root writes any file; chattr is needed to make one read-only")
    try:
        tables = dump(db)
        for args in (["undo", "--yes"], ["import", write(tmp_path, "d.csv", COMPANIES
                                                + f"rf-2,Other,biotech,{SRC}\n")]):
            ran = bioterm("--db", db, *args)
            assert ran.code == 1, ran.both
            assert "is read-only" in ran.err, ran.both
            no_traceback(ran.both)
        assert dump(db) == tables
    finally:
        immutable(db, False)
        os.chmod(db, 0o644)


def test_reading_a_database_another_program_has_locked(bioterm: Run, db: Path) -> None:
    """A rollback-journal database under another program's exclusive lock."""
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with locked(db):
        ran = bioterm("--db", db, "db", "info")
    assert ran.code == 1, ran.both
    assert "is locked by another program" in ran.err
    assert "not a readable SQLite database" not in ran.err
    no_traceback(ran.both)


def test_a_database_that_cannot_be_created_says_where_and_why(
    bioterm: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", COMPANIES + f"nc-1,Nowhere,biotech,{SRC}\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    ran = bioterm("--db", blocker / "x.db", "import", path)
    assert ran.code == 1, ran.both
    assert f"{blocker / 'x.db'} cannot be created" in ran.err
    no_traceback(ran.both)
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("args", [["undo", "--yes"], ["undo", "--yes", "7"]])
def test_a_refused_undo_changes_no_byte(bioterm: Run, db: Path, args: list[str]) -> None:
    same = unchanged(db)  # a rollback-journal file: opening it to write would make it WAL
    ran = bioterm("--db", db, *args)
    assert ran.code == 1, ran.both
    assert "There is no import" in ran.err
    same()


def test_a_loop_of_links_is_named_as_one(bioterm: Run, db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "loop1.db", tmp_path / "loop2.db"
    first.symlink_to(second)
    second.symlink_to(first)
    path = write(tmp_path, "c.csv", COMPANIES + f"lp-1,Loop,biotech,{SRC}\n")
    for args in (["--db", first, "db", "info"], ["--db", first, "import", path],
                 ["--db", db, "export", "companies", "-o", first],
                 ["db", "generate", first, "--scale", "0.001"]):
        ran = bioterm(*args)
        assert ran.code in (1, 2), ran.both
        assert "the links go round in a loop" in ran.err, ran.both
        no_traceback(ran.both)
    assert first.is_symlink() and second.is_symlink()
