"""A statement stopped once it has run for a while, without asking Python on the way.

A progress handler is Python called every few thousand SQLite steps, so it
needs the GIL: while another thread holds it (a count worker building an id
list), every call waits out the interpreter's switch interval. A dense walk
that takes 13 ms alone then ran past its 60 ms budget and was abandoned for
the slower plan. A timer thread that interrupts the connection needs nothing
from the thread running the statement.
"""

from __future__ import annotations

import sqlite3
import threading
from types import TracebackType


class TimeLimit:
    """Within `with`, the connection's running statement is interrupted after
    `seconds` (it raises sqlite3.OperationalError "interrupted"); `expired`
    says whether that happened."""

    def __init__(self, conn: sqlite3.Connection, seconds: float) -> None:
        self._conn = conn
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._lock = threading.Lock()
        self._over = False
        self.expired = False

    def __enter__(self) -> TimeLimit:
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        # Under the lock: once this block is left, a late timer cannot reach
        # whatever statement the connection runs next.
        with self._lock:
            self._over = True
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            if not self._over:
                self.expired = True
                self._conn.interrupt()
