"""`c` on a list: tick the columns to show.

The key column (a name, a recipient) is listed but cannot be unticked: a row
must always say which record it is. Closing applies the choice; the list
screen remembers it (bioterm.view_prefs).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from bioterm import bindings
from bioterm.presentation.columns import DisplayColumn


class ColumnChooser(ModalScreen[frozenset[str]]):
    """Dismissed with the keys of the columns left unticked (hidden)."""

    BINDINGS = bindings.COLUMN_CHOOSER
    DEFAULT_CSS = """
    ColumnChooser { align: center middle; }
    #column-list { height: auto; max-height: 20; width: 100%; border: none; padding: 0 1; }
    """

    def __init__(self, columns: Sequence[DisplayColumn], key_column: str,
                 hidden: frozenset[str]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.key_column = key_column
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box") as box:
            box.border_title = "Columns"
            box.border_subtitle = "space ticks · esc done"
            yield SelectionList[str](
                *(Selection(c.label + (" (always)" if c.key == self.key_column else ""), c.key,
                            c.key == self.key_column or c.key not in self.hidden,
                            disabled=c.key == self.key_column)
                  for c in self.columns),
                id="column-list")

    def on_mount(self) -> None:
        choices = self.query_one(SelectionList)
        # Start on the first column that can be unticked.
        choices.highlighted = next(
            (i for i, c in enumerate(self.columns) if c.key != self.key_column), 0)
        choices.focus()

    def action_close(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(c.key for c in self.columns
                               if c.key not in shown and c.key != self.key_column))
