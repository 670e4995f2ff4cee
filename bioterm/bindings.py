"""Every key the dashboard answers to, in one place.

Screens and widgets take their BINDINGS from here, and the help screen (`?`)
lists these same objects, so the help can never drift from the behaviour.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from textual.binding import Binding

from bioterm.entities import REGISTRY, Registry

SECTIONS: tuple[tuple[str, str], ...] = REGISTRY.sections()
"""Mode name and tab label, in tab-bar order; key N opens the N-th."""

PALETTE_KEY = "ctrl+p"


def section_bindings(sections: tuple[tuple[str, str], ...]) -> list[Binding]:
    """Number key N shows the N-th section."""
    return [
        Binding(str(number), f"app.section('{mode}')", label, show=False,
                id=f"section.{mode}")
        for number, (mode, label) in enumerate(sections, start=1)
    ]


GLOBAL: list[Binding] = [
    *section_bindings(SECTIONS),
    Binding("question_mark", "app.help", "Help", key_display="?", id="app.help",
            tooltip="This help: every key"),
    Binding("q", "app.quit", "Quit", tooltip="Quit bioterm", id="app.quit"),
]

RECORD: list[Binding] = [
    Binding("w", "toggle_watch", "Watch", id="record.watch",
            tooltip="Watch the record, or stop watching it (the overview lists what you watch)"),
    Binding("n", "edit_note", "Note", tooltip="Write your own note on the record",
            id="record.note"),
]
"""On a table row and in a detail view: the user's own data about that record."""

# Not shown in footers: at 80 columns the Sites footer is full; the help lists them.
OPEN_SOURCE = Binding("o", "open_source", "Source", show=False, id="record.source",
                      tooltip="Open the record's source in the browser")
TAKE_OUT: list[Binding] = [
    Binding("e", "export_view", "Export", show=False, id="list.export",
            tooltip="Export the rows shown (filter, facets, sort, columns) to .csv or .xlsx"),
    Binding("y", "copy_row", "Copy", show=False, id="list.copy",
            tooltip="Copy the row to the clipboard, tab-separated"),
    OPEN_SOURCE,
]
"""On a list: take the view, the row or its source out of the dashboard."""

EXPORT: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="export.cancel",
            tooltip="Close without writing (or stop an export under way)"),
]

NOTE_EDITOR: list[Binding] = [
    # Not priority bindings: they reach the screen only after the editor has taken
    # every key typed before them, so ctrl+s right behind a paste saves all of it.
    Binding("ctrl+s", "save", "Save", tooltip="Save the note and close", id="note.save"),
    Binding("escape", "leave", "Leave", id="note.leave",
            tooltip="Close the note (asks first when there are unsaved changes)"),
]

# Keys that move focus are priority bindings: they run as the key arrives, before
# the keys typed right behind them are handed to whichever widget had focus.

LIST_SCREEN: list[Binding] = [
    Binding("slash", "focus_filter", "Filter", key_display="/", priority=True, id="list.filter",
            tooltip="Filter the list: type a name, 中文名, pinyin or ticker"),
    Binding("f", "choose_facets", "Facets", id="list.facets",
            tooltip="Choose facet values (phase, modality, status, kind …), several per "
                    "facet, each counted under the filter"),
    Binding("escape", "clear", "Clear", show=False, id="list.clear",
            tooltip="Leave the filter box; then clear, one press each, the text, the facets, "
                    "★ only and an opened group"),
    Binding("g", "group", "Group", show=False, id="list.group",
            tooltip="Group the rows shown by a column you choose: counts and sums per value"),
    # At 80 columns the Sites footer has no room for both: n is in the help.
    RECORD[0], replace(RECORD[1], show=False),
    *TAKE_OUT,
]

