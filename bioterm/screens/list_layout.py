"""A list's layout, as the user chooses it: `c` the columns, `p` hides the detail
pane, `+` / `-` widen and narrow it (in a narrow terminal, where the pane sits
under the table, its height); and which facet buttons a narrow toolbar keeps.

Choices are remembered in the user's view preferences (bioterm.view_prefs):
saved across restarts, or for the session only under --read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical

from bioterm.presentation.columns import display_columns, visible_columns
from bioterm.view_prefs import DEFAULT_PANE_WIDTH, PANE_WIDTHS
from bioterm.widgets.facets import FacetButton, chosen_words
from bioterm.widgets.store_table import StoreTable

if TYPE_CHECKING:
    from bioterm.screens.list_screen import ListScreen

NARROW_FACETS = 2
"""Facet buttons a narrow (80-column) toolbar has room for; `f` reaches the rest."""


def show_facets(screen: ListScreen) -> None:
    """Each facet button shows the list's choice; in a narrow toolbar those with a
    choice come first, so what keeps rows out stays in sight."""
    buttons = list(screen.query(FacetButton))
    for button in buttons:
        button.show_choice(screen.list_query.facets.get(button.facet.name, ()))
    kept = sorted(buttons, key=lambda b: not b.chosen)[:NARROW_FACETS]
    for button in buttons:
        button.set_class(button not in kept, "-overflow")


def hidden_facets(screen: ListScreen) -> list[str]:
    """The choice of each facet whose button the toolbar has no room for, in words
    ("Country: China"), for the count to say what it keeps."""
    return [chosen_words(b.facet, b.chosen)
            for b in screen.query(FacetButton) if b.chosen and not b.display]


def choose_columns(screen: ListScreen) -> None:
    from bioterm.screens.column_chooser import ColumnChooser

    def chosen(hidden: frozenset[str] | None) -> None:
        if hidden is None or hidden == screen.hidden:
            return
        screen.hidden = hidden
        problem = screen.bioterm.view_prefs.hide_columns(screen.section, hidden)
        if problem:
            screen.notify(problem, severity="warning", timeout=6)
        screen.flush_filter()
        screen.query_one(StoreTable).set_columns(
            screen.rows(), visible_columns(screen.entity, hidden))

    screen.app.push_screen(
        ColumnChooser(display_columns(screen.entity), screen.entity.key_column, screen.hidden),
        chosen)


def apply_pane(screen: ListScreen) -> None:
    """Show the pane as the preferences say."""
    prefs = screen.bioterm.view_prefs
    side = screen.query_one("#side", Vertical)
    side.set_class(prefs.pane_hidden, "-hidden")
    for width in PANE_WIDTHS:
        side.set_class(width == prefs.pane_width and width != DEFAULT_PANE_WIDTH,
                       f"-pane-{width}")


def toggle_pane(screen: ListScreen) -> None:
    prefs = screen.bioterm.view_prefs
    _save(screen, prefs.pane_width, not prefs.pane_hidden)


def pane_width(screen: ListScreen, step: int) -> None:
    prefs = screen.bioterm.view_prefs
    index = PANE_WIDTHS.index(prefs.pane_width) if prefs.pane_width in PANE_WIDTHS \
        else PANE_WIDTHS.index(DEFAULT_PANE_WIDTH)
    index = max(0, min(len(PANE_WIDTHS) - 1, index + step))
    # Widening a hidden pane shows it: the key says the user wants to see it.
    _save(screen, PANE_WIDTHS[index], False)


def _save(screen: ListScreen, width: int, hidden: bool) -> None:
    problem = screen.bioterm.view_prefs.set_pane(width, hidden)
    if problem:
        screen.notify(problem, severity="warning", timeout=6)
    apply_pane(screen)
