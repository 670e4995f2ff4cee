"""The frame of every detail view: facts on one side, related records on the other.

Detail views are pushed onto the current section's screen stack, so `esc`
(pop) walks back exactly the way the user came, however many links deep.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from bioterm import bindings
from bioterm.presentation.user_data import user_block
from bioterm.screens import export_view
from bioterm.screens.base import BiotermScreen
from bioterm.widgets.links import Entry, LinkList


class DetailScreen(BiotermScreen):
    BINDINGS = bindings.DETAIL

    kind: ClassVar[str] = ""
    """company, drug, site or funding: what `ref` names."""

    def __init__(self, ref: str, section: str) -> None:
        super().__init__(section)
        self.ref = ref
        self._crumb = ref

    @property
    def crumb(self) -> str:
        return self._crumb

    def crumb_of(self, detail: object) -> str:
        """What the breadcrumb calls the record shown."""
        return self._record_label()

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="facts-scroll"):
                # Hidden until there is something of the user's to show.
                yield Static("", id="user-data", markup=False, classes="-empty")
                yield Static("", id="facts", markup=False)
                yield from self.compose_chart()
                yield Static("", id="evidence", markup=False)
            with Vertical(id="links-box"):
                yield Static(Text("Related — enter opens, esc goes back"), id="links-title",
                             markup=False)
                yield LinkList(id="links")
        yield from self.compose_footer()

    def compose_chart(self) -> ComposeResult:
        """A chart between the facts and the evidence (sites and companies have one)."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_data()
        links = self.query_one(LinkList)
        if links.link_count:
            links.focus()
        else:
            self.query_one("#facts-scroll").focus()

    # -- what subclasses provide -----------------------------------------------

    def fetch(self) -> object | None:
        """The record with its relations, or None if it no longer exists."""
        return None

    def facts(self, detail: object) -> RenderableType:
        return Text("")

    def evidence(self, detail: object) -> RenderableType:
        """Below the chart: points, milestones, sources."""
        return Text("")

    def links(self, detail: object) -> Sequence[Entry]:
        return ()

    def show_chart(self, detail: object) -> None:
        """Give the chart (if any) its data."""

    # -- loading -----------------------------------------------------------------

    def load(self) -> None:
        detail = self.fetch()
        facts = self.query_one("#facts", Static)
        if detail is None:
            facts.update(Text("This record is no longer in the database.\nesc goes back.",
                              style="dim"))
            self.query_one("#evidence", Static).update(Text(""))
            self.query_one(LinkList).set_entries([])
            return
        facts.update(self.facts(detail))
        self._crumb = self.crumb_of(detail)
        self.show_breadcrumb()
        user = self._user_data()
        shown = self.query_one("#user-data", Static)
        shown.update(user)
        shown.display = bool(user.plain)
        self.show_chart(detail)
        self.query_one("#evidence", Static).update(self.evidence(detail))
        self.query_one(LinkList).set_entries(self.links(detail))

    # -- navigation --------------------------------------------------------------

    @on(LinkList.Opened)
    def _open_link(self, event: LinkList.Opened) -> None:
        self.bioterm.open_record(event.kind, event.ref)

    def action_facts_page(self, direction: int) -> None:
        facts = self.query_one("#facts-scroll", VerticalScroll)
        if direction > 0:
            facts.scroll_page_down()
        else:
            facts.scroll_page_up()

    def _user_data(self) -> Text:
        watch_kind = self.bioterm.watch_kind(self.kind)
        if watch_kind is None:
            return Text("", end="")
        return user_block(self.store.is_watched(watch_kind, self.ref),
                          self.store.note(watch_kind, self.ref))

    def action_toggle_watch(self) -> None:
        self.bioterm.toggle_watch(self.kind, self.ref, self._record_label())

    def action_edit_note(self) -> None:
        self.bioterm.edit_note(self.kind, self.ref, self._record_label())

    def _record_label(self) -> str:
        watch_kind = self.bioterm.watch_kind(self.kind)
        return (self.store.watch_name(watch_kind, self.ref) if watch_kind else None) or self.ref

    def action_open_source(self) -> None:
        export_view.open_source(self.bioterm, self.kind, self.ref)

    def action_back(self) -> None:
        self.bioterm.go_back()
