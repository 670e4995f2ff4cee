"""Import of a large drugs CSV: `bioterm import` against `sqlite3 .import` and `sqlite-utils`.

The CSV comes from a generated database (so every company it names exists);
bioterm imports it into a copy of that database with its drugs removed, so
every row is validated, resolved and inserted. The two reference tools load
the same file into an empty database, which is all they can do with it.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bioterm.models import Drug
from bioterm.synthetic.generate import generate


@dataclass
class ImportTimes:
    rows: int
    bioterm: float | None
    sqlite3: float | None
    sqlite_utils: float | None
    notes: list[str]


def _prepare(work: Path, rows: int) -> tuple[Path, Path]:
    """(the CSV, a database holding everything the CSV refers to but no drugs)."""
    source = work / f"import-source-{rows}.db"
    csv_path = work / f"drugs-{rows}.csv"
    if not source.exists():
        generate(source, scale=rows / 1_000_000, seed=7)
    if not csv_path.exists():
        names = list(Drug.model_fields)
        conn = sqlite3.connect(source)
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            for row in conn.execute(f"SELECT {', '.join(names)} FROM drugs LIMIT ?", (rows,)):
                writer.writerow(["true" if v == 1 and n == "first_in_class" else
                                 "false" if v == 0 and n == "first_in_class" else
                                 "" if v is None else v for n, v in zip(names, row, strict=True)])
        conn.close()
    empty = work / f"import-target-{rows}.db"
    if not empty.exists():
        partial = empty.with_name(empty.name + ".partial")
        shutil.copyfile(source, partial)
        conn = sqlite3.connect(partial)
        with conn:
            conn.execute("DELETE FROM milestones")
            conn.execute("DELETE FROM drugs")
            conn.execute("DELETE FROM search_terms WHERE kind = 'drug'")
            conn.execute("DELETE FROM search_index WHERE kind = 'drug'")
        from bioterm.store import summary

        with conn:
            summary.rebuild(conn)
        conn.execute("VACUUM")
        conn.close()
        partial.replace(empty)
    return csv_path, empty


def _run(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, done


def _bioterm_available() -> bool:
    done = subprocess.run([sys.executable, "-m", "bioterm", "import", "--help"],
                          capture_output=True, text=True)
    return done.returncode == 0


def measure_import(work: Path, rows: int) -> ImportTimes:
    work.mkdir(parents=True, exist_ok=True)
    csv_path, target = _prepare(work, rows)
    notes: list[str] = []
    result = ImportTimes(rows, None, None, None, notes)

    if _bioterm_available():
        db = work / "bioterm-import.db"
        shutil.copyfile(target, db)
        seconds, done = _run([sys.executable, "-m", "bioterm", "--db", str(db), "import",
                              str(csv_path), "--table", "drugs"])
        if done.returncode == 0:
            result.bioterm = seconds
        else:
            notes.append(f"bioterm import failed (exit {done.returncode}): "
                         + (done.stderr or done.stdout).strip().splitlines()[-1:][0]
                         if (done.stderr or done.stdout).strip() else "no output")
        db.unlink(missing_ok=True)
    else:
        notes.append("`bioterm import` is not available yet (the command is being written).")

    if shutil.which("sqlite3"):
        db = work / "sqlite3-import.db"
        db.unlink(missing_ok=True)
        seconds, done = _run(["sqlite3", str(db), f".import --csv {csv_path} drugs"])
        result.sqlite3 = seconds if done.returncode == 0 else None
        db.unlink(missing_ok=True)
    else:
        notes.append("sqlite3 CLI not found")

    # Through the running interpreter, not the PATH: the console script is often
    # not on PATH (a venv not activated) although the package is installed.
    if importlib.util.find_spec("sqlite_utils") is not None:
        db = work / "sqlite-utils-import.db"
        db.unlink(missing_ok=True)
        seconds, done = _run([sys.executable, "-m", "sqlite_utils", "insert", str(db), "drugs",
                              str(csv_path), "--csv"])
        if done.returncode == 0:
            result.sqlite_utils = seconds
        else:
            notes.append(f"sqlite-utils insert failed (exit {done.returncode})")
        db.unlink(missing_ok=True)
    else:
        notes.append(f"sqlite-utils is not installed for {sys.executable}")
    return result


def main(argv: list[str] | None = None) -> int:
    """Only the import comparison (run.py measures it with everything else)."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bioterm-bench")
    args = parser.parse_args(argv)
    t = measure_import(args.work, args.rows)

    def fmt(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f} s"

    print(f"import of {t.rows:,} drugs: bioterm {fmt(t.bioterm)}, sqlite3 .import "
          f"{fmt(t.sqlite3)}, sqlite-utils {fmt(t.sqlite_utils)}")
    if t.bioterm and t.sqlite3:
        print(f"  {t.bioterm / t.sqlite3:.1f}× sqlite3 .import (target ≤ 8×)")
    if t.bioterm and t.sqlite_utils:
        print(f"  {t.sqlite_utils / t.bioterm:.2f}× faster than sqlite-utils (target ≥ 3×)")
    for note in t.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
