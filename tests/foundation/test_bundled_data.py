"""The shipped database: built from the readable sources, and holding both reports' facts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bioterm.paths import bundled_db_path, data_sources_dir
from bioterm.store.build import build

DATA_TABLES = ("sources", "companies", "drugs", "milestones", "sites", "capacity", "funding",
               "partnerships", "fx_rates", "search_terms")
AKESO_SRC = "akeso-cytiva-flexfactory-2021"
ASCENTAWITS_SRC = "shenzhen-daily-ascentawits-2023"


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dump = {}
    for table in DATA_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "id"
                   or table in ("sources", "companies", "drugs", "sites")]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        dump[table] = sorted(rows, key=repr)
    conn.close()
    return dump


@pytest.fixture(scope="module")
def bundled() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{bundled_db_path()}?mode=ro", uri=True)


def test_shipped_database_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    build(data_sources_dir(), fresh)
    shipped, rebuilt = _dump(bundled_db_path()), _dump(fresh)
    for table in DATA_TABLES:
        assert shipped[table] == rebuilt[table], f"{table} differs: run `bioterm db build`"


def test_every_fact_row_names_an_existing_source(bundled: sqlite3.Connection) -> None:
    for table in ("companies", "drugs", "milestones", "sites", "capacity", "funding",
                  "partnerships", "fx_rates"):
        orphans = bundled.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN sources s ON s.id = t.source_id "
            "WHERE s.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, table
    assert bundled.execute("PRAGMA foreign_key_check").fetchall() == []


def _one(conn: sqlite3.Connection, sql: str, *params: object) -> tuple[object, ...]:
    row = conn.execute(sql, params).fetchone()
    assert row is not None, (sql, params)
    return row


def test_the_akeso_report_is_in_the_data(bundled: sqlite3.Connection) -> None:
    c = bundled
    assert _one(c, "SELECT tickers, founded, kind FROM companies WHERE id='akeso'") == (
        "9926.HK", "2012", "biotech")
    assert "Xia Yu" in _one(c, "SELECT key_people FROM companies WHERE id='akeso'")[0]
    assert "Yu Lihua" in _one(c, "SELECT key_people FROM companies WHERE id='cytiva'")[0]
    site = _one(c, "SELECT city, partner_id, technology, investment_amount, investment_qualifier,"
                   " source_id FROM sites WHERE id='akeso-guangzhou-knowledge-city'")
    assert site == ("Guangzhou", "cytiva", "FlexFactory", 2e9, "over", AKESO_SRC)
    points = set(c.execute("SELECT site_id, date, litres, status, qualifier FROM capacity "
                           "WHERE company_id='akeso'"))
    assert {("akeso-guangzhou-knowledge-city", "2021-04-26", 20000.0, "operational", "exact"),
            ("akeso-guangzhou-knowledge-city", "2021-04-26", 60000.0, "planned", "exact"),
            (None, "2021-04-26", 80000.0, "planned", "over")} <= points
    assert set(c.execute("SELECT partner_id, kind, since FROM partnerships "
                         "WHERE company_id='akeso'")) >= {
        ("cytiva", "manufacturing", "2016"), ("cytiva", "manufacturing", "2021-04-26")}
    assert _one(c, "SELECT modality, targets, first_in_class, company_id FROM drugs "
                   "WHERE id='cadonilimab'") == ("bispecific", "PD-1; CTLA-4", 1, "akeso")
    assert _one(c, "SELECT modality, targets FROM drugs WHERE id='penpulimab'") == ("mab", "PD-1")
    assert _one(c, "SELECT date FROM milestones WHERE drug_id='penpulimab' "
                   "AND kind='nda_submitted'") == ("2020",)
    for body in ("guangzhou-municipal-government", "huangpu-district-government", "nmpa", "fda",
                 "ema"):
        assert _one(c, "SELECT kind FROM companies WHERE id=?", body) == ("government",)


def test_the_ascentawits_report_is_in_the_data(bundled: sqlite3.Connection) -> None:
    c = bundled
    assert _one(c, "SELECT founded, hq_city FROM companies WHERE id='ascentawits'") == (
        "2017", "Shenzhen")
    assert "Duan Jianxin" in _one(c, "SELECT key_people FROM companies WHERE id='ascentawits'")[0]
    assert _one(c, "SELECT area_m2, status FROM sites WHERE id='ascentawits-pingshan-rnd'") == (
        1400.0, "operational")
    assert _one(c, "SELECT area_m2, status, since FROM sites "
                   "WHERE id='ascentawits-pingshan-new-site'") == (8000.0, "planned", "2023")
    cities = {r[0] for r in c.execute("SELECT city FROM sites WHERE company_id='ascentawits'")}
    assert {"Beijing", "San Francisco Bay Area", "Shenzhen"} <= cities
    funding = set(c.execute("SELECT company_id, date, kind, amount, currency, qualifier "
                            "FROM funding WHERE source_id=?", (ASCENTAWITS_SRC,)))
    assert funding == {
        ("ascentawits", "2022", "award", 22_330_000.0, "CNY", "exact"),
        ("ascentawits", "2022", "subsidy", 50_000_000.0, "CNY", "nearly"),
        ("shenzhen-biomedicine-industry-fund", "2023-09-26", "government_fund", 5e9, "CNY",
         "exact"),
    }
    drug = _one(c, "SELECT modality, phase, first_in_class, regions FROM drugs "
                   "WHERE company_id='ascentawits'")
    assert drug == ("smdc", "phase_2", 1, "China; United States")
    partners = {r[0] for r in c.execute("SELECT partner_id FROM partnerships "
                                        "WHERE company_id='ascentawits' AND kind='research'")}
    assert partners == {"university-of-oxford", "university-of-cologne",
                        "southern-university-of-science-and-technology", "shenzhen-bay-laboratory",
                        "shenzhen-university", "shenzhen-polytechnic-university"}
    assert _one(c, "SELECT publisher, author, date FROM sources WHERE id=?", ASCENTAWITS_SRC) == (
        "Shenzhen Daily", "Cao Zhen", "2023-10-26")
