"""The detail pane draws a sheet once, scrolls through all of it, and starts each new
sheet at its top; a sheet taller than the pane gets a scrollbar, a short one none."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import App, ComposeResult

from bioterm.widgets.fact_pane import FactPane


class PaneApp(App[None]):
    CSS = "FactPane { height: 6; width: 30; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield FactPane(id="pane")


def lines(count: int, word: str = "line") -> Text:
    return Text("\n".join(f"{word} {n}" for n in range(1, count + 1)))


def shown(pane: FactPane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]


def test_a_tall_sheet_scrolls_to_its_last_line_and_the_next_starts_at_the_top() -> None:
    async def run() -> None:
        app = PaneApp()
        async with app.run_test(size=(40, 10)) as pilot:
            pane = app.query_one(FactPane)
            pane.update(lines(20))
            await pilot.pause()
            assert pane.virtual_size.height == 20
            assert pane.show_vertical_scrollbar
            assert shown(pane)[0] == "line 1"
            pane.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            assert shown(pane)[-1] == "line 20"
            pane.update(lines(3, "next"))
            await pilot.pause()
            assert pane.scroll_offset.y == 0
            assert not pane.show_vertical_scrollbar
            assert shown(pane)[:4] == ["next 1", "next 2", "next 3", ""]

    asyncio.run(run())


def test_text_wraps_at_the_width_left_beside_the_scrollbar() -> None:
    async def run() -> None:
        app = PaneApp()
        async with app.run_test(size=(40, 10)) as pilot:
            pane = app.query_one(FactPane)
            long_line = Text("word " * 40)
            pane.update(long_line)
            await pilot.pause()
            width = pane.scrollable_content_region.width
            assert width == 28 - pane.styles.scrollbar_size_vertical  # inside the padding
            assert all(len(pane.render_line(y).text) == width for y in range(6))
            assert pane.virtual_size.height == len(long_line.wrap(app.console, width))

    asyncio.run(run())


def test_a_kept_sheet_is_drawn_in_the_theme_it_is_shown_in() -> None:
    """A sheet kept from before a theme change is shown in the new theme's colours,
    as a sheet drawn anew would be."""
    class TwoPanes(App[None]):
        CSS = "FactPane { height: 6; width: 30; color: $text-primary; }"

        def compose(self) -> ComposeResult:
            yield FactPane(id="kept")
            yield FactPane(id="fresh")

    async def run() -> None:
        app = TwoPanes()
        async with app.run_test(size=(40, 14)) as pilot:
            kept = app.query_one("#kept", FactPane)
            kept.show("a", lambda: lines(3))
            await pilot.pause()
            before = kept.render_line(0)
            kept.show("b", lambda: lines(2, "other"))
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await pilot.pause()
            kept.show("a", lambda: Text("read again"))
            fresh = app.query_one("#fresh", FactPane)
            fresh.update(lines(3))
            await pilot.pause()
            assert shown(kept)[0] == "line 1"  # kept: not read again
            assert list(kept.render_line(0)) == list(fresh.render_line(0))
            assert list(kept.render_line(0)) != list(before)

    asyncio.run(run())


def test_a_sheet_certainly_taller_than_the_pane_is_drawn_once_beside_the_scrollbar() -> None:
    """A sheet with more lines than the pane at any width is drawn only at the
    width left beside the scrollbar: drawing it at the full width first, to find
    it too tall, doubled the cost of every scroll through a long investor list."""
    async def run() -> None:
        app = PaneApp()
        async with app.run_test(size=(40, 10)) as pilot:
            pane = app.query_one(FactPane)
            pane.update(lines(20))
            await pilot.pause()
            narrow = pane.size.width - pane.styles.scrollbar_size_vertical
            assert [width for width, _style in pane._drawn] == [narrow]
            pane.update(lines(3))
            await pilot.pause()
            assert [width for width, _style in pane._drawn] == [pane.size.width]

    asyncio.run(run())
