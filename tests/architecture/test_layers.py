"""The layers hold: import-linter's contracts (pyproject.toml) and ruff pass on the tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; it comes with the test extras")
    return found


def test_import_contracts_are_kept() -> None:
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_layer_is_caught(tmp_path: Path) -> None:
    """The contract is not vacuous: a store module importing the UI breaks it."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "bioterm", tree / "bioterm",
                    ignore=shutil.ignore_patterns("data", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    bad = tree / "bioterm" / "store" / "uses_ui.py"
    bad.write_text("from bioterm.screens import base\n")
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=tree,
                            capture_output=True, text=True, check=False,
                            env={"PYTHONPATH": str(tree), "PATH": str(Path(sys.executable).parent)})
    assert result.returncode != 0
    assert "bioterm.store.uses_ui -> bioterm.screens.base" in result.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
