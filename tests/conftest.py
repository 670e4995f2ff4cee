"""Fixtures shared by every test folder: databases built from the stable report dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin, data_sources_dir
from bioterm.store import Store
from bioterm.store.build import build

REPORTS_DATASET = data_sources_dir() / "reports"
RATES_DATASET = data_sources_dir() / "rates"


@pytest.fixture(scope="session")
def reports_csv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset root holding the two-report dataset and the exchange rates: both stable."""
    root = tmp_path_factory.mktemp("csv")
    shutil.copytree(REPORTS_DATASET, root / "reports")
    shutil.copytree(RATES_DATASET, root / "rates")
    return root


@pytest.fixture(scope="session")
def reports_db_template(reports_csv_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "reports.db"
    build(reports_csv_root, path)
    return path


@pytest.fixture
def reports_db(reports_db_template: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the report database for one test."""
    path = tmp_path / "bioterm.db"
    shutil.copyfile(reports_db_template, path)
    return path


@pytest.fixture
def writable_store(reports_db: Path) -> Store:
    store = Store.open_for_write(DbLocation(reports_db, Origin.OPTION))
    yield store
    store.close()


@pytest.fixture
def isolated_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user database somewhere private and clear BIOTERM_DB."""
    user_db = tmp_path / "user-data" / "bioterm.db"
    monkeypatch.setattr("bioterm.paths.user_db_path", lambda: user_db)
    monkeypatch.delenv("BIOTERM_DB", raising=False)
    return user_db
