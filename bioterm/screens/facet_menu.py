"""`f` on a list: every facet of the section side by side, several values each.

Each value is counted under the list's filter and the values ticked in the
other facets (a facet's own ticks do not narrow its own counts, so each says
how many rows ticking it too would show). Counting runs off the UI thread: on
a large file a count under a filter takes a while, and the next tick makes it
pointless. Closing applies the ticks; the list screen requeries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from bioterm import bindings
from bioterm.entities import Facet
from bioterm.paths import DbLocation
from bioterm.store import ListQuery, Store
from bioterm.store.match_count import MatchCounter
from bioterm.widgets.facets import chosen_words, value_label

if TYPE_CHECKING:
    from bioterm.screens.list_screen import ListScreen

FacetChoice = dict[str, tuple[str, ...]]
"""Per facet name, the values ticked (any of them)."""
FacetCounts = dict[str, list[tuple[str, int]]]
"""Per facet name, (value, rows) under the filter and the other facets' ticks."""


def ordered(facet: Facet, counts: Sequence[tuple[str, int]],
            chosen: Sequence[str]) -> list[tuple[str, int]]:
    """The values a facet offers: those with rows, and every ticked one (a tick the
    other facets left without rows stays, counted 0, so it can be unticked), in the
    vocabulary's order where there is one, else the most rows first."""
    offered = dict(counts)
    for value in chosen:
        offered.setdefault(value, 0)
    pairs = list(offered.items())
    if facet.vocabulary is not None:
        order = {m.value: i for i, m in enumerate(facet.vocabulary)}
        return sorted(pairs, key=lambda vc: (order.get(vc[0], len(order)), vc[0]))
    return sorted(pairs, key=lambda vc: (-vc[1], vc[0]))


def describe(facets: Sequence[Facet], choice: FacetChoice) -> str:
    """The ticks in words: "Phase: Filed, Phase 3 · Modality: ADC"."""
    parts = [chosen_words(f, choice[f.name]) for f in facets if choice.get(f.name)]
    return " · ".join(parts) or "Nothing ticked: every row shows"


