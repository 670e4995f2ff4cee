"""The Textual app: one section (a Textual mode) per listed entity, detail views, the palette,
live refresh.

Each section is a mode with its own screen stack: detail views are pushed on
the section they were opened from, so `esc` walks back the way the user
came, and switching sections keeps each one where it was left.

Start-up matters (design.md, Performance): this module and the overview
import only Textual and light bioterm modules. The list screens (which bring
pyarrow via textual-fastdatatable) are imported when first shown, or in the
background a moment after the first paint.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.screen import Screen

from bioterm import bindings
from bioterm.entities import REGISTRY, Registry
from bioterm.palette import RecordProvider
from bioterm.screens.base import BiotermScreen
from bioterm.screens.overview import OverviewScreen
from bioterm.store import Store

PRELOAD_AFTER = 1.0
"""Seconds after start-up to import the list screens in the background."""


def _module_name(path: str) -> str:
    """An entity's `module:Class`: a bare module is one of bioterm.screens."""
    module = path.partition(":")[0]
    return module if "." in module else f"bioterm.screens.{module}"


def _screen_class(path: str) -> type[Screen[None]]:
    loaded = importlib.import_module(_module_name(path))
    cls: type[Screen[None]] = getattr(loaded, path.partition(":")[2])
    return cls


def _lazy(path: str) -> Callable[[], Screen[None]]:
    def make() -> Screen[None]:
        return _screen_class(path)()

    return make


class BiotermApp(App[None]):
    """The dashboard over one `Store` (opened read-only by the command line)."""

    # Absolute, so a subclass defined elsewhere (a benchmark, a test) still finds it.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "bioterm"
    BINDINGS = bindings.GLOBAL
    COMMANDS = App.COMMANDS | {RecordProvider}
    COMMAND_PALETTE_BINDING = bindings.PALETTE_KEY
    DEFAULT_MODE = "overview"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny"), (60, "-narrow"), (110, "-wide")
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        poll_interval: float = 2.0,
        preload: bool = True,
        filter_delay: float = 0.12,
        registry: Registry = REGISTRY,
    ) -> None:
        super().__init__()
        self.store = store
        self.registry = registry
        """The kinds of record shown: sections, keys, palette and links derive from it."""
        self.today = today or date.today()
        """Where timelines end and "now" figures are read (fixed in tests)."""
        self.data_version = store.data_version()
        self.filter_delay = filter_delay
        """Seconds of typing pause before the filter queries (0: every keystroke)."""
        self._poll_interval = poll_interval
        self._preload = preload
        self._fx_rates: dict[tuple[str, int], float] | None = None
        self.add_mode("overview", OverviewScreen)
        for entity in registry.listed():
            self.add_mode(entity.section, _lazy(entity.list_screen))
        for binding in bindings.section_bindings(registry.sections())[len(bindings.SECTIONS):]:
            # Sections beyond the default registry's (GLOBAL binds those).
            self.bind(binding.key, binding.action, description=binding.description,
                      show=False)

    def on_mount(self) -> None:
        self.set_interval(self._poll_interval, self.check_for_updates)
        if self._preload:
            self.set_timer(PRELOAD_AFTER, self._preload_screens)

    @property
    def fx_rates(self) -> dict[tuple[str, int], float]:
        if self._fx_rates is None:
            self._fx_rates = self.store.fx_rates()
        return self._fx_rates

    # -- live data -----------------------------------------------------------------

    def check_for_updates(self) -> bool:
        """Redraw the visible screen if another process committed; True if it did.

        Screens behind it catch up when they are shown again (on resume).
        """
        try:
            version = self.store.data_version()
        except sqlite3.Error:
            return False
        if version == self.data_version:
            return False
        self.data_version = version
        self._fx_rates = None
        screen = self.screen
        if isinstance(screen, BiotermScreen):
            try:
                screen.refresh_data()
            except sqlite3.Error as exc:
                # Mid-import locks clear up; the next tick tries again.
                self.data_version = -1
                self.notify(f"Could not read the database: {exc}", severity="warning")
        return True

    @work(thread=True, exclusive=True, group="preload")
    def _preload_screens(self) -> None:
        # Importing pyarrow takes a noticeable moment; do it before anyone asks.
        for entity in self.registry:
            for path in (entity.list_screen, entity.detail_screen):
                if path:
                    importlib.import_module(_module_name(path))
        importlib.import_module("bioterm.widgets.charts")

    # -- navigation ------------------------------------------------------------------

    async def action_section(self, mode: str) -> None:
        """Number keys and tab clicks: show a section; pressed again, its list."""
        if mode == self.current_mode:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        await self.switch_mode(mode)

    def action_help(self) -> None:
        from bioterm.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_record(self, kind: str, ref: str) -> None:
        """Push the detail view of a record onto the current section's stack."""
        entity = self.registry.by_kind.get(kind)
        if entity is None or not entity.detail_screen:
            return
        screen_class = _screen_class(entity.detail_screen)
        self.push_screen(screen_class(ref, self.current_mode))  # type: ignore[call-arg]

    def go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
