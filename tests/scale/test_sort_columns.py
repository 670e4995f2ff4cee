"""Every list column sorts (issue 15): lists by their text, amounts by their US-dollar value.

Run on the generated database, where amounts come in several currencies and
lists of indications, investors and licensed drugs differ row to row.
"""

from __future__ import annotations

import pytest

from bioterm.entities import REGISTRY
from bioterm.presentation.columns import COMPUTED
from bioterm.store import ListQuery, Store


def test_every_column_but_the_capacity_trend_is_sortable() -> None:
    unsortable = {(e.table, c.key) for e in REGISTRY.listed() for c in e.columns
                  if not c.sortable}
    # The trend is a picture of the litres now and planned beside it, which sort.
    assert unsortable == {(e.table, c.key) for e in REGISTRY.listed() for c in e.columns
                          if c.format in COMPUTED}
    assert all(t in {"companies", "sites"} for t, _ in unsortable)


def _present(values: list[object]) -> list[object]:
    return [v for v in values if v is not None]


@pytest.mark.parametrize(("table", "key"), [
    ("drugs", "indications"), ("funding", "investors"), ("deals", "programmes")])
@pytest.mark.parametrize("descending", [False, True])
def test_list_columns_sort_by_their_text(generated_store: Store, table: str, key: str,
                                         descending: bool) -> None:
    rows = generated_store.list_window(table, ListQuery(sort=key, descending=descending),
                                       0, 100_000)
    values = _present([r[key] for r in rows])
    assert len(set(values)) > 10, "too few distinct values to tell a sort"
    assert values == sorted(values, reverse=descending)


def test_funding_amounts_sort_by_their_usd_value(generated_store: Store) -> None:
    store = generated_store
    rows = store.list_window("funding", ListQuery(sort="amount", descending=True), 0, 100_000)
    assert len({r["currency"] for r in rows if r["usd"]}) > 1
    usd = _present([r["usd"] for r in rows])
    assert usd == sorted(usd, reverse=True)
    # Sorting by the reported number would rank these otherwise: the first rows'
    # amounts are not the largest numbers (amounts in yen or yuan run higher).
    amounts = [r["amount"] for r in rows if r["amount"] is not None]
    assert amounts[:20] != sorted(amounts, reverse=True)[:20]
