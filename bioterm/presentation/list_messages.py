"""What a list's detail pane says when no row is left to show, and why."""

from __future__ import annotations

from rich.text import Text

from bioterm.store import ListQuery
from bioterm.text import literal


def empty_list(query: ListQuery, noun: str) -> Text:
    """The reason a list under `query` is empty ("No drugs matching “x”."), with
    the way back; `noun` names the records ("drugs")."""
    if query.watched_only:
        return Text(f"No watched {noun} here. w on a row watches it; "
                    "untick “★ only” to see them all.", style="dim")
    text = query.text.strip()
    if text or query.facets or query.groups:
        what = f" matching “{literal(text)}”" if text else ""
        message = f"No {noun}{what} with these facets." if query.facets \
            else f"No {noun}{what}."
        return Text(message + "\nesc clears the filter.", style="dim")
    return Text(f"No {noun} in this database yet.", style="dim")
