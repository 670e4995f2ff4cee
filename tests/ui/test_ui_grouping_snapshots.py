"""Snapshots of the group table (g on a list) and the landscape at 80×24 and 120×40."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pilot_helpers import AppFactory, until
from textual.pilot import Pilot

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Compare = Callable[..., bool]


async def chart_mounted(pilot: Pilot[None]) -> None:
    """As in test_ui_snapshots: start from the overview with its chart mounted."""
    await until(pilot, lambda: bool(pilot.app.query("#industry-chart")))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "keys",
    [
        # Companies by country: counts and operational litres, one column per kind.
        pytest.param(["2", "g", "down", "enter"], id="companies-by-country"),
        # The pipeline by target, from the chooser.
        pytest.param(["3", "g"], id="chooser"),
        # Cadonilimab's detail, its first target (PD-1): Akeso × registrational, filed.
        pytest.param(["3", "j", "enter", "j", "enter"], id="landscape"),
    ],
)
def test_grouping_screens(snap_compare: Compare, make_app: AppFactory, keys: list[str],
                          size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=keys, terminal_size=size,
                        run_before=chart_mounted)
