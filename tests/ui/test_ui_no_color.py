"""NO_COLOR: everything in greys, every text far enough from its background to read."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pilot_helpers import AppFactory
from rich.color import Color as RichColor
from rich.style import Style
from test_ui_snapshots import chart_mounted
from textual.color import Color

from bioterm.widgets.no_color import MIN_CONTRAST, LegibleMonochrome, legible_grey_style

Compare = Callable[..., bool]
channel = st.integers(min_value=0, max_value=255)
colours = st.tuples(channel, channel, channel)


def _lightness(color: RichColor) -> float:
    r, g, b = color.get_truecolor()
    assert r == g == b, "a grey"
    return r / 255


@given(colours, colours, colours)
def test_every_text_is_a_grey_at_least_min_contrast_from_its_background(
        fg: tuple[int, int, int], bg: tuple[int, int, int],
        screen: tuple[int, int, int]) -> None:
    for background in (RichColor.from_rgb(*bg), None):
        style = legible_grey_style(Style(color=RichColor.from_rgb(*fg), bgcolor=background),
                                   Color(*screen))
        assert style.color is not None
        under = (_lightness(style.bgcolor) if style.bgcolor is not None
                 else Color(*screen).monochrome.r / 255)
        assert abs(_lightness(style.color) - under) >= MIN_CONTRAST - 1 / 255


def test_readable_greys_are_left_as_they_are() -> None:
    style = legible_grey_style(Style(color=RichColor.from_rgb(230, 230, 230), bold=True),
                               Color(20, 20, 20))
    assert style.color is not None and style.color.get_truecolor() == (230, 230, 230)
    assert style.bold  # what colour does not carry is kept


def test_the_app_draws_with_legible_greys_under_no_color(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert any(isinstance(f, LegibleMonochrome) for f in app._filters)


@pytest.mark.parametrize("keys", [pytest.param([], id="overview"),
                                  pytest.param(["6"], id="deals"),
                                  pytest.param(["4"], id="sites")])
def test_no_color_screens(snap_compare: Compare, make_app: AppFactory, keys: list[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), press=keys, terminal_size=(120, 40),
                        run_before=chart_mounted)
