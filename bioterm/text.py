"""The small text rules, each written once: literal display, lists, CJK, pinyin, slugs.

Everything that reaches the screen from the database passes through `literal`
first: names are data, never markup or terminal control, so `[bold]` stays
seven characters and an escape byte becomes a visible ␛. Widgets build
`rich.text.Text` or `textual.content.Content` from the result, never markup
strings, so nothing in a name can style the screen.

Stored lists are '; '-separated ("PD-1; CTLA-4"); `split_list` reads them
(tolerating ';' without the space) and `join_list` shows them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache

from bioterm.enums import Vocabulary

ELLIPSIS = "…"
MAX_TEXT = 4000
"""Longer values are cut: a runaway description must not stall rendering."""

_REPLACEMENT = "\ufffd"
# C0 controls and DEL become their Unicode "control picture" (ESC -> ␛), so a
# reader sees that something odd is in the data instead of it acting on the
# terminal. C1 controls (8-bit CSI, OSC ...), lone surrogates (which cannot be
# encoded for output) and bidirectional overrides (which reorder what follows
# them on screen) become U+FFFD.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_SINGLE_LINE = dict(_CONTROL_PICTURES)
_SINGLE_LINE.update({0x2028: "\u2424", 0x2029: "\u2424"})
_MULTI_LINE = dict(_SINGLE_LINE)
_MULTI_LINE[0x0A] = "\n"
_UNSAFE = re.compile(
    "[\u0080-\u009f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NEWLINES = re.compile(r"\r\n?")


def literal(value: object, *, multiline: bool = False, limit: int = MAX_TEXT) -> str:
    """`value` as harmless text: control characters made visible, length capped.

    With `multiline`, line breaks survive (CR and CRLF become LF); otherwise
    they are shown as control pictures so one record stays on one line.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + ELLIPSIS
    if multiline:
        text = _NEWLINES.sub("\n", text)
        text = text.translate(_MULTI_LINE)
    else:
        text = text.translate(_SINGLE_LINE)
    return _UNSAFE.sub(_REPLACEMENT, text)


def has_control_characters(text: str) -> bool:
    """True if `text` holds anything `literal` would have replaced (used by tests)."""
    return any(
        ord(ch) < 0x20 or ord(ch) == 0x7F or _UNSAFE.match(ch) or ch in "\u2028\u2029"
        for ch in text
    )


def vocab_label(vocabulary: type[Vocabulary], value: object) -> str:
    """The display label of a stored enum value; unknown values are shown as they are."""
    if value is None or value == "":
        return ""
    try:
        return str(vocabulary(str(value)).label)
    except ValueError:
        return literal(value)


def join_list(value: str | None, separator: str = ", ") -> str:
    """A stored '; '-separated list, joined for reading."""
    return separator.join(p for p in (value or "").split(LIST_SEPARATOR) if p)



LIST_SEPARATOR = "; "
TYPED_SEPARATORS = re.compile(r"[;；、\n]")
"""What separates the items of a list as people type one: ; or ；, 、 or a line break."""


def split_list(value: str | None) -> list[str]:
    """The parts of a stored list, stripped, empty parts dropped."""
    return [p for p in (part.strip() for part in (value or "").split(";")) if p]


def split_typed(value: str) -> list[str]:
    """The items of a list as typed, stripped, empty ones dropped."""
    return [p for p in (part.strip() for part in TYPED_SEPARATORS.split(value)) if p]


def to_list(parts: Iterable[str]) -> str:
    """Parts as a stored list, each once, in order."""
    return LIST_SEPARATOR.join(dict.fromkeys(p for p in parts if p))


def has_cjk(text: str | None) -> bool:
    """True if `text` holds a Chinese (CJK unified) character."""
    return any("\u3400" <= ch <= "\u9fff" for ch in text or "")


@cache
def _pinyin_module():  # type: ignore[no-untyped-def]
    # pypinyin loads its dictionaries on import: only when Chinese text is met.
    import pypinyin

    return pypinyin


def pinyin_syllables(text: str) -> list[str]:
    """One toneless syllable per Chinese character; other runs kept as they are."""
    pypinyin = _pinyin_module()
    lazy: Callable[..., list[str]] = pypinyin.lazy_pinyin
    return lazy(text)


def pinyin_forms(text: str | None) -> tuple[str, str]:
    """Full pinyin without tones or spaces, and the initials: 康方 -> kangfang, kf."""
    if not text or not has_cjk(text):
        return "", ""
    pypinyin = _pinyin_module()
    syllables = [s[0] for s in pypinyin.pinyin(text, style=pypinyin.Style.NORMAL, errors="ignore")]
    return "".join(syllables).casefold(), "".join(s[0] for s in syllables if s).casefold()


def fold(text: str) -> str:
    """Case- and space-insensitive form of a name."""
    return "".join(text.casefold().split())


def slug(name: str) -> str:
    """A stable id made from a name: "Akeso, Inc." -> "akeso-inc", 康方 -> "kang-fang".

    Empty when nothing of the name survives; the caller says what that means.
    """
    if has_cjk(name):
        name = " ".join(pinyin_syllables(name))
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].rstrip("-")
