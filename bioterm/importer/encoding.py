"""Whether bytes that are not valid UTF-8 are UTF-8 but for a few bad bytes.

A file saved as UTF-8 and then edited by a tool that wrote one Latin-1 `é`,
or cut mid-character, fails to decode as UTF-8. Guessing another code page
for the whole file then turns every correct character into mojibake
("Société" becomes "Sociûˋtûˋ"), silently. So the decision is made first:

- every byte valid UTF-8: the file is UTF-8;
- it holds valid UTF-8 characters, at least as many as bad sequences: the file
  is UTF-8 with bad bytes, which are reported
  by line and byte offset (or, if the user asks, replaced by U+FFFD);
- ASCII with at most a few stray high bytes (see below);
- otherwise the file is in another encoding (GB18030, Shift-JIS, cp1252 …),
  which is for the caller to recognise.

Text genuinely in a legacy encoding holds valid UTF-8 sequences only by
accident, and far fewer of them than invalid ones (GB18030, Big5, EUC-KR:
at most one in three; Shift-JIS: one in eighteen; Latin-1, cp1251 and other
single-byte code pages: none).

ASCII text with a few stray high bytes and no UTF-8 character is its own
verdict: it may be GB18030 Chinese (a few characters, each two bytes), which
the caller can tell, but if it is not, no code page can be told from so few
bytes, and it is reported like bad bytes in a UTF-8 file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import Enum

_HANDLER = "bioterm-count-bad-utf8"


@dataclass(frozen=True)
class BadSequence:
    """One invalid UTF-8 sequence: where it is and what it is."""

    line: int
    """Physical line of the file (1-based), as an editor shows it."""
    offset: int
    """Byte offset from the start of the file (0-based)."""
    data: bytes

    def describe(self) -> str:
        shown = " ".join(f"0x{b:02X}" for b in self.data)
        what = "byte" if len(self.data) == 1 else "bytes"
        return f"{what} {shown} at byte offset {self.offset} (not valid UTF-8)"


class Verdict(Enum):
    UTF8 = "utf-8"
    UTF8_WITH_BAD_BYTES = "utf-8 with bad bytes"
    ASCII_WITH_STRAY_BYTES = "ascii with a few stray bytes"
    OTHER = "another encoding"


FEW_STRAY = 8
"""At most this many high bytes in otherwise ASCII text are too few to tell a code
page by: guessing one from them is a coin toss (é in cp1252 is ť in cp1250)."""


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    bad: list[BadSequence]
    """The invalid sequences, unless the verdict is UTF8 or OTHER (then empty)."""
    text: str
    """The bytes decoded as UTF-8, each bad sequence replaced by U+FFFD."""


class _Recorder:
    """A codecs error handler that notes every invalid sequence and replaces it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.spans: list[tuple[int, int]] = []

    def __call__(self, error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        self.spans.append((error.start, error.end))
        return "\ufffd", error.end


_current: list[_Recorder] = []


def _dispatch(error: UnicodeError) -> tuple[str, int]:
    return _current[-1](error)


codecs.register_error(_HANDLER, _dispatch)


def decide_utf8(data: bytes) -> Decision:
    """Classify `data` (see the module docstring); never raises."""
    try:
        return Decision(Verdict.UTF8, [], data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    recorder = _Recorder(data)
    _current.append(recorder)
    try:
        text = data.decode("utf-8", _HANDLER)
    finally:
        _current.pop()
    errors = len(recorder.spans)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - errors
    if valid > 0 and valid >= errors:
        return Decision(Verdict.UTF8_WITH_BAD_BYTES, _located(data, recorder.spans), text)
    if valid == 0 and errors <= FEW_STRAY:
        return Decision(Verdict.ASCII_WITH_STRAY_BYTES, _located(data, recorder.spans), text)
    return Decision(Verdict.OTHER, [], text)


def _located(data: bytes, spans: list[tuple[int, int]]) -> list[BadSequence]:
    """BadSequences for ascending (start, end) spans, counting lines in one pass."""
    out: list[BadSequence] = []
    line, counted = 1, 0
    for start, end in spans:
        line += data.count(b"\n", counted, start)
        counted = start
        out.append(BadSequence(line, start, data[start:end]))
    return out
