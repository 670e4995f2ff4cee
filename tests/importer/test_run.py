"""Import runs through the library: all or nothing, upserts, history, undo, dry runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioterm.exporter import write_csv
from bioterm.importer.run import ImportRefused, import_files
from bioterm.models import RECORDS
from bioterm.paths import DbLocation, Origin, bundled_db_path
from bioterm.store import Store, UndoError
from bioterm.store.model_rows import columns_of

SRC = "akeso-cytiva-flexfactory-2021"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every data table's rows, sorted, plus the import log."""
    conn = sqlite3.connect(db)
    try:
        tables = [*RECORDS, "imports", "import_changes", "search_terms"]
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")), key=repr)
                for t in tables}
    finally:
        conn.close()


def one(db: Path, sql: str, *params: object) -> tuple[object, ...] | None:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


DRUGS = (
    "id,name,company,modality,phase,first_in_class,source\n"
    f"ak-1,Drug One,Akeso,mAb,Phase 1,yes,{SRC}\n"
    f"ak-2,Drug Two,\"akeso, inc.\",ADC,phase_2,,{SRC}\n"
)


def test_import_inserts_then_reimport_changes_nothing(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "drugs.csv", DRUGS)
    run = import_files(location, [path])
    assert run.written
    assert run.files[0].changes is not None
    assert sorted(run.files[0].changes.inserted) == [("ak-1",), ("ak-2",)]
    assert one(reports_db, "SELECT company_id, modality, phase, first_in_class, phase_rank "
               "FROM drugs WHERE id = 'ak-1'") == ("akeso", "mab", "phase_1", 1, 1)
    before = dump(reports_db)

    again = import_files(location, [path])
    assert not again.written
    assert again.files[0].changes is not None and again.files[0].changes.unchanged == 2
    assert dump(reports_db) == before  # not even a history entry


