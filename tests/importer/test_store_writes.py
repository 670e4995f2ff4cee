"""The store's bulk upsert that imports use: planning, partial columns, undo, derived data."""

from __future__ import annotations

import pytest

from bioterm.models import CapacityPoint, Drug, Funding, FxRate
from bioterm.paths import DbLocation
from bioterm.store import Store

SRC = "akeso-cytiva-flexfactory-2021"


def drug(**values: object) -> Drug:
    base = dict(id="zz-1", name="Zed", company_id="akeso", modality="mab", phase="phase_1",
                source_id=SRC)
    return Drug.model_validate({**base, **values})


def test_plan_on_a_read_only_store_changes_nothing(location: DbLocation) -> None:
    reader = Store.open(location)
    plan = reader.plan_upsert(Drug, ["id", "name", "company_id", "modality", "phase",
                                     "source_id"],
                              [("zz-1", "Zed", "akeso", "mab", "phase_1", SRC),
                               ("penpulimab", "Penpulimab", "akeso", "mab", "filed", SRC)])
    assert plan.changes.inserted == [("zz-1",)]
    assert plan.changes.unchanged == 1
    assert reader.counts()["drugs"] == Store.open(location).counts()["drugs"]


def test_the_same_key_twice_in_one_call_keeps_the_later_row(store: Store) -> None:
    with store.transaction():
        changes = store.upsert([drug(), drug(name="Zed II")], import_id=None)
    assert changes.inserted == [("zz-1",)]
    detail = store.drug_detail("zz-1")
    assert detail is not None and detail.drug.name == "Zed II"


def test_left_out_columns_take_defaults_on_insert_and_stay_on_update(store: Store) -> None:
    columns = ["id", "name", "company_id", "modality", "phase", "source_id"]
    with store.transaction():
        store.upsert([drug(first_in_class=True, description="kept")])
        changes = store.upsert_rows(Drug, columns,
                                    [("zz-1", "Zed", "akeso", "mab", "phase_2", SRC),
                                     ("zz-2", "Two", "akeso", "adc", "phase_3", SRC)])
    assert changes.updated == [(("zz-1",), {"phase": ("phase_1", "phase_2")})]
    kept = store.drug_detail("zz-1")
    new = store.drug_detail("zz-2")
    assert kept is not None and kept.drug.description == "kept" and kept.drug.first_in_class
    assert new is not None and new.drug.first_in_class is False


def test_keys_with_empty_parts_match(store: Store) -> None:
    point = CapacityPoint(company_id="akeso", site_id=None, date="2030", litres=1.0,
                          status="planned", source_id=SRC)
    with store.transaction():
        assert store.upsert([point]).inserted
        assert store.upsert([point]).unchanged == 1
    assert store.stored_by_key(CapacityPoint, [point.key()])


def test_new_rows_get_their_derived_columns(store: Store) -> None:
    with store.transaction():
        store.upsert([FxRate(currency="CHF", year=2030, usd=2.0, source_id=SRC)])
        store.upsert([drug(phase="approved")])
        store.upsert([Funding(company_id="akeso", date="2030", kind="grant", amount=10.0,
                              currency="CHF", source_id=SRC)])
    rows = {r.funding.date: r.amount_usd for r in store.funding_of_company("akeso")}
    assert rows["2030"] == 20.0
    assert [h.ref for h in store.search("Zed")] == ["zz-1"]
    assert [d.id for d in store._models(Drug, "WHERE phase_rank = 8 AND id = 'zz-1'")]


def test_undoing_a_new_exchange_rate_recomputes_usd(store: Store) -> None:
    with store.transaction():
        store.upsert([Funding(company_id="akeso", date="2031", kind="grant", amount=10.0,
                              currency="CHF", source_id=SRC)])
        import_id = store.begin_import("rates.csv", b"x", ["fx_rates"])
        store.upsert([FxRate(currency="CHF", year=2031, usd=3.0, source_id=SRC)],
                     import_id=import_id)
    usd = {r.funding.date: r.amount_usd for r in store.funding_of_company("akeso")
           if r.funding.currency == "CHF"}
    assert usd["2031"] == 30.0
    with store.transaction():
        store.undo_import(import_id)
    usd = {r.funding.date: r.amount_usd for r in store.funding_of_company("akeso")
           if r.funding.currency == "CHF"}
    assert usd["2031"] != 30.0


def test_forget_import_only_drops_an_empty_entry(store: Store) -> None:
    with store.transaction():
        empty = store.begin_import("a.csv", b"a", ["drugs"])
        used = store.begin_import("b.csv", b"b", ["drugs"])
        store.upsert([drug()], import_id=used)
        store.forget_import(empty)
        store.forget_import(used)
    assert [e.id for e in store.imports()] == [used]


def test_a_usd_value_that_is_not_finite_is_never_stored(writable_store: Store) -> None:
    """Defence in depth behind the importer's limits: the store checks what it derives."""
    from bioterm.store import StoreError

    conn = writable_store.conn
    before = conn.execute("SELECT count(*), total(amount_usd) FROM funding").fetchone()
    with (pytest.raises(StoreError, match="not a finite number of US dollars"),
          writable_store.transaction()):
        writable_store.upsert([FxRate(currency="EUR", year=2023, usd=1.1, source_id=SRC)])
        writable_store.upsert([Funding(company_id="akeso", date="2023", kind="series_a",
                                       amount=1.7e308, currency="EUR", source_id=SRC)])
    assert conn.execute("SELECT count(*), total(amount_usd) FROM funding").fetchone() == before
