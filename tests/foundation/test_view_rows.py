"""`Store.iter_list`: a list's whole view in the table's order, a batch at a time,
and `Store.source_url`: the address of the source a record cites."""

from __future__ import annotations

import pytest

from bioterm.store import ListQuery, Store, windowing
from bioterm.store.listing import SPECS

QUERIES = [
    ("companies", ListQuery()),
    ("companies", ListQuery(sort="name", descending=True)),
    ("companies", ListQuery(facets={"kind": "investor"})),
    ("drugs", ListQuery(text="mab", sort="phase", descending=True)),
    ("drugs", ListQuery(text="pd")),
    ("funding", ListQuery(sort="date", descending=True)),
    ("funding", ListQuery(text="capital")),  # matched against investors too
    ("sites", ListQuery(sort="status")),
    ("deals", ListQuery()),
    ("investors", ListQuery(sort="name")),
]


@pytest.mark.parametrize(("entity", "query"), QUERIES)
def test_the_view_is_every_row_of_the_windows_in_their_order(
    writable_store: Store, entity: str, query: ListQuery
) -> None:
    store = writable_store
    windows = store.list_window(entity, query, 0, 100_000)
    batches = list(store.iter_list(entity, query, batch=3))
    assert all(1 <= len(b) <= 3 for b in batches)
    rows = [row for batch in batches for row in batch]
    assert [r["id"] for r in rows] == [r["id"] for r in windows]
    assert [tuple(r) for r in rows] == [tuple(r) for r in windows]
    assert len(rows) == store.list_count(entity, query)


@pytest.mark.parametrize(("text", "batch"), [
    ("mab", 1), ("akeso", 2), ("company:akeso mab", 2), ("9926", 2)])
def test_a_common_filter_text_takes_every_match_not_one_window(
    writable_store: Store, monkeypatch: pytest.MonkeyPatch, text: str, batch: int
) -> None:
    """Every match, not one window, and with them the rows of the companies the
    text names ("akeso" holds Akeso's drugs, which do not name Akeso) and of a
    company term's company, also when every match is collected at once."""
    query = ListQuery(text=text)
    expected = [r["id"] for r in writable_store.list_window("drugs", query, 0, 100_000)]
    assert len(expected) >= 2
    # As on a large file, where the text matches more rows than are collected first.
    monkeypatch.setattr(windowing, "SPARSE_LIMIT", 1)
    assert windowing.plan_text(writable_store.conn, SPECS["drugs"], query).mode == "dense"
    got = [r["id"] for b in writable_store.iter_list("drugs", query, batch=batch) for r in b]
    assert got == expected


def test_rows_are_read_as_they_are_asked_for(writable_store: Store) -> None:
    view = writable_store.iter_list("companies", ListQuery(), batch=5)
    assert len(next(iter(view))) == 5  # one batch, without reading the rest


def test_source_url_follows_the_record_to_its_source(writable_store: Store) -> None:
    store = writable_store
    # The report dataset's sources carry no addresses: give one of them one.
    with store.conn:
        store.conn.execute("UPDATE sources SET url = 'https://example.com/a?b=1' "
                           "WHERE id = 'akeso-cytiva-flexfactory-2021'")
    pairs = store.conn.execute(
        "SELECT d.id, s.url FROM drugs d JOIN sources s ON s.id = d.source_id ORDER BY d.id"
    ).fetchall()
    with_url = [(d, u) for d, u in pairs if u]
    without = [d for d, u in pairs if not u]
    assert with_url and without
    for drug, url in with_url:
        assert store.source_url("drugs", drug) == url
    for drug in without:
        assert store.source_url("drugs", drug) is None
    assert store.source_url("drugs", "no-such-drug") is None
    with pytest.raises(KeyError):
        store.source_url("sources", "x")
