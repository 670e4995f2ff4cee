"""The shape shared by Companies, Pipeline, Sites and Funding.

A filter box, quick facets, a table fed one window at a time from the store,
and a detail pane that follows the cursor. Every filter, facet and sort
change is a new `ListQuery`; the store does the work in SQL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Static

from bioterm import bindings
from bioterm.entities import Entity
from bioterm.presentation.columns import EntityRows, visible_columns
from bioterm.presentation.known_counts import KnownCounts
from bioterm.presentation.list_messages import count_line, empty_list
from bioterm.screens import export_view, facet_menu, list_layout
from bioterm.screens.base import BiotermScreen
from bioterm.store import ListQuery
from bioterm.store.grouping import with_group
from bioterm.store.match_count import MatchCounter
from bioterm.widgets.facets import FacetButton
from bioterm.widgets.fact_pane import FactPane
from bioterm.widgets.sized_input import SizedInput
from bioterm.widgets.store_backend import PAGE_SIZE
from bioterm.widgets.store_table import StoreTable
from bioterm.widgets.watched_toggle import WatchedToggle


class FilterInput(SizedInput):
    BINDINGS = bindings.FILTER

    def action_leave_filter(self) -> None:
        screen = self.screen
        if isinstance(screen, ListScreen):
            screen.flush_filter()
        screen.set_focus(screen.query_one(StoreTable))


class ListScreen(BiotermScreen):
    """The list of one entity of the app's registry; a subclass names it by `kind`."""

    BINDINGS = bindings.LIST_SCREEN

    kind: ClassVar[str] = ""
    """The registry entity listed: what `enter` opens."""

    def __init__(self, groups: tuple[tuple[str, str, str], ...] = ()) -> None:
        """`groups`: (column, value, label) restrictions the list opens with and keeps
        (a landscape cell's company, phase and target); esc with nothing else to clear
        goes back to where it was opened from."""
        super().__init__()
        self.entity: Entity = self.bioterm.registry.by_kind[self.kind]
        self.section = self.entity.section or self.section
        self.list_key = self.entity.list_key
        """The store's list spec for this section."""
        self.noun = self.entity.noun
        self.hidden: frozenset[str] = self.bioterm.view_prefs.hidden_columns(self.section)
        """Columns the user chose not to see (`c`)."""
        # Name the default order, so the header can mark it and `s` can toggle it.
        self._fixed_groups = tuple((k, v) for k, v, _ in groups)
        self._group_labels: dict[tuple[str, str], str] = {(k, v): label for k, v, label in groups}
        self.list_query = ListQuery(sort=self.entity.default_sort,
                                    descending=self.entity.descending, groups=self._fixed_groups)
        self._total = 0
        self._filter_timer: Timer | None = None
        self._count_generation = 0
        self._count_pending = False
        self._counter = MatchCounter()
        """Counts matches in workers; stopped when a newer query supersedes them."""
        self._known = KnownCounts()

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="toolbar"):
            yield FilterInput(placeholder=f"/ filter: {self.entity.filter_hint}", id="filter",
                              compact=True)
            for facet in self.entity.facets:
                yield FacetButton(facet)
            if self.entity.watch_kind is not None:
                yield WatchedToggle()
            yield Static("", id="count", markup=False)
        with Horizontal(id="body"):
            yield StoreTable(self.rows(), visible_columns(self.entity, self.hidden),
                             key_column=self.entity.key_column, id="table")
            with Vertical(id="side"):
                yield from self.compose_side()
        yield from self.compose_footer()

    def compose_side(self) -> ComposeResult:
        yield FactPane(id="pane")

    def on_mount(self) -> None:
        list_layout.show_facets(self)
        table = self.query_one(StoreTable)
        table.set_sort_marker(self.list_query.sort, self.list_query.descending)
        self.set_focus(table)  # at once: a `/` typed right behind the section key finds it
        list_layout.apply_pane(self)
        self.refresh_data()

    def on_screen_resume(self) -> None:
        # (Textual also runs BiotermScreen's handler, which refreshes the data.)
        list_layout.apply_pane(self)  # as last set on any list

    # -- data -------------------------------------------------------------------

    def rows(self) -> EntityRows:
        return EntityRows(self.store, self.entity, self.list_query, self.today, self.hidden)

    def load(self) -> None:
        self._total = self.store.list_count(self.list_key, ListQuery())
        table = self.query_one(StoreTable)
        self.query_one("#pane", FactPane).forget()  # the data changed
        table.show_source(self.rows(), keep_row=True)
        self._known.forget()  # the data changed
        self._known.remember(ListQuery(), self._total)
        self._known.remember(self.list_query, table.row_count)

    def requery(self, keep_column: bool = False) -> None:
        """Show the first rows at once, from the left unless `keep_column` (a new
        sort); count the rest off the UI thread.

        On a large database the rows of a window come back in milliseconds, but
        an exact count of a common filter can take a second: the table starts
        with what the first page proves and takes the exact count when it lands.
        """
        self._stop_counting()
        rows = self.rows()
        first = rows.window(0, PAGE_SIZE)
        known = self._known.get(self.list_query)
        self.query_one(StoreTable).show_source(
            rows, count=len(first) if known is None else known, first_page=first,
            keep_column=keep_column)
        self.query_changed()
        if known is not None or len(first) < PAGE_SIZE:
            return  # counted before, or a short first page is the whole answer
        self._count_pending = True
        self._update_count(len(first))
        self._count_matches(self.list_query, self._count_generation)

    @property
    def crumb(self) -> str:
        """The section, and the groups it was opened with ("Pipeline · Phase: Filed")."""
        return " · ".join([self.entity.tab, *(self.group_label(g) for g in self._fixed_groups)])

    def query_changed(self) -> None:
        """The list's query is new (a chart that follows it reads its figures)."""

    def group_label(self, group: tuple[str, str]) -> str:
        """How an opened group is named: "Phase: Filed"."""
        return self._group_labels.get(group, group[1])

    def _stop_counting(self) -> None:
        self._count_generation += 1
        self._count_pending = False
        self._counter.stop()

    @work(thread=True, exclusive=True, group="count")
    def _count_matches(self, query: ListQuery, generation: int) -> None:
        count = self._counter.count(self.store.location, self.list_key, query,
                                    wanted=lambda: generation == self._count_generation)
        if count is not None:
            self.app.call_from_thread(self._apply_count, generation, query, count)

    def _apply_count(self, generation: int, query: ListQuery, count: int) -> None:
        if generation == self._count_generation and self.is_mounted:
            self._count_pending = False
            self._known.remember(query, count)
            self.query_one(StoreTable).set_row_count(count)

    def set_facets(self, facets: dict[str, tuple[str, ...]]) -> None:
        """Keep the rows whose facets have any of these values, and say so in the toolbar."""
        self.list_query = replace(self.list_query, facets=facets)
        list_layout.show_facets(self)

    def _update_count(self, shown: int) -> None:
        labels = [self.group_label(g) for g in self.list_query.groups]
        self._show_count(count_line(
            shown, self._total, self.list_query, self.entity.counted, self.noun,
            counting=self._count_pending, labels=labels + list_layout.hidden_facets(self),
            problems=self.store.filter_problems(self.list_key, self.list_query.text)))

    def _show_count(self, text: Text) -> None:
        # The count is asked again on every cursor move; redrawing it unchanged
        # would cost the whole screen a layout, and one as wide as before needs none.
        count = self.query_one("#count", Static)
        if count.content != text:
            old = count.content
            count.update(text, layout=not (isinstance(old, Text) and old.cell_len == text.cell_len))

    # -- the pane ---------------------------------------------------------------

    def pane_renderable(self, key: str) -> RenderableType | None:
        """What the detail pane shows for the record `key` (None if it vanished)."""
        return None

    @on(StoreTable.RowChanged)
    def _follow_cursor(self, event: StoreTable.RowChanged) -> None:
        table = self.query_one(StoreTable)
        self._update_count(table.row_count)
        pane = self.query_one("#pane", FactPane)
        key = event.key
        if key is None:
            pane.update(empty_list(self.list_query, self.noun))
        else:
            pane.show((key, self.today), lambda: self.pane_renderable(key) or Text(""))

    # -- events -----------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.list_query = replace(self.list_query, text=event.value)
        # Typing fast runs one query for the word, not one per keystroke: on a
        # large database a short prefix matches a great many rows.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        delay = self.bioterm.filter_delay
        if delay <= 0:
            self.requery()
        else:
            self._filter_timer = self.set_timer(delay, self.flush_filter)

    def flush_filter(self) -> None:
        """Run the pending filter query now (leaving the box should not wait for it)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
            self.requery()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.flush_filter()
        self.set_focus(self.query_one(StoreTable))

    @on(FacetButton.Pressed)
    def _facet_pressed(self, event: FacetButton.Pressed) -> None:
        self.choose_facets(event.facet.name)

    @on(Checkbox.Changed, "#watched-only")
    def _watched_only(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.list_query = replace(self.list_query, watched_only=event.value)
        self.requery()

    @on(StoreTable.OpenRow)
    def _open_row(self, event: StoreTable.OpenRow) -> None:
        self.bioterm.open_record(self.kind, event.key)

    @on(StoreTable.SortColumn)
    def _sort(self, event: StoreTable.SortColumn) -> None:
        table = self.query_one(StoreTable)
        column = table.display_columns[event.column_index]
        if column.sort is None:
            self.notify(f"“{column.label}” cannot be sorted.", timeout=2)
            return
        query = self.list_query
        descending = (not query.descending if query.sort == column.sort
                      else column.largest_first)
        self.list_query = replace(query, sort=column.sort, descending=descending)
        table.set_sort_marker(column.sort, descending)
        self.requery(keep_column=True)

    # -- actions ----------------------------------------------------------------

    # Focus moves at once (set_focus), not on the next tick (focus()): keys typed
    # right behind `/` are already queued and must land in the filter box.

    def action_focus_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_focus:
            box.insert_text_at_cursor("/")  # a priority binding: "/" is also text
        else:
            self.set_focus(box)

    def action_choose_facets(self) -> None:
        self.choose_facets()

    def choose_facets(self, start: str | None = None) -> None:
        """The facet menu, at facet `start` (the first unless told); closing applies it."""
        facet_menu.choose(self, start)

    def _current(self) -> str | None:
        key = self.query_one(StoreTable).current_key
        if key is None:
            self.notify(f"No {self.noun} here to choose.", timeout=2)
        return key

    def action_toggle_watch(self) -> None:
        key = self._current()
        if key is not None:
            self.bioterm.toggle_watch(self.kind, key, self.record_name(key))

    def action_edit_note(self) -> None:
        key = self._current()
        if key is not None:
            self.bioterm.edit_note(self.kind, key, self.record_name(key))

    @property
    def count_pending(self) -> bool:
        """The exact count of the current query is still running."""
        return self._count_pending

    def action_export_view(self) -> None:
        export_view.export_view(self)

    def action_choose_columns(self) -> None:
        list_layout.choose_columns(self)

    def action_toggle_pane(self) -> None:
        list_layout.toggle_pane(self)

    def action_pane_width(self, step: int) -> None:
        list_layout.pane_width(self, step)

    def action_copy_row(self) -> None:
        export_view.copy_row(self)

    def action_open_source(self) -> None:
        key = self._current()
        if key is not None:
            export_view.open_source(self.bioterm, self.kind, key)

    def record_name(self, key: str) -> str:
        """What a notice calls the record `key`."""
        return self.store.watch_name(self.entity.watch_kind or "", key) or key

    def action_clear(self) -> None:
        """esc undoes one thing at a time: leave the filter box; then clear its text;
        then the facets; then "★ only"; then an opened group; then go back."""
        table = self.query_one(StoreTable)
        if not table.has_focus:
            self.set_focus(table)
            return
        query = self.list_query
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        with self.prevent(Input.Changed, Checkbox.Changed):
            if query.text:
                self.query_one("#filter", Input).value = ""
                query = replace(query, text="")
            elif query.facets:
                self.set_facets({})
                query = self.list_query
            elif query.watched_only:
                for toggle in self.query(WatchedToggle):
                    toggle.value = False
                query = replace(query, watched_only=False)
            elif query.groups != self._fixed_groups:
                query = replace(query, groups=self._fixed_groups)
            else:
                self.bioterm.go_back()  # a list opened from a landscape goes back to it
                return
        self.list_query = query
        self.requery()

    # -- grouping (g) -----------------------------------------------------------

    def action_group(self) -> None:
        """Choose a column, then show the rows as the filter keeps them counted by it."""
        from bioterm.screens.group_table import GroupChooser, GroupScreen

        columns = self.store.group_columns(self.list_key)
        if not columns:
            self.notify(f"{self.entity.tab} cannot be grouped.", timeout=2)
            return
        self.flush_filter()

        def chosen(key: str | None) -> None:
            if key is not None:
                self.app.push_screen(
                    GroupScreen(self.entity, self.list_key, self.list_query, key),
                    self._open_group)

        self.app.push_screen(GroupChooser(columns), chosen)

    def _open_group(self, opened: tuple[str, str, str] | None) -> None:
        if opened is None:
            return
        key, value, label = opened
        self._group_labels[(key, value)] = label
        self.list_query = with_group(self.list_query, key, value)
        self.requery()
