"""Latency of the dashboard's interactions, driven in-process with Textual's Pilot.

Each figure is the wall time from a key press until every message it caused
has been handled and the screen has been composited (which is when the table
asks the store for the rows it draws). Keys are sent as Pilot sends them, but
neither `pilot.press()` nor `pilot.pause()` is awaited: both sleep at least
20 ms waiting for the CPU to look idle, which would swamp the figure.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store

FILTER_WORDS = ("tinib", "mab", "pd-1", "kang", "qzx")
"""Common INN stems, a common target, a pinyin prefix, and text that matches nothing."""
SEARCH_WORDS = ("akeso", "kangfang", "康方", "tinib", "pd-1", "shanghai", "zzq")


@dataclass(frozen=True)
class Section:
    """A list screen measured on its own: its number key, what is typed into its
    filter, and how many columns right of the first its sort column is."""

    name: str
    key: str
    words: tuple[str, ...]
    sort_column: int


SECTIONS = {
    "deals": Section("deals", "6", ("ther", "kang", "mab", "qzx"), 3),  # parties, drugs; Upfront
    "investors": Section("investors", "7", ("cap", "kang", "ven", "qzx"), 3),  # Rounds
}
"""The Deals and Investors screens (section keys as in the tab bar)."""


COMPOSITES = 3
"""A key's messages, then what each composite posted, composited again."""
QUIET_POLLS = 3


class NotMeasurable(Exception):
    """The dashboard part a step needs does not exist yet."""


def _busy(pump: Any) -> bool:
    """A message pump with a message queued, or a callback due after its messages."""
    return bool(pump._message_queue.values) or bool(pump._next_callbacks)


async def _quiet(app: Any) -> None:
    """Until no pump of the app or its screen has anything queued for QUIET_POLLS
    turns of the event loop in a row (a key reaches the app's queue a turn after
    it is sent; a handler that awaits leaves others' queues filled meanwhile)."""
    idle = 0
    while idle < QUIET_POLLS:
        await asyncio.sleep(0)
        pumps = [app, *app.screen.walk_children(with_self=True)]
        idle = 0 if any(_busy(pump) for pump in pumps) else idle + 1


async def _settle(pilot: Any) -> None:
    """Until every message a key caused is handled and the screen composited.

    Pilot's own `_wait_for_screen` queues a callback behind each widget's
    messages and waits for all of them: thirty widgets woken three times cost
    12 ms with nothing to do, most of what a page scroll should take. Polling
    the queues between turns of the event loop waits for the same work.
    """
    app = pilot.app
    # Messages handled, then a composite (the table reads its rows here), then
    # whatever the composite posted (the cursor's detail pane), composited again.
    for _ in range(COMPOSITES):
        await _quiet(app)
        app.screen._on_timer_update()


def _send_key(app: Any, key: str) -> None:
    """What Pilot.press does, minus its two wait_for_idle calls (20 ms sleeps each)."""
    import unicodedata

    from textual import events
    from textual.app import _character_to_key  # type: ignore[attr-defined]
    from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _preloaded(pilot: Any) -> None:
    """Until the app's preload has imported the list screens and built them (a
    second after start-up, as a user would switch after reading the overview);
    a switch before then pays the imports, ~0.5 s, once."""
    from bioterm.app import PRELOAD_AFTER

    await asyncio.sleep(PRELOAD_AFTER)
    await _counted(pilot)  # the preload is a worker too


async def _counted(pilot: Any) -> None:
    """Until the app's workers are done (the count a filter change started: until
    then a table holds its first window only, and paging stops at its end)."""
    await pilot.app.workers.wait_for_complete()
    await _settle(pilot)


async def _page_scrolls(pilot: Any, times: int) -> list[float]:
    """Page down, and back up from the last page, so every press moves the rows
    (on a short list, presses at the end would time nothing)."""
    from bioterm.widgets.store_table import StoreTable

    table = pilot.app.screen.query_one(StoreTable)
    key, found = "pagedown", []
    for _ in range(times):
        if table.cursor_row >= table.row_count - 1:
            key = "pageup"
        elif table.cursor_row <= 0:
            key = "pagedown"
        found.append(await _timed(pilot, key))
    return found


async def _timed(pilot: Any, *keys: str) -> float:
    start = time.perf_counter()
    for key in keys:
        _send_key(pilot.app, key)
        await _settle(pilot)
    return time.perf_counter() - start