LAYOUT: list[Binding] = [
    Binding("c", "choose_columns", "Columns", show=False, id="list.columns",
            tooltip="Choose which columns show (remembered; the key column always shows)"),
    Binding("p", "toggle_pane", "Pane", show=False, id="list.pane",
            tooltip="Hide the detail pane (the table takes its room), or show it again"),
    Binding("plus,equals_sign", "pane_width(1)", "Wider pane", show=False, id="list.pane-wider",
            tooltip="Widen the detail pane"),
    Binding("minus", "pane_width(-1)", "Narrower pane", show=False, id="list.pane-narrower",
            tooltip="Narrow the detail pane"),
]
"""On a list: its layout, remembered per user (bioterm.view_prefs)."""
LIST_SCREEN += LAYOUT

COLUMN_CHOOSER: list[Binding] = [
    Binding("escape,c", "close", "Done", key_display="esc", id="columns.close",
            tooltip="Close the column chooser, showing the columns ticked (space ticks)"),
]

FACET_MENU: list[Binding] = [
    Binding("escape,f", "close", "Done", key_display="esc", id="facets.close",
            tooltip="Close the facet menu, showing the rows the ticks keep (space ticks)"),
    Binding("right,l", "next_facet(1)", "Next facet", show=False, id="facets.next",
            tooltip="The next facet"),
    Binding("left,h", "next_facet(-1)", "Previous facet", show=False, id="facets.previous",
            tooltip="The previous facet"),
    Binding("x", "clear_facet", "Clear facet", id="facets.clear",
            tooltip="Untick every value of the facet under the cursor"),
]

CAPACITY: list[Binding] = [
    Binding("K", "capacity_kind", "Kind", key_display="K", show=False, id="capacity.kind",
            tooltip="Show the next kind of capacity in the litres columns (biologics, "
                    "chemical reactor …; kinds are never added up)"),
]
"""On Companies and Sites, whose litres columns show one kind of capacity."""

SITES: list[Binding] = [
    Binding("L", "league", "League", key_display="L", id="sites.league",
            tooltip="Capacity league table: companies ranked by operational biologics litres"),
    *CAPACITY,
]

LEAGUE: list[Binding] = [
    Binding("enter", "open", "Open", tooltip="Open the company", id="league.open"),
    Binding("escape,L", "close", "Close", key_display="esc", tooltip="Close the league table",
            id="league.close"),
]

GROUP_CHOOSER: list[Binding] = [
    Binding("escape", "close", "Close", id="chooser.close",
            tooltip="Close the column chooser without grouping (enter picks the column)"),
]

GROUPS: list[Binding] = [
    Binding("enter", "open", "Open", id="groups.open",
            tooltip="Show the list restricted to the group under the cursor"),
    Binding("s", "sort", "Sort", id="groups.sort",
            tooltip="Sort the groups by the column under the cursor; press again to reverse"),
    Binding("g", "choose", "Column", id="groups.choose",
            tooltip="Group by another column"),
    Binding("escape", "close", "Close", key_display="esc", id="groups.close",
            tooltip="Back to the list"),
]

LANDSCAPE: list[Binding] = [
    Binding("enter", "open", "Open", id="landscape.open",
            tooltip="Open the Pipeline of the cell: that company, that phase, this target"),
    Binding("d", "toggle_names", "Names", id="landscape.names",
            tooltip="Show the drugs' names in the cells, or their counts again"),
    Binding("escape", "close", "Close", key_display="esc", id="landscape.close",
            tooltip="Close the landscape"),
]

FILTER: list[Binding] = [
    Binding("enter,down", "leave_filter", "To table", show=False, priority=True, id="filter.done",
            tooltip="Go to the table"),
    Binding("escape", "leave_filter", "To table", show=False, priority=True, id="filter.leave",
            tooltip="Go to the table (esc again clears the filter)"),
]

