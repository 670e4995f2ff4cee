"""Keeping the garbage collector's full passes short and rare once the app is built.

A full collection walks every container object alive. Once the list sections
are built, most of those are modules, widgets and styles that live as long as
the app and will never be garbage. At scale 1 a full pass took 120–150 ms, and
one came every twenty or so page scrolls: a stall a user sees. `gc.freeze`
takes what exists at that moment out of the collector's walk, so the passes
that remain walk only what was made since (30–60 ms in the same run; see
benchmarks/README.md).

What is made since is mostly drawn lines kept for redrawing (a Textual strip
carries seven small caches of its own): on Investors at scale 1 a full pass
still took 22–31 ms and came every ten pages. Those lines are freed by their
reference counts when a cache lets them go, not by the collector, so a full
pass finds little; they are asked for ten times less often.
"""

from __future__ import annotations

import gc

FULL_PASS_AFTER = 100
"""Young (generation 1) collections between full ones: Python's default is 10.
CPython also waits until a quarter of what the last full pass kept is new."""


def freeze_long_lived() -> None:
    """Leave everything alive now out of future collections (it lives until exit),
    and collect the rest in full only a tenth as often."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_AFTER)
