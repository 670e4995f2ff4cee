"""Capacity timelines as step series: pure functions, no database, no UI.

A capacity point says "from this date, this many litres are in this status".
The operational series steps through the operational points. The planned
series is the announced total (planned or under construction) and never falls
below what is already operational, because a plan includes what runs.
A company's timeline is the sum of its sites; a figure reported only for the
whole company is a floor under that sum. The industry's is the sum of all.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bioterm.parsing.dates import partial_date_start

Series = list[tuple[date, float]]
"""(date the value starts to hold, value), sorted by date, one entry per date."""
Period = Literal["year", "quarter"]

PLANNED_STATUSES = frozenset({"planned", "under_construction"})


@dataclass(frozen=True)
class Point:
    date: str
    litres: float
    status: str
    site_id: str | None = None
    company_id: str | None = None


@dataclass(frozen=True)
class Timeline:
    operational: Series = field(default_factory=list)
    planned: Series = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.operational and not self.planned

    def first_date(self) -> date | None:
        dates = [s[0][0] for s in (self.operational, self.planned) if s]
        return min(dates) if dates else None

    def last_date(self) -> date | None:
        dates = [s[-1][0] for s in (self.operational, self.planned) if s]
        return max(dates) if dates else None


def _steps(points: Iterable[Point]) -> Series:
    """The last value given for each date wins; sorted by date."""
    by_date: dict[date, float] = {}
    for point in sorted(points, key=lambda p: partial_date_start(p.date)):
        by_date[partial_date_start(point.date)] = point.litres
    return sorted(by_date.items())


def value_at(series: Sequence[tuple[date, float]], when: date) -> float:
    """The value in force on `when` (0 before the first step)."""
    index = bisect.bisect_right(series, (when, float("inf"))) - 1
    return series[index][1] if index >= 0 else 0.0


def combine(series_list: Sequence[Series], how: Literal["sum", "max"] = "sum") -> Series:
    """Sum (or max) step series: the result changes wherever any input changes."""
    dates = sorted({d for series in series_list for d, _ in series})
    out: Series = []
    for when in dates:
        values = [value_at(series, when) for series in series_list]
        total = sum(values) if how == "sum" else max(values)
        if not out or out[-1][1] != total:
            out.append((when, total))
    return out


def site_timeline(points: Iterable[Point]) -> Timeline:
    points = list(points)
    operational = _steps(p for p in points if p.status == "operational")
    announced = _steps(p for p in points if p.status in PLANNED_STATUSES)
    planned = combine([announced, operational], how="max") if announced else []
    return Timeline(operational=operational, planned=planned)


def sum_timelines(timelines: Iterable[Timeline]) -> Timeline:
    timelines = list(timelines)
    return Timeline(
        operational=combine([t.operational for t in timelines if t.operational]),
        planned=combine([t.planned or t.operational for t in timelines if not t.is_empty]),
    )


def company_timeline(points: Iterable[Point]) -> Timeline:
    """Sum of the sites' timelines, floored by any company-wide reported figures."""
    by_site: dict[str | None, list[Point]] = defaultdict(list)
    for point in points:
        by_site[point.site_id].append(point)
    company_wide = site_timeline(by_site.pop(None, []))
    sites = sum_timelines(site_timeline(p) for p in by_site.values())
    if company_wide.is_empty:
        return sites
    return Timeline(
        operational=_floor(sites.operational, company_wide.operational),
        planned=_floor(sites.planned or sites.operational, company_wide.planned),
    )


def _floor(series: Series, floor: Series) -> Series:
    if not floor:
        return series
    if not series:
        return floor
    return combine([series, floor], how="max")


def industry_timeline(points: Iterable[Point]) -> Timeline:
    by_company: dict[str | None, list[Point]] = defaultdict(list)
    for point in points:
        by_company[point.company_id].append(point)
    return sum_timelines(company_timeline(p) for p in by_company.values())


def period_ends(start: date, end: date, period: Period = "year") -> list[date]:
    """The last day of every year (or quarter) from the one holding `start` to `end`'s."""
    ends: list[date] = []
    if period == "year":
        for year in range(start.year, end.year + 1):
            ends.append(date(year, 12, 31))
        return ends
    last_day = {3: 31, 6: 30, 9: 30, 12: 31}
    year, quarter = start.year, (start.month - 1) // 3
    while (year, quarter) <= (end.year, (end.month - 1) // 3):
        month = quarter * 3 + 3
        ends.append(date(year, month, last_day[month]))
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
    return ends


def span(timeline: Timeline, today: date) -> tuple[date, date] | None:
    """From the first point to the later of today and the last planned point."""
    first = timeline.first_date()
    last = timeline.last_date()
    if first is None or last is None:
        return None
    return first, max(today, last)


def resample(series: Series, ends: Sequence[date]) -> list[float]:
    """The value in force at the end of each period."""
    return [value_at(series, when) for when in ends]


def label(end: date, period: Period) -> str:
    return str(end.year) if period == "year" else f"{end.year}Q{(end.month - 1) // 3 + 1}"