async def _drive(db: Path, reps: int) -> dict[str, list[float]]:
    try:
        from bioterm.app import BiotermApp
    except ImportError as exc:
        raise NotMeasurable(f"bioterm.app.BiotermApp is not available yet ({exc})") from None
    store = Store.open(DbLocation(db, Origin.OPTION))
    app = BiotermApp(store, filter_delay=0)  # type: ignore[call-arg]
    out: dict[str, list[float]] = defaultdict(list)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _preloaded(pilot)
        out["switch to pipeline"].append(await _timed(pilot, "3"))
        await _filter_words(pilot, FILTER_WORDS[: max(2, reps)], out)
        await _counted(pilot)
        out["page scroll"] += await _page_scrolls(pilot, max(5, reps * 4))
        out["jump to last row"].append(await _timed(pilot, "end"))
        out["jump to first row"].append(await _timed(pilot, "home"))
        out["sort by column"].append(await _timed(pilot, "s"))
        await _timed(pilot, "2")
        for _ in range(max(2, reps)):
            out["open company detail"].append(await _timed(pilot, "enter"))
            await _timed(pilot, "escape")
            await _timed(pilot, "down")
    store.close()
    return out


async def _filter_words(pilot: Any, words: Sequence[str], out: dict[str, list[float]]) -> None:
    """Type each word into the filter a key at a time, then clear it (esc leaves the
    box, esc again clears the text)."""
    for word in words:
        await _timed(pilot, "slash")
        for ch in word:
            out["filter keystroke"].append(await _timed(pilot, ch))
        await _timed(pilot, "escape")
        out["clear filter"].append(await _timed(pilot, "escape"))


async def _drive_section(pilot: Any, section: Section, reps: int,
                         out: dict[str, list[float]]) -> None:
    """Switch, filter, scroll, sort by a computed column both ways, open rows."""
    out["switch to section"].append(await _timed(pilot, section.key))
    await _filter_words(pilot, section.words[: max(2, reps)], out)
    await _counted(pilot)
    out["page scroll"] += await _page_scrolls(pilot, max(5, reps * 4))
    out["jump to last row"].append(await _timed(pilot, "end"))
    await _timed(pilot, "home")
    for _ in range(section.sort_column):
        await _timed(pilot, "right")
    for _ in range(max(1, reps // 2)):
        out["sort by column"].append(await _timed(pilot, "s"))  # ascending
        out["sort by column"].append(await _timed(pilot, "s"))  # descending
    await _counted(pilot)
    out["page scroll (sorted)"] += await _page_scrolls(pilot, max(5, reps * 2))
    await _timed(pilot, "home")
    for _ in range(max(2, reps)):
        out["open detail"].append(await _timed(pilot, "enter"))
        await _timed(pilot, "escape")
        await _timed(pilot, "down")


async def _drive_sections(db: Path, reps: int, names: list[str]
                          ) -> dict[str, dict[str, list[float]]]:
    from bioterm.app import BiotermApp

    store = Store.open(DbLocation(db, Origin.OPTION))
    app = BiotermApp(store, filter_delay=0)  # type: ignore[call-arg]
    found: dict[str, dict[str, list[float]]] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            await _preloaded(pilot)
            for name in names:
                found[name] = defaultdict(list)
                await _drive_section(pilot, SECTIONS[name], reps, found[name])
    finally:
        store.close()
    return found


async def _first_switch(db: Path, key: str) -> float:
    """A section's first switch in an app of its own, after the preload: a
    switch happens once per launch, so one launch gives one sample."""
    from bioterm.app import BiotermApp

    store = Store.open(DbLocation(db, Origin.OPTION))
    app = BiotermApp(store, filter_delay=0)  # type: ignore[call-arg]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            await _preloaded(pilot)
            return await _timed(pilot, key)
    finally:
        store.close()


def first_switches(db: Path, key: str, launches: int) -> list[float]:
    """The first switch to a section (its number key), once in each of `launches` apps."""
    return [asyncio.run(_first_switch(db, key)) for _ in range(launches)]


def measure_ui(db: Path, reps: int) -> dict[str, list[float]]:
    figures = asyncio.run(_drive(db, reps))
    figures["switch to pipeline"] += first_switches(db, "3", reps - 1)
    return figures


def measure_sections(db: Path, reps: int, names: list[str]) -> dict[str, dict[str, list[float]]]:
    """Figures per section of SECTIONS, as `measure_ui` measures the pipeline."""
    found = asyncio.run(_drive_sections(db, reps, names))
    for name in names:
        found[name]["switch to section"] += first_switches(db, SECTIONS[name].key, reps - 1)
    return found


def measure_search(db: Path, reps: int) -> list[float]:
    """Global search as typed: every prefix of each word, one store call per keystroke."""
    store = Store.open(DbLocation(db, Origin.OPTION))
    times: list[float] = []
    try:
        for _ in range(max(1, reps // 2)):
            for word in SEARCH_WORDS:
                for end in range(1, len(word) + 1):
                    start = time.perf_counter()
                    store.search(word[:end])
                    times.append(time.perf_counter() - start)
    finally:
        store.close()
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]
