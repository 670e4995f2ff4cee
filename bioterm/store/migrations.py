"""The steps that bring an older database forward, one per schema version.

Each is additive (new tables, columns with defaults), so an older user
database loses nothing; `schema.migrate` runs them in one transaction.
"""

from __future__ import annotations

import json
import sqlite3

from bioterm import paths
from bioterm.store import schema


def to_version_2(conn: sqlite3.Connection) -> None:
    """Deals, investors as records, capacity kinds, registration classes.

    Additive: two columns with defaults and three new tables. A capacity
    point's kind joins its natural key, so the undo log's keys and
    before-images of capacity rows gain the kind the row now has.
    """
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["milestones"].add_column("classification", str)  # type: ignore[union-attr]
    db["capacity"].add_column(  # type: ignore[union-attr]
        "kind", str, not_null_default="biologics_bioreactor")
    schema.create_tables(conn, if_not_exists=True)  # the new tables; the rest are kept
    _label_known_capacity_kinds(conn)
    rows = conn.execute(
        "SELECT rowid, row_key, before FROM import_changes WHERE table_name = 'capacity'"
    ).fetchall()
    for rowid, row_key, before in rows:
        old_key = json.loads(row_key)
        found = conn.execute(
            "SELECT kind FROM capacity WHERE company_id IS ? AND site_id IS ? AND date IS ? "
            "AND status IS ?", old_key).fetchone()
        kind = found[0] if found else "biologics_bioreactor"
        old = json.loads(before) if before else None
        if old is not None:
            old.setdefault("kind", kind)
        conn.execute(
            "UPDATE import_changes SET row_key = ?, before = ? WHERE rowid = ?",
            (json.dumps([*old_key, kind], ensure_ascii=False),
             None if old is None else json.dumps(old, ensure_ascii=False), rowid),
        )
    # Capacity figures are now kept per kind: the overview's summaries are rebuilt
    # on the next write, and read live until then.
    conn.execute("DELETE FROM summary_total WHERE dim = 'meta'")


def to_version_3(conn: sqlite3.Connection) -> None:
    """The user's own watchlist and notes, and what the last launch saw: new tables,
    nothing else changes."""
    schema.create_tables(conn, if_not_exists=True)


def _label_known_capacity_kinds(conn: sqlite3.Connection) -> None:
    """Points the bundled database knows to measure something other than bioreactors.

    A user database began as a copy of the bundled one: its points that match
    a bundled point (same company, site, date, status and litres) take that
    point's kind, so chemical reactor volume copied before kinds existed is
    not left counted as bioreactor volume.
    """
    bundled = paths.bundled_db_path()
    if not bundled.exists():
        return
    source = sqlite3.connect(f"{bundled.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        known = source.execute(
            "SELECT company_id, site_id, date, status, litres, kind FROM capacity "
            "WHERE kind != 'biologics_bioreactor'").fetchall()
    finally:
        source.close()
    conn.executemany(
        "UPDATE capacity SET kind = ?6 WHERE company_id IS ?1 AND site_id IS ?2 "
        "AND date IS ?3 AND status IS ?4 AND litres = ?5", known)
