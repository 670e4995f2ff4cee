"""One table cell drawn as textual-fastdatatable draws it, without Rich's render pipeline.

The library draws each cell by rendering `Styled(Padding(cell, (0, 1)), pre, post)`
through `Console.render_lines`, a chain of generators that cost most of a page
scroll (see benchmarks/README.md). A list cell is always a one-line `Text`, so
the same steps are taken here directly: the text's own wrap (truncation,
justification), its segments, the padding, then the two styles. The result is
the library's segment for segment; tests/ui/test_cell_render.py holds
it to the library's recipe for any text, width, justification and style.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.containers import Lines
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache

CELL_PADDING = 2
"""The blank cell either side of a value (`Padding(cell, (0, 1))`)."""
LOOKS_KEPT = 4096


class CellLooks:
    """Cells drawn once per look, for cells that look alike but for their place.

    The library gives every cell its own style (the row and column are in its
    meta, for the mouse), so no two cells' drawings are alike and each is drawn
    from scratch: a few microseconds for a plain name, eighty for a coloured,
    centred phase. The meta changes nothing on screen, so here a cell is drawn
    without it, once per text, width and style, and the place is added to each
    segment: the same segments (styles are equal attribute for attribute, meta
    included) as drawing it with the meta from the start.
    """

    def __init__(self, kept: int = LOOKS_KEPT) -> None:
        self._drawn: LRUCache[tuple[object, ...], list[Segment] | None] = LRUCache(kept)

    def draw(self, console: Console, text: Text, width: int, pre_style: Style,
             post_style: Style, place: Style) -> list[Segment] | None:
        """`render_text_cell` of `text` with `place` (a meta-only style) added;
        `pre_style` and `post_style` carry no meta of their own, as the table's don't."""
        key = (text.plain, text.style, tuple(text.spans), text.justify, text.overflow,
               text.no_wrap, text.end, width, pre_style, post_style)
        if key in self._drawn:
            segments = self._drawn[key]
        else:
            segments = self._drawn[key] = render_text_cell(console, text, width,
                                                           pre_style, post_style)
        if segments is None:
            return None
        return [Segment(segment.text, place if segment.style is None else segment.style + place)
                for segment in segments]


def covers(text: object) -> bool:
    """Whether `render_text_cell` draws this cell; anything else goes to the library."""
    if not isinstance(text, Text):
        return False
    plain = text.plain
    # A line break is the library's to mark as cut; a tab it expands. (Text
    # itself drops carriage returns.)
    return "\n" not in plain and "\t" not in plain


def render_text_cell(console: Console, text: Text, width: int, pre_style: Style,
                     post_style: Style) -> list[Segment] | None:
    """The single line of segments the library draws for `text` in a cell `width`
    cells wide (padding included), or None when `width` leaves no room for text."""
    inner = width - CELL_PADDING
    if inner < 1:
        return None
    blank = console.get_style("none")
    fitted = _fitting_plain(text, inner) if pre_style else None
    if fitted is not None:
        return [Segment(" " + fitted + " ", _one_style(blank, pre_style, post_style))]
    lines = _one_line(console, text, inner)
    if lines is None:
        lines = text.wrap(console, inner, justify=text.justify or "default",
                          overflow=text.overflow or "fold", tab_size=console.tab_size or 8,
                          no_wrap=bool(text.no_wrap))
    first = lines[0] if lines else None
    if first is not None and not first.spans and not first.style and pre_style:
        # Unstyled text (most cells) under a cell style: the steps below give one
        # style throughout (the blank padding's and the text's alike), so the cell
        # is one segment. (With no cell style the text keeps no style at all and
        # the padding a null one: the same on screen, but not the same segments.)
        used = cell_len(first.plain)
        if used <= inner:
            return [Segment(" " + first.plain + " " * (inner - used + 1),
                            _one_style(blank, pre_style, post_style))]
    segments = Text("\n").join(lines).render(console, end=text.end)
    # An empty text renders no line at all; render_lines pads the cell with one.
    line = next(Segment.split_and_crop_lines(segments, inner, pad=True, style=blank,
                                             include_new_lines=False),
                [Segment(" " * inner, blank)])
    padded = [Segment(" ", blank), *line, Segment(" ", blank), Segment.line()]
    styled = Segment.apply_style(padded, style=pre_style, post_style=post_style)
    return next(Segment.split_and_crop_lines(styled, width, pad=True, style=None,
                                             include_new_lines=False))


def _one_line(console: Console, text: Text, inner: int) -> Lines | None:
    """What `Text.wrap` makes of a cell that stays one line (it fits, or it may not
    wrap), without the line division that is most of wrap's cost; None for a
    text that wraps onto more lines. The steps are wrap's own, in its order."""
    overflow = text.overflow or "fold"
    no_wrap = bool(text.no_wrap) or overflow == "ignore"
    if not no_wrap and cell_len(text.plain) > inner:
        return None
    line = text.copy()
    if no_wrap and overflow == "ignore":
        return Lines([line])
    if not no_wrap:
        line.rstrip_end(inner)
    lines = Lines([line])
    lines.justify(console, inner, justify=text.justify or "default", overflow=overflow)
    for each in lines:
        each.truncate(inner, overflow=overflow)
    return lines


def _one_style(blank: Style, pre_style: Style, post_style: Style) -> Style | None:
    """The style every segment of an unstyled cell ends up with."""
    styled = next(iter(Segment.apply_style([Segment(" ", blank)], style=pre_style,
                                           post_style=post_style)))
    return styled.style


def _fitting_plain(text: Text, inner: int) -> str | None:
    """An unstyled text that fits, justified in `inner` cells as `Text.wrap` would
    (right and centre strip trailing space first), without its copies; None for
    anything else."""
    justify = text.justify or "default"
    if (text.spans or text.style or text.overflow == "ignore"
            or justify not in ("default", "left", "right", "center")):
        return None  # (wrap does not justify a text that may overflow)
    plain = text.plain.rstrip() if justify in ("right", "center") else text.plain
    spare = inner - cell_len(plain)
    if spare < 0:
        return None
    if justify == "right":
        return " " * spare + plain
    if justify == "center":
        return " " * (spare // 2) + plain + " " * (spare - spare // 2)
    return plain + " " * spare
