"""The filter searches what a row shows, and field terms narrow it (bundled database)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bioterm.paths import bundled_db_path
from bioterm.store import filter_terms, search
from bioterm.store.listing import SPECS, ListQuery, count, fetch_window


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{bundled_db_path().as_uri()}?mode=ro&immutable=1", uri=True)
    yield conn
    conn.close()


def _ids(conn: sqlite3.Connection, key: str, text: str) -> set[str]:
    rows = fetch_window(conn, SPECS[key], ListQuery(text=text), 0, 10_000)
    assert len(rows) == count(conn, SPECS[key], ListQuery(text=text))
    return {r["id"] for r in rows}


def _sql(conn: sqlite3.Connection, sql: str) -> set[str]:
    return {r[0] for r in conn.execute(sql)}


def test_plain_text_finds_drugs_by_company_modality_and_indication(
        conn: sqlite3.Connection) -> None:
    akeso = _sql(conn, "SELECT id FROM drugs WHERE company_id = 'akeso'")
    assert len(akeso) == 10
    assert _ids(conn, "drugs", "akeso") == akeso
    assert _ids(conn, "drugs", "康方") == akeso
    adc = _sql(conn, "SELECT id FROM drugs WHERE modality = 'adc'")
    assert len(adc) == 59 and _ids(conn, "drugs", "adc") >= adc
    lung = _sql(conn, "SELECT id FROM drugs WHERE indications LIKE '%lung%'")
    assert len(lung) == 41 and _ids(conn, "drugs", "lung") == lung


def test_field_terms_narrow(conn: sqlite3.Connection) -> None:
    akeso = _sql(conn, "SELECT id FROM drugs WHERE company_id = 'akeso'")
    assert _ids(conn, "drugs", "company:akeso") == akeso
    assert _ids(conn, "drugs", "modality:adc") == _sql(
        conn, "SELECT id FROM drugs WHERE modality = 'adc'")
    assert len(_ids(conn, "drugs", "phase:3")) == 34
    assert len(_ids(conn, "drugs", "phase:3 modality:ADC")) == 12
    assert _ids(conn, "drugs", "target:trop2") == _sql(
        conn, "SELECT id FROM drugs WHERE targets LIKE '%trop2%'")
    assert len(_ids(conn, "funding", "usd>100m year:2024")) == 2
    assert _ids(conn, "funding", "usd>=100m") == _sql(
        conn, "SELECT id FROM funding WHERE amount_usd >= 1e8")
    assert len(_ids(conn, "deals", "company:akeso")) == 3


def test_malformed_terms_are_explained_and_the_rest_applies(conn: sqlite3.Connection) -> None:
    akeso = _ids(conn, "drugs", "akeso")
    assert _ids(conn, "drugs", "foo:bar akeso") == akeso
    assert _ids(conn, "drugs", "usd>abc akeso") == akeso
    assert filter_terms.problems(SPECS["drugs"], "foo:bar") == [
        "unknown field foo — fields here: company, phase, modality, target, indication"]
    assert filter_terms.problems(SPECS["funding"], "usd>abc") == [
        "usd>abc: not an amount (like usd>100m)"]
    assert filter_terms.problems(SPECS["drugs"], "phase>3") == [
        "phase takes phase:value, not >"]
    assert filter_terms.problems(SPECS["drugs"], "modality:zz")[0].startswith("no modality zz")


def test_bundled_index_is_current(conn: sqlite3.Connection) -> None:
    assert search.is_current(conn)


def test_an_old_index_is_rebuilt_once_when_opened_for_writing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bioterm.paths import DbLocation, Origin
    from bioterm.store.connection import connect_read

    path = tmp_path / "user.db"
    path.write_bytes(bundled_db_path().read_bytes())
    old = sqlite3.connect(path)
    # What an older bioterm left: entries without indications, no marker.
    old.execute("DELETE FROM search_terms WHERE kind = 'drug' AND term = 'lung cancer'")
    old.execute("DELETE FROM user_state WHERE key = 'search_index_version'")
    old.commit()
    old.close()
    conn = connect_read(DbLocation(path, Origin.OPTION))
    try:
        assert search.is_current(conn)
        assert conn.execute("SELECT count(*) FROM search_terms WHERE term = 'lung cancer'"
                            ).fetchone()[0] > 0
    finally:
        conn.close()


def test_rounds_by_kind_label_deals_by_territory_and_party_names(
        conn: sqlite3.Connection) -> None:
    assert _ids(conn, "funding", "series a") == _sql(
        conn, "SELECT id FROM funding WHERE kind = 'series_a'")
    assert len(_ids(conn, "deals", "greater china")) == 35
    # A party by its Chinese name, through the companies' own entries.
    assert _ids(conn, "deals", "康方") == _ids(conn, "deals", "company:akeso")
    assert len(_ids(conn, "sites", "药明")) == 19


_PIECES = st.sampled_from(["company:", "phase:", "modality:", "usd>", "usd<=", "year:", "foo:",
                           "kind:", "target:", "akeso", "3", "2024", "100m", "abc", '"', " ",
                           "%", "_", "'", "康方", "adc", "lung"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join), st.sampled_from(sorted(SPECS)))
def test_any_text_filters_without_raising(text: str, key: str) -> None:
    conn = sqlite3.connect(f"{bundled_db_path().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = fetch_window(conn, SPECS[key], ListQuery(text=text), 0, 50)
        assert len(rows) <= count(conn, SPECS[key], ListQuery(text=text))
        assert all(isinstance(m, str) for m in filter_terms.problems(SPECS[key], text))
    finally:
        conn.close()


def test_investor_fields_apply_through_the_investors_summary(conn: sqlite3.Connection) -> None:
    from dataclasses import replace

    from bioterm.store import investor_list

    spec = investor_list.spec_for(conn, "investors")
    assert filter_terms.fields_of(replace(spec, base_where="")) == filter_terms.fields_of(
        SPECS["investors"])
    every = investor_list.count(conn, spec, ListQuery())
    by_kind = investor_list.count(conn, spec, ListQuery(text="kind:investor"))
    assert 0 < by_kind < every
    assert by_kind == int(conn.execute(
        "SELECT count(DISTINCT f.investor_id) FROM funding_investors f "
        "JOIN companies c ON c.id = f.investor_id WHERE c.kind = 'investor'").fetchone()[0])
