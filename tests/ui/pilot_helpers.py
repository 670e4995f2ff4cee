"""Small helpers for Pilot-driven tests (no pytest-asyncio here: each test runs its own loop)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from textual.pilot import Pilot

from bioterm.app import BiotermApp
from bioterm.widgets.store_table import StoreTable

T = TypeVar("T")
AppFactory = Callable[..., BiotermApp]


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


async def settle(pilot: Pilot[Any]) -> None:
    """Let posted messages and refreshes run (a pause is one round; some chains need two)."""
    await pilot.pause()
    await pilot.pause()


def table_of(app: BiotermApp) -> StoreTable:
    return app.screen.query_one(StoreTable)


def names(app: BiotermApp, column: int = 0) -> list[str]:
    """What the first column of the visible table holds, top to bottom."""
    table = table_of(app)
    out: list[str] = []
    for index in range(table.row_count):
        row = table.store_backend.row_at(index)
        assert row is not None
        out.append(row.cells[column].plain)
    return out


def plain(widget: Any, width: int = 200) -> str:
    """The text a Static shows (whatever renderable it holds), without styles."""
    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    plain_text = getattr(content, "plain", None)
    if isinstance(plain_text, str):
        return plain_text
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], *,
                timeout: float = 5.0) -> bool:
    """Pause until `condition()` holds (for work that lands a few frames later)."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            return False
        await pilot.pause(0.05)
        waited += 0.05
    return True


Scenario = Callable[[Pilot[Any]], Awaitable[None]]
