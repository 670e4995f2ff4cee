from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioterm.parsing.dates import (
    DateParseError,
    format_partial_date,
    is_partial_date,
    parse_partial_date,
    partial_date_bounds,
    partial_date_start,
    year_of,
)

EXCEL_EPOCH = dt.date(1899, 12, 30)
valid_days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-04-27", "2021-04-27"),
        ("  2021-04-27\t", "2021-04-27"),
        ("2021-4-7", "2021-04-07"),
        ("2021/4/27", "2021-04-27"),
        ("2021.04.27", "2021-04-27"),
        ("20210427", "2021-04-27"),
        ("27/04/2021", "2021-04-27"),
        ("27.04.2021", "2021-04-27"),
        ("27-04-2021", "2021-04-27"),
        ("04/27/2021", "2021-04-27"),
        ("05/05/2021", "2021-05-05"),
        ("April 26, 2021", "2021-04-26"),
        ("april 26 2021", "2021-04-26"),
        ("Apr 26 2021", "2021-04-26"),
        ("APR. 26, 2021", "2021-04-26"),
        ("26 April 2021", "2021-04-26"),
        ("26th April 2021", "2021-04-26"),
        ("26-Apr-2021", "2021-04-26"),
        ("Sept. 26, 2023", "2023-09-26"),
        ("Sept 26, 2023", "2023-09-26"),
        ("Sep 26, 2023", "2023-09-26"),
        ("September 26, 2023", "2023-09-26"),
        ("April 2021", "2021-04"),
        ("Apr-2021", "2021-04"),
        ("Apr. 2021", "2021-04"),
        ("2021-04", "2021-04"),
        ("2021/04", "2021-04"),
        ("2021/4", "2021-04"),
        ("2021.04", "2021-04"),
        ("2021.10", "2021-10"),
        ("2021", "2021"),
        ("2021.0", "2021"),
        ("2021年4月27日", "2021-04-27"),
        ("2021年4月27号", "2021-04-27"),
        ("2021 年 4 月", "2021-04"),
        ("2021年4月", "2021-04"),
        ("2021年", "2021"),
        ("２０２１年４月２７日", "2021-04-27"),
        ("44312", "2021-04-26"),
        ("44312.0", "2021-04-26"),
        ("10000", "1927-05-18"),
        ("99999", "2173-10-13"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("1800", "1800"),
        ("2200-12-31", "2200-12-31"),
        ("2021/4/27 0:00", "2021-04-27"),
        ("2021-04-27 00:00:00", "2021-04-27"),
        ("2021-04-27T13:45:10", "2021-04-27"),
        ("4/27/2021 12:00:00 AM", "2021-04-27"),
    ],
)
def test_accepted_forms(text: str, expected: str) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("04/05/2021", "ambiguous date '04/05/2021': use YYYY-MM-DD"),
        ("1/2/2021", "ambiguous"),
        ("2021.1", "ambiguous"),
        ("2023-06-31", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("1900-02-29", "not a real date"),
        ("2021-13-01", "no month 13"),
        ("2021-00", "no month 0"),
        ("13/13/2021", "no month"),
        ("0/5/2021", "no month 0"),
        ("1799", "outside 1800-2200"),
        ("2201-01-01", "outside"),
        ("26-Apr-21", "two-digit year"),
        ("4/27/21", "two-digit year"),
        ("Foo 26, 2021", "unknown month 'Foo'"),
        ("Q3 2021", "quarter"),
        ("2021 Q3", "quarter"),
        ("2021年第三季度", "quarter"),
        ("Z3 2021", "unknown month 'Z'"),
        ("2021-04-27 25:00", "time of day"),
        ("2021-04/27", "unrecognised"),
        ("202104", "unrecognised"),
        ("9999", "outside"),
        ("44312.5", "unrecognised"),
        ("-44312", "unrecognised"),
        ("123", "unrecognised"),
        ("Apr 26", "unrecognised"),
        ("٢٠٢١", "unrecognised"),  # Arabic-Indic digits are not taken as a year
        ("n/a", "unrecognised"),
        ("x" * 500, "..."),
    ],
)
def test_refused_forms(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_partial_date(text)
    assert message in str(info.value)
    assert len(str(info.value)) < 120


def test_non_text_is_refused_with_own_error() -> None:
    with pytest.raises(DateParseError):
        parse_partial_date(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021", True), ("2021-04", True), ("2021-04-27", True), ("2024-02-29", True),
     ("2021-4", False), ("2021-04-7", False), ("2023-02-29", False), ("1799", False),
     ("2021/04", False), (" 2021", False), ("2021-13", False), ("", False), ("x", False),
     ("2021-04-27\n", False)],
)
def test_is_partial_date(text: str, expected: bool) -> None:
    assert is_partial_date(text) is expected


