"""How a user likes the lists laid out: which columns show, and the detail pane.

    # ~/.config/bioterm/view.json (next to keymap.toml)
    {"hidden": {"companies": ["founded"]}, "pane": {"width": 50, "hidden": false}}

A small file in the platform's config folder, not the user database, so it
needs no copy of the database and survives a rebuild. A file that cannot be
read is ignored (the defaults show); with `--read-only` the choices apply for
the session and nothing is written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

PANE_WIDTHS = (25, 33, 40, 50, 60)
"""The detail pane's widths, in percent of the screen, that + and - step through."""
DEFAULT_PANE_WIDTH = 40


@dataclass
class ViewPrefs:
    path: Path | None = None
    """Where choices are saved; None keeps them for the session only."""
    hidden: dict[str, frozenset[str]] = field(default_factory=dict)
    """Section -> keys of the columns the user hid."""
    pane_width: int = DEFAULT_PANE_WIDTH
    pane_hidden: bool = False

    def hidden_columns(self, section: str) -> frozenset[str]:
        return self.hidden.get(section, frozenset())

    def hide_columns(self, section: str, keys: frozenset[str]) -> str | None:
        """Remember `keys` as the section's hidden columns; a sentence if saving failed."""
        self.hidden[section] = keys
        return self.save()

    def set_pane(self, width: int, hidden: bool) -> str | None:
        self.pane_width, self.pane_hidden = width, hidden
        return self.save()

    def save(self) -> str | None:
        if self.path is None:
            return None
        data = {"hidden": {s: sorted(k) for s, k in sorted(self.hidden.items()) if k},
                "pane": {"width": self.pane_width, "hidden": self.pane_hidden}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".json.partial")
            partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            os.replace(partial, self.path)  # a crash mid-write leaves the old file whole
        except OSError as exc:
            return f"Your column choice could not be saved to {self.path} ({exc.strerror})."
        return None


def load(path: Path, *, save: bool = True) -> ViewPrefs:
    """The user's saved layout (defaults if none or unreadable); `save=False`
    (--read-only) applies changes for the session without writing."""
    prefs = ViewPrefs(path if save else None)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return prefs
    if not isinstance(data, dict):
        return prefs
    hidden = data.get("hidden")
    if isinstance(hidden, dict):
        prefs.hidden = {str(section): frozenset(str(k) for k in keys)
                        for section, keys in hidden.items() if isinstance(keys, list)}
    pane = data.get("pane")
    if isinstance(pane, dict):
        if pane.get("width") in PANE_WIDTHS:
            prefs.pane_width = pane["width"]
        prefs.pane_hidden = pane.get("hidden") is True
    return prefs
