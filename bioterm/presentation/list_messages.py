"""What a list says about its rows: the count in the toolbar, and why a list is empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


def count_line(shown: int, total: int, query: ListQuery, counted: Callable[[int], str],
               noun: str, *, counting: bool = False, problems: Sequence[str] = (),
               labels: Sequence[str] = ()) -> Text:
    """The toolbar's count: "1,204 drugs", "37 of 1,204 · Phase: Filed", or while a
    worker counts "100+ drugs, counting…". A filter term that could not be read is
    explained here (`problems`), never raised: the rows shown match the rest.
    `counted` says a number of the records in words, `noun` names many of them
    (a count still running is never of one); `labels` name the opened
    groups and the facets not shown as buttons."""
    if problems:
        return Text(counted(shown) + " · " + "; ".join(problems), style="bold")
    if counting:
        return Text(f"{shown:,}+ {noun}, counting…")
    text = f"{shown:,} of {total:,}" if query.narrowed else counted(shown)
    if labels:
        text += " · " + " · ".join(literal(label) for label in labels)
    return Text(text)
