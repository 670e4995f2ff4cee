"""`bioterm db check`'s data-quality rules: each one catches its problem, the bundled data none."""

from __future__ import annotations

from pathlib import Path

from bioterm.paths import DbLocation, Origin, bundled_db_path
from bioterm.store import Store


def issues_after(store: Store, *statements: str) -> list[str]:
    store.conn.execute("PRAGMA foreign_keys = OFF")
    with store.transaction():
        for sql in statements:
            store.conn.execute(sql)
    return [str(i) for i in store.quality_issues()]


def test_bundled_data_passes_every_quality_check() -> None:
    store = Store.open(DbLocation(bundled_db_path(), Origin.BUNDLED))
    assert [str(i) for i in store.quality_issues()] == []


def test_report_data_passes(writable_store: Store) -> None:
    assert writable_store.quality_issues() == []


def test_rows_without_a_source(writable_store: Store) -> None:
    found = issues_after(writable_store, "UPDATE drugs SET source_id = 'nowhere' WHERE id = "
                                         "'penpulimab'")
    assert found == ["drugs penpulimab: cites unknown source 'nowhere'"]


def test_capacity_going_backwards_without_a_note(writable_store: Store) -> None:
    found = issues_after(
        writable_store,
        "INSERT INTO capacity (company_id, site_id, date, litres, status, source_id) VALUES "
        "('akeso', 'akeso-guangzhou-knowledge-city', '2022', 5000, 'operational', "
        "'akeso-cytiva-flexfactory-2021')",
    )
    assert len(found) == 1 and "falls from 20,000 L to 5,000 L without a note" in found[0]
    noted = issues_after(writable_store, "UPDATE capacity SET note = 'line closed' "
                                         "WHERE date = '2022'")
    assert noted == []


def test_phase_contradicting_milestones(writable_store: Store) -> None:
    found = issues_after(
        writable_store,
        "INSERT INTO milestones (drug_id, kind, date, status, source_id) VALUES "
        "('cadonilimab', 'approved', '2022-06', 'occurred', 'akeso-cytiva-flexfactory-2021')",
    )
    assert found == ["drugs cadonilimab: phase is Registrational but a Approved milestone "
                     "(2022-06) implies at least Approved"]


def test_funding_in_unknown_currencies(writable_store: Store) -> None:
    found = issues_after(writable_store, "UPDATE funding SET currency = 'XYZ' WHERE kind = 'award'",
                         "UPDATE funding SET currency = NULL WHERE kind = 'subsidy'")
    assert sorted(f.split(": ", 1)[1] for f in found) == [
        "currency XYZ has no exchange rate, so no USD figure",
        "has an amount but no currency",
    ]


def test_orphaned_references(writable_store: Store) -> None:
    found = issues_after(writable_store,
                         "UPDATE partnerships SET partner_id = 'ghost' "
                         "WHERE kind = 'government_support'")
    assert len(found) == 1 and "partner_id 'ghost' is not in companies" in found[0]


def test_reports_dataset_path_exists() -> None:
    assert (Path(__file__).parents[2] / "bioterm" / "data" / "csv" / "reports").is_dir()
