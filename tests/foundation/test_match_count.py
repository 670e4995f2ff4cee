"""The dashboard's exact count off the UI thread: its own connection, stopped on demand."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bioterm.paths import DbLocation, Origin
from bioterm.store import ListQuery, Store
from bioterm.store.match_count import MatchCounter

ENDLESS = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
           "SELECT count(*) FROM n")


def test_counts_as_the_list_does(reports_db: Path) -> None:
    location = DbLocation(reports_db, Origin.OPTION)
    query = ListQuery(text="bio")
    store = Store.open(location)
    expected = store.list_count("companies", query)
    store.close()
    counter = MatchCounter()
    assert counter.count(location, "companies", query) == expected > 0
    assert counter.count(location, "companies", query, wanted=lambda: False) is None


def test_stop_interrupts_a_running_count(reports_db: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def endless(self: Store, entity: str, query: ListQuery) -> int:
        started.set()
        return int(self.conn.execute(ENDLESS).fetchone()[0])

    monkeypatch.setattr(Store, "list_count", endless)
    counter = MatchCounter()
    results: list[int | None] = []
    worker = threading.Thread(target=lambda: results.append(
        counter.count(DbLocation(reports_db, Origin.OPTION), "drugs", ListQuery(text="mab"))))
    worker.start()
    assert started.wait(5)
    time.sleep(0.05)
    counter.stop()
    worker.join(5)
    assert not worker.is_alive() and results == [None]
    counter.stop()  # nothing running: a no-op


def test_a_file_that_cannot_be_opened_gives_no_count(tmp_path: Path) -> None:
    missing = DbLocation(tmp_path / "absent.db", Origin.OPTION)
    assert MatchCounter().count(missing, "drugs", ListQuery()) is None
