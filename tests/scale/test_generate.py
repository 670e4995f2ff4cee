"""The generator: counts, determinism, sources, derived columns, the search index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bioterm.currency import to_usd
from bioterm.enums import CompanyKind, DealDirection, DealKind, DealStatus, Phase, Qualifier
from bioterm.models import RECORDS
from bioterm.parsing.dates import year_of
from bioterm.store import quality, search
from bioterm.store.usd import refresh_deals
from bioterm.synthetic.generate import generate, planned_counts
from bioterm.synthetic.vocabulary import PUBLISHER

SCALE, SEED = 0.001, 3
"""As in conftest.py's generated_db."""
FACT_TABLES = ("companies", "drugs", "milestones", "sites", "capacity", "funding",
               "partnerships", "fx_rates", "funding_investors", "deals", "deal_drugs")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
           for t in (*RECORDS, "search_terms", "summary_total")}
    conn.close()
    return out


def test_counts_follow_the_scale(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    planned = planned_counts(SCALE)
    for table, expected in planned.items():
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected, table
    milestones = conn.execute("SELECT count(*) FROM milestones").fetchone()[0]
    assert 0.5 * planned["drugs"] < milestones < 2 * planned["drugs"]
    links = conn.execute("SELECT count(*) FROM funding_investors").fetchone()[0]
    assert 2.5 * planned["funding"] < links < 3.5 * planned["funding"]  # 1.5 M at scale 1
    deal_drugs = conn.execute("SELECT count(*) FROM deal_drugs").fetchone()[0]
    assert 0.5 * planned["deals"] < deal_drugs <= planned["deals"]


def test_deals_and_investor_links_are_plausible(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    for column, vocabulary in (("kind", DealKind), ("direction", DealDirection),
                               ("status", DealStatus)):
        found = {r[0] for r in conn.execute(f"SELECT DISTINCT {column} FROM deals")}
        assert found - {None} <= {v.value for v in vocabulary}, column
        assert len(found - {None}) >= 3, column
    qualifiers = {r[0] for r in conn.execute(
        "SELECT upfront_qualifier FROM deals UNION SELECT total_qualifier FROM deals")}
    assert qualifiers <= {q.value for q in Qualifier}
    assert conn.execute("SELECT count(*) FROM deals WHERE licensor_id = licensee_id"
                        ).fetchone()[0] == 0
    # A deal's drug is its licensor's; the direction follows the parties' countries.
    assert conn.execute(
        "SELECT count(*) FROM deal_drugs x JOIN deals d ON d.id = x.deal_id "
        "JOIN drugs g ON g.id = x.drug_id WHERE g.company_id != d.licensor_id").fetchone()[0] == 0
    for direction, licensor_china, licensee_china in conn.execute(
        "SELECT d.direction, a.hq_country = 'China', b.hq_country = 'China' FROM deals d "
        "JOIN companies a ON a.id = d.licensor_id JOIN companies b ON b.id = d.licensee_id"
    ):
        expected = {(1, 1): "domestic", (1, 0): "out_of_china", (0, 1): "into_china",
                    (0, 0): "other"}[(licensor_china, licensee_china)]
        assert direction == expected
    assert conn.execute("SELECT count(*) FROM deals WHERE total IS NOT NULL "
                        "AND currency IS NULL").fetchone()[0] == 0
    # Investors are investor organisations (or, for public money, government bodies).
    kinds = {r[0] for r in conn.execute(
        "SELECT DISTINCT c.kind FROM funding_investors i JOIN companies c "
        "ON c.id = i.investor_id")}
    assert kinds <= {CompanyKind.INVESTOR.value, CompanyKind.GOVERNMENT.value}
    leads = conn.execute("SELECT max(n), sum(n) FROM (SELECT sum(lead) AS n "
                         "FROM funding_investors GROUP BY company_id, date, kind)").fetchone()
    assert leads[0] == 1 and leads[1] > 0
    assert quality.rounds_of_investor_links(conn) == []


def test_db_check_is_clean(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert quality.quality_issues(conn) == []


def test_same_seed_same_database_and_no_partial_file_left(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    counts = generate(a, scale=0.0005, seed=11)
    generate(b, scale=0.0005, seed=11)
    assert _dump(a) == _dump(b)
    assert counts["drugs"] == 500
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "b.db"]
    generate(b, scale=0.0005, seed=12)
    assert _dump(a)["drugs"] != _dump(b)["drugs"]


def test_every_fact_cites_a_synthetic_source_and_keys_hold(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {r[0] for r in conn.execute("SELECT DISTINCT publisher FROM sources")} == {PUBLISHER}
    for table in FACT_TABLES:
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} WHERE source_id NOT IN (SELECT id FROM sources)"
        ).fetchone()[0]
        assert orphans == 0, table
    for table in RECORDS:
        model = RECORDS[table]
        keys = ", ".join(f"ifnull({k}, '')" for k in model.natural_key)
        dupes = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {keys} HAVING count(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0, table


def test_plausible_shapes(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    phases = dict(conn.execute("SELECT phase, count(*) FROM drugs GROUP BY phase"))
    assert max(phases, key=phases.__getitem__) == "preclinical"
    assert len(phases) >= 8
    assert len(dict(conn.execute("SELECT modality, count(*) FROM drugs GROUP BY modality"))) >= 10
    kinds = {r[0] for r in conn.execute("SELECT DISTINCT kind FROM funding")}
    assert {"series_a", "grant"} <= kinds
    steps = {r[0] for r in conn.execute("SELECT DISTINCT status FROM capacity")}
    assert steps == {"planned", "under_construction", "operational"}
    zh = conn.execute("SELECT count(*) FROM companies WHERE name_zh IS NOT NULL").fetchone()[0]
    assert zh > 0


def test_derived_columns_are_what_the_store_would_write(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    ranks = {p.value: p.rank for p in Phase}
    for phase, rank in conn.execute("SELECT DISTINCT phase, phase_rank FROM drugs"):
        assert ranks[phase] == rank
    rates = {(c, int(y)): u for c, y, u in conn.execute("SELECT currency, year, usd FROM fx_rates")}
    for amount, currency, date, usd in conn.execute(
        "SELECT amount, currency, date, amount_usd FROM funding"
    ):
        expected = to_usd(amount, currency, year_of(date), rates)
        assert (usd is None) == (expected is None)
        if usd is not None:
            assert abs(usd - expected) < 1e-6 * max(1.0, expected)


def test_deal_usd_is_what_the_store_computes(generated_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "refreshed.db"
    shutil.copyfile(generated_db, copy)
    conn = sqlite3.connect(copy)
    select = "SELECT id, upfront_usd, total_usd FROM deals ORDER BY id"
    before = conn.execute(select).fetchall()
    assert sum(r[2] is not None for r in before) > len(before) / 2
    refresh_deals(conn, None)
    assert conn.execute(select).fetchall() == before


def test_search_rows_equal_what_the_store_indexes(generated_db: Path, tmp_path: Path) -> None:
    """Same terms and FTS rows as search.reindex, pypinyin included."""
    copy = tmp_path / "reindexed.db"
    shutil.copyfile(generated_db, copy)
    conn = sqlite3.connect(copy)
    before_terms = set(conn.execute("SELECT term, kind, ref FROM search_terms"))
    before_index = set(conn.execute("SELECT kind, ref, name, name_zh, pinyin, extra "
                                    "FROM search_index"))
    for kind in ("company", "drug", "site", "deal"):
        search.reindex(conn, kind)
    assert set(conn.execute("SELECT term, kind, ref FROM search_terms")) == before_terms
    assert set(conn.execute("SELECT kind, ref, name, name_zh, pinyin, extra "
                            "FROM search_index")) == before_index


def test_seed_is_recorded_in_the_sources(generated_db: Path) -> None:
    conn = sqlite3.connect(generated_db)
    note = conn.execute("SELECT note FROM sources LIMIT 1").fetchone()[0]
    assert f"seed {SEED}" in note and "not real data" in note
