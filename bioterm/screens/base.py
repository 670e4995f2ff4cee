"""What every bioterm screen shares: the tab bar, the footer, the store, live refresh."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen

from bioterm.store import Store
from bioterm.widgets.breadcrumb import Breadcrumb
from bioterm.widgets.key_footer import KeyFooter
from bioterm.widgets.nav_bar import NavBar
from bioterm.widgets.private_api import running_app

if TYPE_CHECKING:
    from bioterm.app import BiotermApp


def _breakpoint_classes() -> list[str]:
    """The classes Textual would give the screen at its first resize.

    Setting them up front saves restyling every widget straight after the first
    layout, which is a measurable part of start-up.
    """
    app = running_app()
    if app is None:
        return []
    width, height = app.size
    classes: list[str] = []
    for dimension, breakpoints in ((width, app.HORIZONTAL_BREAKPOINTS or []),
                                   (height, app.VERTICAL_BREAKPOINTS or [])):
        for threshold, name in sorted(breakpoints, reverse=True):
            if dimension >= threshold:
                classes.append(name)
                break
    return classes


class BiotermScreen(Screen[None]):
    """A screen that knows its section and redraws when the database changes."""

    section = "overview"

    def __init__(self, section: str | None = None) -> None:
        super().__init__(classes=" ".join(_breakpoint_classes()))
        if section is not None:
            self.section = section
        self._shown_version: int | None = None

    @property
    def bioterm(self) -> BiotermApp:
        return cast("BiotermApp", self.app)

    @property
    def store(self) -> Store:
        return self.bioterm.store

    @property
    def today(self) -> date:
        return self.bioterm.today

    def compose_nav(self) -> ComposeResult:
        yield NavBar(self.section)
        yield Breadcrumb()

    @property
    def crumb(self) -> str:
        """What the breadcrumb calls this screen: its section, unless it says more."""
        return dict(self.bioterm.registry.sections()).get(self.section, self.section)

    def show_breadcrumb(self) -> None:
        """The crumbs of the section's screens up to this one (modals have none)."""
        crumbs = []
        for screen in self.app.screen_stack:
            if isinstance(screen, BiotermScreen):
                crumbs.append(screen.crumb)
            if screen is self:
                break
        for breadcrumb in self.query(Breadcrumb):
            breadcrumb.show(crumbs)

    def compose_footer(self) -> ComposeResult:
        yield KeyFooter(compact=True)

    def load(self) -> None:
        """(Re)read everything this screen shows from the store."""

    def refresh_data(self) -> None:
        """Reload if the database changed since this screen last read it."""
        version = self.bioterm.data_version
        if self._shown_version != version:
            self.load()
            # Only once it loaded: a screen whose first load failed (a lock) is not
            # whole, and live refresh must leave it to be rebuilt.
            self._shown_version = version

    @property
    def loaded(self) -> bool:
        """Whether the screen has shown data at least once."""
        return self._shown_version is not None

    def on_screen_resume(self) -> None:
        # Data may have changed while another screen was in front.
        if self._shown_version is not None:
            self.refresh_data()
        self.show_breadcrumb()