def test_a_column_left_out_is_left_alone_but_an_empty_cell_empties(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    description = one(reports_db, "SELECT description FROM drugs WHERE id = 'penpulimab'")
    assert description and description[0]
    path = write(tmp_path, "d.csv", f"id,name,company_id,modality,phase,source_id\n"
                 f"penpulimab,Penpulimab,akeso,mab,approved,{SRC}\n")
    run = import_files(location, [path])
    assert run.files[0].changes is not None
    assert run.files[0].changes.updated == [(("penpulimab",), {"phase": ("filed", "approved")})]
    assert one(reports_db, "SELECT description, phase_rank FROM drugs WHERE id = 'penpulimab'") \
        == (description[0], 8)

    emptied = write(tmp_path, "e.csv", f"id,name,company_id,modality,phase,description,source_id\n"
                    f"penpulimab,Penpulimab,akeso,mab,approved,,{SRC}\n")
    import_files(location, [emptied])
    assert one(reports_db, "SELECT description FROM drugs WHERE id = 'penpulimab'") == (None,)


def test_refused_import_lists_every_problem_and_writes_nothing(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    before = dump(reports_db)
    bad = write(tmp_path, "bad.csv", (
        "id,name,company_id,modality,phase,source_id\n"
        f"ok-1,Fine,akeso,mab,phase_1,{SRC}\n"
        f"bad-1,Bad,Nobody Inc,mab,Phase 9,{SRC}\n"
        f"bad-2,,akeso,mab,phase_1,no-such-source\n"
    ))
    with pytest.raises(ImportRefused) as caught:
        import_files(location, [bad])
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        f"{bad}:3: company_id: unknown company 'Nobody Inc': give its id, English name, "
        "Chinese name or ticker of a company in the database or imported with this file",
        f"{bad}:3: phase: 'Phase 9' is not one of: preclinical, phase_1, phase_1_2, phase_2, "
        "phase_2_3, phase_3, registrational, filed, approved, discontinued",
        f"{bad}:4: name: required, but empty",
        f"{bad}:4: source_id: unknown source 'no-such-source': give its id, title or URL of a "
        "source in the database or imported with this file",
    ]
    assert "nothing was written" in str(caught.value)
    assert dump(reports_db) == before


def test_skip_bad_rows_imports_the_rest_and_lists_the_skipped(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "drugs.csv", DRUGS + f"ak-3,Three,Nobody,mab,phase_1,,{SRC}\n"
                 f"ak-1,Dup,akeso,mab,phase_1,,{SRC}\n")
    run = import_files(location, [path], skip_bad_rows=True)
    batch = run.files[0]
    assert [(p.line, p.column) for p in batch.skipped] == [(4, "company"), (5, "id")]
    assert batch.read == 4 and len(batch.rows) == 2
    assert one(reports_db, "SELECT count(*) FROM drugs WHERE id LIKE 'ak-%'") == (2,)


def test_header_problems_still_refuse_with_skip_bad_rows(
    location: DbLocation, tmp_path: Path
) -> None:
    path = write(tmp_path, "x.csv", "id,name,company_id,modality,phase,source_id,colour\n")
    with pytest.raises(ImportRefused) as caught:
        import_files(location, [path], skip_bad_rows=True)
    assert caught.value.problems[0].column == "colour"


def test_files_of_one_run_are_read_in_table_order_and_may_refer_to_each_other(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    drugs = write(tmp_path, "a_drugs.csv", "id,name,company,modality,phase,source\n"
                  "nx-1,NX-1,新例生物,mab,phase_1,New report\n")
    companies = write(tmp_path, "b_companies.csv", "name,name_zh,tickers,kind,source\n"
                      "New Example Bio,新例生物,SSE:688999,biotech,https://example.com/n\n")
    sources = write(tmp_path, "c_sources.csv", "title,url\nNew report,https://example.com/n\n")
    run = import_files(location, [drugs, companies, sources])
    assert [b.table for b in run.files] == ["sources", "companies", "drugs"]
    assert one(reports_db, "SELECT company_id, source_id FROM drugs WHERE id = 'nx-1'") == (
        "new-example-bio", "new-report")
    history = [(e.file, e.tables) for e in Store.open(location).imports()]
    assert history == [(str(sources), "sources"), (str(companies), "companies"),
                       (str(drugs), "drugs")]


def test_the_same_key_twice_in_a_run_is_refused(location: DbLocation, tmp_path: Path) -> None:
    first = write(tmp_path, "one.csv", DRUGS)
    second = write(tmp_path, "two.csv", DRUGS.splitlines()[0] + "\n" + DRUGS.splitlines()[2])
    with pytest.raises(ImportRefused) as caught:
        import_files(location, [first, second])
    assert [str(p) for p in caught.value.problems] == [
        f"{second}:2: id: the same id as {first}:3 (ak-2)"]


def test_ids_made_from_names_are_stable(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", f"name,kind,source\nZeta Bio (Suzhou),biotech,{SRC}\n"
                 f"康方示例,biotech,{SRC}\n")
    import_files(location, [path])
    again = import_files(location, [path])
    assert again.files[0].changes is not None and again.files[0].changes.unchanged == 2
    assert one(reports_db, "SELECT count(*) FROM companies WHERE id IN "
               "('zeta-bio-suzhou', 'kang-fang-shi-li')") == (2,)


def test_an_id_less_row_with_a_known_name_updates_that_row(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv",
                 f"name,kind,hq_city,source\nCytiva,supplier,Marlborough,{SRC}\n")
    run = import_files(location, [path])
    assert run.files[0].changes is not None
    assert [key for key, _ in run.files[0].changes.updated] == [("cytiva",)]


def test_amount_words_fill_currency_and_qualifier(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "f.csv", "company,date,round,amount,qualifier,source\n"
                 f"akeso,2019,series_a,over US$5 million,,{SRC}\n"
                 f"akeso,2018,series_b,RMB 3 million,about,{SRC}\n")
    import_files(location, [path])
    rows = sqlite3.connect(reports_db).execute(
        "SELECT date, amount, currency, qualifier FROM funding WHERE company_id = 'akeso' "
        "ORDER BY date").fetchall()
    assert rows == [("2018", 3e6, "CNY", "about"), ("2019", 5e6, "USD", "over")]


def test_conflicting_qualifiers_are_refused(location: DbLocation, tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", "company,date,round,amount,qualifier,source\n"
                 f"akeso,2019,series_a,over 5 million,about,{SRC}\n")
    with pytest.raises(ImportRefused) as caught:
        import_files(location, [path])
    assert str(caught.value.problems[0]).endswith(
        "f.csv:2: amount: the amount says 'over' but the qualifier column says 'about'")


def test_dry_run_writes_nothing(location: DbLocation, reports_db: Path, tmp_path: Path) -> None:
    before = dump(reports_db)
    run = import_files(location, [write(tmp_path, "d.csv", DRUGS)], dry_run=True)
    assert run.dry_run and not run.written
    assert run.files[0].changes is not None and len(run.files[0].changes.inserted) == 2
    assert dump(reports_db) == before


def test_dry_run_and_no_op_do_not_create_the_user_database(tmp_path: Path) -> None:
    target = DbLocation(tmp_path / "user" / "bioterm.db", Origin.USER)
    drugs = write(tmp_path, "d.csv", DRUGS)
    import_files(target, [drugs], dry_run=True)
    assert not target.path.exists()
    same = tmp_path / "sources.csv"
    bundled = Store.open(DbLocation(bundled_db_path(), Origin.BUNDLED))
    with same.open("w", encoding="utf-8", newline="") as out:
        write_csv(bundled, "sources", out)  # what the bundled database already holds
    bundled.close()
    run = import_files(target, [same])
    assert not run.written and not target.path.exists()
    import_files(target, [drugs])
    assert target.path.exists()


def test_undo_restores_exactly_and_refuses_twice(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    before = {t: rows for t, rows in dump(reports_db).items() if t in RECORDS}
    update = write(tmp_path, "u.csv", "id,name,company_id,modality,phase,targets,source_id\n"
                   f"penpulimab,Penpulimab,akeso,mab,approved,PD-1; PD-L1,{SRC}\n"
                   f"new-1,New,cytiva,protein,preclinical,,{SRC}\n")
    run = import_files(location, [update])
    store = Store.open_for_write(location)
    with store.transaction():
        store.undo_import(run.files[0].import_id)
    after = {t: rows for t, rows in dump(reports_db).items() if t in RECORDS}
    assert after == before
    assert not any(hit.ref == "new-1" for hit in store.search("New"))
    with pytest.raises(UndoError, match="already undone"), store.transaction():
        store.undo_import(run.files[0].import_id)
    store.close()


def test_a_running_reader_sees_the_import_without_reopening(
    location: DbLocation, tmp_path: Path
) -> None:
    reader = Store.open(location)
    count = reader.counts()["drugs"]
    version = reader.data_version()
    import_files(location, [write(tmp_path, "d.csv", DRUGS)])
    assert reader.counts()["drugs"] == count + 2
    assert reader.data_version() != version
    reader.close()


def test_the_database_is_in_wal_mode_after_an_import(
    location: DbLocation, reports_db: Path, tmp_path: Path
) -> None:
    import_files(location, [write(tmp_path, "d.csv", DRUGS)])
    assert one(reports_db, "PRAGMA journal_mode") == ("wal",)


def test_an_unreadable_file_is_a_problem_not_a_crash(
    location: DbLocation, tmp_path: Path
) -> None:
    path = write(tmp_path, "nul.csv", "id,name\x00\n")
    with pytest.raises(ImportRefused) as caught:
        import_files(location, [path, write(tmp_path, "d.csv", DRUGS)])
    assert "not a text file" in caught.value.problems[0].reason


def test_readers_are_not_blocked_while_an_import_writes(
    location: DbLocation, tmp_path: Path
) -> None:
    import_files(location, [write(tmp_path, "d.csv", DRUGS)])  # the file is in WAL mode now
    writer = Store.open_for_write(location)
    reader = Store.open(location)
    before = reader.counts()["drugs"]
    with writer.transaction():
        writer.conn.execute("DELETE FROM milestones")
        writer.conn.execute("DELETE FROM drugs WHERE id LIKE 'ak-%'")
        assert reader.counts()["drugs"] == before  # reads the last commit, does not wait
    assert reader.counts()["drugs"] == before - 2
    writer.close()
    reader.close()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad_cells=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8))
def test_skip_bad_rows_counts_each_bad_row_once(
    bad_cells: list[int], location: DbLocation, tmp_path: Path
) -> None:
    """Row i has bad_cells[i] bad cells (company, modality, phase): it is one skipped
    row whatever that number, and each of its problems is kept."""
    values = [("Nobody", "Akeso"), ("no-such-modality", "mAb"), ("Phase 9", "Phase 1")]
    lines = ["id,name,company,modality,phase,source"]
    for i, bad in enumerate(bad_cells):
        cells = [pair[0] if n < bad else pair[1] for n, pair in enumerate(values)]
        lines.append(f"hyp-{i},Hyp {i},{','.join(cells)},{SRC}")
    path = write(tmp_path, "hyp.csv", "\n".join(lines) + "\n")
    batch = import_files(location, [path], dry_run=True, skip_bad_rows=True).files[0]
    assert len(batch.skipped_rows) == sum(1 for bad in bad_cells if bad)
    assert len(batch.skipped) == sum(bad_cells)
    assert [len(p) for p in batch.skipped_rows.values()] == [bad for bad in bad_cells if bad]
    assert len(batch.rows) == bad_cells.count(0)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    amount=st.sampled_from(["US$12.5 million", "RMB 22.33 million", "5亿元", "80,000",
                            "HK$1.2 billion", "€5m", ""]),
    date=st.sampled_from(["2024-05-01", "May 1, 2024", "2024/5/1", "2024-05", "2024"]),
    company=st.sampled_from(["akeso", "Akeso", " AKESO "]),
)
def test_a_dry_runs_new_rows_are_what_the_import_stores(
    amount: str, date: str, company: str, reports_db_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The values a dry run shows for a new row are the very values the import writes."""
    folder = tmp_path_factory.mktemp("preview")
    db = folder / "bioterm.db"
    db.write_bytes(reports_db_template.read_bytes())
    location = DbLocation(db, Origin.OPTION)
    path = write(folder, "f.csv", "company,date,kind,amount,source\n"
                 f'{company},"{date}",Series A,"{amount}",{SRC}\n')
    preview = import_files(location, [path], dry_run=True).files[0]
    assert len(preview.inserts) == 1
    import_files(location, [path])
    names = [c for c in RECORDS["funding"].model_fields]
    conn = sqlite3.connect(db)
    try:
        cursor = conn.execute("SELECT * FROM funding WHERE company_id = 'akeso' "
                              "AND kind = 'series_a' AND source_id = ?", (SRC,))
        columns = [d[0] for d in cursor.description]
        stored = [dict(zip(columns, row, strict=True)) for row in cursor]
    finally:
        conn.close()
    shown = dict(zip(columns_of(RECORDS["funding"]), preview.inserts[0], strict=True))
    assert shown["company_id"] == "akeso"
    assert any({n: row.get(n) for n in names if n in shown} ==
               {n: shown[n] for n in names if n in shown} for row in stored), (shown, stored)
