"""The footer names the keys of the screen and the widget in use, after every change.

The footer recomposes once for a burst of binding changes, and not at all when
the keys would be the same (KeyFooter); these check that it still reads the
bindings as they end up, so it never keeps the keys of the screen or the
focus before, and that a screen closing meanwhile is no error.
"""

from __future__ import annotations

from textual.widgets import Footer

from tests.ui.conftest import AppFactory
from tests.ui.pilot_helpers import press, run, settle


def footer_keys(app: object) -> str:
    footer = app.screen.query_one(Footer)  # type: ignore[attr-defined]
    return " ".join(str(key.description) for key in footer.children)


def test_the_footer_follows_each_switch_and_the_focus(make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "Sort" not in footer_keys(app)
            await press(pilot, "3")
            await settle(pilot)
            assert "Sort" in footer_keys(app)
            await press(pilot, "1")
            await settle(pilot)
            assert "Sort" not in footer_keys(app)
            await press(pilot, "2")
            await settle(pilot)
            listing = footer_keys(app)
            assert "Sort" in listing
            await press(pilot, "slash")
            await settle(pilot)
            assert footer_keys(app) != listing  # the filter box has keys of its own
            await press(pilot, "escape")
            await settle(pilot)
            assert footer_keys(app) == listing

    run(go())


def test_a_burst_of_binding_changes_recomposes_the_footer_once(make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "3")
            await settle(pilot)
            footer = app.screen.query_one(Footer)
            recomposes = 0
            original = footer.recompose

            async def counted() -> None:
                nonlocal recomposes
                recomposes += 1
                await original()

            footer.recompose = counted  # type: ignore[method-assign]
            for _ in range(5):
                app.screen.refresh_bindings()
            await settle(pilot)
            assert recomposes == 1
            assert "Sort" in footer_keys(app)

    run(go())


def test_a_binding_change_that_shows_the_same_keys_rebuilds_nothing(
        make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "3")
            await settle(pilot)
            footer = app.screen.query_one(Footer)
            keys = list(footer.children)
            assert keys
            app.screen.refresh_bindings()
            await settle(pilot)
            assert list(footer.children) == keys
            assert all(a is b for a, b in zip(footer.children, keys, strict=True))
            await press(pilot, "slash")  # the filter box: other keys
            await settle(pilot)
            assert not any(a is b for a, b in zip(footer.children, keys, strict=False))

    run(go())


def test_a_screen_closed_while_its_footer_waits_to_recompose_is_no_error(
        make_app: AppFactory) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "2")
            await settle(pilot)
            for _ in range(3):
                await press(pilot, "enter", "escape")  # the detail's footer is gone at once
            await settle(pilot)
            assert "Sort" in footer_keys(app)

    run(go())
