"""Opening database files safely: read-only where we must not write, clear errors."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from bioterm.paths import DbLocation, bundled_db_path
from bioterm.store import schema, search, summary
from bioterm.store.company_terms import TermsConnection


class StoreError(Exception):
    """A problem with the database file, worded for the person at the terminal."""


class DatabaseLocked(StoreError):
    """Another program holds a lock on the database; trying again later may work."""


BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for another program's lock (the dashboard waits less)."""
# An import keeps changing the same index pages until it commits, so a writer
# holds them. A reader's pages stay in the OS's file cache anyway: at scale 1
# a 32 MB cache per reader pushed the dashboard's peak past its 150 MB target
# (design.md) for no keystroke measurably faster (benchmarks/README.md).
WRITE_CACHE_KIB = 32000
READ_CACHE_KIB = 8000


def is_locked(error: BaseException) -> bool:
    """Whether a SQLite error means another connection holds a lock (worth a retry)."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    return "locked" in text or "busy" in text


def sqlite_cause(error: BaseException | None) -> sqlite3.Error | None:
    """The SQLite error behind `error` (itself, its cause or context, a worker's error)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, sqlite3.Error):
            return error
        inner = getattr(error, "error", None)  # textual's WorkerFailed
        error = inner if isinstance(inner, BaseException) else (
            error.__cause__ or error.__context__)
    return None


def locked_message(path: Path) -> str:
    return (f"{path} is locked by another program that is writing to it; "
            "try again when it has finished.")


def damaged_message(path: Path, error: BaseException) -> str:
    """One sentence for a SQLite error on the database at `path`, naming its cause."""
    if is_locked(error):
        return locked_message(path)
    text = str(error)
    folded = text.lower().replace(" ", "")
    if "readonly" in folded:
        return (f"{path} is read-only (the file or its folder cannot be written), so it "
                "cannot be changed; nothing was changed.")
    if "diskisfull" in folded:
        return f"the disk holding {path} is full; nothing was changed."
    if "unabletoopen" in folded:
        return f"{path} cannot be opened ({text}); nothing was changed."
    if "diski/oerror" in folded:
        return f"{path} could not be read or written (disk I/O error); nothing was changed."
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return f"{path}: the change was refused ({text}); nothing was changed."
    return (f"{path} is damaged ({text}): bioterm cannot read it and did not modify it; "
            "restore it from a backup.")


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    return uri + "&immutable=1" if immutable else uri


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
               cache_kib: int = WRITE_CACHE_KIB) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    conn.execute("PRAGMA temp_store = MEMORY")


def _check_link(path: Path) -> None:
    """A link is honoured as a link, but one that goes round in a loop leads nowhere."""
    if path.is_symlink():
        try:
            path.resolve(strict=False)
        except (RuntimeError, OSError):
            raise StoreError(
                f"{path} is a link that never reaches a file (the links go round in a loop)."
            ) from None


def _check_file(path: Path) -> None:
    _check_link(path)
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
        if is_locked(exc):
            raise DatabaseLocked(locked_message(path)) from None
        raise StoreError(_unreadable(path, exc)) from None
    if not is_ours:
        raise StoreError(
            f"{path} is a SQLite file but not a bioterm database; it was not modified."
        )
    if found > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer bioterm (schema {found}, this one knows "
            f"{schema.SCHEMA_VERSION}); upgrade bioterm to open it."
        )


