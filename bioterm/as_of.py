"""When a current fact (a drug's phase, a site's status) was last confirmed.

A phase or status is as current as the newest dated evidence behind it: the
record's own source, its milestones or capacity points and their sources.
Dates may be partial ("2024", "2024-12"); comparing them as text orders them
correctly, and a partial date stands for its whole period.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bioterm.parsing.dates import year_of

STALE_AFTER_YEARS = 3
"""A non-final phase or status last confirmed longer ago than this is flagged."""


def confirmed_as_of(dates: Iterable[str | None]) -> str | None:
    """The newest of the evidence's dates, as given (None when none is dated)."""
    found = [d for d in dates if d]
    return max(found) if found else None


def is_stale(as_of: str | None, today: date) -> bool:
    """Whether a fact confirmed `as_of` is older than STALE_AFTER_YEARS at `today`."""
    if as_of is None:
        return True
    return today.year - year_of(as_of) > STALE_AFTER_YEARS


def as_of_label(as_of: str | None) -> str:
    return f"as of {as_of}" if as_of else "date unknown"
