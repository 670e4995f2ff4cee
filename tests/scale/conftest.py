"""A tiny generated database shared by the scale tests (the generator's own smoke run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store
from bioterm.synthetic.generate import generate

SCALE = 0.001
SEED = 3


@pytest.fixture(scope="session")
def generated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "generated.db"
    stages: list[str] = []
    generate(path, scale=SCALE, seed=SEED, progress=lambda s, d, t: stages.append(s))
    assert {"drugs", "indexes", "summaries", "analyze"} <= set(stages)
    return path


@pytest.fixture
def generated_store(generated_db: Path) -> Store:
    store = Store.open(DbLocation(generated_db, Origin.OPTION))
    yield store
    store.close()


@pytest.fixture
def writable_generated(generated_db: Path, tmp_path: Path) -> Store:
    path = tmp_path / "copy.db"
    shutil.copyfile(generated_db, path)
    store = Store.open_for_write(DbLocation(path, Origin.OPTION))
    yield store
    store.close()
