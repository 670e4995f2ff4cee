"""What every command shares: error handling, the database to use, progress bars."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class Refused(Exception):
    """The data or database was refused; the message is for the user; exit 1."""


_INTERRUPTED = ["interrupted; nothing was written."]


def set_interrupt_note(message: str) -> None:
    """What ctrl+c from here on leaves behind, said when it comes (exit status 130)."""
    _INTERRUPTED[0] = message


def interrupted_message() -> str:
    return _INTERRUPTED[0]


def _takes_unicode(stream: Any) -> bool:
    try:
        "中é—".encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def tolerant_streams() -> None:
    """Messages to a terminal that cannot show UTF-8 replace what it cannot show,
    instead of stopping the command half-way (the data itself is never replaced:
    see `require_unicode_stdout`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not _takes_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def require_unicode_stdout() -> None:
    """Refuse, before any work, to write data to a standard output that cannot take it."""
    if not _takes_unicode(sys.stdout):
        raise Refused(
            f"standard output takes only {sys.stdout.encoding} text, so the data's Chinese "
            "and other non-ASCII text cannot be written to it; use -o FILE, or set "
            "PYTHONIOENCODING=utf-8 (or a UTF-8 locale such as LANG=C.UTF-8)."
        )


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


def friendly(func: F) -> F:
    """Turn the library's known errors into one clear paragraph and exit 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from bioterm.store import StoreError, UndoError

        try:
            return func(*args, **kwargs)
        except (StoreError, UndoError, Refused) as exc:
            fail(str(exc))
        except sqlite3.Error as exc:
            from bioterm.store.connection import damaged_message

            fail(damaged_message(_database_in_use(), exc))
        except BrokenPipeError:
            _stdout_closed()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if exc.filename:
                fail(f"{exc.filename} could not be used ({reason}); nothing more was done.")
            fail(f"the operating system stopped bioterm ({reason}); nothing more was done.")

    return wrapper  # type: ignore[return-value]


def _database_in_use() -> Any:
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return "the database"
    return db_location(ctx).path


def _stdout_closed() -> NoReturn:
    """The reader of our output went away (`bioterm export … | head`): stop quietly."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


def is_read_only(ctx: click.Context) -> bool:
    """Whether `bioterm --read-only` was given: then nothing at all is written."""
    return bool(ctx.find_root().params.get("read_only"))


def refuse_if_read_only(ctx: click.Context) -> None:
    if is_read_only(ctx):
        raise Refused(f"`bioterm {ctx.command_path.split(' ', 1)[-1]}` writes, and bioterm "
                      "was started with --read-only; nothing was written.")


def db_location(ctx: click.Context, *, write: bool = False) -> Any:
    from bioterm import paths

    option = ctx.find_root().params.get("db")
    if write:
        refuse_if_read_only(ctx)
        return paths.resolve_write(option)
    return paths.resolve_read(option)


def open_store(ctx: click.Context, *, write: bool = False) -> Any:
    from bioterm.store import Store

    location = db_location(ctx, write=write)
    if write:
        return Store.open_for_write(location)
    return Store.open(location, read_only=is_read_only(ctx))


LOCK_WAIT = 30.0
"""Seconds the dashboard waits at start for another program's lock to go."""


def open_when_unlocked(
    location: Any, *, busy_timeout_ms: int, wait: float = LOCK_WAIT, read_only: bool = False
) -> Any:
    """Open for reading; while another program holds a lock, say so and try again."""
    import time

    from bioterm.store import DatabaseLocked, Store

    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return Store.open(location, busy_timeout_ms=busy_timeout_ms, read_only=read_only)
        except DatabaseLocked:
            if time.monotonic() >= deadline:
                raise
            if not told:
                click.echo(f"{location.path} is locked by another program that is writing to "
                           f"it; waiting up to {wait:g} s for it to finish (ctrl+c stops)…",
                           err=True)
                told = True
            time.sleep(0.5)


@contextmanager
def progress_bar(console: Any) -> Iterator[Any]:
    """A progress callback that draws a bar on a terminal, once a file is large enough."""
    if not console.is_terminal:
        yield None
        return
    from rich.markup import escape
    from rich.progress import Progress

    bar: dict[str, Any] = {}
    with Progress(console=console, transient=True) as progress:
        def update(label: str, done: int, total: int) -> None:
            if "task" not in bar:
                bar["task"] = progress.add_task(escape(label), total=max(total, done))
            progress.update(bar["task"], description=escape(label), completed=done,
                            total=max(total, done))

        yield update


class TableName(click.ParamType):
    """A table name, checked against the models only when used (keeps start-up light)."""

    name = "TABLE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from bioterm.models import RECORDS

        table = str(value).strip().casefold()
        if table not in RECORDS:
            self.fail(f"unknown table '{value}'; the tables are: {', '.join(RECORDS)}", param, ctx)
        return table
