"""`bioterm serve`: the dashboard in a browser, one dashboard process per browser tab.

textual-serve answers the page and, for each tab that connects, starts the
command given here — the real `bioterm` dashboard, on the same database — and
relays its screen over a websocket. `--read-only` is passed on to every
session, so no tab can write. On ctrl+c the server closes every websocket,
which ends each session's process; any that has not ended by the time the
server stops is terminated, so no dashboard outlives its server.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from textual_serve.server import Server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SESSION_MARK = "BIOTERM_SERVE_PARENT"
"""Set in each session's environment to the server's process id (to find them on stop)."""


def session_command(db: Path | None, read_only: bool) -> str:
    """The shell command each browser tab runs: this very Python, the same database."""
    args = [sys.executable, "-m", "bioterm"]
    if db is not None:
        args += ["--db", str(Path(db).resolve())]
    if read_only:
        args.append("--read-only")
    # exec: the session is the dashboard process itself, not a shell around it,
    # so ending it ends the dashboard.
    return "exec " + shlex.join(args)


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class DashboardServer(Server):
    """textual-serve's server with bioterm's own start-up message and clean stop."""

    def __init__(self, command: str, host: str, port: int, *, read_only: bool,
                 console: Console | None = None) -> None:
        super().__init__(command, host=host, port=port, title="bioterm")
        self.read_only = read_only
        self.console = console or Console()

    def initialize_logging(self) -> None:
        # textual-serve logs every connection at INFO; keep the terminal to warnings.
        import logging

        super().initialize_logging()
        logging.getLogger("textual-serve").setLevel(logging.WARNING)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: Any) -> None:
        mode = "read-only " if self.read_only else ""
        self.console.print(
            f"bioterm is serving the {mode}dashboard at {self.public_url}", highlight=False)
        if self.host not in LOOPBACK:
            self.console.print(
                f"It listens on {self.host}, so other machines can reach it; each browser "
                "tab runs its own dashboard on this machine.", highlight=False)
        self.console.print("Open it in a browser; ctrl+c stops the server and every session.",
                           highlight=False)


def serve(host: str, port: int, db: Path | None, read_only: bool) -> None:
    """Serve until ctrl+c (or SIGTERM); then end every session still running."""
    os.environ[SESSION_MARK] = str(os.getpid())
    server = DashboardServer(session_command(db, read_only), host, port, read_only=read_only)
    try:
        server.serve()
    finally:
        end_sessions(sessions_of(os.getpid()))


def sessions_of(server_pid: int) -> list[int]:
    """Process ids of the dashboards this server started that are still running."""
    found: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found  # elsewhere the websocket close alone ends the sessions
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == server_pid:
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"{SESSION_MARK}={server_pid}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def end_sessions(pids: Sequence[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):  # it ended meanwhile
            os.kill(pid, signal.SIGTERM)
