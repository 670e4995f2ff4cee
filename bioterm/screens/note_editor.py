"""`n`: the user's note on a record, in a multi-line editor.

ctrl+s saves and closes; esc closes, but asks first when there are unsaved
changes (a second esc leaves without saving). A note saved blank is removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from bioterm import bindings
from bioterm.text import literal

if TYPE_CHECKING:
    from bioterm.app import BiotermApp

HINT = "ctrl+s saves · esc leaves"
UNSAVED = "Unsaved changes: esc again leaves without saving, ctrl+s saves."


class NoteEditor(ModalScreen[bool]):
    BINDINGS = bindings.NOTE_EDITOR

    def __init__(self, record_kind: str, ref: str, name: str, body: str) -> None:
        super().__init__()
        self.record_kind = record_kind
        self.ref = ref
        self.record_name = name
        self.saved_body = body
        self._asked: str | None = None
        """The text when leaving was asked about (esc again leaves)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = f"Note on {literal(self.record_name)}"
            box.border_subtitle = HINT
            yield TextArea(self.saved_body, id="note-text", soft_wrap=True,
                           show_line_numbers=False, tab_behavior="focus")
            yield Static(Text(""), id="note-status", markup=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def body(self) -> str:
        return self.query_one(TextArea).text

    @property
    def dirty(self) -> bool:
        return self.body != self.saved_body

    @on(TextArea.Changed)
    def _changed(self) -> None:
        # Only an edit after the question withdraws it (the editor's own messages
        # about keys typed before esc may arrive after it).
        if self._asked is not None and self.body != self._asked:
            self._asked = None
            self.query_one("#note-status", Static).update(Text(""))

    def action_save(self) -> None:
        app = cast("BiotermApp", self.app)
        if app.save_note(self.record_kind, self.ref, self.body):
            app.notify("Note saved." if self.body.strip() else "Note removed.", timeout=3)
            self.dismiss(True)

    def action_leave(self) -> None:
        if self.dirty and self._asked is None:
            self._asked = self.body
            self.query_one("#note-status", Static).update(Text(UNSAVED, style="bold"))
            return
        self.dismiss(False)
