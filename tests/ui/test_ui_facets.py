"""Facets as a person uses them: `f` opens the facet menu, space ticks values
(several per facet), the counts follow the filter and the other facets, and
every facet is reachable in an 80×24 terminal."""

from __future__ import annotations

from typing import Any

from pilot_helpers import AppFactory, names, plain, press, run, table_of, until
from textual.pilot import Pilot
from textual.widgets import Label, SelectionList

from bioterm.screens.facet_menu import FacetMenu
from bioterm.widgets.facets import FacetButton

SIZE = (120, 40)


def _menu(app: Any) -> FacetMenu:
    assert isinstance(app.screen, FacetMenu)
    return app.screen


async def _counted(pilot: Pilot[Any], app: Any) -> None:
    status = _menu(app).query_one("#facet-status", Label)
    assert await until(pilot, lambda: "counting" not in str(status.render()))


def _offered(app: Any, facet: str) -> list[str]:
    """The prompts of a facet's values in the menu: "6  University"."""
    choices = _menu(app).query_one(f"#facet-list-{facet}", SelectionList)
    return [str(choices.get_option_at_index(i).prompt)
            for i in range(choices.option_count)]


async def _tick(pilot: Pilot[Any], app: Any, facet: str, value: str) -> None:
    """Move the focused facet's cursor to `value` by keyboard and tick it."""
    choices = _menu(app).query_one(f"#facet-list-{facet}", SelectionList)
    assert choices.has_focus
    values = [choices.get_option_at_index(i).value for i in range(choices.option_count)]
    steps = values.index(value) - (choices.highlighted or 0)
    await press(pilot, *(["down"] * steps if steps > 0 else ["up"] * -steps), "space")
    await _counted(pilot, app)


def _button(app: Any, facet: str) -> FacetButton:
    return app.screen.query_one(f"#facet-{facet}", FacetButton)


def test_a_ticked_value_restricts_the_rows_and_esc_clears_it(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "f")
            await _counted(pilot, app)
            assert _offered(app, "kind")[-2:] == ["6  University", "1  Research institute"]
            await _tick(pilot, app, "kind", "university")
            await press(pilot, "escape")
            assert len(names(app)) == 6
            kind = [c.key for c in table_of(app).display_columns].index("kind")
            assert set(names(app, kind)) == {"University"}
            assert "6 of 20" in plain(app.screen.query_one("#count"))
            assert _button(app, "kind").render().plain.startswith("University")
            # Facets and text combine.
            await press(pilot, "slash", *"shen")
            assert names(app) == ["Shenzhen Polytechnic University", "Shenzhen University",
                                  "Southern University of Science and Technology"]
            # esc undoes one thing at a time: leave the box, the text, then the facets.
            await press(pilot, "escape", "escape")
            assert len(names(app)) == 6 and _button(app, "kind").chosen == ("university",)
            await press(pilot, "escape")
            assert len(names(app)) == 20
            assert _button(app, "kind").chosen == ()
            assert _button(app, "kind").render().plain.startswith("Any kind")

    run(scenario())


def test_a_facet_takes_several_values(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "f")
            await _counted(pilot, app)
            await _tick(pilot, app, "kind", "university")
            await _tick(pilot, app, "kind", "biotech")
            assert "Kind: Biotech, University" in str(
                _menu(app).query_one("#facet-status", Label).render())
            await press(pilot, "escape")
            kind = [c.key for c in table_of(app).display_columns].index("kind")
            assert sorted(set(names(app, kind))) == ["Biotech", "University"]
            assert len(names(app)) == 3 + 6
            # The toolbar names the first in the menu's order and how many more.
            assert _button(app, "kind").render().plain.startswith("Biotech +1")
            # Unticking one keeps the other.
            await press(pilot, "f")
            await _counted(pilot, app)
            await _tick(pilot, app, "kind", "biotech")
            await press(pilot, "escape")
            assert len(names(app)) == 6

    run(scenario())


