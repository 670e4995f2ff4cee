"""The first screen: headline numbers, the industry's capacity timeline, recent events.

It is what start-up time is measured to, so it imports nothing heavy (the
chart's plotext is mounted after the first paint) and reads only the store's
summary tables, whose size does not grow with the database.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Grid, Horizontal, Vertical
from textual.widgets import Static

from bioterm import bindings
from bioterm.enums import (
    CapacityKind,
    CapacityStatus,
    DealKind,
    FundingKind,
    MilestoneKind,
    PartnershipKind,
)
from bioterm.presentation.cells import (
    CapacityView,
    amount_with_usd,
    capacity_view,
    fit,
    litres,
    sparkline,
)
from bioterm.presentation.kpis import overview_cards
from bioterm.presentation.user_data import WATCHED_MARK
from bioterm.screens.base import BiotermScreen
from bioterm.store.records import EventRow, Overview
from bioterm.store.user_data import WatchedRecord
from bioterm.text import literal, vocab_label
from bioterm.timeline import Timeline
from bioterm.widgets.kpi_card import KpiCard
from bioterm.widgets.links import Heading, Link, LinkList, Note

CARDS = (("orgs", "Organisations"), ("drugs", "Drugs"), ("sites", "Sites"),
         ("funding", "Funding, USD"), ("deals", "Deals, USD"))

EVENT_STYLES = {"milestone": "magenta", "funding": "green", "capacity": "cyan",
                "partnership": "yellow", "deal": "red"}


def event_label(event: EventRow) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{literal(event.date):<10} ", style="dim")
    text.append(f"{event.kind:<11} ", style=EVENT_STYLES.get(event.kind, ""))
    text.append(literal(event.subject))
    text.append(" — " + _event_what(event), style="dim")
    return text


def _event_what(event: EventRow) -> str:
    if event.kind == "milestone":
        parts = [vocab_label(MilestoneKind, event.what)]
        if event.other:
            parts.append(f"({literal(event.other)})")
        if event.status == "expected":
            parts.append("— expected")
        return " ".join(parts)
    if event.kind == "funding":
        amount = amount_with_usd(event.amount, event.currency, event.qualifier,
                                 event.amount_usd)
        return f"{vocab_label(FundingKind, event.what)}, {amount}"
    if event.kind == "capacity":
        kind = f" ({vocab_label(CapacityKind, event.other).lower()})" if event.other else ""
        return f"{litres(event.amount)}{kind} {vocab_label(CapacityStatus, event.what).lower()}"
    if event.kind == "deal":
        value = amount_with_usd(event.amount, event.currency, event.qualifier,
                                event.amount_usd) if event.amount is not None else ""
        deal = f"+ {literal(event.other)}: {vocab_label(DealKind, event.what)}"
        return f"{deal}, total {value}" if value else deal
    partner = f"+ {literal(event.other)}: " if event.other else ""
    return partner + vocab_label(PartnershipKind, event.what)


class OverviewScreen(BiotermScreen):
    BINDINGS = bindings.OVERVIEW
    section = "overview"

    def __init__(self) -> None:
        super().__init__()
        self._view: CapacityView | None = None
        self.only_new = False
        """Events: only those imports brought since the previous launch."""

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Grid(id="kpis"):
            for name, title in CARDS:
                yield KpiCard(id=f"kpi-{name}", title=title)
        yield Static("", id="industry", markup=False)
        yield Static("", id="other-kinds", markup=False)
        with Horizontal(id="overview-body"):
            yield Container(id="chart-box")
            with Vertical(id="events-box"):
                yield LinkList(id="events")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(LinkList).focus()
        # plotext is not needed for the first paint; bring the chart in right after.
        self.call_after_refresh(self._mount_chart)

    # -- loading -----------------------------------------------------------------

    def load(self) -> None:
        overview = self.store.overview()
        self._show_numbers(overview)
        self._show_events(self._events(), self.store.watching())
        self._show_industry(self.store.industry_capacity())
        self._show_other_kinds()

    def _show_numbers(self, o: Overview) -> None:
        for card in overview_cards(o, self.store.deal_totals()):
            self.query_one(f"#kpi-{card.key}", KpiCard).set_lines(card.lines)

    def _show_events(self, events: list[EventRow], watching: list[WatchedRecord]) -> None:
        entries: list[Heading | Link | Note] = []
        if watching:
            entries.append(Heading("Watching — newest event first; enter opens, w on a record "
                                   "stops"))
            entries.extend(_watched_entry(w) for w in watching)
        if self.only_new:
            entries.append(Heading("New since your previous launch — N shows all events"))
        else:
            entries.append(Heading("Recent events — enter opens"))
        entries.extend(
            Link(e.target_kind, e.target_id, event_label(e))
            for e in events if e.target_kind in self.bioterm.registry.openable()
        )
        if not events:
            entries.append(Note(Text(
                "Nothing imported since your previous launch." if self.only_new
                else "No dated events yet.", style="dim")))
        self.query_one(LinkList).set_entries(entries)

    def _show_industry(self, line: Timeline) -> None:
        static = self.query_one("#industry", Static)
        view = capacity_view(line, self.today)
        self._view = view
        if view is None:
            static.update(Text("Biologics capacity: no bioreactor litres recorded yet.",
                               style="dim"))
        else:
            text = Text("Biologics capacity ", style="bold", end="")
            top = max(view.planned + view.operational) or 1.0
            text.append("operational ", style="dim")
            text.append(sparkline(fit(view.operational, 8), top), style="green")
            text.append(f" {litres(view.operational_now)}  ")
            text.append("planned ", style="dim")
            text.append(sparkline(fit(view.planned, 8), top), style="yellow")
            text.append(f" {litres(view.planned_total)}  ")
            text.append(f"{view.first_label}–{view.last_label}", style="dim")
            static.update(text)
        self._update_chart()

    def _show_other_kinds(self) -> None:
        """Each other kind of capacity on its own line: litres of kinds are never added."""
        parts: list[str] = []
        for kind in self.store.capacity_kinds():
            if kind == CapacityKind.BIOLOGICS_BIOREACTOR.value:
                continue
            view = capacity_view(self.store.industry_capacity(kind), self.today)
            if view is not None:
                parts.append(f"{vocab_label(CapacityKind, kind)}: "
                             f"{litres(view.operational_now)} operational, "
                             f"{litres(view.planned_total)} planned")
        other = self.query_one("#other-kinds", Static)
        other.update(Text("  ·  ".join(parts), style="dim", no_wrap=True, overflow="ellipsis"))
        other.display = bool(parts)

    def _events(self) -> list[EventRow]:
        since = self.bioterm.last_seen_import
        if self.only_new and since is not None:
            return self.store.events_since(since, limit=30)
        return self.store.event_rows(limit=30)

    def action_toggle_new(self) -> None:
        if self.bioterm.last_seen_import is None:
            self.notify("No previous launch is recorded for this database yet: from the "
                        "next one on, N shows what imports brought since.", timeout=6)
            return
        self.only_new = not self.only_new
        self._show_events(self._events(), self.store.watching())

    @on(LinkList.Opened)
    def _open_event(self, event: LinkList.Opened) -> None:
        self.bioterm.open_record(event.kind, event.ref)

    @on(KpiCard.Opened)
    def _open_figure(self, event: KpiCard.Opened) -> None:
        target = event.line.target
        if target is None:
            return
        self.bioterm.open_list(target.kind, groups=(target.group,) if target.group else (),
                               group_by=target.group_by)

    # -- the chart ----------------------------------------------------------------

    def _mount_chart(self) -> None:
        from bioterm.widgets.charts import CapacityChart

        box = self.query_one("#chart-box", Container)
        if not box.query(CapacityChart):
            box.mount(CapacityChart(self._view, id="industry-chart"))
            box.border_title = "Industry biologics capacity, bioreactor litres"

    def _update_chart(self) -> None:
        box = self.query_one("#chart-box", Container)
        for chart in box.children:
            set_view = getattr(chart, "set_view", None)
            if set_view is not None:
                set_view(self._view)


def _watched_entry(watched: WatchedRecord) -> Link | Note:
    text = Text(end="")
    text.append(f"{WATCHED_MARK} ", style="bold yellow")
    if watched.name is None:
        text.append(f"{literal(watched.record_id)} ({watched.kind}) is no longer in the "
                    "database", style="dim")
        return Note(text)
    text.append(literal(watched.name), style="bold")
    if watched.newest is None:
        text.append("  no dated events yet", style="dim")
    else:
        text.append("  ")
        text.append_text(event_label(watched.newest))
    return Link(watched.kind, watched.record_id, text)


