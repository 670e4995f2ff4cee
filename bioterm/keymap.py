"""Keys of one's own: a TOML file mapping binding ids to keys.

    # ~/.config/bioterm/keymap.toml (bioterm config path prints where)
    record.watch = "W"
    table.sort = "S"
    [section]
    deals = "d"

Ids are the `id` of each binding in `bioterm/bindings.py` (`bioterm config
keys` lists them). A value is a key name as Textual spells it ("ctrl+s",
"f5", "W") or a single character; several keys are separated by commas. A
file that cannot be used — not TOML, an unknown id, a key that would clash
with another in the same place — is set aside as a whole with one warning
naming every problem, so the dashboard always starts with keys that work.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding

_CHARACTERS = {
    "?": "question_mark", "/": "slash", "\\": "backslash", "*": "asterisk", "+": "plus",
    "-": "minus", "=": "equals_sign", ".": "full_stop", ",": "comma", ";": "semicolon",
    ":": "colon", "'": "apostrophe", '"': "quotation_mark", "!": "exclamation_mark",
    "#": "number_sign", "$": "dollar_sign", "%": "percent_sign", "&": "ampersand",
    "(": "left_parenthesis", ")": "right_parenthesis", "[": "left_square_bracket",
    "]": "right_square_bracket", "{": "left_curly_bracket", "}": "right_curly_bracket",
    "<": "less_than_sign", ">": "greater_than_sign", "@": "at", "^": "circumflex_accent",
    "_": "underscore", "`": "grave_accent", "|": "vertical_line", "~": "tilde", " ": "space",
}
"""Single characters a user may write, as Textual names the key."""

_KEY_NAME = re.compile(r"^(?:(?:ctrl|shift|alt|super|meta)\+)*[A-Za-z0-9_]+$")


@dataclass(frozen=True)
class Keymap:
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> the keys it answers to now, comma-separated (Textual's keymap)."""
    warning: str | None = None
    """Why the file was set aside (the defaults are used), if it was."""


def key_name(text: str) -> str | None:
    """One key as Textual names it, or None if `text` names no key."""
    text = text.strip()
    if len(text) == 1:
        return _CHARACTERS.get(text, text)
    return text if _KEY_NAME.match(text) else None


def _flatten(table: Mapping[str, object], prefix: str = "") -> Iterable[tuple[str, object]]:
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def parse(text: str, contexts: Mapping[str, list[Binding]], where: str = "keymap") -> Keymap:
    """The keymap `text` asks for, checked against the bindings active in each context."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Keymap(warning=f"{where} is not valid TOML ({exc}); using the default keys.")
    known = {b.id: b for bindings in contexts.values() for b in bindings if b.id}
    problems: list[str] = []
    keys: dict[str, str] = {}
    for binding_id, value in _flatten(data):
        if binding_id not in known:
            problems.append(f"unknown binding id “{binding_id}”")
            continue
        parts = value.split(",") if isinstance(value, str) else []
        names = [key_name(p) for p in parts]
        if not names or any(n is None for n in names):
            problems.append(f"“{binding_id}” = {value!r} is not a key (write e.g. \"W\", "
                            "\"ctrl+s\", \"f5\")")
            continue
        keys[binding_id] = ",".join(n for n in names if n)
    problems.extend(_clashes(contexts, keys))
    if problems:
        return Keymap(warning=f"{where} was not used: {'; '.join(problems)}. "
                              "Using the default keys.")
    return Keymap(keys)


def _clashes(contexts: Mapping[str, list[Binding]], keys: Mapping[str, str]) -> list[str]:
    """Two bindings that would answer the same key in the same place."""
    places: dict[tuple[str, str, str], list[str]] = {}
    for place, bindings in contexts.items():
        taken: dict[str, Binding] = {}
        for binding in bindings:
            chosen = keys.get(binding.id or "", binding.key)
            for key in (k.strip() for k in chosen.split(",")):
                other = taken.setdefault(key, binding)
                if other.action != binding.action:
                    clash = (key, other.id or "", binding.id or "")
                    places.setdefault(clash, []).append(place)
    return [f"“{key}” would mean both {first} and {second} ({', '.join(where)})"
            for (key, first, second), where in places.items()]


def load(path: Path, contexts: Mapping[str, list[Binding]]) -> Keymap:
    """The user's keymap file; no file is no change, and no warning."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap()
    except (OSError, UnicodeDecodeError) as exc:
        return Keymap(warning=f"{path} could not be read ({exc}); using the default keys.")
    return parse(text, contexts, str(path))
