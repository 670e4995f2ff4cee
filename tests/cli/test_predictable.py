"""The command line does what it says: undo asks first, dry runs show values,
--skip-bad-rows counts rows (issue 15, item 10)."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

from tests.cli.conftest import Ran, command
from tests.cli.fault_helpers import SRC, Run, dump

DRUGS = ("id,name,company,modality,phase,source\n"
         f"cli-1,CLI One,Akeso,mAb,Phase 1,{SRC}\n"
         f"cli-2,CLI Two,Cytiva,protein,preclinical,{SRC}\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def on_terminal(env: dict[str, str], *args: str | Path, answer: str) -> Ran:
    """Run bioterm with a terminal as standard input, typing `answer` into it."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode())
        done = subprocess.run(
            [*command(), *map(str, args)], stdin=follower, capture_output=True, text=True,
            env=env, timeout=120, encoding="utf-8",
        )
    finally:
        os.close(follower)
        os.close(leader)
    return Ran(done.returncode, done.stdout, done.stderr)


def imported(bioterm: Run, db: Path, tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    ran = bioterm("--db", db, "import", write(tmp_path, "drugs.csv", DRUGS))
    assert ran.code == 0, ran.both
    return dump(db)


# -- undo -----------------------------------------------------------------------------

def test_undo_without_a_terminal_needs_yes_and_undoes_nothing(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    after = imported(bioterm, db, tmp_path)
    for args in (["undo"], ["undo", "1"]):
        ran = bioterm("--db", db, *args)
        assert ran.code == 2, ran.both
        assert "not a terminal" in ran.err and "--yes" in ran.err
        assert len([s for s in ran.err.split(". ") if s.strip()]) == 1  # one sentence
        assert "Traceback" not in ran.both
        assert dump(db) == after
    done = bioterm("--db", db, "undo", "--yes")
    assert done.code == 0 and "Undid import 1" in done.out, done.both


def test_undo_says_what_it_will_revert(bioterm: Run, db: Path, tmp_path: Path) -> None:
    imported(bioterm, db, tmp_path)
    ran = bioterm("--db", db, "undo", "--yes")
    assert ran.code == 0, ran.both
    said = ran.out.replace("\n", " ")
    assert "Import 1 (" in said and "drugs.csv" in said and "drugs" in said
    assert "removes 2 inserted row(s)" in said and "restores 0 updated row(s)" in said


def test_undo_on_a_terminal_asks_and_a_no_undoes_nothing(
    bioterm: Run, env: dict[str, str], db: Path, tmp_path: Path
) -> None:
    after = imported(bioterm, db, tmp_path)
    refused = on_terminal(env, "--db", db, "undo", answer="n\n")
    assert refused.code == 0, refused.both
    assert "Undo it?" in refused.out and "Nothing was undone." in refused.out
    assert dump(db) == after
    empty = on_terminal(env, "--db", db, "undo", answer="\n")  # the default is no
    assert empty.code == 0 and "Nothing was undone." in empty.out, empty.both
    assert dump(db) == after
    agreed = on_terminal(env, "--db", db, "undo", answer="y\n")
    assert agreed.code == 0 and "Undid import 1" in agreed.out, agreed.both
    assert dump(db) != after


def test_yes_skips_the_question_on_a_terminal(
    bioterm: Run, env: dict[str, str], db: Path, tmp_path: Path
) -> None:
    imported(bioterm, db, tmp_path)
    ran = on_terminal(env, "--db", db, "undo", "--yes", answer="")
    assert ran.code == 0 and "Undid import 1" in ran.out, ran.both
    assert "Undo it?" not in ran.out


def test_an_undo_that_cannot_be_done_says_why_before_asking(bioterm: Run, db: Path) -> None:
    ran = bioterm("--db", db, "undo")
    assert ran.code == 1 and "There is no import to undo" in ran.err, ran.both


# -- --skip-bad-rows --------------------------------------------------------------------

def test_skip_bad_rows_counts_rows_not_problems(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", DRUGS
                 + "cli-3,Three,Nobody,no-such-modality,Phase 9,no-such-source\n"
                 + f"cli-4,Four,Nobody,mAb,Phase 1,{SRC}\n")
    ran = bioterm("--db", db, "import", "--skip-bad-rows", path)
    assert ran.code == 0, ran.both
    assert f"2 rows skipped in {path}:" in ran.err
    assert "2 rows skipped (--skip-bad-rows)" in ran.out
    # Every problem of each skipped row is listed: four on line 4, one on line 5.
    assert len([line for line in ran.err.splitlines() if line.startswith(f"{path}:4: ")]) == 4
    assert f"{path}:5: company: unknown company 'Nobody'" in ran.err
    skipped_column = [line.split()[-1] for line in ran.out.splitlines() if "d.csv" in line]
    assert skipped_column == ["2"], ran.out
    kept = {row[0] for row in dump(db)["drugs"]}
    assert {"cli-1", "cli-2"} <= kept and not {"cli-3", "cli-4"} & kept


def test_a_long_list_of_skipped_rows_is_cut_by_rows(bioterm: Run, db: Path, tmp_path: Path) -> None:
    bad = "".join(f"cli-b{i},B{i},Nobody,no-such-modality,Phase 1,{SRC}\n" for i in range(60))
    path = write(tmp_path, "d.csv", DRUGS + bad)
    ran = bioterm("--db", db, "import", "--skip-bad-rows", path)
    assert ran.code == 0, ran.both
    assert "60 rows skipped in" in ran.err
    assert "… and 10 more skipped rows." in ran.err
    # Both problems of each of the 50 rows shown.
    assert len([line for line in ran.err.splitlines() if line.startswith(f"{path}:")]) == 100


# -- --dry-run ----------------------------------------------------------------------------

FUNDING = ("company,date,kind,amount,source\n"
           f'Akeso,"May 1, 2024",Series A,US$12.5 million,{SRC}\n')


def test_dry_run_shows_new_rows_as_they_would_be_stored(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    before = dump(db)
    ran = bioterm("--db", db, "import", "--dry-run", write(tmp_path, "f.csv", FUNDING))
    assert ran.code == 0, ran.both
    lines = [line.strip() for line in ran.out.splitlines()]
    assert "+ funding akeso · 2024-05-01 · series_a" in lines
    for shown in ("company_id: akeso", "date: 2024-05-01", "kind: series_a",
                  "amount: 12500000.0", "currency: USD", f"source_id: {SRC}"):
        assert shown in lines, ran.out
    assert dump(db) == before


def test_dry_run_shows_each_update_before_and_after(bioterm: Run, db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", FUNDING)
    assert bioterm("--db", db, "import", path).code == 0
    changed = write(tmp_path, "g.csv", FUNDING.replace("US$12.5 million", "RMB 90 million"))
    before = dump(db)
    ran = bioterm("--db", db, "import", "--dry-run", changed)
    assert ran.code == 0, ran.both
    lines = [line.strip() for line in ran.out.splitlines()]
    assert "~ funding akeso · 2024-05-01 · series_a" in lines
    assert "amount: 12500000.0 → 90000000.0" in lines and "currency: USD → CNY" in lines
    assert not any(line.startswith("kind:") for line in lines)  # only what changes
    assert dump(db) == before


def test_a_big_dry_run_lists_the_first_fifty(bioterm: Run, db: Path, tmp_path: Path) -> None:
    rows = "".join(f"cli-{i},CLI {i},Akeso,mAb,Phase 1,{SRC}\n" for i in range(120))
    path = write(tmp_path, "d.csv", "id,name,company,modality,phase,source\n" + rows)
    ran = bioterm("--db", db, "import", "--dry-run", path)
    assert ran.code == 0, ran.both
    assert len([line for line in ran.out.splitlines() if line.startswith("+ drugs ")]) == 50
    assert f"… and 70 more changed rows in {path}" in ran.out.replace("\n", "")


def test_the_help_says_what_the_commands_do(bioterm: Run) -> None:
    template = bioterm("template", "--help").out.replace("\n", " ")
    assert "commented out" in template and "adds nothing" in " ".join(template.split())
    undo = " ".join(bioterm("undo", "--help").out.split())
    assert "--yes" in undo and "asks first" in undo
    skip = " ".join(bioterm("import", "--help").out.split())
    assert "count the rows left out" in skip and "untouched `bioterm template`" in skip
