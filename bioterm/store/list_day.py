"""The day and the capacity kind a list's litres are read at.

A field's SQL names the day by `TODAY` and the kind by `KIND`; the window
query puts the query's in their place. Literals rather than bound parameters,
because the same expression is both selected and sorted by in queries
composed in parts; both are made here from checked values, never user text.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bioterm.enums import CapacityKind

TODAY = "{today}"
"""Stands in a field's SQL for the query's day, a quoted date."""
KIND = "{capacity_kind}"
"""Stands in a field's SQL for the query's capacity kind, a bare enum value
(written inside a literal: `'operational:{capacity_kind}'`)."""
KINDS = frozenset(k.value for k in CapacityKind)
BIOLOGICS = CapacityKind.BIOLOGICS_BIOREACTOR.value


class Dated(Protocol):
    @property
    def today(self) -> date | None: ...

    @property
    def capacity_kind(self) -> str | None: ...


def dated(sql: str, query: Dated) -> str:
    """`sql` with the query's day (the system date unless told) in place of `TODAY`
    and its capacity kind (biologics unless told, or not a kind) in place of `KIND`."""
    if TODAY in sql:
        sql = sql.replace(TODAY, f"'{(query.today or date.today()).isoformat()}'")
    if KIND in sql:
        kind = query.capacity_kind if query.capacity_kind in KINDS else BIOLOGICS
        sql = sql.replace(KIND, str(kind))
    return sql
