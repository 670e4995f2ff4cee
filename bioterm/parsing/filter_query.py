"""Filter text as a person types it: plain words and `field:value` / `field>value` terms.

Pure and total: `parse` never raises. A term it cannot read becomes a
`Problem` with its position, and the rest of the text still filters; a quote
that is not closed is text to look for. Which
fields exist and what their values mean is the caller's business (`check`
takes the field names a section declares); this module only splits and reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATORS = (">=", "<=", ":", ">", "<", "=")
"""Longest first, so `usd>=5m` is read as >= and not as > of '=5m'."""

_FIELD = re.compile(r"([A-Za-z_][A-Za-z_]*)(>=|<=|:|>|<|=)(.*)\Z", re.S)
_SCALES = {"": 1.0, "k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
_NUMBER = re.compile(r"(?:us)?\$?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*)\Z")


@dataclass(frozen=True)
class Term:
    """`field op value`, as typed at `start`..`end` of the text."""

    field: str
    op: str
    value: str
    start: int
    end: int

    def text(self) -> str:
        value = self.value
        if not value or any(ch.isspace() or ch == '"' for ch in value):
            value = '"' + value.replace('"', '""') + '"'
        return f"{self.field}{self.op}{value}"


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Problem:
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class FilterQuery:
    words: tuple[Word, ...] = ()
    terms: tuple[Term, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def plain(self) -> str:
        """The plain words, matched as one phrase (as before fields existed)."""
        return " ".join(w.text for w in self.words)

    def shape(self) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
        """What the query means, without positions: its words and terms."""
        return (tuple(w.text for w in self.words),
                tuple((t.field, t.op, t.value) for t in self.terms))

    def text(self) -> str:
        """The query written back; parsing it gives the same words and terms."""
        words = [_quoted_word(w.text) for w in self.words]
        return " ".join([*words, *(t.text() for t in self.terms)])


def _quoted_word(text: str) -> str:
    if _FIELD.match(text) or text.startswith('"') or any(ch.isspace() for ch in text):
        # Quoted, so it is read back as one plain word.
        return '"' + text.replace('"', '""') + '"'
    return text


_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_BARE = re.compile(r"\S*")


def _closed_quote(text: str, at: int) -> tuple[str, int] | None:
    """The quoted text starting at `at` and where it ends, if its quote is closed."""
    match = _QUOTED.match(text, at)
    if match is None:
        return None
    return match.group(1).replace('""', '"'), match.end()


def parse(text: str) -> FilterQuery:
    """Words, terms and problems; a quote that is not closed is read as itself."""
    words: list[Word] = []
    terms: list[Term] = []
    problems: list[Problem] = []
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        start = at
        quoted = _closed_quote(text, at) if text[at] == '"' else None
        if quoted is not None:
            inner, at = quoted
            if inner.split():
                words.append(Word(" ".join(inner.split()), start, at))
            continue
        bare = _BARE.match(text, at)
        assert bare is not None
        at = bare.end()
        field = _FIELD.match(bare.group())
        if field is None:
            words.append(Word(bare.group(), start, at))
            continue
        name, op, value = field.groups()
        if value.startswith('"'):
            # A quoted value may hold spaces: `territory:"greater china"`.
            quoted = _closed_quote(text, start + len(name) + len(op))
            if quoted is not None:
                value, at = quoted
        if not value.split():
            problems.append(Problem(f"{name}{op} needs a value", start, at))
            continue
        terms.append(Term(name.casefold(), op, " ".join(value.split()), start, at))
    return FilterQuery(tuple(words), tuple(terms), tuple(problems))


def parse_number(text: str) -> float | None:
    """`100m`, `1.5bn`, `US$683.2 million`, `2,000`: a number, or None."""
    folded = text.casefold().replace("million", "m").replace("billion", "b")
    match = _NUMBER.match(folded.strip())
    if match is None or match.group(2) not in _SCALES:
        return None
    try:
        return float(match.group(1).replace(",", "")) * _SCALES[match.group(2)]
    except ValueError:
        return None


def unknown_field(term: Term, fields: tuple[str, ...]) -> Problem:
    here = ", ".join(fields) if fields else "none"
    return Problem(f"unknown field {term.field} — fields here: {here}", term.start, term.end)
