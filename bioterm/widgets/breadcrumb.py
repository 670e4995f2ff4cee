"""Where the user is: the screens of the current section, one crumb each.

"Companies › Akeso, Inc. › Ivonescimab": each screen of the section's stack
names itself (a list its section and any group it opened with, a detail
its record). Shown only below the first screen, where the tab bar alone no
longer says where one is.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from bioterm.text import literal

SEPARATOR = " › "


def trail(crumbs: Sequence[str]) -> Text:
    """The crumbs joined, the last (where the user is) in bold."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for index, crumb in enumerate(crumbs):
        if index:
            text.append(SEPARATOR, style="dim")
        text.append(literal(crumb), style="bold" if index == len(crumbs) - 1 else "")
    return text


class Breadcrumb(Static):
    # Hidden on a section's first screen (and, in app.tcss, on a tiny terminal).
    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; color: $text-muted; display: none; }
    Breadcrumb.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", id="breadcrumb", markup=False)

    def show(self, crumbs: Sequence[str]) -> None:
        self.update(trail(crumbs))
        self.set_class(len(crumbs) > 1, "-shown")
