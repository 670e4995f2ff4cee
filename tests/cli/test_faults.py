"""The real `bioterm` under faults: bad bytes, ragged rows, absurd numbers, exports onto
the wrong file, damaged, locked and read-only databases, links, interrupts, endless input.

Every case checks the exit status, the message, and every table before and after.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
SRC = "akeso-cytiva-flexfactory-2021"
COMPANIES = "id,name,kind,source_id\n"


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the undo log and search index included)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")), key=repr)
                for t in tables}
    finally:
        conn.close()


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def unchanged(db: Path) -> Callable[[], None]:
    """A check that the database file is byte-for-byte what it is now."""
    before = db.read_bytes()
    tables = dump(db)

    def check() -> None:
        assert dump(db) == tables
        assert db.read_bytes() == before

    return check


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and "unexpected error" not in text, text


# -- bad bytes --------------------------------------------------------------------------

def french(tmp_path: Path) -> Path:
    return write(tmp_path, "societes.csv", (
        COMPANIES.encode()
        + f"soc-a,Société Alpha,biotech,{SRC}\n".encode()
        + b"soc-b,Soci\xe9t\xc3\xa9 Beta,biotech," + SRC.encode() + b"\n"
        + f"soc-c,Société Gamma,biotech,{SRC}\n".encode()
    ))


def test_one_latin1_byte_in_a_utf8_file_is_refused_with_line_and_offset(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = french(tmp_path)
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    offset = path.read_bytes().index(b"\xe9t\xc3")
    assert f"societes.csv:3: byte 0xE9 at byte offset {offset} (not valid UTF-8)" in ran.err
    assert "--replace-bad-bytes" in ran.err
    no_traceback(ran.both)
    same()


def test_bad_bytes_replaced_when_asked_and_listed(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = french(tmp_path)
    ran = bioterm("--db", db, "import", "--replace-bad-bytes", path)
    assert ran.code == 0, ran.both
    assert "Replaced 1 invalid byte sequence(s)" in ran.err
    assert "societes.csv:3: byte 0xE9" in ran.err
    names = dict(dump(db)["companies"][i][:2] for i in range(len(dump(db)["companies"])))
    assert names["soc-a"] == "Société Alpha" and names["soc-c"] == "Société Gamma"
    assert names["soc-b"] == "Soci\ufffdté Beta"


def test_chinese_utf8_file_with_one_bad_byte_is_never_re_decoded(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    names = [f"康方生物{chr(0x4E00 + i)}" for i in range(40)]
    lines = [f"zh-{i},{name},biotech,{SRC}\n".encode() for i, name in enumerate(names)]
    lines[17] = lines[17].replace("康".encode(), b"\xb5", 1)  # one stray byte
    path = write(tmp_path, "zh.csv", COMPANIES.encode() + b"".join(lines))
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "zh.csv:19: byte 0xB5" in ran.err
    same()
    ran = bioterm("--db", db, "import", "--replace-bad-bytes", path)
    assert ran.code == 0, ran.both
    stored = {row[0]: row[1] for row in dump(db)["companies"] if row[0].startswith("zh-")}
    assert stored["zh-0"] == names[0] and stored["zh-39"] == names[39]
    assert stored["zh-17"] == "\ufffd" + names[17][1:]


def test_import_help_documents_replacing_bad_bytes(bioterm: Run) -> None:
    ran = bioterm("import", "--help")
    assert ran.code == 0
    assert "--replace-bad-bytes" in ran.out
    assert "byte offset" in ran.out and "512 MiB" in ran.out


def test_a_genuine_gb18030_file_still_imports(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "gb.csv", (COMPANIES + f"gb-1,示例生物科技,biotech,{SRC}\n"
                                      f"gb-2,康方生物,biotech,{SRC}\n").encode("gb18030"))
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 0, ran.both
    stored = {row[0]: row[1] for row in dump(db)["companies"]}
    assert stored["gb-1"] == "示例生物科技" and stored["gb-2"] == "康方生物"


# -- ragged rows ------------------------------------------------------------------------

RAGGED = (COMPANIES + f"r-a,A,biotech,{SRC}\n" + f"r-b,B,biotech,{SRC},extra\n"
          + f"r-c,C,biotech,{SRC}\n" + f"r-d,D,biotech,{SRC},x,y\n" + f"r-e,E,biotech,{SRC}\n")


def test_skip_bad_rows_reads_on_past_a_row_with_too_many_cells(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "ragged.csv", RAGGED)
    ran = bioterm("--db", db, "import", "--skip-bad-rows", path)
    assert ran.code == 0, ran.both
    ids = {row[0] for row in dump(db)["companies"]}
    assert {"r-a", "r-c", "r-e"} <= ids and not {"r-b", "r-d"} & ids
    assert "Skipped 2 bad row(s)" in ran.err
    assert "ragged.csv:3: row has 5 cells" in ran.err
    assert "ragged.csv:5: row has 6 cells" in ran.err


def test_without_skip_every_ragged_row_is_listed(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "ragged.csv", RAGGED)
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "(2 problems)" in ran.err
    assert "ragged.csv:3:" in ran.err and "ragged.csv:5:" in ran.err
    same()


# -- natural keys left out --------------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "table"), [
    ("cap.csv", f"company_id,date,litres,status,source_id\nakeso,2030,1000,planned,{SRC}\n",
     "capacity"),
    ("ms.csv", f"drug_id,kind,date,source_id\npenpulimab,nda_submitted,2031,{SRC}\n",
     "milestones"),
    ("pa.csv", f"company_id,partner_id,kind,source_id\nakeso,cytiva,research,{SRC}\n",
     "partnerships"),
])
def test_an_optional_key_column_may_be_left_out(
    bioterm: Run, db: Path, tmp_path: Path, name: str, text: str, table: str
) -> None:
    path = write(tmp_path, name, text)
    same = unchanged(db)
    ran = bioterm("--db", db, "import", "--dry-run", path)
    assert ran.code == 0, ran.both
    assert f"+ {table}" in ran.out
    same()
    before = len(dump(db)[table])
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 0, ran.both
    assert len(dump(db)[table]) == before + 1
    again = bioterm("--db", db, "import", path)
    assert again.code == 0 and "Nothing changed" in again.out, again.both


# -- numbers ----------------------------------------------------------------------------

def test_an_amount_whose_usd_value_overflows_is_refused(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "f.csv", "company_id,date,kind,amount,currency,source_id\n"
                                    f"akeso,2023,series_a,1.7e308,EUR,{SRC}\n")
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "f.csv:2: amount:" in ran.err and "implausibly large" in ran.err
    same()
    # The database is as good as before: a later import and its undo work.
    ok = write(tmp_path, "ok.csv", "company_id,date,kind,amount,currency,source_id\n"
                                   f"akeso,2023,series_a,5 million,EUR,{SRC}\n")
    assert bioterm("--db", db, "import", ok).code == 0
    undo = bioterm("--db", db, "undo")
    assert undo.code == 0, undo.both


@pytest.mark.parametrize(("header", "cell"), [
    ("company_id,date,litres,status,source_id", "1e200"),
    ("currency,year,usd,source_id", "1e300"),
])
def test_implausible_magnitudes_are_refused_with_the_reason(
    bioterm: Run, db: Path, tmp_path: Path, header: str, cell: str
) -> None:
    row = (f"akeso,2030,{cell},planned,{SRC}" if "litres" in header
           else f"EUR,2030,{cell},{SRC}")
    path = write(tmp_path, "x.csv", f"{header}\n{row}\n")
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "implausibly large; the most accepted is" in ran.err
    same()


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


def damage(db: Path) -> None:
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [root for (root,) in conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name IN ('companies', 'funding')")]
    conn.close()
    with db.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * page_size)
            f.write(b"\xde\xad" * (page_size // 2))


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


@contextlib.contextmanager
def locked(db: Path) -> Iterator[None]:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE sources SET note = note WHERE rowid = 1")
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def test_undo_and_import_on_a_locked_database_say_so(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", COMPANIES + f"k-1,Locked,biotech,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 0
    other = write(tmp_path, "d.csv", COMPANIES + f"k-2,Later,biotech,{SRC}\n")
    tables = dump(db)
    with locked(db):
        for args in (["undo"], ["import", other]):
            ran = bioterm("--db", db, *args)
            assert ran.code == 1, ran.both
            assert "is locked by another program" in ran.err, ran.both
            no_traceback(ran.both)
    assert dump(db) == tables


def _immutable(path: Path, on: bool) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None or os.geteuid() != 0:
        return False
    done = subprocess.run([chattr, "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0


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
    elif not _immutable(folder, True):
        pytest.skip("cannot make a folder read-only here")
    try:
        info = bioterm("--db", wal, "db", "info")
        assert info.code == 0, info.both
        assert "companies" in info.out
        undo = bioterm("--db", wal, "undo")
        assert undo.code == 1, undo.both
        assert "its folder cannot be written" in undo.err or "read-only" in undo.err
        no_traceback(undo.both)
    finally:
        _immutable(folder, False)
        os.chmod(folder, 0o755)


def test_paths_with_brackets(bioterm: Run, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "[bold]data[-]"
    folder.mkdir()
    bracketed = folder / "x[1].db"
    shutil.copyfile(db, bracketed)
    path = write(folder, "[red]c[reset].csv", COMPANIES + f"b-1,Bracket,biotech,{SRC}\n")
    for args in (["import", path], ["history"], ["db", "info"], ["undo"]):
        ran = bioterm("--db", bracketed, *args)
        assert ran.code == 0, ran.both
        no_traceback(ran.both)
    assert "[red]c[reset].csv" in bioterm("--db", bracketed, "history").out
    # A closing tag with nothing to close, across a folder: "a[" / "]x.db".
    (tmp_path / "a[").mkdir()
    closing = tmp_path / "a[" / "]x.db"
    shutil.copyfile(db, closing)
    for args in (["db", "info"], ["db", "check"], ["import", path], ["undo"]):
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


# -- bounded input ----------------------------------------------------------------------

def test_endless_and_enormous_files_are_refused_early(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    same = unchanged(db)
    started = time.monotonic()
    ran = bioterm("--db", db, "import", "--table", "companies", "/dev/zero", timeout=60)
    assert ran.code == 1, ran.both
    assert "not a text file" in ran.err
    sparse = tmp_path / "huge.csv"
    with sparse.open("wb") as f:
        f.write(COMPANIES.encode())
        f.truncate(20 * 1024**3)
    ran = bioterm("--db", db, "import", sparse, timeout=60)
    assert ran.code == 1, ran.both
    assert "is larger than 512 MiB" in ran.err
    assert time.monotonic() - started < 30
    same()


# -- ctrl+c -----------------------------------------------------------------------------

def interrupt(command: list[str], env: dict[str, str], after: float) -> tuple[int, str]:
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(after)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    return child.returncode, err


def test_ctrl_c_during_an_import_writes_nothing_and_exits_130(
    bioterm_command: list[str], env: dict[str, str], db: Path, tmp_path: Path
) -> None:
    rows = "".join(f"bulk-{i},Bulk {i},biotech,{SRC}\n" for i in range(300_000))
    path = write(tmp_path, "bulk.csv", COMPANIES + rows)
    # A first import makes the file a WAL database (the import's own switch to WAL
    # would otherwise be the one byte that changes, if ctrl+c comes as it writes).
    first = write(tmp_path, "first.csv", COMPANIES + f"first-1,First,biotech,{SRC}\n")
    assert subprocess.run([*bioterm_command, "--db", str(db), "import", str(first)],
                          env=env, capture_output=True).returncode == 0
    same = unchanged(db)
    code, err = interrupt([*bioterm_command, "--db", str(db), "import", str(path)], env, 2.5)
    assert code == 130, err
    assert "interrupted; nothing was written." in err
    no_traceback(err)
    same()
    left = {p.name for p in tmp_path.iterdir()} - {db.name, path.name, first.name}
    # (-wal and -shm are what any reader of a WAL database leaves; -wal holds nothing
    # committed, as the unchanged tables show.)
    assert left <= {f"{db.name}-wal", f"{db.name}-shm"}, left


def test_ctrl_c_during_db_generate_leaves_no_file(
    bioterm_command: list[str], env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "gen.db"
    code, err = interrupt([*bioterm_command, "db", "generate", str(target), "--scale", "0.05"],
                          env, 2.5)
    assert code == 130, err
    assert "interrupted" in err
    no_traceback(err)
    assert list(tmp_path.iterdir()) == []


def test_the_command_under_test_is_this_checkout() -> None:
    import bioterm

    here = Path(__file__).resolve().parents[2]
    assert Path(bioterm.__file__).resolve().is_relative_to(here), (bioterm.__file__, sys.path)


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


def test_an_infinite_amount_stored_before_the_limits_can_be_corrected_and_undone(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    """A database written before amounts were bounded may hold infinity in USD."""
    from bioterm.store import summary

    header = "company_id,date,kind,amount,currency,source_id\n"
    first = write(tmp_path, "f.csv", header + f"akeso,2030,series_a,5 million,EUR,{SRC}\n")
    assert bioterm("--db", db, "import", first).code == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE funding SET amount = 1.7e308, amount_usd = 9e999 WHERE date = '2030'")
    summary.rebuild(conn)
    conn.commit()
    assert conn.execute("SELECT count(*) FROM summary_total WHERE usd > 1e308").fetchone()[0]
    conn.close()
    fixed = write(tmp_path, "fix.csv", header + f"akeso,2030,series_a,6 million,EUR,{SRC}\n")
    ran = bioterm("--db", db, "import", fixed)
    assert ran.code == 0, ran.both
    conn = sqlite3.connect(db)
    usd = conn.execute("SELECT amount_usd FROM funding WHERE date = '2030'").fetchone()[0]
    bad = conn.execute("SELECT count(*) FROM summary_total WHERE abs(usd) > 1e308 "
                       "OR usd IS NULL").fetchone()[0]
    conn.close()
    assert 6e6 < usd < 1e7 and bad == 0
    # Undoing the correction would bring the infinity back: refused, saying why.
    undo = bioterm("--db", db, "undo")
    assert undo.code == 1 and "not a finite number of US dollars" in undo.err, undo.both
    no_traceback(undo.both)


def test_undo_on_a_read_only_file_says_so(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", COMPANIES + f"rf-1,Read Only File,biotech,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 0
    os.chmod(db, 0o444)
    if os.geteuid() == 0 and not _immutable(db, True):
        pytest.skip("root writes any file; chattr is needed to make one read-only")
    try:
        tables = dump(db)
        for args in (["undo"], ["import", write(tmp_path, "d.csv", COMPANIES
                                                + f"rf-2,Other,biotech,{SRC}\n")]):
            ran = bioterm("--db", db, *args)
            assert ran.code == 1, ran.both
            assert "is read-only" in ran.err, ran.both
            no_traceback(ran.both)
        assert dump(db) == tables
    finally:
        _immutable(db, False)
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


@pytest.mark.parametrize("args", [["undo"], ["undo", "7"]])
def test_a_refused_undo_changes_no_byte(bioterm: Run, db: Path, args: list[str]) -> None:
    same = unchanged(db)  # a rollback-journal file: opening it to write would make it WAL
    ran = bioterm("--db", db, *args)
    assert ran.code == 1, ran.both
    assert "There is no import" in ran.err
    same()
