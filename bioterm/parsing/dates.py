"""Dates as people type them into spreadsheets, stored as ISO partial dates.

A partial date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: sources often give
only a year or a month, and inventing a day would be a lie.

The parser is forgiving about notation (slashes, dots, month names, Chinese,
Excel serial numbers) but never guesses: ``04/05/2021`` could be April or May,
so it is refused with a message telling the user what to type instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DateParseError",
    "format_partial_date",
    "is_partial_date",
    "parse_partial_date",
    "partial_date_bounds",
    "partial_date_start",
    "year_of",
]

MIN_YEAR = 1800
MAX_YEAR = 2200

# Counting from 1899-12-30 absorbs Excel's fictitious 1900-02-29 (serial 60),
# so it is right for every serial >= 61; we only accept 10000..99999 anyway,
# because shorter numbers are far more likely to be years or typos.
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december")
# Hard-coded rather than taken from `calendar`, whose names follow the locale.
_MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{abbr.lower(): i for i, abbr in enumerate(_MONTH_ABBR, 1)},
    "sept": 9,
}

# Chinese input methods produce full-width digits and punctuation.
_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．，：　", "0123456789/-.,: ")

_FLAGS = re.ASCII | re.IGNORECASE  # ASCII: int() would accept Arabic-Indic digits
# Excel and pandas append a time of day to full dates; it is dropped.
_TIME = r"(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:\s*([AP])M)?)?"
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME, _FLAGS)
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME, _FLAGS)
_YM = re.compile(r"(\d{4})([-/.])(\d{1,2})", _FLAGS)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", _FLAGS)
_YEAR = re.compile(r"(\d{4})(?:\.0+)?", _FLAGS)  # pandas writes float years as 2021.0
_SERIAL = re.compile(r"(\d{5})(?:\.0+)?", _FLAGS)
_CHINESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?", _FLAGS)
_ORD = r"(?:st|nd|rd|th)?"
_MDY_NAME = re.compile(rf"([a-z]+)\.?[\s-]*(\d{{1,2}}){_ORD}(?:\s*,\s*|[\s-]+)(\d{{4}})", _FLAGS)
_DMY_NAME = re.compile(rf"(\d{{1,2}}){_ORD}[\s-]*([a-z]+)\.?(?:\s*,\s*|[\s-]+)(\d{{4}})", _FLAGS)
_MY_NAME = re.compile(r"([a-z]+)\.?[\s,-]*(\d{4})", _FLAGS)
_TWO_DIGIT_YEAR = re.compile(r"(?:\d{1,2}[-/.]\d{1,2}|\d{1,2}[\s-]*[a-z]+\.?)[-/.\s]\d{2}", _FLAGS)
_QUARTER = re.compile(r"Q[1-4][\s-]*\d{4}|\d{4}[\s-]*Q[1-4]|\d{4}年?第?[一二三四1-4]季度", _FLAGS)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class DateParseError(ValueError):
    """The text is not a date, or not an unambiguous one."""


def _quote(text: str) -> str:
    # Messages must stay short even when a whole paragraph lands in a date cell.
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}...'"


def _canonical(text: str, year: int, month: int | None = None, day: int | None = None) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(f"year {year} in {_quote(text)} is outside {MIN_YEAR}-{MAX_YEAR}")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateParseError(f"no month {month} in {_quote(text)}: use YYYY-MM-DD")
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateParseError(f"{_quote(text)} is not a real date")
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str, text: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise DateParseError(f"unknown month '{name}' in {_quote(text)}") from None


def _check_time(m: re.Match[str], first: int, text: str) -> None:
    hour, minute, second, half = m.group(first, first + 1, first + 2, first + 3)
    if hour is None:
        return
    limit = 12 if half else 23
    if int(hour) > limit or int(minute) > 59 or (second is not None and int(second) > 59):
        raise DateParseError(f"bad time of day in {_quote(text)}")


def _ymd(m: re.Match[str], text: str) -> str:
    _check_time(m, 5, text)
    return _canonical(text, int(m[1]), int(m[3]), int(m[4]))


def _dmy(m: re.Match[str], text: str) -> str:
    _check_time(m, 5, text)
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    if first > 12 >= second:
        return _canonical(text, year, second, first)
    if second > 12 >= first:
        return _canonical(text, year, first, second)
    if first == second or first == 0 or second == 0 or first > 12:
        return _canonical(text, year, first, second)  # valid if equal, else a clear error
    raise DateParseError(f"ambiguous date {_quote(text)}: use YYYY-MM-DD")


def _ym(m: re.Match[str], text: str) -> str:
    if m[2] == "." and m[3] == "1":
        # Excel shows 2021.10 as 2021.1, so a dotted ".1" may well be October.
        raise DateParseError(f"ambiguous date {_quote(text)} (January or October?): use YYYY-MM")
    return _canonical(text, int(m[1]), int(m[3]))


def _serial(m: re.Match[str], text: str) -> str:
    day = _EXCEL_EPOCH + dt.timedelta(days=int(m[1]))
    return _canonical(text, day.year, day.month, day.day)


def _chinese(m: re.Match[str], text: str) -> str:
    return _canonical(text, int(m[1]), _int_or_none(m[2]), _int_or_none(m[3]))


def _int_or_none(group: str | None) -> int | None:
    return None if group is None else int(group)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], str]]
_RULES: tuple[_Rule, ...] = (
    (_YMD, _ymd),
    (_YEAR, lambda m, t: _canonical(t, int(m[1]))),
    (_YM, _ym),
    (_DMY, _dmy),
    (_SERIAL, _serial),
    (_COMPACT, lambda m, t: _canonical(t, int(m[1]), int(m[2]), int(m[3]))),
    (_CHINESE, _chinese),
    (_MDY_NAME, lambda m, t: _canonical(t, int(m[3]), _month(m[1], t), int(m[2]))),
    (_DMY_NAME, lambda m, t: _canonical(t, int(m[3]), _month(m[2], t), int(m[1]))),
    (_MY_NAME, lambda m, t: _canonical(t, int(m[2]), _month(m[1], t))),
)


def parse_partial_date(text: str) -> str:
    """The ISO partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) that `text` names.

    Raises DateParseError, and nothing else, for anything else.
    """
    if not isinstance(text, str):
        raise DateParseError(f"expected text, not {type(text).__name__}")
    s = text.translate(_FULLWIDTH).strip()
    if not s:
        raise DateParseError("empty date")
    if _QUARTER.fullmatch(s):
        raise DateParseError(f"quarter {_quote(s)} is not a date: use YYYY-MM")
    for pattern, handler in _RULES:
        m = pattern.fullmatch(s)
        if m is not None:
            return handler(m, s)
    if _TWO_DIGIT_YEAR.fullmatch(s):
        raise DateParseError(f"two-digit year in {_quote(s)}: use YYYY-MM-DD")
    raise DateParseError(f"unrecognised date {_quote(s)}: use YYYY-MM-DD")


def _split_iso(iso: str) -> tuple[int, int | None, int | None]:
    m = _ISO.fullmatch(iso) if isinstance(iso, str) else None
    if m is None:
        raise DateParseError(f"{_quote(str(iso))} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), _int_or_none(m[2]), _int_or_none(m[3])
    _canonical(iso, year, month, day)
    return year, month, day


def is_partial_date(text: str) -> bool:
    """True iff `text` is already a valid canonical partial date."""
    try:
        _split_iso(text)
    except DateParseError:
        return False
    return True


def partial_date_bounds(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date covers: ``2024-02`` -> Feb 1 .. Feb 29."""
    year, month, day = _split_iso(iso)
    if day is not None and month is not None:
        only = dt.date(year, month, day)
        return only, only
    if month is not None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def partial_date_start(iso: str) -> dt.date:
    """The first day a partial date covers (for sorting and timelines)."""
    return partial_date_bounds(iso)[0]


def format_partial_date(iso: str) -> str:
    """Human form: ``2021``, ``Apr 2021`` or ``27 Apr 2021`` (which parse back)."""
    year, month, day = _split_iso(iso)
    if month is None:
        return f"{year}"
    if day is None:
        return f"{_MONTH_ABBR[month - 1]} {year}"
    return f"{day} {_MONTH_ABBR[month - 1]} {year}"


def year_of(iso: str) -> int:
    """The year of a partial date."""
    return _split_iso(iso)[0]
