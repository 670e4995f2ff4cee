"""Killing `bioterm import` at any moment leaves the database exactly as before.

A child process imports a 20,000-row file and is killed with SIGKILL after a
different delay each time, spread over the whole run (reading, writing,
committing). Afterwards the file must pass SQLite's integrity and foreign-key
checks and hold either exactly the rows it held before or exactly the rows of
a complete import, never anything in between.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bioterm.models import RECORDS

ROWS = 20_000
RUNS = 20
SRC = "akeso-cytiva-flexfactory-2021"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def _big_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "code_names", "company", "modality", "targets", "phase",
                         "first_in_class", "description", "source"])
        for i in range(ROWS):
            writer.writerow([f"kill-{i}", f"Kill test drug {i}", f"KT-{i:05d}", "Akeso, Inc.",
                             "mAb" if i % 2 else "small molecule", "PD-1; VEGF",
                             "Phase 2", "yes" if i % 3 == 0 else "no", f"Row {i}, generated.",
                             SRC])
    return path


def _state(db: Path) -> str:
    """A digest of everything an import writes (import times left out)."""
    conn = sqlite3.connect(db)
    try:
        digest = hashlib.sha256()
        queries = [f"SELECT * FROM {t}" for t in RECORDS] + [
            "SELECT id, file, checksum, tables, inserted, updated, unchanged FROM imports",
            "SELECT * FROM import_changes", "SELECT * FROM search_terms",
            "SELECT kind, ref, name, name_zh, pinyin, extra FROM search_index",
        ]
        for sql in queries:
            for row in sorted(map(repr, conn.execute(sql))):
                digest.update(row.encode())
            digest.update(b"|")
        return digest.hexdigest()
    finally:
        conn.close()


def _check(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _start(db: Path, csv_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bioterm", "--db", str(db), "import", str(csv_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )


def test_killing_an_import_at_any_point_leaves_before_or_after(
    reports_db_template: Path, tmp_path: Path
) -> None:
    csv_path = _big_csv(tmp_path / "big.csv")
    before = _state(reports_db_template)

    complete = tmp_path / "complete.db"
    shutil.copyfile(reports_db_template, complete)
    started = time.perf_counter()
    assert _start(complete, csv_path).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    after = _state(complete)
    assert after != before

    outcomes = {"before": 0, "after": 0}
    killed = mid_write = 0
    for run in range(RUNS):
        db = tmp_path / f"run-{run}.db"
        shutil.copyfile(reports_db_template, db)
        child = _start(db, csv_path)
        # Spread the kills from start-up to just past the end of a whole import.
        time.sleep(duration * (0.1 + 1.0 * run / (RUNS - 1)))
        child.send_signal(signal.SIGKILL)
        killed += child.wait(timeout=60) == -signal.SIGKILL
        wal = db.with_name(db.name + "-wal")
        wrote = wal.exists() and wal.stat().st_size > 0  # killed with a write under way?
        _check(db)
        state = _state(db)
        mid_write += wrote and state == before
        assert state in (before, after), f"run {run}: a partial import is visible"
        outcomes["before" if state == before else "after"] += 1
    assert killed >= RUNS // 2, "the child finished before most kills; nothing was tested"
    assert outcomes["before"] >= 1
    assert mid_write >= 1, f"no kill landed while the import was writing ({outcomes})"
