"""The benchmark itself, at a tiny scale with one repetition, so it cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def test_quick_benchmark_prints_every_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--db", str(tmp_path / "tiny.db"),
         "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for label in ("cold start", "filter keystroke", "page scroll", "global search",
                  "open company detail", "peak memory", "import", "sqlite3 .import",
                  "sqlite-utils"):
        assert label in out, label
    assert "bioterm benchmark" in out
    # sqlite-utils is a dependency, so the comparison is always made (through
    # the running interpreter, whatever the PATH holds).
    reference = next(line for line in out.splitlines() if "sqlite-utils insert" in line)
    assert reference.split("(reference)")[1].split()[0] != "—", reference
    assert "sqlite-utils not" not in out and "sqlite-utils is not" not in out
