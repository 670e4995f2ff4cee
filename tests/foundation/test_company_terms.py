"""The company terms held in memory answer exactly what SQLite answers.

The filter lists the rows of the companies its text names; with the terms
held (bioterm/store/company_terms.py) that question is a byte search instead
of a pass over the term index. These hold the two to the same answer, and
check that held terms never answer for a file that has changed since.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bioterm.paths import DbLocation, Origin
from bioterm.store import Store, search
from bioterm.store.company_terms import CompanyTerms, attached
from bioterm.store.filter_terms import MIN_SUBSTRING, company_refs

LETTERS = st.sampled_from(list("abkn-+ 1é康方生物"))
TERMS = st.text(LETTERS, min_size=1, max_size=8)


def _terms_db(companies: dict[str, list[str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE search_terms (term TEXT NOT NULL, kind TEXT NOT NULL, "
                 "ref TEXT NOT NULL)")
    rows = [(t, "company", ref) for ref, terms in companies.items() for t in set(terms)]
    conn.executemany("INSERT INTO search_terms VALUES (?, ?, ?)", rows)
    # Another kind's terms are never a company's.
    conn.execute("INSERT INTO search_terms VALUES ('kang drug', 'drug', 'x')")
    return conn


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("abk01", min_size=1, max_size=4),
                       st.lists(TERMS, min_size=1, max_size=4), max_size=12),
       st.text(LETTERS, max_size=4), st.booleans())
def test_held_terms_find_the_companies_a_prefix_or_substring_names(
        companies: dict[str, list[str]], text: str, prefix: bool) -> None:
    held = CompanyTerms.read(_terms_db(companies))
    assert held is not None
    found = held.matching(text, prefix=prefix)
    assert found is not None
    expected = {ref for ref, terms in companies.items()
                if any(t.startswith(text) if prefix else text in t for t in terms)}
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))  # each company once


def test_a_term_holding_the_separator_is_left_to_sqlite() -> None:
    assert CompanyTerms.read(_terms_db({"c1": ["akeso\nbio"]})) is None
    assert CompanyTerms.read(_terms_db({"c1": ["akeso\x01bio"]})) is None
    assert CompanyTerms.read(_terms_db({"c\x011": ["akeso"]})) is None
    held = CompanyTerms.read(_terms_db({"c1": ["akeso"]}))
    assert held is not None and held.matching("ak\nx", prefix=False) is None


def _texts(store: Store) -> list[str]:
    """Every prefix of every company term, and a substring of each from three
    characters, as a user could type them."""
    terms = [r[0] for r in store.conn.execute(
        "SELECT term FROM search_terms WHERE kind = 'company'")]
    texts = {t[:n] for t in terms for n in range(1, len(t) + 1)}
    texts |= {t[1:4] for t in terms if len(t) >= 4}
    return sorted(texts | {"zzq", "AKESO", "Bio"})


def test_held_terms_answer_as_sqlite_does_on_the_report_database(reports_db: Path) -> None:
    location = DbLocation(reports_db, Origin.OPTION)
    asked, held = Store.open(location), Store.open(location)
    try:
        assert held.hold_company_terms()
        texts = _texts(asked)
        assert len(texts) > 500
        sizes = []
        for text in texts:
            assert attached(held.conn) is not None
            found = company_refs(held.conn, text)
            assert set(found) == set(company_refs(asked.conn, text)), text
            sizes.append(len(found))
        assert max(sizes) > 5 and 0 in sizes  # some texts name many companies, some none
        assert min(map(len, texts)) < MIN_SUBSTRING  # prefixes were asked too
    finally:
        asked.close()
        held.close()


def test_held_terms_stop_answering_once_the_file_changes(reports_db: Path) -> None:
    location = DbLocation(reports_db, Origin.OPTION)
    reader = Store.open(location)
    try:
        assert reader.hold_company_terms()
        assert company_refs(reader.conn, "zyxwv") == []
        writer = Store.open_for_write(location)
        try:
            ref = writer.conn.execute("SELECT id FROM companies LIMIT 1").fetchone()[0]
            with writer.conn:
                writer.conn.execute("UPDATE companies SET name = 'Zyxwv Bio' WHERE id = ?",
                                    (ref,))
                search.reindex(writer.conn, "company", [ref])
        finally:
            writer.close()
        assert attached(reader.conn) is None
        assert company_refs(reader.conn, "zyxwv") == [ref]
        assert company_refs(reader.conn, "zy") == [ref]
        assert reader.hold_company_terms()  # read again, they answer again
        assert attached(reader.conn) is not None
        assert company_refs(reader.conn, "zyxwv") == [ref]
    finally:
        reader.close()
