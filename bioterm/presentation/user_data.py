"""How the user's own data reads beside the facts: the watched mark and the note."""

from __future__ import annotations

from rich.text import Text

from bioterm.stored import Note
from bioterm.text import literal

WATCHED_MARK = "★"
NOTED_MARK = "✎"


def stamp(iso: str | None) -> str:
    """A stored UTC timestamp as a person reads it: 2026-12-02 06:10 UTC."""
    if not iso:
        return ""
    text = iso.replace("T", " ").removesuffix("Z")
    return f"{text[:16]} UTC" if len(text) >= 16 else text


def marks(watched: bool, noted: bool) -> str:
    return (WATCHED_MARK if watched else "") + (NOTED_MARK if noted else "")


def user_block(watched: bool, note: Note | None) -> Text:
    """Shown above a record's facts: whether it is watched, and the user's note."""
    text = Text(end="")
    if watched:
        text.append(f"{WATCHED_MARK} Watching", style="bold yellow")
        text.append("  (w stops)\n" if note is None else "\n", style="dim")
    if note is not None:
        edited = stamp(note.edited)
        text.append(f"{NOTED_MARK} Your note", style="bold")
        text.append(f" · edited {edited}" if edited else "", style="dim")
        text.append("  (n edits)\n", style="dim")
        text.append(literal(note.body, multiline=True).rstrip())
    text.rstrip()
    return text
