"""A time limit stops a long statement from outside its thread, and never the next one."""

from __future__ import annotations

import sqlite3
import time

import pytest

from bioterm.store.time_limit import TimeLimit

ENDLESS = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
           "SELECT count(*) FROM n")


def test_a_long_statement_is_interrupted_and_the_limit_says_so() -> None:
    conn = sqlite3.connect(":memory:")
    limit = TimeLimit(conn, 0.05)
    # ENDLESS never finishes: returning at all means it was stopped.
    with pytest.raises(sqlite3.OperationalError, match="interrupt"), limit:
        conn.execute(ENDLESS).fetchone()
    assert limit.expired
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection still works


def test_a_quick_statement_runs_and_a_late_timer_never_reaches_the_next_one() -> None:
    conn = sqlite3.connect(":memory:")
    limit = TimeLimit(conn, 0.05)
    with limit:
        assert conn.execute("SELECT 2").fetchone() == (2,)
    time.sleep(0.1)  # past the limit: a timer still armed would fire now
    assert not limit.expired
    cte = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) "
           "SELECT count(*) FROM n")
    assert conn.execute(cte).fetchone() == (300000,)
