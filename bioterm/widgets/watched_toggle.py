"""The "watched only" switch beside a list's facets."""

from __future__ import annotations

from textual.widgets import Checkbox

from bioterm.presentation.user_data import WATCHED_MARK


class WatchedToggle(Checkbox):
    """Checked: the list shows only the rows on the user's watchlist."""

    DEFAULT_CSS = """
    WatchedToggle { width: auto; margin-left: 1; }
    """

    def __init__(self) -> None:
        super().__init__(f"{WATCHED_MARK} only", False, compact=True, id="watched-only",
                         tooltip="Show only the records you watch (w on a row watches it)")