TABLE: list[Binding] = [
    Binding("enter", "open", "Open", tooltip="Open the row in a full detail view", id="table.open"),
    Binding("s", "sort", "Sort", id="table.sort",
            tooltip="Sort by the column under the cursor; press again to reverse"),
    Binding("j", "cursor_down", "Down", show=False, id="table.down-j"),
    Binding("k", "cursor_up", "Up", show=False, id="table.up-k"),
    Binding("down", "cursor_down", "Down", show=False, id="table.down"),
    Binding("up", "cursor_up", "Up", show=False, id="table.up"),
    Binding("left", "cursor_left", "Left", show=False, id="table.left"),
    Binding("right", "cursor_right", "Right", show=False, id="table.right"),
    Binding("h", "cursor_left", "Left", show=False, id="table.left-h"),
    Binding("l", "cursor_right", "Right", show=False, id="table.right-l"),
    Binding("pagedown", "page_down", "Page down", show=False, id="table.page-down"),
    Binding("pageup", "page_up", "Page up", show=False, id="table.page-up"),
    # Not g: on a list, g groups the rows.
    Binding("home", "scroll_home", "First row", show=False, id="table.first"),
    Binding("end,G", "scroll_end", "Last row", show=False, id="table.last"),
]

LINKS: list[Binding] = [
    Binding("enter", "select", "Open", tooltip="Open the highlighted record", id="links.open"),
    Binding("j", "cursor_down", "Down", show=False, id="links.down"),
    Binding("k", "cursor_up", "Up", show=False, id="links.up"),
]

DETAIL: list[Binding] = [
    Binding("escape", "back", "Back", tooltip="Back to where you came from", id="detail.back"),
    Binding("space", "facts_page(1)", "More", tooltip="Scroll the facts down a page",
            id="detail.more"),
    Binding("b", "facts_page(-1)", "Page up", show=False, id="detail.back-page",
            tooltip="Scroll the facts up a page"),
    *RECORD,
    OPEN_SOURCE,
]

OVERVIEW: list[Binding] = [
    Binding("N", "toggle_new", "New", key_display="N", id="overview.new",
            tooltip="Events: only what imports brought since your previous launch, "
                    "or all again"),
]

KPI_CARD: list[Binding] = [
    Binding("enter", "select", "Open", tooltip="Open the list a figure counts "
            "(\"15 Filed\": the Pipeline's filed drugs)", id="kpi.open"),
    Binding("j", "cursor_down", "Down", show=False, id="kpi.down"),
    Binding("k", "cursor_up", "Up", show=False, id="kpi.up"),
    Binding("right,l", "next_card", "Next card", show=False, id="kpi.next",
            tooltip="The next card of figures"),
    Binding("left,h", "previous_card", "Previous card", show=False, id="kpi.previous",
            tooltip="The previous card of figures"),
]

HELP: list[Binding] = [
    Binding("escape,question_mark", "close", "Close", key_display="esc", id="help.close",
            tooltip="Close the help"),
]


CONTEXTS: dict[str, list[Binding]] = {
    "lists": [*GLOBAL, *LIST_SCREEN, *TABLE, *SITES],
    "the filter box": FILTER,
    "detail views": [*GLOBAL, *DETAIL, *LINKS],
    "the overview": [*GLOBAL, *OVERVIEW, *LINKS],
    "the overview's cards": [*GLOBAL, *OVERVIEW, *KPI_CARD],
    "the league table": [*GLOBAL, *LEAGUE],
    "the group column chooser": [*GLOBAL, *GROUP_CHOOSER],
    "the column chooser": [*GLOBAL, *COLUMN_CHOOSER],
    "the facet menu": [*GLOBAL, *FACET_MENU],
    "the group table": [*GLOBAL, *GROUPS],
    "the landscape": [*GLOBAL, *LANDSCAPE],
    "the note editor": NOTE_EDITOR,
    "the export box": EXPORT,
    "the help": HELP,
}
"""The bindings active together in each place: a user's keymap may not give two
of them one key (bioterm.keymap checks it)."""


@dataclass(frozen=True)
class HelpRow:
    keys: str
    description: str


