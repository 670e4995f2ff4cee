"""Opening database files safely: read-only where we must not write, clear errors."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from bioterm.paths import DbLocation, bundled_db_path
from bioterm.store import schema, summary


class StoreError(Exception):
    """A problem with the database file, worded for the person at the terminal."""


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    return uri + "&immutable=1" if immutable else uri


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA temp_store = MEMORY")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"There is no database at {path}.")
    if not path.is_file():
        raise StoreError(f"{path} is not a file, so it cannot be a bioterm database.")


def _check_bioterm(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        is_ours = schema.is_bioterm(conn)
        found = schema.version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a readable SQLite database ({exc}); it was not modified."
        ) from None
    if not is_ours:
        raise StoreError(
            f"{path} is a SQLite file but not a bioterm database; it was not modified."
        )
    if found > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer bioterm (schema {found}, this one knows "
            f"{schema.SCHEMA_VERSION}); upgrade bioterm to open it."
        )


def connect_read(location: DbLocation) -> sqlite3.Connection:
    """A connection for reading; migrates an older writable file first."""
    path = location.path
    _check_file(path)
    try:
        conn = sqlite3.connect(
            _uri(path, "ro", immutable=location.is_bundled), uri=True, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened: {exc}.") from None
    _check_bioterm(conn, path)
    if schema.needs_migration(conn) and not location.is_bundled:
        conn.close()
        connect_write(location).close()
        return connect_read(location)
    _configure(conn)
    return conn


def connect_write(location: DbLocation) -> sqlite3.Connection:
    """A connection for writing, creating the file from the bundled database if needed."""
    path = location.path
    if location.is_bundled or path.resolve() == bundled_db_path().resolve():
        raise StoreError("The bundled database is never written; writes go to a user copy.")
    if not path.exists():
        copy_bundled_to(path)
    _check_file(path)
    try:
        conn = sqlite3.connect(_uri(path, "rw"), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened for writing: {exc}.") from None
    _check_bioterm(conn, path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        if schema.needs_migration(conn):
            schema.migrate(conn)
        # A file from before the summary tables gets them, filled, once.
        summary.ensure(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{path} cannot be written: {exc}.") from None
    _configure(conn)
    return conn


def copy_bundled_to(path: Path) -> None:
    """Copy the bundled database to `path` through a temporary file, so no half copy exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    shutil.copyfile(bundled_db_path(), partial)
    partial.replace(path)


def create_empty(path: Path) -> sqlite3.Connection:
    """A brand-new database with the current schema (used by build and generate)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    schema.create(conn)
    conn.commit()
    return conn
