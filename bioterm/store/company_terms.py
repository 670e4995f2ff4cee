"""Every company's search terms held in memory, so a filter keystroke finds the
companies it names in milliseconds instead of a pass over the term index.

The list filter also lists the rows of the companies its text names ("akeso"
lists Akeso's drugs), so each keystroke asks which companies match: by
substring from three characters, else by prefix. No index orders the terms by
kind, and text common in drugs is common in the trigram index too, so SQLite
answers with a pass over the 440,000 company terms of a million-drug file:
60-150 ms a keystroke. Held as one byte string of newline-led terms, the same
question is a `find` in C: 6-15 ms, 50-75 ms for text in tens of thousands of
names; it holds 7 MB at that scale (the process grows by 10 MB, 17 MB at the
peak of the read).

The terms are read once, on a connection of their own (the app's preload),
and attached to the connection the lists read through. They answer only while
that connection has seen no change to the file, its own or another's; until
they are read again, `filter_terms.company_refs` asks SQLite as before.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from array import array
from dataclasses import dataclass

SEPARATOR = "\n"
"""Leads every term: a prefix is the separator and the text, and a substring
(which never holds one) cannot run from one term into the next."""
COMPANY = b"\x01"
"""Leads every company, in the terms and in the ids."""

Token = tuple[int, int]
"""A connection's own changes and the file's data version as it sees them."""

_READ = (
    "SELECT CAST(group_concat(char(1) || terms, '') AS BLOB), "
    "CAST(group_concat(char(1) || ref, '') AS BLOB), sum(n), count(*) "
    "FROM (SELECT ref, group_concat(char(10) || term, '') AS terms, count(*) AS n "
    "FROM search_terms WHERE kind = 'company' GROUP BY ref)")
"""The companies' terms and their ids, each built by SQLite as one value, in the
same order: no Python object per company or term (a transient 35 MB at scale 1
when each company was a row)."""


def _starts(joined: bytes) -> array[int]:
    return array("L", (hit.start() for hit in re.finditer(re.escape(COMPANY), joined)))


@dataclass(frozen=True)
class CompanyTerms:
    terms: bytes
    """The companies one after another, each as COMPANY and its terms, each led
    by SEPARATOR (UTF-8: a substring of the text is a substring of its bytes)."""
    starts: array[int]
    """Where each company begins in `terms`, ascending."""
    refs: bytes
    """The companies' ids in the same order, each led by COMPANY."""
    ref_starts: array[int]
    """Where each id begins in `refs`, and then where `refs` ends."""

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> CompanyTerms | None:
        """The company terms of the file; None when an id or a term holds a
        separator (such text could not be told apart from two terms)."""
        terms, refs, term_count, company_count = conn.execute(_READ).fetchone()
        terms, refs = terms or b"", refs or b""
        if (terms.count(SEPARATOR.encode()) != (term_count or 0)
                or terms.count(COMPANY) != company_count
                or refs.count(COMPANY) != company_count):
            return None
        ref_starts = _starts(refs)
        ref_starts.append(len(refs))
        return cls(terms, _starts(terms), refs, ref_starts)

    def matching(self, folded: str, *, prefix: bool) -> list[str] | None:
        """The companies with a term that starts with (`prefix`) or contains the
        case-folded `folded`; None for text these terms cannot answer."""
        if SEPARATOR in folded or COMPANY.decode() in folded:
            return None
        needle = ((SEPARATOR if prefix else "") + folded).encode()
        found: list[str] = []
        starts, refs, ref_starts = self.starts, self.refs, self.ref_starts
        find, after_last = self.terms.find, len(starts) - 1
        at = find(needle) if starts else -1
        while at >= 0:
            company = bisect.bisect_right(starts, at) - 1
            found.append(refs[ref_starts[company] + 1:ref_starts[company + 1]].decode())
            if company == after_last:
                break
            at = find(needle, starts[company + 1])  # a company is named once
        return found


def token(conn: sqlite3.Connection) -> Token:
    return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])


class TermsConnection(sqlite3.Connection):
    """A connection that can carry the company terms read for it (see `attach`)."""

    company_terms: tuple[Token, CompanyTerms] | None = None


def attach(conn: sqlite3.Connection, terms: CompanyTerms, seen: Token) -> None:
    """Let `conn` answer from `terms`, read when it stood at `seen`: a change
    since (even while they were read) leaves them unused."""
    if isinstance(conn, TermsConnection):
        conn.company_terms = (seen, terms)


def attached(conn: sqlite3.Connection) -> CompanyTerms | None:
    """The terms attached to `conn`, while nothing has changed since they were read."""
    held = getattr(conn, "company_terms", None)
    if held is None:
        return None
    seen, terms = held
    if token(conn) != seen:
        conn.company_terms = None  # type: ignore[attr-defined]
        return None
    return terms