def _keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys a binding answers to now: the user's keymap's, else its own."""
    mapped = keymap.get(binding.id or "")
    if mapped is None and binding.key_display and "," not in binding.key:
        return binding.key_display
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "pagedown": "pgdn",
             "pageup": "pgup", "plus": "+", "equals_sign": "=", "minus": "-"}
    keys = mapped if mapped is not None else binding.key
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def help_sections(
    registry: Registry = REGISTRY, keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[HelpRow]]]:
    """What the help screen lists: every binding above, grouped by where it applies,
    with the keys in force (`keymap`: the user's, by binding id)."""
    keymap = keymap or {}

    def rows(bindings: list[Binding], skip: frozenset[str] = frozenset()) -> list[HelpRow]:
        merged: dict[str, list[str]] = {}
        for binding in bindings:
            if binding.key in skip:
                continue
            merged.setdefault(binding.tooltip or binding.description, []).append(
                _keys(binding, keymap)
            )
        return [HelpRow(" / ".join(keys), text) for text, keys in merged.items()]

    sections = registry.sections()
    numbered = [f"{keymap.get(f'section.{mode}', str(n))} {label}"
                for n, (mode, label) in enumerate(sections, start=1)]
    remapped = any(f"section.{mode}" in keymap for mode, _ in sections)
    searched = [e.label.lower() for e in registry.searched()]
    everywhere = [
        HelpRow("(keys listed)" if remapped else f"1 … {len(sections)}",
                "Switch screen: " + ", ".join(numbered)),
        *rows(GLOBAL[len(SECTIONS):]),
        HelpRow("ctrl+p", f"Jump to any {_spoken(searched)} (name, 中文, pinyin, ticker); "
                "also themes and other commands"),
        HelpRow("tab / shift+tab", "Move focus between filter, table and panes"),
        HelpRow("mouse", "Click tabs, rows, column headers (sort) and links"),
    ]
    return [
        ("Everywhere", everywhere),
        (f"Lists ({', '.join(e.tab for e in registry.listed())})",
         rows(LIST_SCREEN, skip=frozenset(b.key for b in [*RECORD, *TAKE_OUT, *LAYOUT]))),
        ("The facet menu (f on a list)", rows(FACET_MENU)),
        ("A list's columns and detail pane", rows(LAYOUT) + rows(COLUMN_CHOOSER)),
        ("A table row or a detail view (watchlist and notes)", rows(RECORD)),
        ("Taking it out of a list (o also in a detail view)", rows(TAKE_OUT)),
        ("Companies and Sites", rows(CAPACITY)),
        ("Sites", rows(SITES, skip=frozenset(b.key for b in CAPACITY))),
        ("The capacity league table", rows(LEAGUE)),
        ("A group table (g on a list)", rows(GROUPS) + rows(GROUP_CHOOSER)),
        ("A landscape (a target in a drug's detail; ctrl+p target …)", rows(LANDSCAPE)),
        ("In the filter box", rows(FILTER)),
        ("Filter fields (combine with words: company:akeso phase:3 lung)",
         filter_field_rows(registry)),
        ("In a table", rows(TABLE)),
        ("Detail views and the overview's events",
         rows(LINKS) + rows(DETAIL, skip=frozenset(b.key for b in [*RECORD, OPEN_SOURCE]))),
        ("The overview (tab reaches its cards of figures)", rows(OVERVIEW) + rows(KPI_CARD)),
        ("The note editor", rows(NOTE_EDITOR)),
        ("The export box", rows(EXPORT)),
        ("This help", rows(HELP)),
    ]


def filter_field_rows(registry: Registry = REGISTRY) -> list[HelpRow]:
    """One line per section: the field terms its filter takes."""
    out = []
    for entity in registry.listed():
        if not entity.filter_fields:
            continue
        terms = [f"{f.name}>N" if f.match == "number" else f"{f.name}:" + (
            "2024" if f.match == "year" else "…") for f in entity.filter_fields]
        out.append(HelpRow(entity.tab, " ".join(terms) + "  (>, <, >=, <= on year and amounts)"
                           if any(f.compares for f in entity.filter_fields) else " ".join(terms)))
    return out


def _spoken(words: list[str]) -> str:
    """a, b or c"""
    return words[0] if len(words) < 2 else ", ".join(words[:-1]) + " or " + words[-1]
