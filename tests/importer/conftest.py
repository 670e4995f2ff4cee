"""The importer's tests write to a private copy of the report database (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store


@pytest.fixture
def location(reports_db: Path) -> DbLocation:
    return DbLocation(reports_db, Origin.OPTION)


@pytest.fixture
def store(location: DbLocation) -> Iterator[Store]:
    opened = Store.open_for_write(location)
    yield opened
    opened.close()
