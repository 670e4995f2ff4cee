"""The largest quantities an import accepts: beyond them a cell is a mistake, not data.

A finite number can still be absurd, and an absurd one does harm: 1.7e308
euros is a float, but in US dollars it is infinity, which no sum, summary or
undo can work with. Each limit is far above anything real (the whole world's
bioreactor capacity is some tens of millions of litres; the largest
biopharma deals are some hundred billion dollars) and far below where
arithmetic on the figures could overflow.
"""

from __future__ import annotations

import math

LIMITS: dict[str, tuple[float, str]] = {
    "amount": (1e18, "a billion billion (1e18) in any currency"),
    "litres": (1e11, "100 billion litres (1e11)"),
    "area": (1e11, "100,000 km² (1e11 m²)"),
    "usd": (1e6, "1,000,000 US dollars per unit of a currency"),
}
"""Kind of quantity -> (the most accepted, that limit in words)."""


def implausible(kind: str, value: float) -> str | None:
    """Why `value` cannot be a `kind` quantity, or None if it is within the limit."""
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    limit, words = LIMITS[kind]
    if abs(value) > limit:
        return f"{value:g} is implausibly large; the most accepted is {words}"
    return None
