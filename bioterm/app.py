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

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App
from textual.screen import Screen

from bioterm import bindings, heap, sections, switch_interval
from bioterm.entities import LANDSCAPE_LINKS, REGISTRY, Registry
from bioterm.keymap import Keymap
from bioterm.palette import RecordProvider
from bioterm.screens.base import BiotermScreen
from bioterm.screens.overview import OverviewScreen
from bioterm.store import ListQuery, Store, StoreError
from bioterm.store.connection import damaged_message, is_locked, sqlite_cause
from bioterm.user_actions import UserDataActions
from bioterm.view_prefs import ViewPrefs
from bioterm.widgets.private_api import (
    build_mode,
    divide_strips_without_self_reference,
    use_legible_monochrome,
)

PRELOAD_AFTER = 1.0
"""Seconds after start-up to import the list screens in the background."""
BUSY_TIMEOUT_MS = 250
"""How long the dashboard waits for another program's lock before it says so and
retries on the next poll (waiting longer would freeze the screen)."""


_RECOVERING = "recovering"
"""A blank mode shown for a moment while sections a lock broke are rebuilt."""


class BiotermApp(UserDataActions, App[None]):
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
        read_only: bool = False,
        keymap: Keymap | None = None,
        view_prefs: ViewPrefs | None = None,
    ) -> None:
        super().__init__()
        if self.no_color:
            use_legible_monochrome(self)
        self.view_prefs = view_prefs or ViewPrefs()
        """Hidden columns and the detail pane (bioterm.view_prefs); session-only if not given."""
        self.user_keymap: dict[str, str] = keymap.keys if keymap else {}
        """The user's keys by binding id (bioterm.keymap), shown by the help."""
        self._keymap_warning = keymap.warning if keymap else None
        self.store = store
        self.read_only = read_only
        """Started with --read-only: the dashboard writes nothing at all."""
        self.registry = registry
        """The kinds of record shown: sections, keys, palette and links derive from it."""
        self.today = today or date.today()
        """Where timelines end and "now" figures are read (fixed in tests)."""
        self.data_version = store.data_version()
        self.last_seen_import = store.last_seen_import()
        """The newest import the previous launch saw (None: no launch recorded yet)."""
        self.new_rows: dict[str, int] = (
            store.changed_since(self.last_seen_import)
            if self.last_seen_import is not None else {})
        """Rows added or changed since the previous launch, by table."""
        self.filter_delay = filter_delay
        """Seconds of typing pause before the filter queries (0: every keystroke)."""
        self._poll_interval = poll_interval
        self._preload = preload
        self._fx_rates: dict[tuple[str, int], float] | None = None
        self.failure: str | None = None
        """Why the dashboard stopped (for the command line to print), if it did."""
        self._locked_notice = False
        self._pending_section: str | None = None
        self._rebuilding: str | None = None
        self._previous_mode = self.DEFAULT_MODE
        self._collector = heap.IdleCollector()
        self.add_mode("overview", OverviewScreen)
        for entity in registry.listed():
            self.add_mode(entity.section, sections.lazy(entity.list_screen))
        for binding in bindings.section_bindings(registry.sections())[len(bindings.SECTIONS):]:
            # Sections beyond the default registry's (GLOBAL binds those).
            self.bind(binding.key, binding.action, description=binding.description,
                      show=False)

    def on_mount(self) -> None:
        switch_interval.favour_the_screen()
        divide_strips_without_self_reference()
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        if self._keymap_warning:
            self.notify(self._keymap_warning, title="Your keymap", severity="warning",
                        timeout=12)
        self.set_interval(self._poll_interval, self.check_for_updates)
        self._newest_at_launch = self.store.newest_import_id()
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

        Screens behind it catch up when they are shown again (on resume). A screen
        that never finished loading, or a section being rebuilt after a lock, is
        left alone: its own build reads the data.
        """
        if self._rebuilding is not None:
            return False
        try:
            version = self.store.data_version()
        except sqlite3.Error:
            return False
        if version == self.data_version:
            return False
        self.data_version = version
        self._fx_rates = None
        self._hold_company_terms()
        screen = self.screen
        if isinstance(screen, BiotermScreen) and screen.loaded:
            try:
                screen.refresh_data()
            except sqlite3.Error as exc:
                if not is_locked(exc):
                    self._stop_on_database_error(exc)
                    return True
                # Mid-import locks clear up; the next tick tries again.
                self._database_locked()
                return True
        if self._locked_notice:
            self._locked_notice = False
            self.notify("The database can be read again.", timeout=3)
        return True

    # -- database failures -------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """A database that fails as it is read never ends in a traceback.

        A lock held by another program: a notice, and the next poll reads again
        (the dashboard keeps running). A damaged file: one sentence, exit status 1.
        """
        if self.failure is not None or self._rebuilding is not None:
            # Stopping on a database error, or rebuilding a section a lock interrupted:
            # what follows (a half-built screen's own failures) is its echo.
            return
        cause = sqlite_cause(error)
        if cause is None:
            if self.is_headless:  # under test: Textual's own report, re-raised by the pilot
                super()._handle_exception(error)
                return
            self._stop_on_unexpected_error(error)
            return
        if is_locked(cause):
            self._database_locked()
            mode = self.current_mode
            if mode in self.registry.by_section and len(self.screen_stack) == 1:
                # The lock hit while the section was being built: build it again later.
                self._rebuilding = mode
                self.call_later(self._rebuild_section, mode)
            elif len(self.screen_stack) > 1:
                self.call_later(self.go_back)  # a half-built detail view
            return
        self._stop_on_database_error(cause)

    def _section_factory(self, mode: str) -> Callable[[], Screen[None]] | type[Screen[None]]:
        entity = self.registry.by_section.get(mode)
        return OverviewScreen if entity is None else sections.lazy(entity.list_screen)

    async def _rebuild_section(self, mode: str) -> None:
        """Build afresh the section a lock broke, and the one it was opened from.

        A screen whose building failed leaves Textual's screens in a state that
        cannot be trusted (the section behind it loses its widgets), so both
        are made anew, from a blank screen, and the section is tried again.
        """
        previous = self._previous_mode if self._previous_mode != mode else "overview"
        try:
            self.add_mode(_RECOVERING, Screen)
            await self.switch_mode(_RECOVERING)
            for name in dict.fromkeys((mode, previous)):
                await self.remove_mode(name)
                self.add_mode(name, self._section_factory(name))
            await self.switch_mode(previous)
            await self.remove_mode(_RECOVERING)
        finally:
            self._rebuilding = None
        self._retry(mode)

    def _readable(self) -> bool:
        """Whether the database can be read now; says why not (and stops if damaged)."""
        try:
            self.store.probe()
        except sqlite3.Error as exc:
            if not is_locked(exc):
                self._stop_on_database_error(exc)
            else:
                self._database_locked()
            return False
        return True

    def _retry(self, mode: str) -> None:
        """Show section `mode` once the lock is gone (unless the user goes elsewhere)."""
        self._pending_section = mode

        async def again() -> None:
            if self._pending_section == mode:
                self._pending_section = None
                await self.action_section(mode)

        self.set_timer(self._poll_interval, again)

    def _database_locked(self) -> None:
        self.data_version = -1  # the next poll reloads the screen
        if not self._locked_notice:
            self._locked_notice = True
            self.notify(
                f"{self.store.path} is locked by another program; showing what was read "
                f"so far and trying again every {self._poll_interval:g} s.",
                title="Database locked", severity="warning", timeout=8,
            )

    def _stop_on_unexpected_error(self, error: BaseException) -> None:
        """One sentence on the terminal; the traceback goes to a file for a bug report."""
        import tempfile
        import traceback

        where = ""
        try:
            fd, name = tempfile.mkstemp(prefix="bioterm-crash-", suffix=".txt")
            with open(fd, "w", encoding="utf-8") as out:
                traceback.print_exception(error, file=out)
            where = f"; the details are in {name}"
        except OSError:
            pass
        self.failure = (f"the dashboard stopped on an unexpected error "
                        f"({type(error).__name__}: {error}){where}.")
        self._return_code = 1
        self._close_messages_no_wait()

    def _stop_on_database_error(self, error: BaseException) -> None:
        if self.failure is None:
            self.failure = damaged_message(self.store.path, error)
        self._return_code = 1
        self._close_messages_no_wait()  # as Textual stops on an error, but without a traceback

    def on_unmount(self) -> None:
        self._record_launch()

    def _record_launch(self) -> None:
        """Remember the newest import this launch saw, so the next knows what is new.

        Written as the dashboard closes, so no write stirs the live refresh while
        it runs; only on a user database that may be written: the bundled file is
        never written, and a launch is no reason to copy it.
        """
        location = self.store.location
        newest = getattr(self, "_newest_at_launch", None)
        if self.read_only or location.is_bundled or newest is None:
            return
        try:
            if newest == self.last_seen_import:
                return
            writer = Store.open_for_write(location)
            try:
                writer.record_launch(newest)
            finally:
                writer.close()
        except (sqlite3.Error, StoreError):
            pass  # locked or unwritable: this launch is simply not remembered

    def new_rows_of(self, mode: str) -> int:
        """How many rows of a section arrived since the previous launch."""
        entity = self.registry.by_section.get(mode)
        if entity is None:
            return 0
        table = "funding_investors" if entity.list_key == "investors" else entity.table
        return self.new_rows.get(table, 0)

    @work(thread=True, exclusive=True, group="preload")
    def _preload_screens(self) -> None:
        # Importing pyarrow takes a noticeable moment; do it before anyone asks.
        sections.import_screens(self.registry)
        # Posted, not called: posting is safe from a thread and never waits on an
        # app that is closing.
        self.post_message(sections.Imported())
        # Read while the screens are built: SQLite does the work, not the GIL.
        self.store.hold_company_terms()

    @work(thread=True, exclusive=True, group="company-terms")
    def _hold_company_terms(self) -> None:
        # The terms held for the filter answer only until the data changes.
        self.store.hold_company_terms()

    def on_imported(self, _: sections.Imported) -> None:
        # A first visit composed, styled and loaded the list while the user
        # waited (0.3-0.6 s); built now, the first switch only shows it.
        for entity in self.registry.listed():
            build_mode(self, entity.section)
        self.call_after_refresh(heap.freeze_long_lived)
        self.set_interval(heap.CHECK_EVERY_SECONDS, self._collector.collect_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.input_seen()  # full collections wait for a pause
        await super().on_event(event)

    # -- navigation ------------------------------------------------------------------

    async def action_section(self, mode: str) -> None:
        """Number keys and tab clicks: show a section; pressed again, its list."""
        self._pending_section = None
        self._previous_mode = self.current_mode
        if mode == self.current_mode:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        if not self._readable():
            self._retry(mode)
            return
        await self.switch_mode(mode)

    def action_help(self) -> None:
        from bioterm.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_record(self, kind: str, ref: str) -> None:
        """Push the detail view of a record onto the current section's stack
        (a target or an indication: its landscape)."""
        if kind in LANDSCAPE_LINKS:
            self.open_landscape(LANDSCAPE_LINKS[kind], ref)
            return
        entity = self.registry.by_kind.get(kind)
        if entity is None or not entity.detail_screen:
            return
        if not self._readable():
            return  # the notice says why; pressing enter again retries
        screen_class = sections.screen_class(entity.detail_screen)
        self.push_screen(screen_class(ref, self.current_mode))  # type: ignore[call-arg]

    def open_list(self, kind: str, *, groups: tuple[tuple[str, str, str], ...] = (),
                  group_by: str | None = None) -> None:
        """Push an entity's list onto the current section's stack, restricted to
        `groups` ((column, value, label) each); `group_by`: its frequency table by
        that column first, whose chosen group the list then opens with."""
        entity = self.registry.by_kind.get(kind)
        if entity is None or not entity.list_screen or not self._readable():
            return
        screen_class = sections.screen_class(entity.list_screen)
        if group_by is None:
            self.push_screen(screen_class(groups=groups))  # type: ignore[call-arg]
            return
        from bioterm.screens.group_table import GroupScreen

        def chosen(opened: tuple[str, str, str] | None) -> None:
            if opened is not None:
                self.push_screen(screen_class(groups=(*groups, opened)))  # type: ignore[call-arg]

        query = ListQuery(groups=tuple((k, v) for k, v, _ in groups))
        self.push_screen(GroupScreen(entity, entity.list_key, query, group_by), chosen)

    def open_landscape(self, field: str, value: str) -> None:
        """Companies × phases of every drug listing `value` among its `field`."""
        from bioterm.screens.landscape import LandscapeScreen

        if self._readable():
            self.push_screen(LandscapeScreen(field, value))

    def go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
