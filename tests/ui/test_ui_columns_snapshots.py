"""What the column chooser and a list using a wide terminal look like."""

from __future__ import annotations

from collections.abc import Callable

from pilot_helpers import AppFactory

Compare = Callable[..., bool]


def test_column_chooser(snap_compare: Compare, make_app: AppFactory) -> None:
    """`c` on Companies: every column ticked, the name always shown."""
    assert snap_compare(make_app(), press=["2", "c"], terminal_size=(120, 40))


def test_pipeline_at_200_columns_without_the_pane(snap_compare: Compare,
                                                  make_app: AppFactory) -> None:
    """`p` hides the pane: drug and company names are whole, indications widen."""
    assert snap_compare(make_app(), press=["3", "p"], terminal_size=(200, 30))


def test_companies_scrolled_sideways(snap_compare: Compare, make_app: AppFactory) -> None:
    """The name stays frozen on the left while the other columns scroll."""
    keys = ["2", *["right"] * 7]
    assert snap_compare(make_app(), press=keys, terminal_size=(80, 24))
