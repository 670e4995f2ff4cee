"""Headless Chromium driven over the DevTools protocol, for the `bioterm serve` tests.

The dashboard reaches the page as terminal output over a websocket and is
drawn on a canvas, so the page's DOM holds no text to read. A script put in
the page before it loads records every websocket message the page receives;
the tests read that record (what the dashboard sent to this very page) and
send keys as the browser's own key events.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=1200,800",
)

RECORD_WEBSOCKET = """
(() => {
  const Native = window.WebSocket;
  window.__received = [];
  const decode = (data) => new TextDecoder().decode(data);
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      const data = event.data;
      if (typeof data === "string") window.__received.push(data);
      else if (data instanceof Blob) {
        data.arrayBuffer().then((b) => window.__received.push(decode(b)));
      }
      else window.__received.push(decode(data));
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Recording[k] = Native[k];
  window.WebSocket = Recording;
})();
"""

_ANSI = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: links, titles
    r"|\x1b[()][0-9A-Za-z]"  # character set selection
)


def chromium_path() -> str | None:
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def visible_text(received: str) -> str:
    """The printable text of terminal output: escape sequences removed."""
    return _ANSI.sub("", received)


class Browser:
    """One headless Chromium with one page, closed by `close()`."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="bioterm-chromium-")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.port = self._devtools_port()
        self._ids = 0
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._session: aiohttp.ClientSession | None = None

    def _devtools_port(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        assert self.process.stderr is not None
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if found:
                return int(found[1])
        raise RuntimeError("Chromium did not start its DevTools endpoint")

    async def open(self) -> None:
        self._session = aiohttp.ClientSession()
        async with self._session.get(f"http://127.0.0.1:{self.port}/json/list") as response:
            targets = await response.json(content_type=None)
        page = next(t for t in targets if t.get("type") == "page")
        self._socket = await self._session.ws_connect(page["webSocketDebuggerUrl"],
                                                      max_msg_size=0)
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_WEBSOCKET)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        assert self._socket is not None
        self._ids += 1
        ident = self._ids
        await self._socket.send_str(json.dumps({"id": ident, "method": method,
                                                "params": params}))
        while True:
            message = json.loads((await self._socket.receive()).data)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def received_text(self) -> str:
        result = await self.call("Runtime.evaluate",
                                 expression="(window.__received || []).join('')",
                                 returnByValue=True)
        return visible_text(str(result["result"].get("value", "")))

    async def wait_for_text(self, *words: str, timeout: float = 60) -> str:
        """The page's received text once it holds every word (or TimeoutError)."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.received_text()
            if all(word in text for word in words):
                return text
            await asyncio.sleep(0.25)
        raise TimeoutError(f"the page never received {words!r}; it got: {text[-800:]!r}")

    async def focus_terminal(self) -> None:
        """Click the middle of the page, as a person does before typing into it."""
        for kind in ("mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", type=kind, x=600, y=400,
                            button="left", clickCount=1)

    async def press(self, key: str) -> None:
        """A key typed in the page, as the browser's own key events."""
        for kind in ("keyDown", "char", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key}
            if kind == "char":
                params["text"] = key
            await self.call("Input.dispatchKeyEvent", **params)

    async def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode((await self.call("Page.captureScreenshot"))["data"])
        path.write_bytes(data)
        return data

    async def aclose(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
