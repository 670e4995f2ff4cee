"""Full garbage collections wait for a pause, and drawn lines leave no garbage
that only a full collection could free."""

from __future__ import annotations

import asyncio
import gc

from rich.segment import Segment
from textual.strip import Strip

from bioterm.heap import IDLE_AFTER_SECONDS, IDLE_FULL_PASS_AFTER, IdleCollector
from bioterm.widgets.private_api import divide_strips_without_self_reference
from tests.ui.conftest import AppFactory
from tests.ui.pilot_helpers import run, settle


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _young_passes(n: int) -> None:
    for _ in range(n):
        gc.collect(1)  # each counts once toward the next full pass


def test_a_full_pass_waits_for_a_pause_and_for_enough_new() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    gc.collect()
    _young_passes(IDLE_FULL_PASS_AFTER)
    clock.now += IDLE_AFTER_SECONDS / 2
    assert not collector.collect_if_idle()  # the user typed half a second ago
    clock.now += IDLE_AFTER_SECONDS
    assert collector.collect_if_idle()
    assert gc.get_count()[2] == 0
    _young_passes(IDLE_FULL_PASS_AFTER - 1)
    clock.now += 10 * IDLE_AFTER_SECONDS
    assert not collector.collect_if_idle()  # too little new since the last pass
    collector.input_seen()
    _young_passes(1)
    assert not collector.collect_if_idle()  # a key again: the pause starts over


def test_a_strip_divided_where_it_ends_is_not_left_referring_to_itself() -> None:
    divide_strips_without_self_reference()
    divide_strips_without_self_reference()  # once is enough; twice changes nothing
    strip = Strip([Segment("abc"), Segment("de")])
    assert strip.divide([5]) == [strip]
    cut = strip.divide([2, 5])
    assert [s.text for s in cut] == ["ab", "cde"]
    gc.collect()
    gc.disable()
    try:
        for _ in range(100):
            line = Strip([Segment(" ")])
            line.divide([1])
        del line
        assert gc.collect() == 0  # reference counts freed every line
    finally:
        gc.enable()


def test_the_app_counts_keys_as_input_and_draws_without_self_references(
        make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert getattr(Strip.divide, "keeps_no_self_reference", False)
            before = app._collector.last_input
            await asyncio.sleep(0.05)
            await pilot.press("3")
            await settle(pilot)
            assert app._collector.last_input > before

    run(go())
