"""A list screen's chart that shows the rows the list shows.

The whole table's figures come from the summary tables at once; a narrowed
list's are summed in a worker on a connection of its own (on a million rows
that can take a moment), stopped when a newer query makes them pointless, so
typing in the filter never waits for the chart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual import work
from textual.widget import Widget

from bioterm.presentation.chart_scope import chart_title
from bioterm.screens.list_screen import ListScreen
from bioterm.store import ListQuery, Store
from bioterm.store.match_count import MatchCounter


class ChartedListScreen(ListScreen):
    """A list whose chart follows its filter, facets, ★ only and opened groups."""

    chart_subject: ClassVar[str] = ""
    """What the chart shows, for its title: "Funding per year, US$"."""

    def __init__(self, groups: tuple[tuple[str, str, str], ...] = ()) -> None:
        super().__init__(groups)
        self._chart_reads = MatchCounter()
        self._chart_generation = 0
        self._charted: ListQuery | None = None

    def chart(self) -> Widget:
        raise NotImplementedError

    def chart_figures(self, store: Store, query: ListQuery) -> Any:
        """The chart's figures for the rows `query` keeps."""
        raise NotImplementedError

    def show_figures(self, figures: Any) -> None:
        raise NotImplementedError

    def load(self) -> None:
        super().load()
        self._charted = None
        self.query_changed()

    def query_changed(self) -> None:
        # A new sort order keeps the same rows, so the same chart.
        query = replace(self.list_query, sort=None, descending=False)
        if query == self._charted:
            return
        self._charted = query
        self._chart_generation += 1
        self._chart_reads.stop()
        chart = self.chart()
        chart.border_title = chart_title(self.chart_subject, self.noun, query)
        if not query.narrowed:
            self.show_figures(self.chart_figures(self.store, query))
            return
        self._read_figures(query, self._chart_generation)

    @work(thread=True, exclusive=True, group="chart")
    def _read_figures(self, query: ListQuery, generation: int) -> None:
        figures = self._chart_reads.read(
            self.store.location, lambda store: self.chart_figures(store, query),
            wanted=lambda: generation == self._chart_generation)
        if figures is not None:
            self.app.call_from_thread(self._apply_figures, generation, figures)

    def _apply_figures(self, generation: int, figures: Any) -> None:
        if generation == self._chart_generation and self.is_mounted:
            self.show_figures(figures)

