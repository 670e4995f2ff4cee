"""The database schema, its version, and the migrations that bring old files forward."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from bioterm.store import migrations
from bioterm.stored import ROWS

DATA_TABLES = tuple(ROWS)
"""The tables of records, in dependency order (declared in bioterm/stored.py and created
from those declarations by store/tables.py)."""

SCHEMA_VERSION = 3
APPLICATION_ID = 0x62696F74  # "biot": marks a file as a bioterm database

TABLES_DDL = """
CREATE TABLE IF NOT EXISTS user_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    file TEXT NOT NULL,
    checksum TEXT NOT NULL,
    tables TEXT NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    undone_at TEXT
);
CREATE TABLE IF NOT EXISTS import_changes (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    seq INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    PRIMARY KEY (import_id, seq)
);
CREATE TABLE IF NOT EXISTS search_terms (
    term TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    kind UNINDEXED, ref UNINDEXED, name, name_zh, pinyin, extra,
    tokenize = 'trigram'
);
"""
"""The tables besides the records': what the last launch saw (user_state), the import
log, the search index (an FTS5 table, which sqlite-utils creates only over a content
table) and, below, the summaries (WITHOUT ROWID, which sqlite-utils does not write)."""

SUMMARY_DDL = """
CREATE TABLE IF NOT EXISTS summary_company (
    company_id TEXT NOT NULL,
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    usd REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, dim, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summary_total (
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    usd REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summary_capacity_company (
    company_id TEXT NOT NULL,
    series TEXT NOT NULL,
    date TEXT NOT NULL,
    delta REAL NOT NULL,
    PRIMARY KEY (company_id, series, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summary_capacity (
    series TEXT NOT NULL,
    date TEXT NOT NULL,
    delta REAL NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (series, date)
) WITHOUT ROWID;
"""
"""Overview figures per company and in total, kept current by the store (summary.py).

Additive, so they need no schema version of their own: a file that predates
them gets them (filled) on its first writable open, and reads fall back to
live queries until then.
"""
INVESTOR_SUMMARY_DDL = """
CREATE TABLE IF NOT EXISTS summary_investor (
    investor_id TEXT PRIMARY KEY,
    rounds INTEGER NOT NULL,
    led INTEGER NOT NULL,
    size_usd REAL,
    first TEXT NOT NULL,
    last TEXT NOT NULL
) WITHOUT ROWID;
"""
"""Each investor's rounds, for the Investors list (investor_summary.py)."""
SUMMARY_DDL += INVESTOR_SUMMARY_DDL
TABLES_DDL += SUMMARY_DDL

INDEXES_DDL = """
CREATE INDEX IF NOT EXISTS companies_name ON companies(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS companies_name_id ON companies(name COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS companies_name_zh ON companies(name_zh);
CREATE INDEX IF NOT EXISTS companies_kind ON companies(kind, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS companies_country ON companies(hq_country);
CREATE INDEX IF NOT EXISTS drugs_name ON drugs(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS drugs_company ON drugs(company_id);
CREATE INDEX IF NOT EXISTS drugs_phase ON drugs(phase_rank, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS drugs_modality ON drugs(modality, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS milestones_drug ON milestones(drug_id, date);
CREATE INDEX IF NOT EXISTS milestones_date ON milestones(date);
CREATE INDEX IF NOT EXISTS milestones_key ON milestones(drug_id, kind, date, region);
CREATE INDEX IF NOT EXISTS sites_name ON sites(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS sites_company ON sites(company_id);
CREATE INDEX IF NOT EXISTS sites_status ON sites(status, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS sites_country ON sites(country);
CREATE INDEX IF NOT EXISTS capacity_site ON capacity(site_id, date);
CREATE INDEX IF NOT EXISTS capacity_company ON capacity(company_id, date);
CREATE INDEX IF NOT EXISTS capacity_date ON capacity(date);
CREATE INDEX IF NOT EXISTS funding_company ON funding(company_id, date);
CREATE INDEX IF NOT EXISTS funding_date ON funding(date);
CREATE INDEX IF NOT EXISTS funding_kind ON funding(kind, date);
CREATE INDEX IF NOT EXISTS funding_usd ON funding(amount_usd);
CREATE INDEX IF NOT EXISTS search_terms_term ON search_terms(term, kind, ref);
CREATE INDEX IF NOT EXISTS search_terms_ref ON search_terms(kind, ref, term);
CREATE INDEX IF NOT EXISTS partnerships_company ON partnerships(company_id);
CREATE INDEX IF NOT EXISTS partnerships_partner ON partnerships(partner_id);
CREATE INDEX IF NOT EXISTS partnerships_since ON partnerships(since);
CREATE INDEX IF NOT EXISTS companies_sort_kind ON companies(kind);
CREATE INDEX IF NOT EXISTS companies_sort_tickers ON companies(tickers);
CREATE INDEX IF NOT EXISTS companies_sort_city ON companies(hq_city);
CREATE INDEX IF NOT EXISTS companies_sort_founded ON companies(founded);
CREATE INDEX IF NOT EXISTS drugs_sort_modality ON drugs(modality);
CREATE INDEX IF NOT EXISTS drugs_sort_targets ON drugs(targets);
CREATE INDEX IF NOT EXISTS drugs_sort_phase ON drugs(phase_rank);
CREATE INDEX IF NOT EXISTS drugs_sort_fic ON drugs(first_in_class);
CREATE INDEX IF NOT EXISTS drugs_facet_phase ON drugs(phase);
CREATE INDEX IF NOT EXISTS sites_sort_kind ON sites(kind);
CREATE INDEX IF NOT EXISTS sites_sort_status ON sites(status);
CREATE INDEX IF NOT EXISTS sites_sort_city ON sites(city);
CREATE INDEX IF NOT EXISTS sites_sort_area ON sites(area_m2);
CREATE INDEX IF NOT EXISTS funding_sort_company ON funding(company_id);
CREATE INDEX IF NOT EXISTS funding_sort_kind ON funding(kind);
CREATE INDEX IF NOT EXISTS funding_sort_amount ON funding(amount);
CREATE INDEX IF NOT EXISTS funding_sort_currency ON funding(currency);
CREATE INDEX IF NOT EXISTS drugs_sort_indications ON drugs(indications);
CREATE INDEX IF NOT EXISTS funding_sort_investors ON funding(investors);
CREATE INDEX IF NOT EXISTS deals_sort_programmes ON deals(programmes);
CREATE INDEX IF NOT EXISTS capacity_kind ON capacity(kind, company_id);
CREATE INDEX IF NOT EXISTS funding_investors_round ON funding_investors(company_id, date, kind);
CREATE INDEX IF NOT EXISTS funding_investors_investor ON funding_investors(investor_id);
CREATE INDEX IF NOT EXISTS funding_investors_portfolio ON funding_investors(investor_id, date);
CREATE INDEX IF NOT EXISTS deals_licensor ON deals(licensor_id);
CREATE INDEX IF NOT EXISTS deals_licensee ON deals(licensee_id);
CREATE INDEX IF NOT EXISTS deals_date ON deals(date);
CREATE INDEX IF NOT EXISTS deals_kind ON deals(kind, date);
CREATE INDEX IF NOT EXISTS deals_direction ON deals(direction, date);
CREATE INDEX IF NOT EXISTS deals_upfront ON deals(upfront_usd);
CREATE INDEX IF NOT EXISTS deals_total ON deals(total_usd);
CREATE INDEX IF NOT EXISTS deals_sort_territory ON deals(territory);
CREATE INDEX IF NOT EXISTS deals_sort_status ON deals(status);
CREATE INDEX IF NOT EXISTS deals_sort_kind ON deals(kind);
CREATE INDEX IF NOT EXISTS deals_sort_direction ON deals(direction);
CREATE INDEX IF NOT EXISTS deal_drugs_deal ON deal_drugs(deal_id, drug_id);
CREATE INDEX IF NOT EXISTS deal_drugs_drug ON deal_drugs(drug_id);
"""
INVESTOR_SUMMARY_INDEXES = """
CREATE INDEX IF NOT EXISTS summary_investor_rounds ON summary_investor(rounds);
CREATE INDEX IF NOT EXISTS summary_investor_led ON summary_investor(led);
CREATE INDEX IF NOT EXISTS summary_investor_size ON summary_investor(size_usd);
CREATE INDEX IF NOT EXISTS summary_investor_first ON summary_investor(first);
CREATE INDEX IF NOT EXISTS summary_investor_last ON summary_investor(last);
"""
INDEXES_DDL += INVESTOR_SUMMARY_INDEXES
"""Every sortable list column has a single-column index, so a window of any sort
order is an index walk (ties follow the rowid the index already holds) and
search_terms(kind, ref, term) covers the per-row check of a dense text filter.
companies_name_id serves the Investors list by name (listing.SPECS["investors"])."""

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: dict[int, Migration] = {2: migrations.to_version_2, 3: migrations.to_version_3}
"""Version N -> the step that turns a version N-1 file into version N.

Version 1 is the first released schema; each later step is additive (new
tables, columns with defaults), so an older user database loses nothing.
"""


def create_tables(conn: sqlite3.Connection, *, if_not_exists: bool = False) -> None:
    """Every table: the records' from their declarations, then the rest (joins an open
    transaction, so a migration can call it)."""
    from bioterm.store import tables  # sqlite-utils: building and migrating only

    tables.create(conn, if_not_exists=if_not_exists)
    run_script(conn, TABLES_DDL)


def create(conn: sqlite3.Connection) -> None:
    create_tables(conn)
    run_script(conn, INDEXES_DDL)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def is_bioterm(conn: sqlite3.Connection) -> bool:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    return app_id == APPLICATION_ID


def needs_migration(conn: sqlite3.Connection) -> bool:
    return version(conn) < SCHEMA_VERSION


def statements(script: str) -> list[str]:
    """The complete SQL statements of a script, one by one.

    `executescript` would commit any open transaction before it runs, so a
    script that must share a transaction is run statement by statement.
    """
    out: list[str] = []
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    return out


def run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in statements(script):
        conn.execute(statement)


_INDEX_NAME = re.compile(r"CREATE INDEX IF NOT EXISTS (\w+) ON")


def add_missing_indexes(conn: sqlite3.Connection) -> list[str]:
    """Build the indexes of INDEXES_DDL a file lacks (added by a later bioterm than
    the one that made it): no schema version, as reads do without them. Returns
    their names."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [(m.group(1), statement) for statement in statements(INDEXES_DDL)
               if (m := _INDEX_NAME.match(statement)) and m.group(1) not in present]
    if missing:
        with conn:
            for _, statement in missing:
                conn.execute(statement)
    return [name for name, _ in missing]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION in one transaction; returns the old version.

    Any failure rolls the whole migration back: the file stays as it was.
    """
    old = version(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for target in range(old + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[target](conn)
        run_script(conn, INDEXES_DDL)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return old
