"""Running the real `bioterm` command against private databases."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def command() -> list[str]:
    """The installed console script, or the module when it is not on PATH."""
    script = shutil.which("bioterm")
    return [script] if script else [sys.executable, "-m", "bioterm"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment whose user database lives in the test's temporary folder."""
    values = {k: v for k, v in os.environ.items() if k != "BIOTERM_DB"}
    values.update(XDG_DATA_HOME=str(tmp_path / "xdg"), COLUMNS="200", NO_COLOR="1",
                  PYTHONIOENCODING="utf-8")
    return values


@pytest.fixture
def bioterm_command() -> list[str]:
    return command()


@pytest.fixture
def bioterm(env: dict[str, str]):  # type: ignore[no-untyped-def]
    def run(*args: str | Path, timeout: float = 120) -> Ran:
        done = subprocess.run(
            [*command(), *map(str, args)], capture_output=True, text=True, env=env,
            stdin=subprocess.DEVNULL, timeout=timeout, encoding="utf-8",
        )
        return Ran(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def db(reports_db: Path) -> Path:
    """A private copy of the report database (tests/conftest.py)."""
    return reports_db
