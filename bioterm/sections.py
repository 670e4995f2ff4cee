"""How a section's screens are found and made: lazily, by the registry's `module:Class`.

The list screens bring pyarrow (through textual-fastdatatable), so nothing
here imports them until a screen is made, or the app's preload asks
(`import_screens`, in a thread a moment after the first paint).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from textual.message import Message
from textual.screen import Screen

from bioterm.entities import Registry
from bioterm.widgets.private_api import mark_styles_current


def module_name(path: str) -> str:
    """An entity's `module:Class`: a bare module is one of bioterm.screens."""
    module = path.partition(":")[0]
    return module if "." in module else f"bioterm.screens.{module}"


def screen_class(path: str) -> type[Screen[None]]:
    loaded = importlib.import_module(module_name(path))
    cls: type[Screen[None]] = getattr(loaded, path.partition(":")[2])
    return cls


def lazy(path: str) -> Callable[[], Screen[None]]:
    """A mode's screen factory: the class imported when the screen is first made."""
    def make() -> Screen[None]:
        screen = screen_class(path)()
        mark_styles_current(screen)
        return screen

    return make


def import_screens(registry: Registry) -> None:
    """Import every list and detail screen's module, and the charts."""
    for entity in registry:
        for path in (entity.list_screen, entity.detail_screen):
            if path:
                importlib.import_module(module_name(path))
    importlib.import_module("bioterm.widgets.charts")


class Imported(Message):
    """The preload has imported every section's screens."""