class FacetMenu(ModalScreen[FacetChoice]):
    """Dismissed with the ticked values of every facet."""

    BINDINGS = bindings.FACET_MENU
    DEFAULT_CSS = """
    FacetMenu { align: center middle; }
    #facet-box { width: 96%; max-width: 120; height: auto; max-height: 90%;
                 border: round $accent; background: $surface; padding: 0 1; }
    #facet-columns { height: auto; }
    .facet-column { width: 1fr; height: auto; margin-right: 1; }
    .facet-title { width: 100%; text-style: bold; }
    FacetMenu .facet-list, FacetMenu .facet-list:focus {
        height: auto; max-height: 18; width: 100%; border: none; padding: 0;
    }
    FacetMenu .facet-list:focus { background-tint: $foreground 5%; }
    #facet-status { width: 100%; color: $text-muted; }
    """

    def __init__(self, facets: Sequence[Facet], location: DbLocation, list_key: str,
                 query: ListQuery, start: str | None = None) -> None:
        """The `facets` of list `list_key` in the file at `location`, counted under
        `query` (its own facets are the ticks the menu starts with)."""
        super().__init__()
        self.facets = tuple(facets)
        self.choice: FacetChoice = {f.name: tuple(query.facets.get(f.name, ()))
                                    for f in self.facets}
        self._location = location
        self._list_key = list_key
        self._query = query
        self._start = start or self.facets[0].name
        self._generation = 0
        self._counter = MatchCounter()

    def compose(self) -> ComposeResult:
        with Vertical(id="facet-box") as box:
            box.border_title = "Facets"
            box.border_subtitle = "space ticks · ←/→ or tab next facet · x clears it · esc done"
            with Horizontal(id="facet-columns"):
                for facet in self.facets:
                    with Vertical(classes="facet-column"):
                        yield Label(f"  {facet.title}", classes="facet-title",
                                    id=f"facet-title-{facet.name}")
                        yield SelectionList[str](id=f"facet-list-{facet.name}",
                                                 classes="facet-list")
            yield Label("counting…", id="facet-status")

    def on_mount(self) -> None:
        self._show({})
        # At once, not after the next message: keys typed ahead (→ → space) must
        # each find the facet the one before moved to.
        self.set_focus(self._list(self._start))
        self._recount()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The focused facet is marked by a glyph too, so it shows without colour.
        for facet in self.facets:
            self.query_one(f"#facet-title-{facet.name}", Label).update(
                f"▸ {facet.title}" if event.widget is self._list(facet.name)
                else f"  {facet.title}")

    def _list(self, name: str) -> SelectionList[str]:
        return self.query_one(f"#facet-list-{name}", SelectionList)

    def _show(self, counts: FacetCounts) -> None:
        """Offer each facet's values with their counts, keeping ticks and the cursor."""
        for facet in self.facets:
            choices = self._list(facet.name)
            chosen = self.choice[facet.name]
            highlighted = choices.highlighted
            was = (choices.get_option_at_index(highlighted).value
                   if highlighted is not None and highlighted < choices.option_count else None)
            offered = ordered(facet, counts.get(facet.name, []), chosen)
            # The count comes first, so a label cut to the column never hides it.
            digits = max((len(f"{n:,}") for _, n in offered), default=0)
            with choices.prevent(SelectionList.SelectedChanged):
                choices.clear_options()
                choices.add_options([
                    Selection(Text(f"{n:>{digits},}  {value_label(facet, v)}"
                                   if facet.name in counts else value_label(facet, v),
                                   no_wrap=True, overflow="ellipsis"), v, v in chosen)
                    for v, n in offered])
            values = [v for v, _ in offered]
            if values:
                choices.highlighted = values.index(was) if was in values else 0

    def _recount(self) -> None:
        self._generation += 1
        self._counter.stop()
        self.query_one("#facet-status", Label).update("counting…")
        self._read_counts(replace(self._query, facets=dict(self.choice)), self._generation)

    @work(thread=True, exclusive=True, group="facet-counts")
    def _read_counts(self, query: ListQuery, generation: int) -> None:
        def read(store: Store) -> FacetCounts:
            return {f.name: store.facet_counts(self._list_key, f.name, query)
                    for f in self.facets}

        counts = self._counter.read(self._location, read,
                                    wanted=lambda: generation == self._generation)
        if counts is not None:
            self.app.call_from_thread(self._counted, generation, counts)

    def _counted(self, generation: int, counts: FacetCounts) -> None:
        if generation != self._generation or not self.is_mounted:
            return
        self._show(counts)
        self.query_one("#facet-status", Label).update(Text(describe(self.facets, self.choice)))

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        name = (event.selection_list.id or "").removeprefix("facet-list-")
        selected = set(event.selection_list.selected)
        # Kept in the order offered, so the toolbar names the first one shown.
        self.choice[name] = tuple(o.value for o in
                                  (event.selection_list.get_option_at_index(i)
                                   for i in range(event.selection_list.option_count))
                                  if o.value in selected)
        self._recount()

    def _focused_facet(self) -> int:
        for i, facet in enumerate(self.facets):
            if self.focused is self._list(facet.name):  # has_focus lags a message
                return i
        return 0

    def action_next_facet(self, step: int) -> None:
        i = (self._focused_facet() + step) % len(self.facets)
        self.set_focus(self._list(self.facets[i].name))

    def action_clear_facet(self) -> None:
        self._list(self.facets[self._focused_facet()].name).deselect_all()

    def on_unmount(self) -> None:
        self._counter.stop()

    def action_close(self) -> None:
        self.dismiss({k: v for k, v in self.choice.items() if v})


def choose(screen: ListScreen, start: str | None = None) -> None:
    """Open the facet menu over a list screen, at facet `start`; closing applies it."""
    facets = screen.entity.facets
    if not facets:
        screen.notify(f"{screen.entity.tab} has no facets.", timeout=2)
        return
    screen.flush_filter()

    def chosen(choice: FacetChoice | None) -> None:
        if choice is not None and choice != screen.list_query.facets:
            screen.set_facets(choice)
            screen.requery()

    screen.app.push_screen(FacetMenu(facets, screen.store.location, screen.list_key,
                                     screen.list_query, start), chosen)
