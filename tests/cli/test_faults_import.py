"""The real `bioterm import` under faults: bad bytes, ragged rows, left-out keys, absurd
numbers, endless input, ctrl+c. Each case checks the exit status, the message, and
every table before and after."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fault_helpers import (
    COMPANIES,
    SRC,
    Run,
    dump,
    no_traceback,
    unchanged,
    write,
)

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


def test_an_ascii_file_with_one_stray_byte_is_not_guessed_at(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "one.csv", COMPANIES.encode()
                 + b"one-1,Soci\xe9t\xe9 Une,biotech," + SRC.encode() + b"\n")
    same = unchanged(db)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 1, ran.both
    assert "one.csv:2: byte 0xE9 at byte offset" in ran.err
    same()
    # Two GB18030 characters are as few bytes, and are still read as Chinese.
    short = write(tmp_path, "short.csv", (COMPANIES + f"gb-s,康方,biotech,{SRC}\n")
                  .encode("gb18030"))
    ran = bioterm("--db", db, "import", short)
    assert ran.code == 0, ran.both
    assert {row[0]: row[1] for row in dump(db)["companies"]}["gb-s"] == "康方"


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
    assert "2 rows skipped in" in ran.err and "2 rows skipped (--skip-bad-rows)" in ran.out
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
    undo = bioterm("--db", db, "undo", "--yes")
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


def test_ctrl_c_during_an_undo_changes_nothing_and_exits_130(
    bioterm_command: list[str], env: dict[str, str], db: Path, tmp_path: Path
) -> None:
    rows = "".join(f"bulk-{i},Bulk {i},biotech,{SRC}\n" for i in range(150_000))
    path = write(tmp_path, "bulk.csv", COMPANIES + rows)
    assert subprocess.run([*bioterm_command, "--db", str(db), "import", str(path)],
                          env=env, capture_output=True).returncode == 0
    same = unchanged(db)
    code, err = interrupt([*bioterm_command, "--db", str(db), "undo", "--yes"], env, 2.0)
    assert code == 130, err  # (an undo of 150,000 rows takes several seconds)
    assert "interrupted; nothing was written." in err
    no_traceback(err)
    same()


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
    undo = bioterm("--db", db, "undo", "--yes")
    assert undo.code == 1 and "not a finite number of US dollars" in undo.err, undo.both
    no_traceback(undo.both)
