"""Converting reported amounts to US dollars at the annual average rate of their year."""

from __future__ import annotations

from collections.abc import Mapping

Rates = Mapping[tuple[str, int], float]
"""(currency, year) -> US dollars per unit."""

SYMBOLS = {"CNY": "¥", "USD": "$", "HKD": "HK$", "EUR": "€", "GBP": "£", "JPY": "JP¥"}


def rate_for(rates: Rates, currency: str, year: int) -> float | None:
    """The rate of `year`, else of the nearest year the table has for that currency.

    A nearby year's average is a far better estimate than no figure at all, and
    the USD figure is always shown beside the amount as reported.
    """
    if currency == "USD":
        return 1.0
    used = rate_year(rates, currency, year)
    return None if used is None else rates[(currency, used)]


def rate_year(rates: Rates, currency: str, year: int) -> int | None:
    """Which year's rate converts an amount of `year`: its own, else the nearest (later wins)."""
    if (currency, year) in rates:
        return year
    years = [y for c, y in rates if c == currency]
    if not years:
        return None
    return min(years, key=lambda y: (abs(y - year), -y))


def to_usd(amount: float | None, currency: str | None, year: int, rates: Rates) -> float | None:
    if amount is None or currency is None:
        return None
    rate = rate_for(rates, currency, year)
    return None if rate is None else amount * rate


def compact(value: float) -> str:
    """80000 -> 80,000; 22330000 -> 22.33M; 5e9 -> 5B."""
    magnitude = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if magnitude >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_amount(
    amount: float | None, currency: str | None, qualifier: str = "exact"
) -> str:
    """An amount as reported: '>CNY 2B', 'CNY 22.33M', '' when unknown."""
    if amount is None:
        return ""
    prefix = {"about": "~", "nearly": "<", "over": ">", "up_to": "≤"}.get(qualifier, "")
    unit = f"{currency} " if currency else ""
    return f"{prefix}{unit}{compact(amount)}"


def format_usd(usd: float | None) -> str:
    return "" if usd is None else f"US${compact(usd)}"
