"""`?`: every key, generated from bioterm/bindings.py so it cannot drift."""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bioterm import bindings
from bioterm.entities import REGISTRY, Registry


def help_table(registry: Registry = REGISTRY, keymap: Mapping[str, str] | None = None) -> Group:
    sections = bindings.help_sections(registry, keymap)
    key_width = max(cell_len(row.keys) for _, rows in sections for row in rows)
    parts: list[Text | Table] = []
    for number, (title, rows) in enumerate(sections):
        parts.append(Text(("\n" if number else "") + title, style="bold underline"))
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(no_wrap=True, width=key_width)
        table.add_column(ratio=1)
        for row in rows:
            table.add_row(Text(row.keys, style="bold"),
                          Text(row.description))
        parts.append(table)
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes"
            registry = getattr(self.app, "registry", REGISTRY)
            keymap = getattr(self.app, "user_keymap", None)
            yield Static(help_table(registry, keymap), id="help-table", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss()
