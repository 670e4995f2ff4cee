"""Cold start in a real terminal: launch in tmux, poll the pane until the text appears.

A private tmux server (`-L`) keeps the benchmark away from any session the
user has open. The clock starts before `tmux new-session` and stops at the
first capture that shows the marker, so tmux's own start-up is in every
figure alike, the baseline's included.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SOCKET = f"bioterm-bench-{os.getpid()}"
SIZE = (120, 40)
POLL_SECONDS = 0.005


class TerminalUnavailable(Exception):
    """tmux is missing, so nothing can be measured in a real terminal."""


@dataclass(frozen=True)
class Launch:
    seconds: float
    peak_rss_mb: float | None
    """VmHWM of the launched process when it was stopped."""


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                          check=check)


def _pane_pid(session: str) -> int | None:
    out = _tmux("list-panes", "-t", session, "-F", "#{pane_pid}", check=False).stdout.strip()
    return int(out) if out.isdigit() else None


def _peak_rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _visible(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session, check=False).stdout


def launch(
    command: Sequence[str],
    marker: str,
    *,
    env: dict[str, str] | None = None,
    keys: Sequence[str] = (),
    timeout: float = 120.0,
) -> Launch:
    """Seconds until `marker` is on screen; then optionally send `keys` and read peak memory."""
    if shutil.which("tmux") is None:
        raise TerminalUnavailable("tmux is not installed")
    session = f"s{time.monotonic_ns()}"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    shell = f"exec env {exports} {shlex.join(command)}" if exports else \
        f"exec {shlex.join(command)}"
    for attempt in range(3):
        start = time.perf_counter()
        # The server exits with its last session; a new one may race its exit.
        made = _tmux("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y",
                     str(SIZE[1]), shell, check=False)
        if made.returncode == 0:
            break
        if attempt == 2:
            raise TimeoutError(f"tmux could not start a session: {made.stderr.strip()}")
        time.sleep(0.2)
    try:
        polls = 0
        while marker not in _visible(session):
            polls += 1
            if polls % 20 == 0 and _tmux("has-session", "-t", session, check=False).returncode:
                raise TimeoutError(f"{shlex.join(command)} exited before showing {marker!r}")
            if time.perf_counter() - start > timeout:
                raise TimeoutError(
                    f"{marker!r} did not appear within {timeout:.0f} s; the pane shows:\n"
                    + _visible(session)
                )
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - start
        for key in keys:
            if key.startswith("sleep:"):
                time.sleep(float(key.split(":", 1)[1]))
            else:
                _tmux("send-keys", "-t", session, key, check=False)
                time.sleep(0.3)
        return Launch(seconds, _peak_rss_mb(_pane_pid(session)))
    finally:
        _tmux("kill-session", "-t", session, check=False)


def stop_server() -> None:
    if shutil.which("tmux") is not None:
        _tmux("kill-server", check=False)
