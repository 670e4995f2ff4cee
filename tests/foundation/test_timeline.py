"""Capacity timelines, checked on the Akeso numbers from the 2021 report."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bioterm.timeline import (
    Point,
    Timeline,
    company_timeline,
    industry_timeline,
    label,
    period_ends,
    resample,
    site_timeline,
    span,
    sum_timelines,
    value_at,
)

BASE = "akeso-guangzhou-knowledge-city"
AKESO = [
    Point("2021-04-26", 20000, "operational", BASE, "akeso"),
    Point("2021-04-26", 60000, "planned", BASE, "akeso"),
    Point("2021-04-26", 80000, "planned", None, "akeso"),
]
APRIL_26 = date(2021, 4, 26)


def test_site_timeline_separates_planned_and_operational() -> None:
    timeline = site_timeline(AKESO[:2])
    assert timeline.operational == [(APRIL_26, 20000)]
    assert timeline.planned == [(APRIL_26, 60000)]


def test_company_wide_figure_is_a_floor_under_the_sum_of_sites() -> None:
    timeline = company_timeline(AKESO)
    assert timeline.operational == [(APRIL_26, 20000)]
    assert timeline.planned == [(APRIL_26, 80000)]


def test_resampled_per_year_from_first_point_to_today() -> None:
    timeline = company_timeline(AKESO)
    start, end = span(timeline, today=date(2026, 11, 22))
    ends = period_ends(start, end, "year")
    assert [label(e, "year") for e in ends] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert resample(timeline.operational, ends) == [20000] * 6
    assert resample(timeline.planned, ends) == [80000] * 6


def test_span_runs_to_the_last_planned_point_when_it_is_later_than_today() -> None:
    timeline = site_timeline([Point("2021", 10, "operational"), Point("2030-06", 50, "planned")])
    assert span(timeline, today=date(2026, 1, 1)) == (date(2021, 1, 1), date(2030, 6, 1))


def test_quarters() -> None:
    ends = period_ends(date(2021, 4, 26), date(2022, 1, 5), "quarter")
    assert ends == [date(2021, 6, 30), date(2021, 9, 30), date(2021, 12, 31), date(2022, 3, 31)]
    assert [label(e, "quarter") for e in ends] == ["2021Q2", "2021Q3", "2021Q4", "2022Q1"]


def test_capacity_holds_between_points_and_steps_at_each() -> None:
    timeline = site_timeline([
        Point("2019", 2000, "operational"),
        Point("2021-04", 20000, "operational"),
    ])
    assert value_at(timeline.operational, date(2018, 12, 31)) == 0
    assert value_at(timeline.operational, date(2020, 6, 1)) == 2000
    assert value_at(timeline.operational, date(2021, 4, 1)) == 20000


def test_planned_never_falls_below_operational() -> None:
    timeline = site_timeline([Point("2020", 10000, "planned"), Point("2022", 30000, "operational")])
    assert value_at(timeline.planned, date(2023, 1, 1)) == 30000


def test_industry_is_the_sum_of_companies() -> None:
    other = [Point("2022", 5000, "operational", "x-site", "x")]
    industry = industry_timeline(AKESO + other)
    assert value_at(industry.operational, date(2023, 1, 1)) == 25000
    assert value_at(industry.operational, date(2021, 12, 1)) == 20000
    assert value_at(industry.planned, date(2023, 1, 1)) == 85000


def test_empty_inputs_give_an_empty_timeline() -> None:
    assert company_timeline([]).is_empty
    assert span(Timeline(), date(2026, 1, 1)) is None
    assert sum_timelines([]).is_empty


steps = st.lists(
    st.tuples(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
              st.integers(min_value=0, max_value=10**6)),
    min_size=1, max_size=8,
)


@given(steps, steps)
def test_sum_of_two_sites_is_pointwise(
    a: list[tuple[date, int]], b: list[tuple[date, int]]
) -> None:
    site_a = site_timeline([Point(d.isoformat(), v, "operational", "a", "c") for d, v in a])
    site_b = site_timeline([Point(d.isoformat(), v, "operational", "b", "c") for d, v in b])
    total = company_timeline(
        [Point(d.isoformat(), v, "operational", "a", "c") for d, v in a]
        + [Point(d.isoformat(), v, "operational", "b", "c") for d, v in b]
    )
    for when, _ in a + b:
        assert value_at(total.operational, when) == (
            value_at(site_a.operational, when) + value_at(site_b.operational, when)
        )
