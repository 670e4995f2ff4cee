"""Deals, the drugs they cover and rounds' investors go through every import path."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., Any]

SRC = "akeso-cytiva-flexfactory-2021"
DEALS = (
    "id,licensor,licensee,date,kind,territory,direction,programmes,upfront,milestones,total,"
    "royalty,status,source\n"
    f"cli-deal-2024,Akeso,Cytiva,2024-03-15,License,worldwide outside China,out of China,"
    f"Penpulimab,US$50 million,up to US$400 million,up to US$450 million,tiered,active,{SRC}\n"
)
DEAL_DRUGS = f"deal_id,drug_id,source_id\ncli-deal-2024,Penpulimab,{SRC}\n"
INVESTORS = ("company_id,date,kind,investor_id,lead,source_id\n"
             f"ascentawits,2022,award,Cytiva,yes,{SRC}\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_deal_with_its_terms_and_drugs_imports_converts_and_undoes(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    deals = write(tmp_path, "deals.csv", DEALS)
    links = write(tmp_path, "deal-drugs.csv", DEAL_DRUGS)
    dry = bioterm("--db", db, "import", "--dry-run", deals, links)
    assert dry.code == 0, dry.both
    assert rows(db, "SELECT count(*) FROM deals") == [(0,)]
    done = bioterm("--db", db, "import", deals, links)
    assert done.code == 0, done.both
    assert rows(db, "SELECT licensor_id, licensee_id, kind, direction, upfront, "
                    "upfront_qualifier, milestones, milestones_qualifier, total, "
                    "total_qualifier, currency, upfront_usd, total_usd FROM deals") == [
        ("akeso", "cytiva", "licence", "out_of_china", 50_000_000.0, "exact",
         400_000_000.0, "up_to", 450_000_000.0, "up_to", "USD", 50_000_000.0, 450_000_000.0)]
    assert rows(db, "SELECT deal_id, drug_id FROM deal_drugs") == [("cli-deal-2024",
                                                                    "penpulimab")]
    again = bioterm("--db", db, "import", deals, links)
    assert again.code == 0 and "Nothing changed" in again.out
    assert rows(db, "SELECT count(*) FROM imports") == [(2,)]
    exported = bioterm("--db", db, "export", "deals")
    assert exported.code == 0 and "cli-deal-2024" in exported.out
    back = bioterm("--db", db, "import", write(tmp_path, "deals-export.csv", exported.out))
    assert back.code == 0 and "Nothing changed" in back.out
    assert bioterm("--db", db, "undo", "--yes").code == 0  # the drug links
    assert rows(db, "SELECT count(*) FROM deal_drugs") == [(0,)]
    assert bioterm("--db", db, "undo", "--yes").code == 0  # the deal
    assert rows(db, "SELECT count(*) FROM deals") == [(0,)]


def test_an_unknown_investor_is_named_and_nothing_is_written(
    bioterm: Run, db: Path, tmp_path: Path
) -> None:
    bad = INVESTORS.replace("Cytiva", "Nobody Capital")
    ran = bioterm("--db", db, "import", write(tmp_path, "investors.csv", bad))
    assert ran.code == 1
    assert "unknown company 'Nobody Capital'" in ran.err
    assert rows(db, "SELECT count(*) FROM funding_investors") == [(0,)]


def test_investors_link_by_name_with_a_lead_flag(bioterm: Run, db: Path, tmp_path: Path) -> None:
    ran = bioterm("--db", db, "import", write(tmp_path, "investors.csv", INVESTORS))
    assert ran.code == 0, ran.both
    assert rows(db, "SELECT company_id, investor_id, lead FROM funding_investors") == [
        ("ascentawits", "cytiva", 1)]
    info = bioterm("--db", db, "db", "info")
    assert "funding_investors" in info.out and "deals" in info.out
