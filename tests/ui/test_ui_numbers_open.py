"""The overview's figures open the lists behind them (issue: numbers that open)."""

from __future__ import annotations

from typing import Any

from pilot_helpers import AppFactory, names, plain, press, run, settle, until

from bioterm.enums import DealDirection
from bioterm.presentation.kpis import KPI_LINES, overview_cards
from bioterm.screens.companies import CompaniesScreen
from bioterm.screens.deals import DealsScreen
from bioterm.screens.group_table import GroupScreen
from bioterm.screens.overview import OverviewScreen
from bioterm.screens.pipeline import PipelineScreen
from bioterm.store import ListQuery
from bioterm.store.groups import GROUPINGS
from bioterm.text import vocab_label
from bioterm.widgets.charts import DealValueChart, FundingChart
from bioterm.widgets.kpi_card import KpiCard
from bioterm.widgets.store_table import StoreTable

SIZE = (120, 40)


def _card_lines(app: Any, key: str) -> list[str]:
    card = app.screen.query_one(f"#kpi-{key}", KpiCard)
    return [str(card.get_option_at_index(i).prompt) for i in range(card.option_count)]


async def _focus_card(pilot: Any, key: str) -> KpiCard:
    card = pilot.app.screen.query_one(f"#kpi-{key}", KpiCard)
    card.focus()
    await settle(pilot)
    return card


async def _choose(pilot: Any, card: KpiCard, label: str) -> None:
    """Move the card's highlight to the line starting with `label` by keys, then enter."""
    lines = [str(card.get_option_at_index(i).prompt) for i in range(card.option_count)]
    target = next(i for i, line in enumerate(lines) if line.startswith(label))
    while card.highlighted != target:
        await press(pilot, "j")
    await press(pilot, "enter")
    await settle(pilot)


def test_a_phase_figure_opens_the_pipeline_restricted_to_that_phase(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            phases = dict(app.store.overview().drugs_by_phase)
            assert "filed" in phases
            card = await _focus_card(pilot, "drugs")
            assert card.highlighted == 0  # the headline, highlighted on focus
            await _choose(pilot, card, f"{phases['filed']:,} Filed")
            screen = app.screen
            assert isinstance(screen, PipelineScreen)
            await until(pilot, lambda: screen.query_one(StoreTable).row_count > 0)
            table = screen.query_one(StoreTable)
            assert table.row_count == phases["filed"]
            phase_column = [c.key for c in screen.entity.columns].index("phase")
            assert set(names(app, phase_column)) == {"Filed"}
            assert "Phase: Filed" in plain(screen.query_one("#count"))
            # esc goes back to the overview, the card still focused.
            await press(pilot, "escape")
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)

    run(scenario())


def test_a_headline_opens_the_whole_list_and_more_opens_the_frequency_table(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            card = await _focus_card(pilot, "orgs")
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, CompaniesScreen)
            assert "Kind:" not in plain(app.screen.query_one("#count"))
            await press(pilot, "escape")
            await settle(pilot)
            kinds = app.store.overview().companies_by_kind
            lines = _card_lines(app, "orgs")
            if len(kinds) > KPI_LINES:
                assert lines[-1] == f"+{len(kinds) - (KPI_LINES - 1)} more"
                card = await _focus_card(pilot, "orgs")
                await _choose(pilot, card, "+")
                assert isinstance(app.screen, GroupScreen)
                await press(pilot, "enter")  # the largest kind
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, CompaniesScreen)
                await until(pilot, lambda: screen.query_one(StoreTable).row_count > 0)
                assert screen.query_one(StoreTable).row_count == max(n for _, n in kinds)

    run(scenario())