def _unreadable(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "unable to open" in text and Path(str(path) + "-wal").exists():
        return (f"{path} is a WAL database whose folder cannot be written, and SQLite needs "
                f"to create {path.name}-shm beside it to read it ({text}); copy it to a "
                "writable folder, or make its folder writable. It was not modified.")
    if "file is not a database" in text or "malformed" in text:
        return f"{path} is not a readable SQLite database ({text}); it was not modified."
    return f"{path} cannot be read ({text}); it was not modified."


def connect_read(
    location: DbLocation, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, read_only: bool = False
) -> sqlite3.Connection:
    """A connection for reading; migrates an older writable file first, unless
    `read_only` (nothing is written then: an older file is refused)."""
    path = location.path
    _check_file(path)
    conn = _open_ro(path, location.is_bundled, busy_timeout_ms)
    try:
        _check_bioterm(conn, path)
    except StoreError:
        conn.close()
        if not _wal_without_shm_possible(path):
            raise
        # A WAL database in a folder that cannot be written: SQLite cannot make the
        # -shm file a reader needs. With no -wal file there is nothing uncommitted,
        # and no writer can start (it could not make one either): read it as it is.
        conn = _open_ro(path, True, busy_timeout_ms)
        _check_bioterm(conn, path)
    if (not read_only and not location.is_bundled and not schema.needs_migration(conn)
            and not search.is_current(conn)):
        # Reindexed once for the filter's newer terms; a file that cannot be
        # written is read as it is (its filter finds what it found before).
        conn.close()
        with contextlib.suppress(StoreError):
            connect_write(location).close()
        conn = _open_ro(path, location.is_bundled, busy_timeout_ms)
    if schema.needs_migration(conn) and not location.is_bundled:
        conn.close()
        if read_only:
            raise StoreError(
                f"{path} was written by an older bioterm and must be upgraded before it can "
                "be read; open it once without --read-only (which writes nothing).")
        connect_write(location).close()
        return connect_read(location, busy_timeout_ms)
    _configure(conn, busy_timeout_ms, READ_CACHE_KIB)
    return conn


def _open_ro(path: Path, immutable: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    try:
        return sqlite3.connect(_uri(path, "ro", immutable=immutable), uri=True,
                               check_same_thread=False, timeout=busy_timeout_ms / 1000,
                               factory=TermsConnection)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened: {exc}.") from None


def _wal_without_shm_possible(path: Path) -> bool:
    """A WAL file whose -shm cannot be made here, and no -wal holding changes."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    if shm.exists() or wal.exists():
        return False
    try:
        with path.open("rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2  # read version 2: WAL


def connect_write(location: DbLocation) -> sqlite3.Connection:
    """A connection for writing, creating the file from the bundled database if needed."""
    path = location.path
    _check_link(path)
    if location.is_bundled or path.resolve() == bundled_db_path().resolve():
        raise StoreError("The bundled database is never written; writes go to a user copy.")
    if not path.exists():
        copy_bundled_to(path)
    _check_file(path)
    try:
        conn = sqlite3.connect(_uri(path, "rw"), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened for writing: {exc}.") from None
    try:
        _check_bioterm(conn, path)
    except StoreError as exc:
        conn.close()
        if "unable to open" not in str(exc):
            raise
        raise StoreError(
            f"{path} cannot be opened for writing: SQLite needs to create {path.name}-wal "
            f"and {path.name}-shm beside it, and its folder cannot be written; "
            "nothing was changed."
        ) from None
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        if schema.needs_migration(conn):
            schema.migrate(conn)
        # A file from before the summary tables gets them, filled, once.
        summary.ensure(conn)
        # Entries built by an older bioterm lack terms the filter now finds.
        search.ensure_current(conn)
        # Indexes added since the file was made (reads work without them, slower).
        schema.add_missing_indexes(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(damaged_message(path, exc)) from None
    _configure(conn)
    return conn


def copy_bundled_to(path: Path) -> None:
    """Copy the bundled database to `path` through a temporary file, so no half copy exists.

    A `path` that is a link (its target missing) stays a link: the copy is made
    where it points.
    """
    target = Path(os.path.realpath(path))
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled_db_path(), partial)
        partial.replace(target)
    except OSError as exc:
        raise StoreError(
            f"{path} cannot be created ({exc.strerror or exc}): the first write copies the "
            "bundled database there; nothing was written."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def create_empty(path: Path) -> sqlite3.Connection:
    """A brand-new database with the current schema (used by build and generate)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        schema.create(conn)  # imports sqlite-utils: a ctrl+c may well land here
        # Filled by this bioterm, its search entries are of the current kind.
        search.mark_current(conn)
        conn.commit()
    except BaseException:
        conn.close()
        path.unlink(missing_ok=True)
        raise
    return conn
