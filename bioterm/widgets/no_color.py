"""NO_COLOR without losing what colour said: greys that stay readable.

Textual honours NO_COLOR by turning every colour into its grey of the same
luminance. Text whose colour was dark (magenta event kinds, red deal marks,
blue headers) then becomes dark grey on a dark background, legible only
with effort. This filter makes the same greys but keeps every text at least
`MIN_CONTRAST` apart in lightness from what it is drawn on, so what colour
told apart is still told apart by words, glyphs and markers, and all of it
can be read.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

MIN_CONTRAST = 0.45
"""Least difference in lightness (0–1) between a text's grey and its background's."""


def _lightness(color: Color) -> float:
    return color.monochrome.r / 255


@lru_cache(4096)
def legible_grey_style(style: Style, background: Color) -> Style:
    """`style` in greys, its text moved away from its background when too close."""
    fg = None if style.color is None else Color.from_rich_color(style.color).monochrome
    bg = None if style.bgcolor is None else Color.from_rich_color(style.bgcolor).monochrome
    if fg is not None:
        under = _lightness(bg if bg is not None else background.monochrome)
        if abs(_lightness(fg) - under) < MIN_CONTRAST:
            level = under + MIN_CONTRAST if under < 0.5 else under - MIN_CONTRAST
            value = round(max(0.0, min(1.0, level)) * 255)
            fg = Color(value, value, value)
    return style + Style.from_color(
        None if fg is None else fg.rich_color, None if bg is None else bg.rich_color)


class LegibleMonochrome(LineFilter):
    """Every colour as a grey, each text far enough from its background to read."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else legible_grey_style(style, background),
                        None) for text, style, _ in segments]
