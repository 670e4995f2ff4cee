"""Keeping the garbage collector's full passes short once the app is built.

A full collection walks every container object alive. Once the list sections
are built, most of those are modules, widgets and styles that live as long as
the app and will never be garbage. At scale 1 a full pass took 120–150 ms, and
one came every twenty or so page scrolls: a stall a user sees. `gc.freeze`
takes what exists at that moment out of the collector's walk, so the passes
that remain walk only what was made since (30–60 ms in the same run; see
benchmarks/README.md).
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Leave everything alive now out of future collections (it lives until exit)."""
    gc.freeze()
