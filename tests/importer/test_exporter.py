"""Export: canonical cells, formula neutralisation, and export -> import changing nothing."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioterm import exporter
from bioterm.enums import Modality, Phase, Qualifier
from bioterm.importer.run import import_files
from bioterm.models import RECORDS, Company, Drug, Funding
from bioterm.paths import DbLocation, Origin
from bioterm.store import Store


@pytest.mark.parametrize(("value", "cell"), [
    (None, ""), (True, "true"), (False, "false"), (80000.0, "80000"), (0.145, "0.145"),
    (1e20, "1e+20"), (1.5e300, "1.5e+300"), (2021, "2021"),
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-x", "'-x"), ("@me", "'@me"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"), ("'plain", "'plain"), ("a=b", "a=b"),
])
def test_csv_cells(value: object, cell: str) -> None:
    assert exporter.csv_cell(value) == cell


def test_json_is_a_list_of_objects_with_plain_numbers(store: Store) -> None:
    out = io.StringIO()
    count = exporter.write_json(store, "funding", out)
    rows = json.loads(out.getvalue())
    assert len(rows) == count > 0
    assert set(rows[0]) == set(RECORDS["funding"].model_fields)
    assert any(isinstance(r["amount"], int) for r in rows)


def test_all_tables_as_one_json_object(store: Store) -> None:
    out = io.StringIO()
    counts = exporter.write_all_json(store, out)
    data = json.loads(out.getvalue())
    assert list(data) == list(RECORDS)
    assert {t: len(rows) for t, rows in data.items()} == counts


def test_every_table_round_trips(store: Store, location: DbLocation, tmp_path: Path) -> None:
    written = exporter.write_directory(store, tmp_path / "out", "csv")
    assert [p.name for p in written] == [f"{t}.csv" for t in RECORDS]
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written)  # for Excel
    run = import_files(location, list(written))
    assert not run.written
    assert sum(b.changes.unchanged for b in run.files if b.changes) == sum(store.counts().values())


# Text as it can arrive through an import: no control characters but tab and newline.
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from(["=", "+", "-", "@", "'", '"', ",", ";", "\t", "\n", "[", " "]),
    min_size=1, max_size=20,
).filter(lambda s: s.strip())
_AMOUNT = st.floats(min_value=0, max_value=1e18, allow_nan=False, allow_infinity=False)


@st.composite
def records(draw: st.DrawFn) -> list[object]:
    n = draw(st.integers(1, 4))
    companies = [
        Company(id=f"rt-{i}", name=draw(_TEXT), name_zh=draw(st.none() | _TEXT),
                tickers=draw(st.none() | _TEXT), kind="biotech",
                key_people=draw(st.none() | _TEXT), description=draw(st.none() | _TEXT),
                source_id="akeso-cytiva-flexfactory-2021")
        for i in range(n)
    ]
    drugs = [
        Drug(id=f"rt-drug-{i}", name=draw(_TEXT), company_id=f"rt-{i}",
             modality=draw(st.sampled_from(list(Modality))),
             phase=draw(st.sampled_from(list(Phase))), first_in_class=draw(st.booleans()),
             targets=draw(st.none() | _TEXT), source_id="akeso-cytiva-flexfactory-2021")
        for i in range(n)
    ]
    funding = [
        Funding(company_id=f"rt-{i}", date=draw(st.sampled_from(["2020", "2021-04", "2022-02-28"])),
                kind="grant", amount=draw(st.none() | _AMOUNT),
                currency=draw(st.sampled_from([None, "CNY", "USD", "CHF"])),
                qualifier=draw(st.sampled_from(list(Qualifier))), note=draw(st.none() | _TEXT),
                source_id="akeso-cytiva-flexfactory-2021")
        for i in range(n)
    ]
    return [companies, drugs, funding]


@given(batches=records())
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_exported_rows_import_unchanged(
    batches: list[list[object]], reports_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    location = DbLocation(folder / "bioterm.db", Origin.OPTION)
    shutil.copyfile(reports_db_template, location.path)
    store = Store.open_for_write(location)
    with store.transaction():
        for batch in batches:
            store.upsert(batch)  # type: ignore[arg-type]
    files = [exporter.write_file(store, t, folder / f"{t}.csv", "csv") and folder / f"{t}.csv"
             for t in ("companies", "drugs", "funding")]
    store.close()
    run = import_files(location, files)
    assert not run.written, [b.changes for b in run.files]
