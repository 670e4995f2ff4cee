"""Taking things out of a list: `e` exports the view, `y` copies the row, `o` opens
the record's source.

The export box asks for a path (prefilled `~/bioterm-<section>-<date>.csv`);
`.xlsx` writes a workbook, anything else ending `.csv` a CSV file. An existing
file is only replaced after a second enter; every problem is a sentence in
the box, never a traceback. The rows are read and written in a worker thread
on a connection of its own, a batch at a time, so the UI keeps drawing and a
view of a million rows is never in memory; esc stops it, and then nothing is
written (see `bioterm.output`: the file is replaced only when complete).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from bioterm import bindings
from bioterm.entities import Entity
from bioterm.output import output_problem
from bioterm.paths import DbLocation
from bioterm.presentation.fact_sheet import WEB_ADDRESS
from bioterm.presentation.view_export import BATCH, ViewExport, row_tsv
from bioterm.store import Store, StoreError
from bioterm.widgets.store_table import StoreTable

if TYPE_CHECKING:
    from bioterm.app import BiotermApp
    from bioterm.screens.list_screen import ListScreen

SUFFIXES = (".csv", ".xlsx")
HINT = "enter writes · esc cancels"


class Cancelled(Exception):
    """Raised inside the row stream when esc stops an export."""


def default_path(section: str, today: str) -> str:
    return f"~/bioterm-{section}-{today}.csv"


class ExportView(ModalScreen[None]):
    """The export box: a path, then progress, then a notification."""

    BINDINGS = bindings.EXPORT
    DEFAULT_CSS = """
    ExportView { align: center middle; }
    #export-box {
        width: 80%; max-width: 90; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #export-path { width: 100%; margin: 1 0 0 0; }
    #export-status { height: auto; min-height: 1; margin: 0 0 1 0; }
    """

    def __init__(self, view: ViewExport, location: DbLocation, path: str,
                 expected: int | None, noun: str) -> None:
        super().__init__()
        self.view = view
        self.location = location
        self.initial_path = path
        self.expected = expected
        """Rows the table counted (None while its count is still running)."""
        self.noun = noun
        self._confirmed: Path | None = None
        """An existing file the user was asked about (enter again replaces it)."""
        self._stop = threading.Event()
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            shown = f"{self.expected:,} " if self.expected is not None else ""
            box.border_title = f"Export {shown}{self.noun} to .csv or .xlsx"
            box.border_subtitle = HINT
            yield Input(self.initial_path, id="export-path", compact=True)
            yield Static(Text(""), id="export-status", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#export-status", Static).update(Text(message, style=style))

    @on(Input.Changed, "#export-path")
    def _edited(self) -> None:
        if not self.running:
            self._confirmed = None
            self._say("")

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.running:
            return
        problem, path = self._check(event.value.strip())
        if problem is not None:
            self._say(problem, "bold red")
            return
        assert path is not None
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self._say(f"{path} exists: enter again replaces it, esc cancels.", "bold")
            return
        self.running = True
        self.query_one(Input).disabled = True
        self._say("Writing…")
        self._write(path)

    def _check(self, text: str) -> tuple[str | None, Path | None]:
        if not text:
            return "Give a file name ending .csv or .xlsx.", None
        path = Path(text).expanduser()
        if path.suffix.lower() not in SUFFIXES:
            return f"{path.name} does not end .csv or .xlsx.", None
        return output_problem(path, self.location.path), path

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path) -> None:
        try:
            store = Store.open(self.location)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        # The writers bring the record models (pydantic): loaded when used, so a
        # dashboard that only reads never imports them (test_ui_startup).
        from bioterm.exporter import write_rows_csv
        from bioterm.exporter_xlsx import write_rows_xlsx

        rows = self.view.rows(store)
        try:
            counted = self._counted(rows)
            if path.suffix.lower() == ".xlsx":
                count = write_rows_xlsx(self.view.entity.label, self.view.header, counted,
                                        path)
            else:
                count = write_rows_csv(self.view.header, counted, path)
        except Cancelled:
            self.app.call_from_thread(self._stopped)
            return
        except (OSError, sqlite3.Error, StoreError, ValueError) as exc:
            self.app.call_from_thread(self._failed, f"Could not write {path}: {exc}")
            return
        except Exception as exc:  # a writer's own error: a sentence, not a crash
            self.app.call_from_thread(self._failed,
                                      f"Could not write {path}: {type(exc).__name__}: {exc}")
            return
        finally:
            # On this thread and before the store: a cursor left to the garbage
            # collector would be closed on another thread, or after its connection.
            rows.close()
            store.close()
        self.app.call_from_thread(self._done, path, count)

    def _counted(self, rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
        """The rows, reporting progress every batch and stopping when asked."""
        for number, row in enumerate(rows, 1):
            if number % BATCH == 0:
                if self._stop.is_set():
                    raise Cancelled
                self.app.call_from_thread(self._progress, number)
            yield row
        if self._stop.is_set():
            raise Cancelled

    def _progress(self, written: int) -> None:
        of = f" of {self.expected:,}" if self.expected else ""
        self._say(f"Written {written:,}{of} rows…  esc stops")

    def _failed(self, message: str) -> None:
        self.running = False
        box = self.query_one(Input)
        box.disabled = False
        box.focus()
        self._say(message, "bold red")

    def _stopped(self) -> None:
        self.running = False
        self.app.notify("Export stopped: nothing written.", timeout=3)
        self.dismiss(None)

    def _done(self, path: Path, count: int) -> None:
        self.running = False
        self.app.notify(f"Exported {count:,} {self.noun} to {path}.", timeout=4)
        self.dismiss(None)

    def action_cancel(self) -> None:
        if self.running:
            self._stop.set()  # the worker sees it at its next batch
            self._say("Stopping…")
        else:
            self.dismiss(None)


# -- the list screen's actions (kept here so the screen only calls in) -----------


READ_ONLY_MESSAGE = ("The dashboard is read-only (started with --read-only): it writes no "
                     "files, so the view cannot be exported here.")


def export_view(screen: ListScreen) -> None:
    # --read-only writes nothing at all; served to a network, an export would let
    # any browser write files where the server runs.
    if screen.bioterm.read_only:
        screen.notify(READ_ONLY_MESSAGE, severity="warning", timeout=6)
        return
    table = screen.query_one(StoreTable)
    entity: Entity = screen.entity
    view = ViewExport(entity, screen.list_query, screen.today,
                      [c.key for c in table.display_columns])
    expected = None if screen.count_pending else table.row_count
    path = default_path(screen.section, screen.today.isoformat())
    screen.app.push_screen(ExportView(view, screen.store.location, path, expected,
                                      entity.noun))


def copy_row(screen: ListScreen) -> None:
    table = screen.query_one(StoreTable)
    row = table.store_backend.row_at(table.cursor_row)
    if row is None:
        screen.notify(f"No {screen.noun} here to copy.", timeout=2)
        return
    screen.app.copy_to_clipboard(row_tsv(row))
    screen.notify("Row copied to the clipboard (tab-separated).", timeout=2)


def open_source(app: BiotermApp, kind: str, ref: str) -> None:
    """Open the source a record cites in the browser, or say why not."""
    entity = app.registry.by_kind.get(kind)
    try:
        url = app.store.source_url(entity.table, ref) if entity is not None else None
    except KeyError:
        url = None
    if url is None:
        app.notify("This record has no source address.", timeout=3)
    elif not WEB_ADDRESS.fullmatch(url):
        app.notify("Its source address is not a web page: not opened.", timeout=3)
    else:
        app.open_url(url)
        app.notify("Opening the source in the browser.", timeout=2)
