"""`bioterm import | export | template | history | undo` as a user runs them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shlex
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bioterm.models import RECORDS
from bioterm.paths import bundled_db_path
from tests.cli.fault_helpers import dump

Run = Callable[..., Any]
SRC = "akeso-cytiva-flexfactory-2021"
DRUGS = ("id,name,company,modality,phase,source\n"
         f"cli-1,CLI One,Akeso,mAb,Phase 1,{SRC}\n"
         f"cli-2,CLI Two,Cytiva,protein,preclinical,{SRC}\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


# -- import -----------------------------------------------------------------------

def test_import_prints_a_summary_per_file(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "new-drugs.csv", DRUGS)
    ran = bioterm("--db", db, "import", path)
    assert ran.code == 0, ran.both
    assert "new-drugs.csv" in ran.out and "drugs" in ran.out
    assert "Imported (history id 1" in ran.out
    assert ran.err == ""  # no progress bar when not on a terminal


def test_dry_run_lists_changes_with_old_and_new_values(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "d.csv", DRUGS + f"penpulimab,Penpulimab,akeso,mab,approved,{SRC}\n")
    before = db.read_bytes()
    ran = bioterm("--db", db, "import", "--dry-run", path)
    assert ran.code == 0, ran.both
    assert "+ drugs cli-1" in ran.out and "+ drugs cli-2" in ran.out
    assert "~ drugs penpulimab" in ran.out and "phase: filed → approved" in ran.out
    assert "Dry run: nothing was written." in ran.out
    assert db.read_bytes() == before


def test_usage_errors_exit_2(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", DRUGS)
    assert bioterm("--db", db, "import").code == 2
    assert bioterm("--db", db, "import", tmp_path / "missing.csv").code == 2
    ran = bioterm("--db", db, "import", "--table", "pills", path)
    assert ran.code == 2 and "unknown table 'pills'" in ran.err


def test_table_option_overrides_detection(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "id,name\nsrc-x,Only a title\n")
    ran = bioterm("--db", db, "import", "--table", "sources", path)
    assert ran.code == 0, ran.both
    assert count(db, "SELECT count(*) FROM sources WHERE id = 'src-x' "
                     "AND title = 'Only a title'") == 1


def test_skip_bad_rows_lists_what_was_skipped(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", DRUGS + f"cli-3,Three,Nobody,mab,phase_1,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 1
    ran = bioterm("--db", db, "import", "--skip-bad-rows", path)
    assert ran.code == 0, ran.both
    assert f"{path}:4: company: unknown company 'Nobody'" in ran.err
    assert count(db, "SELECT count(*) FROM drugs WHERE id LIKE 'cli-%'") == 2


def test_help_lists_the_accepted_forms(bioterm: Run) -> None:
    ran = bioterm("import", "--help")
    assert ran.code == 0
    for form in ("80,000 L", "RMB 22.33 million", "US$683.2 million", "Sept. 26, 2023",
                 "8000 m²", "Excel serial", "Chinese name or ticker"):
        assert form in ran.out


def test_the_first_write_goes_to_a_user_copy(
    bioterm: Run, env: dict[str, str], tmp_path: Path
) -> None:
    bundled = bundled_db_path().read_bytes()
    user_db = Path(env["XDG_DATA_HOME"]) / "bioterm" / "bioterm.db"
    path = write(tmp_path, "d.csv", DRUGS)
    assert bioterm("import", "--dry-run", path).code == 0
    assert not user_db.exists()
    ran = bioterm("import", path)
    assert ran.code == 0, ran.both
    assert user_db.exists() and str(user_db) in ran.out
    assert bundled_db_path().read_bytes() == bundled
    assert bioterm("db", "path").out.strip() == str(user_db)


def test_bioterm_db_environment_variable(
    bioterm: Run, env: dict[str, str], db: Path, tmp_path: Path
) -> None:
    env["BIOTERM_DB"] = str(db)
    assert bioterm("import", write(tmp_path, "d.csv", DRUGS)).code == 0
    assert count(db, "SELECT count(*) FROM drugs WHERE id LIKE 'cli-%'") == 2


def test_a_large_file_stays_quiet_when_piped(bioterm: Run, db: Path, tmp_path: Path) -> None:
    lines = ["id,name,company_id,modality,phase,source_id"]
    lines += [f"big-{i},Big {i},akeso,mab,phase_1,{SRC}" for i in range(12_000)]
    ran = bioterm("--db", db, "import", write(tmp_path, "big.csv", "\n".join(lines) + "\n"))
    assert ran.code == 0, ran.both
    assert ran.err == ""
    assert "12,000" in ran.out


# -- template ------------------------------------------------------------------------

def _uncommented(template: str) -> str:
    """The template as a user fills it: the example copied below the header."""
    lines = template.splitlines()
    example = next(line for line in lines if line.startswith("# example: "))
    return "\n".join([*lines, example.removeprefix("# example: ")]) + "\n"


@pytest.mark.parametrize("table", list(RECORDS))
def test_templates_explain_each_column_import_nothing_and_their_example_imports(
    table: str, bioterm: Run, db: Path, tmp_path: Path
) -> None:
    ran = bioterm("template", table)
    assert ran.code == 0
    comments = [line for line in ran.out.splitlines() if line.startswith("#")]
    for name in RECORDS[table].model_fields:
        assert any(line.startswith(f"# {name}: ") for line in comments), name
    rows = list(csv.reader(line for line in ran.out.splitlines() if not line.startswith("#")))
    assert rows == [list(RECORDS[table].model_fields)]  # the example row is a comment
    before = dump(db)
    untouched = bioterm("--db", db, "import", write(tmp_path, "untouched.csv", ran.out))
    assert untouched.code == 0, untouched.both
    assert "nothing to import" in untouched.out
    assert dump(db) == before
    # A link table's example names a row of the table it links (a deal): import both.
    linked = [t for t in RECORDS[table].references.values() if t == "deals"]
    files = [write(tmp_path, f"{t}.csv", _uncommented(bioterm("template", t).out))
             for t in linked]
    imported = bioterm("--db", db, "import", "--dry-run", *files,
                       write(tmp_path, "t.csv", _uncommented(ran.out)))
    assert imported.code == 0, imported.both
    assert table in imported.out
    assert "+ " + table in imported.out  # the example row would be inserted


def test_template_of_an_unknown_table_is_a_usage_error(bioterm: Run) -> None:
    ran = bioterm("template", "pills")
    assert ran.code == 2 and "the tables are: sources, companies" in ran.err


def test_template_lists_enum_choices(bioterm: Run) -> None:
    out = bioterm("template", "drugs").out
    assert "# phase: required; one of: preclinical, phase_1," in out
    assert "# company_id: required; a company: its id, English name, Chinese name or ticker" in out


# -- export ------------------------------------------------------------------------------

def test_export_to_stdout_and_back_changes_nothing(bioterm: Run, db: Path, tmp_path: Path) -> None:
    for table in RECORDS:
        ran = bioterm("--db", db, "export", table)
        assert ran.code == 0, ran.both
        path = write(tmp_path, f"{table}.csv", ran.out)
        back = bioterm("--db", db, "import", path)
        assert back.code == 0, back.both
        assert "Nothing changed" in back.out or "no data rows" in back.out, back.out


def test_export_neutralises_formulas(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "id,name,description,kind,source\n"
                 f"eq-co,=1+2,@SUM(A1),biotech,{SRC}\n"
                 f"plus-co,+33 phone,\"-dash\",biotech,{SRC}\n")
    assert bioterm("--db", db, "import", path).code == 0
    out = bioterm("--db", db, "export", "companies").out
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["eq-co"]["name"] == "'=1+2" and rows["eq-co"]["description"] == "'@SUM(A1)"
    assert rows["plus-co"]["name"] == "'+33 phone" and rows["plus-co"]["description"] == "'-dash"
    back = bioterm("--db", db, "import", write(tmp_path, "companies.csv", out))
    assert "Nothing changed" in back.out


def test_export_json_and_files(bioterm: Run, db: Path, tmp_path: Path) -> None:
    ran = bioterm("--db", db, "export", "drugs", "--format", "json")
    drugs = json.loads(ran.out)
    assert {d["id"] for d in drugs} >= {"penpulimab", "cadonilimab"}
    assert bioterm("--db", db, "export", "funding", "-o", tmp_path / "f.json").code == 0
    assert json.loads((tmp_path / "f.json").read_text())[0]["company_id"]
    assert bioterm("--db", db, "export", "funding", "-o", tmp_path / "f.csv").code == 0
    assert (tmp_path / "f.csv").read_text(encoding="utf-8-sig").startswith("company_id,date,")


def test_export_all(bioterm: Run, db: Path, tmp_path: Path) -> None:
    everything = json.loads(bioterm("--db", db, "export", "--all").out)
    assert list(everything) == list(RECORDS)
    ran = bioterm("--db", db, "export", "--all", "-o", tmp_path / "dump")
    assert ran.code == 0
    assert sorted(p.name for p in (tmp_path / "dump").iterdir()) == sorted(
        f"{t}.csv" for t in RECORDS)
    back = bioterm("--db", db, "import", *sorted((tmp_path / "dump").iterdir()))
    assert back.code == 0 and "Nothing changed" in back.out


@pytest.mark.parametrize("args", [
    ["export"], ["export", "drugs", "--all"], ["export", "--all", "--format", "csv"],
    ["export", "drugs", "--format", "xml"],
])
def test_export_usage_errors(args: list[str], bioterm: Run, db: Path) -> None:
    assert bioterm("--db", db, *args).code == 2


def test_export_into_a_closed_pipe_is_quiet(
    env: dict[str, str], db: Path, bioterm_command: list[str]
) -> None:
    shell = f"{shlex.join(bioterm_command)} --db {shlex.quote(str(db))} export --all | head -c 10"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=env)
    assert done.stdout == "{\n  \"sourc"
    assert done.stderr == ""


# -- history and undo ---------------------------------------------------------------------

def test_history_and_undo(bioterm: Run, db: Path, tmp_path: Path) -> None:
    assert bioterm("--db", db, "history").out.strip() == "No imports yet."
    first = write(tmp_path, "first.csv", DRUGS)
    second = write(tmp_path, "second.csv", f"id,name,company_id,modality,phase,source_id\n"
                   f"penpulimab,Penpulimab,akeso,mab,approved,{SRC}\n")
    assert bioterm("--db", db, "import", first).code == 0
    assert bioterm("--db", db, "import", second).code == 0
    history = bioterm("--db", db, "history").out
    assert "first.csv" in history and "second.csv" in history
    assert hashlib.sha256(first.read_bytes()).hexdigest()[:12] in history

    ran = bioterm("--db", db, "undo", "--yes")
    assert ran.code == 0 and "Undid import 2" in ran.out
    assert count(db, "SELECT count(*) FROM drugs WHERE id = 'penpulimab' AND phase = 'filed'") == 1
    again = bioterm("--db", db, "undo", "--yes", "2")
    assert again.code == 1 and "Import 2 was already undone" in again.err
    assert bioterm("--db", db, "undo", "--yes", "1").code == 0
    assert count(db, "SELECT count(*) FROM drugs WHERE id LIKE 'cli-%'") == 0
    nothing = bioterm("--db", db, "undo", "--yes")
    assert nothing.code == 1 and "There is no import to undo" in nothing.err
    assert bioterm("--db", db, "undo", "--yes", "99").code == 1


def test_undo_with_no_user_database_is_refused_without_creating_one(
    bioterm: Run, env: dict[str, str]
) -> None:
    ran = bioterm("undo")
    assert ran.code == 1 and "There is no import to undo" in ran.err
    assert not (Path(env["XDG_DATA_HOME"]) / "bioterm" / "bioterm.db").exists()