def test_left_and_right_move_between_cards_and_a_direction_opens_its_deals(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await _focus_card(pilot, "funding")
            await press(pilot, "right")
            assert app.focused is app.screen.query_one("#kpi-deals")
            await press(pilot, "left", "left")
            assert app.focused is app.screen.query_one("#kpi-sites")
            totals = app.store.deal_totals()
            direction, count = totals.by_direction[0]
            card = await _focus_card(pilot, "deals")
            await _choose(pilot, card, f"{count:,} {vocab_label(DealDirection, direction)}")
            screen = app.screen
            assert isinstance(screen, DealsScreen)
            await until(pilot, lambda: screen.query_one(StoreTable).row_count > 0)
            assert screen.query_one(StoreTable).row_count == count
            assert screen.list_query.groups == (("direction", direction),)

    run(scenario())


def test_every_figure_that_opens_a_group_names_a_group_column_and_counts_its_rows(
        make_app: AppFactory) -> None:
    app = make_app()
    store = app.store
    for card in overview_cards(store.overview(), store.deal_totals()):
        for line in card.lines:
            target = line.target
            if target is None or target.group is None:
                continue
            entity = app.registry.by_kind[target.kind]
            column, value, _ = target.group
            GROUPINGS[entity.list_key].column(column)  # raises if not declared
            shown = int(line.label.split(" ")[0].replace(",", ""))
            assert store.list_count(entity.list_key,
                                    ListQuery(groups=((column, value),))) == shown


def test_the_funding_chart_follows_the_filter_and_says_so(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "5")
            screen = app.screen
            chart = screen.query_one(FundingChart)
            assert chart.years == app.store.funding_by_year()
            assert str(chart.border_title).endswith("all rounds")
            await press(pilot, "slash", *"ascentawits", "enter")
            rounds = app.store.funding_by_year(ListQuery(text="ascentawits"))
            assert rounds and rounds != app.store.funding_by_year()
            # Summed in a worker: the chart takes the figures when they land.
            assert await until(pilot, lambda: chart.years == rounds)
            assert str(chart.border_title).endswith("the rounds listed")
            # Exactly the rounds the table lists, year by year.
            listed = names(app, 0)
            assert sum(n for _, _, n in rounds) == len(listed)
            await press(pilot, "escape", "escape")
            assert await until(pilot, lambda: chart.years == app.store.funding_by_year())

    run(scenario())


def test_the_deal_chart_follows_a_facet_and_keys_its_series_without_colour(
        make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "6")
            chart = app.screen.query_one(DealValueChart)
            assert chart.years == app.store.deal_value_by_year()
            assert "O/o out" in str(chart.border_subtitle)
            app.screen.list_query = ListQuery(facets={"direction": "domestic"})
            app.screen.requery()
            assert await until(pilot, lambda: chart.years == [])
            assert str(chart.border_subtitle) == ""

    run(scenario())


def test_list_chart_figures_sum_the_rows_the_list_keeps(make_app: AppFactory) -> None:
    store = make_app().store
    everything = store.funding_by_year()
    assert sum(n for _, _, n in everything) == store.list_count("funding", ListQuery())
    one_kind = ListQuery(facets={"kind": "placement"})
    placements = store.funding_by_year(one_kind)
    assert sum(n for _, _, n in placements) == store.list_count("funding", one_kind)
    deals = store.deal_value_by_year(ListQuery(text="akeso"))
    assert {d for _, d, _, _ in deals} <= {"out_of_china", "into_china", "domestic", "other"}


def test_a_chart_shown_again_for_the_same_figures_is_the_plot_drawn_before(
        make_app: AppFactory) -> None:
    """A cleared filter shows the chart it showed before: it is not plotted again,
    and it is what plotting it again would give; new figures or a new theme are."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "6")
            chart = app.screen.query_one(DealValueChart)
            assert await until(pilot, lambda: chart.years == app.store.deal_value_by_year())
            everything = list(chart.years)
            assert everything
            first = chart.render()
            plotted: list[int] = []
            original = chart.draw

            def counted() -> None:
                plotted.append(1)
                original()

            chart.draw = counted  # type: ignore[method-assign]
            chart.set_years([(2021, "out_of_china", 5e7, 3e8)])  # other figures
            narrowed = chart.render()
            assert plotted == [1] and str(narrowed) != str(first)
            chart.set_years(list(everything))
            again = chart.render()
            assert plotted == [1]  # the same figures: the drawing kept
            chart._drawn.clear()
            assert again == chart.render() and plotted == [1, 1]  # as plotted anew
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            assert chart.render() != again and plotted == [1, 1, 1]

    run(scenario())
