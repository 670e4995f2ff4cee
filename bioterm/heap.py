"""Keeping the garbage collector's full passes out of the way of keys once the app is built.

A full collection walks every container object alive. Once the list sections
are built, most of those are modules, widgets and styles that live as long as
the app and will never be garbage. At scale 1 a full pass took 120–150 ms, and
one came every twenty or so page scrolls: a stall a user sees. `gc.freeze`
takes what exists at that moment out of the collector's walk, so the passes
that remain walk only what was made since (30–60 ms in the same run; see
benchmarks/README.md).

What is made since grows as sections are used (drawn lines kept for
redrawing, each Textual strip with seven small caches; sheets; windows of
rows): after Deals and Investors had been paged and filtered at scale 1, one
full pass took 89 ms, in the middle of a key. Those objects are mostly freed
by their reference counts, not by the collector, so a full pass finds
little. Full passes therefore wait for a pause: once a second without input
has gone by, and only if enough has been kept since the last one to be worth
a walk. Python's own cadence stays as a backstop, at a hundredth of its rate.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

BACKSTOP_FULL_PASS_AFTER = 1000
"""Young (generation 1) collections between full ones that Python makes on its
own, idle or not: its default is 10. CPython also waits until a quarter of what
the last full pass kept is new. Rarer passes hold no more memory now that drawn
lines no longer refer to themselves (widgets/private_api.py): 134 MB after 200
pages either way (180 MB at 100 while they did, 134 MB at 10)."""
IDLE_FULL_PASS_AFTER = 10
"""Young collections since the last full pass that make one worth it in a pause
(Python's own default cadence)."""
IDLE_AFTER_SECONDS = 1.0
"""How long without a key or a click counts as a pause."""
CHECK_EVERY_SECONDS = 0.5


def freeze_long_lived() -> None:
    """Leave everything alive now out of future collections (it lives until exit),
    and collect the rest in full unprompted only a hundredth as often."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, BACKSTOP_FULL_PASS_AFTER)


class IdleCollector:
    """Makes the full passes while the user pauses (see the module's docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.last_input = self._clock()

    def input_seen(self) -> None:
        self.last_input = self._clock()

    def collect_if_idle(self) -> bool:
        """Collect in full if the user has paused and enough is new; whether it did."""
        if self._clock() - self.last_input < IDLE_AFTER_SECONDS:
            return False
        if gc.get_count()[2] < IDLE_FULL_PASS_AFTER:
            return False
        gc.collect()
        return True
