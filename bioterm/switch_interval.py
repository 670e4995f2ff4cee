"""How long a thread may keep the interpreter while another waits for it.

The dashboard's workers (a count, a chart's figures) build Python lists of
tens of thousands of ids while the screen's thread reads a window. SQLite
runs without the GIL, but every row it hands back, and every call the
screen's thread makes between statements, waits for the interpreter's
switch interval when a worker holds it: 5 ms by default, paid dozens of
times a keystroke. A filter window that takes 12 ms alone took 28-43 ms
beside a busy worker, 14-22 ms with half a millisecond (see
benchmarks/README.md).
"""

from __future__ import annotations

import sys

UI_SWITCH_SECONDS = 0.0005


def favour_the_screen() -> None:
    """Hand the interpreter over sooner, so the screen's thread never waits long."""
    sys.setswitchinterval(UI_SWITCH_SECONDS)
