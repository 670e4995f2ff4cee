"""A database built from the stable report dataset, for the importer's tests.

Built once per session from `bioterm/data/csv/reports` (and the exchange-rate
dataset when there is one), then copied for each test, so tests may write.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin, data_sources_dir
from bioterm.store import Store
from bioterm.store.build import build

CORPUS = Path(__file__).parents[1] / "corpus"
AKESO_SRC = "akeso-cytiva-flexfactory-2021"


@pytest.fixture(scope="session")
def report_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("importer-csv")
    for dataset in ("reports", "rates"):
        if (data_sources_dir() / dataset).is_dir():
            shutil.copytree(data_sources_dir() / dataset, root / dataset)
    path = tmp_path_factory.mktemp("importer-db") / "reports.db"
    build(root, path)
    return path


@pytest.fixture
def report_db(report_db_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db" / "bioterm.db"
    path.parent.mkdir()
    shutil.copyfile(report_db_template, path)
    return path


@pytest.fixture
def location(report_db: Path) -> DbLocation:
    return DbLocation(report_db, Origin.OPTION)


@pytest.fixture
def store(location: DbLocation) -> Store:
    opened = Store.open_for_write(location)
    yield opened
    opened.close()
