"""Rich renderables for single values: table cells, sparklines, capacity figures.

Every value passes through `bioterm.text.literal` before it is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from bioterm import timeline
from bioterm.currency import format_amount, format_usd
from bioterm.enums import Qualifier
from bioterm.text import literal

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def cell(value: object, *, style: str = "", justify: str = "left") -> Text:
    """One table cell: literal, one line, cut with an ellipsis when too wide."""
    return Text(
        literal(value),
        style=style,
        no_wrap=True,
        overflow="ellipsis",
        justify=justify,  # type: ignore[arg-type]
        end="",
    )


def short_number(value: float) -> str:
    """20000 -> 20k, 1500000 -> 1.5M, 950 -> 950: for cramped table cells."""
    magnitude = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if magnitude >= size:
            text = f"{value / size:.1f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def litres(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f} L"


def area(value: float | None, qualifier: str | None = None) -> str:
    if value is None:
        return ""
    return f"{_prefix(qualifier)}{value:,.0f} m²"


def _prefix(qualifier: str | None) -> str:
    """'>' for "over 2 billion" and the like; nothing for exact or unknown qualifiers."""
    return Qualifier(qualifier).prefix if qualifier in Qualifier.choices() else ""


def amount_with_usd(
    amount: float | None, currency: str | None, qualifier: str | None, usd: float | None
) -> str:
    """'CNY 22.33M (US$3.3M)': as reported, and in US dollars when it could be converted."""
    if amount is None:
        return "amount not disclosed"
    reported = format_amount(amount, currency, qualifier or "exact")
    if currency is None:
        return f"{reported} (currency not given)"
    if currency == "USD" or usd is None:
        return reported
    return f"{reported} ({_prefix(qualifier)}{format_usd(usd)})"


def sparkline(values: Sequence[float], top: float | None = None) -> str:
    """One character per value, scaled so `top` (default: the largest) is a full block."""
    if not values:
        return ""
    ceiling = max(values) if top is None else top
    out: list[str] = []
    for value in values:
        if value <= 0 or ceiling <= 0 or math.isnan(value):
            out.append(" ")
            continue
        level = math.ceil(min(value, ceiling) / ceiling * len(SPARK_BLOCKS)) - 1
        out.append(SPARK_BLOCKS[max(0, min(level, len(SPARK_BLOCKS) - 1))])
    return "".join(out)


def fit(values: Sequence[float], width: int) -> list[float]:
    """At most `width` values, evenly picked and always keeping the last one."""
    if width <= 0:
        return []
    if len(values) <= width:
        return list(values)
    step = (len(values) - 1) / (width - 1) if width > 1 else 0
    picks = [round(i * step) for i in range(width)] if width > 1 else [len(values) - 1]
    return [values[i] for i in picks]


@dataclass(frozen=True)
class CapacityView:
    """A capacity timeline resampled for display, with the figures people quote."""

    labels: list[str]
    operational: list[float]
    planned: list[float]
    operational_now: float
    planned_total: float
    """The announced total: the last value of the planned series."""

    @property
    def first_label(self) -> str:
        return self.labels[0] if self.labels else ""

    @property
    def last_label(self) -> str:
        return self.labels[-1] if self.labels else ""


def capacity_view(line: timeline.Timeline, today: date) -> CapacityView | None:
    """Per year (per quarter when the span is under three years); None if there is no data."""
    bounds = timeline.span(line, today)
    if bounds is None:
        return None
    start, end = bounds
    period: timeline.Period = "year" if end.year - start.year >= 2 else "quarter"
    ends = timeline.period_ends(start, end, period)
    operational = timeline.resample(line.operational, ends)
    announced = timeline.resample(line.planned, ends) if line.planned else operational
    planned = [max(a, o) for a, o in zip(announced, operational, strict=True)]
    planned_total = line.planned[-1][1] if line.planned else 0.0
    return CapacityView(
        labels=[timeline.label(e, period) for e in ends],
        operational=operational,
        planned=planned,
        operational_now=timeline.value_at(line.operational, today),
        planned_total=max(planned_total, timeline.value_at(line.operational, today)),
    )


def capacity_cell(view: CapacityView | None, width: int = 6) -> Text:
    """Sparkline plus litres for a table row: height is the announced total; colour
    says how much of it runs (green all, yellow part, dim none yet)."""
    if view is None:
        return Text("", end="")
    planned = fit(view.planned, width)
    operational = fit(view.operational, width)
    top = max(planned) if planned else 0.0
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for p, o in zip(planned, operational, strict=True):
        style = "green" if o >= p and o > 0 else "yellow" if o > 0 else "bright_black"
        text.append(sparkline([p], top), style=style)
    text.append(" " * (width - len(planned)))
    now, total = view.operational_now, view.planned_total
    figure = short_number(now) if now >= total else f"{short_number(now)}/{short_number(total)}"
    text.append(f" {figure}")
    return text


def shared_top(views: Iterable[CapacityView | None]) -> float:
    """One scale for a column of sparklines: the largest planned level of any row,
    so a row of 16k litres draws low beside one of 1.7M (0 when there is none)."""
    return max((max(v.planned, default=0.0) for v in views if v is not None), default=0.0)


def trend_cell(view: CapacityView | None, top: float, width: int = 6) -> Text:
    """The capacity sparkline of a table row on the column's scale `top`: height is the
    announced total; colour says how much of it runs (green all, yellow part, dim
    none yet), and so does the glyph before it, for today, without colour (first,
    so a column cut at the table's edge keeps it)."""
    if view is None:
        return Text("", end="")
    planned = fit(view.planned, width)
    operational = fit(view.operational, width)
    text = Text(running_glyph(view) + " ", no_wrap=True, overflow="ellipsis", end="")
    for p, o in zip(planned, operational, strict=True):
        style = "green" if o >= p and o > 0 else "yellow" if o > 0 else "bright_black"
        text.append(sparkline([p], top), style=style)
    return text


RUNNING_GLYPHS = {"all": "●", "part": "◐", "none": "○"}
"""How much of the announced capacity runs today: all, part, none yet."""


def running_glyph(view: CapacityView) -> str:
    now, total = view.operational_now, view.planned_total
    if now > 0 and now >= total:
        return RUNNING_GLYPHS["all"]
    return RUNNING_GLYPHS["part"] if now > 0 else RUNNING_GLYPHS["none"]


def capacity_lines(view: CapacityView | None, width: int = 24) -> Text:
    """Two labelled sparklines (operational, planned) for detail panes."""
    if view is None:
        return Text("No capacity recorded.", style="dim", end="")
    top = max(view.planned + view.operational) or 1.0
    out = Text(end="")
    rows = (
        ("operational", view.operational, view.operational_now, "green"),
        ("planned    ", view.planned, view.planned_total, "yellow"),
    )
    for index, (name, values, figure, style) in enumerate(rows):
        if index:
            out.append("\n")
        out.append(f"{name} ", style="dim")
        out.append(sparkline(fit(values, width), top), style=style)
        out.append(f" {litres(figure)}")
    span = view.first_label if view.first_label == view.last_label else (
        f"{view.first_label} → {view.last_label}")
    out.append(f"\n{'':12}{span}", style="dim")
    return out
