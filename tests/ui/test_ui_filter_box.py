"""The filter box scrolls its own text: a long filter shows where the cursor is,
and typing it asks the screen for no layout (bioterm/widgets/sized_input.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pilot_helpers import AppFactory, press, run, settle
from textual.widgets import Input


def test_a_filter_longer_than_the_box_keeps_its_end_in_view(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "3", "slash", *"zanubrutinib bcl2 lymphoma", *"xyz")
            await settle(pilot)
            box = app.screen.query_one("#filter", Input)
            assert box.value == "zanubrutinib bcl2 lymphomaxyz"
            width = box.content_region.width
            assert len(box.value) > width  # longer than the box
            shown = "".join(box.render_line(0).text)
            assert box.scroll_offset.x > 0 and "xyz" in shown
            await press(pilot, "home")
            await settle(pilot)
            assert box.scroll_offset.x == 0
            assert "".join(box.render_line(0).text).startswith("zanub")

    run(scenario())


def test_typing_in_the_filter_lays_out_nothing(make_app: AppFactory,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widget import Widget

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "3", "slash")
            await settle(pilot)
            box = app.screen.query_one("#filter", Input)
            asked: list[bool] = []
            original = Widget.refresh

            def spy(self: Widget, *regions: Any, **kwargs: Any) -> Widget:
                if self is box:
                    asked.append(bool(kwargs.get("layout")))
                return original(self, *regions, **kwargs)

            monkeypatch.setattr(Widget, "refresh", spy)
            await press(pilot, *"qu")
            await press(pilot, "backspace")
            assert box.value == "q"
            assert asked and not any(asked)  # repaints only

    run(scenario())
