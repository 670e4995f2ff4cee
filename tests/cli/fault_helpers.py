"""What the fault tests of the real command share: table dumps, damaged and locked files."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def immutable(path: Path, on: bool) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None or os.geteuid() != 0:
        return False
    done = subprocess.run([chattr, "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0
