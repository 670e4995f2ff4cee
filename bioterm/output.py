"""Writing an output file exactly where the user said, as what it is.

- A regular file (or a new one) is written to a temporary file beside it and
  renamed over it, so no half-written file is ever left, even on ctrl+c.
- A link is followed: the file it points to is written, the link stays.
- A device or a pipe (/dev/stdout, a FIFO) is written through, never replaced.
- A path that cannot be written, or that is the database in use (or its
  -wal, -shm or -journal file), is refused before any work is done.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def output_problem(path: Path, database: Path | None = None) -> str | None:
    """Why `path` cannot take an export (one sentence), or None if it can."""
    try:
        path.resolve()
    except (RuntimeError, OSError):
        return f"{path} is a link that never reaches a file (the links go round in a loop)."
    if database is not None:
        for suffix in DATABASE_COMPANIONS:
            protected = Path(str(database.resolve()) + suffix)
            if _same(path, protected):
                what = "the database in use" if not suffix else f"the database's {suffix} file"
                return f"{path} is {what} ({database}); choose another output file."
    if path.is_dir():
        return f"{path} is a folder; give a file name."
    if path.exists():
        if not os.access(path, os.W_OK):
            return f"{path} cannot be written (permission denied)."
        if _written_through(path):
            return None
    target = path.resolve()
    parent = target.parent
    if not parent.is_dir():
        return f"there is no folder {parent} to write {path.name} in."
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{path} cannot be written: the folder {parent} is not writable."
    return None


@contextmanager
def open_output(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream onto `path`, written as the module docstring says."""
    with _output(path, "w", encoding) as out:
        yield cast(TextIO, out)


@contextmanager
def open_binary_output(path: Path) -> Iterator[BinaryIO]:
    """A byte stream onto `path` (a workbook, say), written as the module docstring says."""
    with _output(path, "wb", None) as out:
        yield cast(BinaryIO, out)


@contextmanager
def _output(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    newline = "" if encoding is not None else None
    if _written_through(path):
        with path.open(mode, encoding=encoding, newline=newline) as out:
            yield out
        return
    target = path.resolve()  # through a link to what it points at
    permissions = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
    )
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as out:
            yield out
        os.chmod(temporary, permissions)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _written_through(path: Path) -> bool:
    """A device, a pipe, or a stream such as /dev/stdout (whatever it is redirected to)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # a new file (or a link to one)
    real = os.path.realpath(path)
    return not stat.S_ISREG(mode) or real.startswith(("/dev/", "/proc/"))


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