def test_counts_follow_the_filter_and_the_other_facets(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "slash", *"shen", "enter", "f")
            await _counted(pilot, app)
            # Under the filter "shen": three universities, three government bodies …
            assert "3  University" in _offered(app, "kind")
            assert "3  Government body" in _offered(app, "kind")
            before = _offered(app, "country")
            await _tick(pilot, app, "kind", "university")
            # … and ticking a kind counts the countries of those rows only, while the
            # kinds keep their own counts (each says what ticking it too would show).
            assert _offered(app, "country") == ["3  China"] != before
            assert "3  Government body" in _offered(app, "kind")
            await press(pilot, "escape")
            assert len(names(app)) == 3

    run(scenario())


def test_every_facet_is_reachable_at_80_by_24(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "4")
            # The toolbar has no room for the country button ...
            assert not _button(app, "country").display
            # ... but the menu has every facet: → moves to the next one.
            await press(pilot, "f", "right", "right")
            await _counted(pilot, app)
            await _tick(pilot, app, "country", "United States")
            await press(pilot, "escape")
            assert names(app) == ["Ascentawits R&D centre, San Francisco Bay Area"]
            # A chosen facet takes an unchosen one's place in the toolbar ...
            assert _button(app, "country").display and not _button(app, "kind").display
            assert _button(app, "country").render().plain.startswith("United States")
            # ... and with more chosen than there is room for, the count names the rest.
            await press(pilot, "f")
            await _counted(pilot, app)
            # (Each facet offers only values that keep rows: the first of each will do.)
            await press(pilot, "space")
            await _counted(pilot, app)
            await press(pilot, "right", "space")
            await _counted(pilot, app)
            await press(pilot, "escape")
            assert names(app) == ["Ascentawits R&D centre, San Francisco Bay Area"]
            hidden = [b for b in app.screen.query(FacetButton) if not b.display]
            assert [b.facet.name for b in hidden] == ["country"]
            assert "Country: United States" in plain(app.screen.query_one("#count"))

    run(scenario())


def test_phase_facet_by_keyboard(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            # The menu opens on the first facet, phases in development order:
            # Phase 2, Registrational, Filed.
            await press(pilot, "3", "f")
            await _counted(pilot, app)
            assert _offered(app, "phase") == ["1  Phase 2", "1  Registrational", "1  Filed"]
            await press(pilot, "space", "escape")
            assert names(app) == ["Ascentawits liver-cancer SMDC (name not disclosed)"]

    run(scenario())


def test_x_clears_a_facet_and_a_click_opens_the_menu_at_its_facet(
    make_app: AppFactory,
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "4")
            await pilot.click("#facet-country")
            await _counted(pilot, app)
            country = _menu(app).query_one("#facet-list-country", SelectionList)
            assert country.has_focus
            await _tick(pilot, app, "country", "China")
            await press(pilot, "x")
            await _counted(pilot, app)
            assert list(country.selected) == []
            await press(pilot, "escape")
            assert len(names(app)) == app.store.list_count("sites", app.screen.list_query)
            assert not app.screen.list_query.facets

    run(scenario())


def test_the_count_is_whole_beside_the_facets_at_80_columns(make_app: AppFactory) -> None:
    """At 80 columns the count sat past the screen's edge on Investors ("279 investo"),
    on the bundled data; filtered, it reads "N of TOTAL", longer still."""
    from pilot_helpers import settle
    from textual.widgets import Static

    from bioterm.paths import bundled_db_path

    async def scenario() -> None:
        app = make_app(bundled_db_path())
        async with app.run_test(size=(80, 24)) as pilot:
            for key in "234567":
                for typed in ((), ("slash", "a", "escape")):
                    await press(pilot, key, *typed)
                    await settle(pilot)
                    count = app.screen.query_one("#count", Static)
                    shown = plain(count)
                    assert shown and count.region.right <= app.size.width, (key, shown)
                    assert count.content_region.width >= len(shown), (key, shown)
                await press(pilot, "escape")  # the filter cleared again

    run(scenario())
