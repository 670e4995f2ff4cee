"""Capacity in the summary tables: each company's timeline of each kind as step deltas,
and the industry's as their sum. Litres of different kinds live in different series."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby

from bioterm.timeline import Point, Series, Timeline, company_timeline


def series_name(status: str, kind: str) -> str:
    """A capacity series of the summary: one status of one kind, never summed across kinds."""
    return f"{status}:{kind}"


def capacity_rows(
    rows: Iterable[tuple[str, float, str, str | None, str, str]],
) -> Iterator[tuple[str, str, str, float]]:
    """Each company's timeline of each kind as deltas; the industry's is then a plain sum."""
    for (company, kind), points in groupby(rows, key=lambda r: (r[4], r[5])):
        timeline = company_timeline(Point(*p[:5]) for p in points)
        if timeline.is_empty:
            continue
        # As in timeline.sum_timelines: a company without plans plans what it runs.
        for status, steps in (("operational", timeline.operational),
                              ("planned", timeline.planned or timeline.operational)):
            previous = 0.0
            for when, value in steps:
                yield company, series_name(status, kind), when.isoformat(), value - previous
                previous = value


def industry_timeline(conn: sqlite3.Connection, kind: str) -> Timeline:
    """The sum of all companies' timelines of one kind, from the delta table."""
    names = {series_name(status, kind): status for status in ("operational", "planned")}
    series: dict[str, Series] = {"operational": [], "planned": []}
    rows = conn.execute(
        "SELECT series, date, delta FROM summary_capacity WHERE series IN (?, ?) "
        "ORDER BY series, date", tuple(names))
    for name, steps in groupby(rows, key=lambda r: r[0]):
        out = series[names[name]]
        level = 0.0
        for _, when, delta in steps:
            level += delta
            # Rounding absorbs the float dust of many additions and subtractions.
            value = round(level, 6) + 0.0
            if not out or out[-1][1] != value:
                out.append((date.fromisoformat(when), value))
    return Timeline(operational=series["operational"], planned=series["planned"])