def test_is_partial_date_of_non_text() -> None:
    assert is_partial_date(2021) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("iso", "first", "last"),
    [
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2021-04-27", dt.date(2021, 4, 27), dt.date(2021, 4, 27)),
    ],
)
def test_bounds_and_start(iso: str, first: dt.date, last: dt.date) -> None:
    assert partial_date_bounds(iso) == (first, last)
    assert partial_date_start(iso) == first
    assert year_of(iso) == first.year


@pytest.mark.parametrize(
    ("iso", "human"),
    [("2021", "2021"), ("2021-04", "Apr 2021"), ("2021-04-27", "27 Apr 2021"),
     ("2021-09-05", "5 Sep 2021")],
)
def test_format(iso: str, human: str) -> None:
    assert format_partial_date(iso) == human


@pytest.mark.parametrize("func", [partial_date_bounds, partial_date_start,
                                  format_partial_date, year_of])
@pytest.mark.parametrize("bad", ["2021/04", "April 2021", "2023-02-30", "", "12345"])
def test_canonical_only_helpers_refuse_other_forms(func: object, bad: str) -> None:
    with pytest.raises(DateParseError):
        func(bad)  # type: ignore[operator]


@given(valid_days)
def test_iso_round_trip(day: dt.date) -> None:
    assert parse_partial_date(day.isoformat()) == day.isoformat()


@given(valid_days)
def test_month_name_form(day: dt.date) -> None:
    assert parse_partial_date(f"{day:%B} {day.day}, {day.year}") == day.isoformat()
    assert parse_partial_date(f"{day.day} {day:%b} {day.year}") == day.isoformat()


@given(valid_days)
def test_slashed_year_first(day: dt.date) -> None:
    assert parse_partial_date(f"{day.year}/{day.month}/{day.day}") == day.isoformat()


@given(valid_days)
def test_day_first_or_month_first_never_guesses(day: dt.date) -> None:
    text = f"{day.day:02d}/{day.month:02d}/{day.year}"
    if day.day > 12 or day.day == day.month:
        assert parse_partial_date(text) == day.isoformat()
    else:
        with pytest.raises(DateParseError, match="ambiguous"):
            parse_partial_date(text)


@given(st.dates(min_value=dt.date(1927, 5, 18), max_value=dt.date(2173, 10, 13)))
def test_excel_serial_round_trip(day: dt.date) -> None:
    serial = (day - EXCEL_EPOCH).days
    assert parse_partial_date(str(serial)) == day.isoformat()
    assert parse_partial_date(f"{serial}.0") == day.isoformat()


partial_dates = st.one_of(
    valid_days.map(lambda d: d.isoformat()),
    valid_days.map(lambda d: d.isoformat()[:7]),
    valid_days.map(lambda d: d.isoformat()[:4]),
)


@given(partial_dates)
def test_human_form_round_trips(iso: str) -> None:
    assert is_partial_date(iso)
    assert parse_partial_date(format_partial_date(iso)) == iso
    first, last = partial_date_bounds(iso)
    assert first <= last
    assert first.isoformat().startswith(iso)
    assert last.isoformat().startswith(iso)


@given(st.text())
def test_any_text_returns_or_raises_own_error(text: str) -> None:
    try:
        result = parse_partial_date(text)
    except DateParseError:
        return
    assert is_partial_date(result)


@given(st.text(alphabet="0123456789-/. 年月日AprSept,:T", max_size=25))
def test_date_like_text_returns_or_raises_own_error(text: str) -> None:
    try:
        result = parse_partial_date(text)
    except DateParseError:
        return
    assert is_partial_date(result)


@given(st.text())
def test_helpers_on_any_text(text: str) -> None:
    valid = is_partial_date(text)
    try:
        partial_date_bounds(text)
    except DateParseError:
        assert not valid
    else:
        assert valid
