"""Snapshots of every screen and detail view at 80×24 and 120×40 (plus help, hostile data,
and the smallest size). Regenerate with `pytest tests/ui --snapshot-update` and look
at every changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_helpers import AppFactory, until
from textual.pilot import Pilot

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Compare = Callable[..., bool]


async def chart_mounted(pilot: Pilot[None]) -> None:
    """The overview mounts its chart just after the first paint; start from there, so
    every snapshot (and whatever shows behind the help) begins from the same state."""
    await until(pilot, lambda: bool(pilot.app.query("#industry-chart")))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="overview"),
        pytest.param(["2"], id="companies"),
        pytest.param(["3"], id="pipeline"),
        pytest.param(["4"], id="sites"),
        pytest.param(["5"], id="funding"),
        pytest.param(["6"], id="deals"),
        pytest.param(["7"], id="investors"),
    ],
)
def test_screens(snap_compare: Compare, make_app: AppFactory, keys: list[str],
                 size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=keys, terminal_size=size,
                        run_before=chart_mounted)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "keys",
    [
        # First rows by name: Akeso, Inc.; Ascentawits' SMDC; Akeso's Guangzhou base;
        # the newest funding (the Shenzhen fund, 2023-09-26).
        pytest.param(["2", "enter"], id="company"),
        pytest.param(["3", "j", "enter"], id="drug"),
        pytest.param(["4", "enter"], id="site"),
        pytest.param(["5", "enter"], id="funding"),
        pytest.param(["6", "enter"], id="deal"),
        pytest.param(["7", "enter"], id="investor"),
    ],
)
def test_detail_views(snap_compare: Compare, make_app: AppFactory, keys: list[str],
                      size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=keys, terminal_size=size,
                        run_before=chart_mounted)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Compare, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size,
                        run_before=chart_mounted)


def test_filtered_companies(snap_compare: Compare, make_app: AppFactory) -> None:
    """Typing a filter narrows the table; enter hands the keys back to the table."""
    keys = ["2", "slash", *"shen", "enter"]
    assert snap_compare(make_app(), press=keys, terminal_size=(120, 40),
                        run_before=chart_mounted)


@pytest.mark.parametrize("size", SIZES)
def test_facet_menu(snap_compare: Compare, make_app: AppFactory,
                    size: tuple[int, int]) -> None:
    """`f` on Sites: every facet side by side, each value with its count; China
    ticked, so the other facets count only Chinese sites."""
    async def china_ticked(pilot: Pilot[None]) -> None:
        await chart_mounted(pilot)
        await pilot.press("4", "f", "right", "right", "space")
        await until(pilot, lambda: "Country: China" in str(
            pilot.app.screen.query_one("#facet-status").render()))

    assert snap_compare(make_app(), terminal_size=size, run_before=china_ticked)


def test_company_without_sites(snap_compare: Compare, make_app: AppFactory) -> None:
    """Cytiva: no sites, no drugs, no funding — each section says so."""
    keys = ["2", "j", "j", "enter"]
    assert snap_compare(make_app(), press=keys, terminal_size=(120, 40),
                        run_before=chart_mounted)


def test_site_with_one_capacity_point(snap_compare: Compare, make_app: AppFactory) -> None:
    """Ascentawits' additional site has a single (planned) point."""
    keys = ["4", "j", "enter"]
    assert snap_compare(make_app(), press=keys, terminal_size=(120, 40),
                        run_before=chart_mounted)


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["2"], id="companies"),
        pytest.param(["2", "enter"], id="company"),
        pytest.param(["3"], id="pipeline"),
        pytest.param(["4", "enter"], id="site"),
        pytest.param(["5"], id="funding"),
    ],
)
def test_hostile_names(snap_compare: Compare, make_app: AppFactory, hostile_db: Path,
                       keys: list[str]) -> None:
    """Markup, ANSI/OSC escapes, RTL, emoji, CJK and a 300-character name, shown literally."""
    assert snap_compare(make_app(hostile_db), press=keys, terminal_size=(120, 40),
                        run_before=chart_mounted)


def test_tiny_terminal(snap_compare: Compare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), press=["2", "enter"], terminal_size=(40, 12),
                        run_before=chart_mounted)


def _with_user_data(db: Path) -> None:
    """A watched company with a note, and a watched drug, as `w` and `n` store them
    (timestamps fixed, so the snapshot never changes by itself)."""
    from bioterm.paths import DbLocation, Origin
    from bioterm.store import Store

    store = Store.open_for_write(DbLocation(db, Origin.OPTION))
    try:
        store.set_watched("company", "akeso", True, "2026-11-30T09:00:00Z")
        store.set_watched("drug", "cadonilimab", True, "2026-11-30T09:05:00Z")
        store.save_note("company", "akeso", "Ask about the second Guangzhou phase.\n"
                        "Compare with Cytiva's FlexFactory list.", "2026-11-30T09:10:00Z")
    finally:
        store.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="overview"),
        pytest.param(["2"], id="companies"),
        pytest.param(["2", "enter"], id="company"),
        pytest.param(["2", "enter", "n"], id="note-editor"),
    ],
)
def test_watchlist_and_notes(snap_compare: Compare, make_app: AppFactory, ui_db: Path,
                             keys: list[str], size: tuple[int, int]) -> None:
    _with_user_data(ui_db)
    assert snap_compare(make_app(), press=keys, terminal_size=size, run_before=chart_mounted)
