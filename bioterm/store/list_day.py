"""The day a list's fields are read at: capacity "now" depends on it.

A field's SQL names the day by `TODAY`; the window query puts the query's
day in its place. A literal rather than a bound parameter, because the same
expression is both selected and sorted by in queries composed in parts.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

TODAY = "{today}"
"""Stands in a field's SQL for the query's day."""


class Dated(Protocol):
    @property
    def today(self) -> date | None: ...


def dated(sql: str, query: Dated) -> str:
    """`sql` with the query's day (the system date unless told) in place of `TODAY`:
    an ISO date made here from a `date`, never text from the user, so safe inline."""
    if TODAY not in sql:
        return sql
    return sql.replace(TODAY, f"'{(query.today or date.today()).isoformat()}'")
