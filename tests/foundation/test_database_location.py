"""Which file is read and written, and how bad files are refused — through the real command."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bioterm import paths
from bioterm.paths import DbLocation, Origin, bundled_db_path, resolve_read, resolve_write
from bioterm.store import Store, StoreError

BIOTERM = shutil.which("bioterm") or "bioterm"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BIOTERM, *args], capture_output=True, text=True, env=env, timeout=60)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BIOTERM_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return env


def test_resolution_order(isolated_user_dir: Path, monkeypatch: pytest.MonkeyPatch,
                          tmp_path: Path) -> None:
    assert resolve_read() == DbLocation(bundled_db_path(), Origin.BUNDLED)
    assert resolve_write() == DbLocation(isolated_user_dir, Origin.USER)
    isolated_user_dir.parent.mkdir(parents=True)
    isolated_user_dir.write_bytes(b"")
    assert resolve_read().origin is Origin.USER
    monkeypatch.setenv("BIOTERM_DB", str(tmp_path / "env.db"))
    assert resolve_read() == DbLocation(tmp_path / "env.db", Origin.ENVIRONMENT)
    assert resolve_read(tmp_path / "opt.db") == DbLocation(tmp_path / "opt.db", Origin.OPTION)


def test_first_write_copies_the_bundled_database_and_never_touches_it(
    isolated_user_dir: Path,
) -> None:
    before = digest(bundled_db_path())
    store = Store.open_for_write(resolve_write())
    assert store.path == isolated_user_dir and isolated_user_dir.exists()
    with store.transaction():
        store.conn.execute("DELETE FROM partnerships")
    store.close()
    assert digest(bundled_db_path()) == before
    assert resolve_read().origin is Origin.USER


def test_the_bundled_database_is_opened_read_only() -> None:
    store = Store.open(DbLocation(bundled_db_path(), Origin.BUNDLED))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM sources")
    with pytest.raises(StoreError, match="never written"):
        Store.open_for_write(DbLocation(bundled_db_path(), Origin.BUNDLED))


def test_db_path_info_and_check(clean_env: dict[str, str], reports_db: Path) -> None:
    result = run("db", "path", env=clean_env)
    assert result.returncode == 0
    # The installed command's own bundled file (site-packages, or this tree if editable).
    shown = Path(result.stdout.strip())
    assert shown.parts[-3:] == ("bioterm", "data", "bioterm.db") and shown.is_file()
    info = run("--db", str(reports_db), "db", "info", env=clean_env)
    assert info.returncode == 0, info.stderr
    assert "companies" in info.stdout and "schema version 3" in info.stdout
    check = run("--db", str(reports_db), "db", "check", env=clean_env)
    assert check.returncode == 0 and "ok" in check.stdout
    env_path = run("db", "path", env={**clean_env, "BIOTERM_DB": str(reports_db)})
    assert env_path.stdout.strip() == str(reports_db)


def test_version() -> None:
    assert run("--version").stdout.strip().endswith(__import__("bioterm").__version__)
    module = subprocess.run([sys.executable, "-m", "bioterm", "--version"], capture_output=True,
                            text=True, timeout=60)
    assert module.returncode == 0 and "bioterm" in module.stdout


def _non_bioterm_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _corrupt_copy(path: Path, source: Path) -> None:
    data = bytearray(source.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("make, expected", [
    (lambda p, src: None, "There is no database"),
    (lambda p, src: p.mkdir(), "is not a file"),
    (lambda p, src: p.write_bytes(b"hello, this is not a database" * 100), "not a readable SQLite"),
    (lambda p, src: p.write_bytes(b""), "not a bioterm database"),
    (lambda p, src: _non_bioterm_sqlite(p), "not a bioterm database"),
    (lambda p, src: _corrupt_copy(p, src), "not a readable SQLite"),
])
def test_bad_database_files_get_one_clear_sentence(
    make, expected: str, tmp_path: Path, reports_db: Path, clean_env: dict[str, str]
) -> None:
    target = tmp_path / "bad.db"
    make(target, reports_db)
    before = digest(target) if target.is_file() else None
    for args in (["db", "info"], ["db", "check"], []):
        result = run("--db", str(target), *args, env=clean_env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert expected in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.count("\n") <= 2
    if before is not None:
        assert digest(target) == before
    assert not list(tmp_path.glob("bad.db-*"))


def test_usage_errors_exit_2(clean_env: dict[str, str]) -> None:
    result = run("db", "frobnicate", env=clean_env)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_paths_module_uses_platformdirs() -> None:
    from platformdirs import user_data_dir

    assert str(paths.user_db_path()).startswith(user_data_dir("bioterm", appauthor=False))
