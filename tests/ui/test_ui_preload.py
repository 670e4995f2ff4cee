"""The list sections built in the background show as they would have on a first visit.

A second after start-up the app imports the list screens in a thread and then
builds each section's screen unseen (bioterm/app.py `_preload_screens`); a
switch then only shows it. These check that a screen built that way is the
one the user would have got: its own rows, count, crumbs, focus and keys.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.widgets import Footer, Static

from bioterm.app import PRELOAD_AFTER
from bioterm.widgets.breadcrumb import Breadcrumb
from bioterm.widgets.store_table import StoreTable
from tests.ui.conftest import AppFactory
from tests.ui.pilot_helpers import plain, press, run, settle


async def _preloaded(pilot: Any) -> None:
    await asyncio.sleep(PRELOAD_AFTER)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


def test_each_section_built_unseen_shows_its_own_list(make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app(preload=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await _preloaded(pilot)
            assert app.current_mode == "overview"
            # Built without being shown (Textual keeps no public list of modes built).
            assert {"pipeline", "companies", "deals"} <= set(app._screen_stacks)
            for key, noun in (("3", "drugs"), ("2", "compan"), ("4", "sites"),
                              ("6", "deal"), ("7", "investor")):
                await press(pilot, key)
                await settle(pilot)
                screen = app.screen
                table = screen.query_one(StoreTable)
                assert table.row_count > 0
                assert app.focused is table
                assert noun in plain(screen.query_one("#count", Static))
                assert not screen.query_one(Breadcrumb).display  # a section's first screen
                assert "Sort" in " ".join(str(k.description)
                                          for k in screen.query_one(Footer).children)

    run(go())


def test_quitting_before_the_preload_is_done_is_clean(make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app(preload=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "q")
        assert app.return_code in (0, None)

    run(go())


def test_what_the_preload_built_is_left_out_of_garbage_collection(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full collection walking the built app stalled a page scroll at scale 1 by
    120-150 ms (bioterm/heap.py); after the preload the collector leaves it alone,
    and makes a full pass over the rest unprompted a hundredth as often."""
    import gc

    import bioterm.app
    from bioterm.heap import BACKSTOP_FULL_PASS_AFTER

    threshold = gc.get_threshold()

    # Late enough that start-up is over first even when the collector, handed back
    # every object the earlier tests froze, takes a second over its first pass.
    later = PRELOAD_AFTER * 4
    monkeypatch.setattr(bioterm.app, "PRELOAD_AFTER", later)

    async def go() -> None:
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)  # Python's defaults (an earlier preload raised them)
        app = make_app(preload=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.get_freeze_count() == 0
            assert gc.get_threshold()[2] == 10
            await asyncio.sleep(later)
            await app.workers.wait_for_complete()
            await settle(pilot)
            built = [screen for stack in app._screen_stacks.values() for screen in stack]
            assert len(built) > 3
            frozen = gc.get_freeze_count()
            assert gc.get_threshold() == (700, 10, BACKSTOP_FULL_PASS_AFTER)
        assert frozen > 0
        # The freeze took the built screens: none of them is in any generation.
        tracked = {id(obj) for generation in range(3) for obj in gc.get_objects(generation)}
        assert not any(id(screen) in tracked for screen in built)

    try:
        run(go())
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_the_preload_holds_the_company_terms_the_filter_matches(make_app: AppFactory) -> None:
    """A keystroke in a list's filter asks which companies the text names; after
    the preload the app's own connection answers from memory (company_terms)."""
    from bioterm.store.company_terms import attached

    async def go() -> None:
        app = make_app(preload=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert attached(app.store.conn) is None
            await _preloaded(pilot)
            assert attached(app.store.conn) is not None

    run(go())
