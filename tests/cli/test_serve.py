"""`bioterm serve`: the real command serving the dashboard, checked from outside.

A browser tab is either headless Chromium (the page's own scripts connect, and
the test reads what the dashboard sent to that page) or, where only the
process count matters, a websocket opened the way the page opens it.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from bioterm.serve import session_command, sessions_of
from tests.cli.browser import Browser, chromium_path
from tests.cli.conftest import command

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(),
                                reason="reads listening sockets from /proc (Linux)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self) -> tuple[int, str]:
        """ctrl+c, as a person stops it; (exit status, what it printed)."""
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=30)
        return self.process.returncode, out


@pytest.fixture
def serve(env: dict[str, str]) -> Iterator[object]:
    started: list[Served] = []

    def start(*args: str) -> Served:
        port = free_port()
        process = subprocess.Popen(
            [*command(), "serve", "--port", str(port), *args], env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        served = Served(process, port)
        started.append(served)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(served.url, timeout=2) as response:
                    assert response.status == 200
                    return served
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.communicate()[0]) from None
                time.sleep(0.2)
        raise AssertionError("bioterm serve never answered")

    yield start
    for served in started:
        if served.process.poll() is None:
            served.process.kill()
            served.process.wait()


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (IPv4 and IPv6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


LOOPBACK_V4 = "0100007F"  # 127.0.0.1, as /proc/net/tcp spells it


def test_by_default_it_answers_on_loopback_and_listens_on_no_other_address(serve) -> None:  # type: ignore[no-untyped-def]
    served = serve()
    with urllib.request.urlopen(served.url, timeout=5) as response:
        page = response.read().decode()
    assert "bioterm" in page and "data-session-websocket-url" in page
    assert listening_addresses(served.port) == {LOOPBACK_V4}
    code, out = served.stop()
    assert code == 0
    assert f"at http://127.0.0.1:{served.port}" in out and "ctrl+c" in out
    assert "Traceback" not in out


def test_a_port_in_use_is_refused_in_one_sentence(bioterm, serve) -> None:  # type: ignore[no-untyped-def]
    served = serve()
    ran = bioterm("serve", "--port", str(served.port))
    assert ran.code == 1
    assert f"cannot listen on 127.0.0.1:{served.port}" in ran.err
    assert "Traceback" not in ran.both


def test_each_tab_gets_its_own_dashboard_and_ctrl_c_ends_them_all(serve) -> None:  # type: ignore[no-untyped-def]
    served = serve("--read-only")

    async def two_tabs() -> list[int]:
        async with aiohttp.ClientSession() as session:
            tabs = [await session.ws_connect(f"{served.url}ws?width=80&height=24")
                    for _ in range(2)]
            for tab in tabs:  # each dashboard draws its first screen
                message = await asyncio.wait_for(tab.receive(), timeout=60)
                assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
            running = sessions_of(served.process.pid)
            code, _ = served.stop()
            assert code == 0
            return running

    running = asyncio.run(two_tabs())
    assert len(running) == 2
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in running) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in running if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_a_read_only_server_gives_every_session_read_only() -> None:
    assert session_command(None, True).endswith(" -m bioterm --read-only")
    assert "--read-only" not in session_command(None, False)
    assert session_command(Path("a b.db"), False).split()[-1].endswith("b.db'")


@pytest.mark.skipif(chromium_path() is None,
                    reason="needs Chromium (Debian's `chromium` package; .ci/run installs it)")
def test_the_dashboard_answers_in_a_real_browser_and_writes_nothing(
    serve, env: dict[str, str], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    served = serve("--read-only")
    browser = Browser(str(chromium_path()))

    async def visit() -> str:
        try:
            await browser.open()
            await browser.goto(served.url)
            first = await browser.wait_for_text("Overview", "Companies", "read-only")
            await browser.focus_terminal()
            await browser.press("2")
            await browser.wait_for_text("Akeso")
            shot = await browser.screenshot(tmp_path / "companies.png")
            assert shot.startswith(b"\x89PNG")
            return first
        finally:
            await browser.aclose()
            browser.close()

    first = asyncio.run(visit())
    assert "Pipeline" in first and "Investors" in first
    code, _ = served.stop()
    assert code == 0
    user_data = Path(env["XDG_DATA_HOME"])
    assert not user_data.exists() or not any(user_data.rglob("*.db")), \
        "a read-only session copied the bundled database"


def test_read_only_never_upgrades_an_older_database(bioterm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "old.db"
    old.write_bytes((Path(__file__).parents[1] / "fixtures" / "schema-v1-user.db").read_bytes())
    before = old.read_bytes()
    ran = bioterm("--read-only", "--db", old, "db", "info")
    assert ran.code == 1
    assert "open it once without --read-only" in ran.err
    assert old.read_bytes() == before
    assert not Path(f"{old}-wal").exists()


def test_read_only_refuses_every_command_that_writes(bioterm, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = db.read_bytes()
    csv = tmp_path / "c.csv"
    csv.write_text("id,name,kind,source_id\nro,RO,biotech,akeso-cytiva-flexfactory-2021\n")
    for args in (["import", csv], ["undo", "--yes"], ["db", "build", "-o", tmp_path / "b.db"],
                 ["db", "generate", tmp_path / "g.db", "--scale", "0.0001"]):
        ran = bioterm("--read-only", "--db", db, *args)
        assert ran.code == 1, args
        assert "--read-only; nothing was written" in ran.err
    assert db.read_bytes() == before
    assert not (tmp_path / "b.db").exists() and not (tmp_path / "g.db").exists()
