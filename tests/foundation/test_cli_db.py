"""`bioterm db check` and `bioterm db generate` through the real command."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

BIOTERM = shutil.which("bioterm") or "bioterm"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BIOTERM, *args], capture_output=True, text=True, timeout=120)


def test_check_reports_data_quality_problems_and_exits_1(reports_db: Path) -> None:
    conn = sqlite3.connect(reports_db)
    conn.execute("UPDATE drugs SET phase = 'phase_1' WHERE id = 'penpulimab'")
    conn.commit()
    conn.close()
    result = run("--db", str(reports_db), "db", "check")
    assert result.returncode == 1
    expected = "drugs penpulimab: phase is Phase 1 but a NDA submitted milestone (2020)"
    assert expected in result.stdout
    assert "1 data-quality problem(s)" in result.stderr and "Traceback" not in result.stderr


def test_check_passes_on_clean_data(reports_db: Path) -> None:
    result = run("--db", str(reports_db), "db", "check")
    assert result.returncode == 0 and "ok (integrity, foreign keys, data quality)" in result.stdout


def test_generate_writes_a_checked_synthetic_database(tmp_path: Path) -> None:
    target = tmp_path / "synthetic.db"
    result = run("db", "generate", str(target), "--scale", "0.001", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "1,000 drugs" in result.stdout and "100 companies" in result.stdout
    assert run("--db", str(target), "db", "check").returncode == 0
    again = run("db", "generate", str(target), "--scale", "0.001")
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = run("db", "generate", str(tmp_path / "x.db"), "--scale", "0")
    assert bad.returncode == 2
