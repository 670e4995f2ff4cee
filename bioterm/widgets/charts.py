"""Plotext charts: capacity timelines and funding by year.

Imported only when a chart is about to be shown (plotext is not needed to
paint the first screen). Only labels made here reach plotext — years, unit
ticks, fixed series names — because its output is parsed as ANSI, so a name
from the data could otherwise colour the screen.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.app import RenderResult
from textual.cache import LRUCache
from textual_plotext import PlotextPlot

from bioterm.presentation.cells import CapacityView, short_number

MIN_WIDTH = 20
MIN_HEIGHT = 6
DRAWINGS_KEPT = 8
"""Plots kept per chart by what they show: a cleared filter shows the chart it
showed before, which plotext took 15-40 ms to draw again."""


def _ticks(top: float, unit: str = "") -> tuple[list[float], list[str]]:
    values = [0.0, top / 2, top] if top > 0 else [0.0]
    return values, [f"{unit}{short_number(v)}" for v in values]


class SafePlot(PlotextPlot):
    """A plot that falls back to a one-line message instead of failing when tiny."""

    DEFAULT_CSS = """
    SafePlot { width: 1fr; height: 1fr; min-height: 3; }
    """

    empty_message = "No data to chart."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: LRUCache[Hashable, Text] = LRUCache(DRAWINGS_KEPT)

    def has_data(self) -> bool:
        return False

    def draw(self) -> None:
        """Put the data on `self.plt` (called before each render)."""

    def drawn_from(self) -> Hashable | None:
        """Everything `draw` reads but the size and the theme; None to draw anew
        each time."""
        return None

    def render(self) -> RenderResult:
        if not self.has_data():
            return Text(self.empty_message, style="dim")
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            return Text("(too small for a chart)", style="dim")
        data = self.drawn_from()
        key = None if data is None else (data, self.size, self.app.theme)
        drawn = None if key is None else self._drawn.get(key)
        if drawn is None:
            self.plt.clear_figure()
            self.plt.clear_data()
            try:
                self.draw()
                drawn = super().render()
            except Exception:
                return Text("(chart unavailable at this size)", style="dim")
            if key is not None and isinstance(drawn, Text):
                self._drawn[key] = drawn
        return drawn.copy() if isinstance(drawn, Text) else drawn


class CapacityChart(SafePlot):
    """Operational and planned capacity as step lines, one step per period."""

    empty_message = "No capacity recorded."

    def __init__(self, view: CapacityView | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view

    def set_view(self, view: CapacityView | None) -> None:
        self.view = view
        self.refresh()

    def has_data(self) -> bool:
        return self.view is not None and bool(self.view.labels)

    def draw(self) -> None:
        view = self.view
        assert view is not None
        plt = self.plt
        count = len(view.labels)
        # Each period is drawn as a flat segment from its start to the next, so
        # the lines step like the capacity they show instead of sloping.
        xs: list[float] = []
        for i in range(count):
            xs.extend([i, i + 1])
        def stepped(values: list[float]) -> list[float]:
            return [v for value in values for v in (value, value)]
        # Markers tell the series apart without colour (NO_COLOR, a grey terminal).
        plt.plot(xs, stepped(view.planned), label="planned", marker="•", color="orange")
        plt.plot(xs, stepped(view.operational), label="operational", marker="hd",
                 color="green")
        top = max(view.planned + view.operational) or 1.0
        plt.ylim(0, top * 1.3)
        values, labels = _ticks(top)
        plt.yticks(values, [f"{label} L" for label in labels])
        every = max(1, count // max(1, (self.size.width - 10) // 7))
        positions = [i + 0.5 for i in range(0, count, every)]
        plt.xticks(positions, [view.labels[i] for i in range(0, count, every)])
        plt.xlim(0, count)


class FundingChart(SafePlot):
    """Funding per year in US dollars, as bars."""

    empty_message = "No funding in US dollars to chart."

    def __init__(self, years: list[tuple[int, float, int]] | None = None, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.years = years or []

    def set_years(self, years: list[tuple[int, float, int]]) -> None:
        self.years = years
        self.refresh()

    def has_data(self) -> bool:
        return any(total > 0 for _, total, _ in self.years)

    def drawn_from(self) -> Hashable:
        return tuple(self.years)

    def draw(self) -> None:
        plt = self.plt
        years = self.years
        if len(years) > 12:
            years = years[-12:]
        labels = [str(year) for year, _, _ in years]
        totals = [total for _, total, _ in years]
        plt.bar(labels, totals, color="blue", width=0.6)
        top = max(totals) or 1.0
        # Each bar carries its value, room above the tallest for its label.
        for position, total in enumerate(totals, start=1):
            if total > 0:
                plt.text(short_number(total), position, total + top * 0.12,
                         alignment="center", color="default", background="default")
        plt.ylim(0, top * 1.25)
        values, ticks = _ticks(top, "US$")
        plt.yticks(values, ticks)


DEAL_SERIES = {
    "out_of_china": ("out", "green", "O", "o"),
    "into_china": ("in", "cyan", "I", "i"),
    "domestic": ("domestic", "yellow", "D", "d"),
    "other": ("other", "magenta", "X", "x"),
}
"""Per direction: name, colour, marker of the total, marker of the upfront. The
letters keep the series apart where colour cannot (NO_COLOR, a grey terminal)."""


class DealValueChart(SafePlot):
    """Deal value per year in US dollars: upfront and total, by direction (text markers)."""

    empty_message = "No deal values in US dollars to chart."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.years: list[tuple[int, str, float, float]] = []
        """(year, direction, upfront USD, total USD)"""

    def set_years(self, years: list[tuple[int, str, float, float]]) -> None:
        self.years = years
        # The key below the chart, not a legend inside it, which would hide the lines.
        self._show_key()
        self.refresh()

    def on_resize(self) -> None:
        self._show_key()

    def _show_key(self) -> None:
        """The series drawn, by their markers, as long as the width allows."""
        shown = {d for _, d, u, t in self.years if u > 0 or t > 0}
        key = " · ".join(f"{total}/{upfront} {name}" for direction, (name, _, total, upfront)
                         in DEAL_SERIES.items() if direction in shown)
        full = f"{key} (total/upfront)" if key else ""
        self.border_subtitle = full if len(full) + 4 <= self.size.width else key

    def has_data(self) -> bool:
        return any(total > 0 or upfront > 0 for _, _, upfront, total in self.years)

    def drawn_from(self) -> Hashable:
        return tuple(self.years)

    def draw(self) -> None:
        plt = self.plt
        years = sorted({year for year, _, _, _ in self.years})[-10:]
        # Positions, not the year strings: plotext reads string x values as dates.
        positions = list(range(1, len(years) + 1))
        series = DEAL_SERIES
        totals = {(y, d): (u, t) for y, d, u, t in self.years}
        top = 0.0
        for direction, (_, colour, total_marker, upfront_marker) in series.items():
            for index, marker in ((1, total_marker), (0, upfront_marker)):
                # Years without a value are left out rather than drawn at zero.
                points = [(x, totals[(year, direction)][index])
                          for x, year in zip(positions, years, strict=True)
                          if totals.get((year, direction), (0.0, 0.0))[index] > 0]
                if points:
                    xs, ys = zip(*points, strict=True)
                    plt.plot(list(xs), list(ys), color=colour, marker=marker)
                    top = max(top, *ys)
        top = top or 1.0
        plt.ylim(0, top * 1.1)
        plt.xlim(0.5, len(years) + 0.5)
        plt.xticks(positions, [str(year) for year in years])
        values, ticks = _ticks(top, "US$")
        plt.yticks(values, ticks)
