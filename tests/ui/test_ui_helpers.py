"""Pure display helpers: literal text, sparklines, capacity views, labels, bindings' help."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bioterm import bindings, timeline
from bioterm.enums import Phase
from bioterm.presentation.cells import (
    SPARK_BLOCKS,
    amount_with_usd,
    capacity_cell,
    capacity_lines,
    capacity_view,
    cell,
    fit,
    shared_top,
    short_number,
    sparkline,
    trend_cell,
)
from bioterm.text import has_control_characters, literal, vocab_label

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),
        ("\x1b]8;;http://x\x1b\\link", "␛]8;;http://x␛\\link"),
        ("bell\x07", "bell␇"),
        ("tab\there", "tab␉here"),
        ("line\nbreak", "line␊break"),
        ("cr\rlf", "cr␍lf"),
        ("del\x7f", "del␡"),
        ("c1 \x9b31m", "c1 \ufffd31m"),
        ("rlo \u202eevil", "rlo \ufffdevil"),
        ("[bold]kept[/]", "[bold]kept[/]"),
        ("康方生物 🧬 שלום", "康方生物 🧬 שלום"),
        (None, ""),
        (42, "42"),
    ],
)
def test_literal_makes_controls_visible(raw: object, shown: str) -> None:
    assert literal(raw) == shown


def test_literal_multiline_keeps_line_breaks_only() -> None:
    assert literal("a\r\nb\rc\nd\x1b", multiline=True) == "a\nb\nc\nd␛"


def test_literal_caps_runaway_text() -> None:
    text = literal("x" * 10_000, limit=100)
    assert len(text) == 100 and text.endswith("…")


@given(st.text())
def test_literal_output_never_holds_control_characters(text: str) -> None:
    assert not has_control_characters(literal(text))
    assert "\n" not in literal(text)


@given(st.text())
def test_literal_multiline_only_keeps_newlines(text: str) -> None:
    shown = literal(text, multiline=True)
    assert not has_control_characters(shown.replace("\n", ""))


@given(st.text())
def test_literal_is_idempotent(text: str) -> None:
    once = literal(text)
    assert literal(once) == once


def test_cell_is_one_literal_line_cut_with_an_ellipsis() -> None:
    text = cell("[bold]x[/]\x1b[1m")
    assert text.plain == "[bold]x[/]␛[1m"
    assert text.no_wrap and text.overflow == "ellipsis"
    assert text.spans == []


def test_sparkline_scales_to_the_top_value() -> None:
    assert sparkline([0, 1, 2, 4, 8]) == " ▁▂▄█"
    assert sparkline([5, 5, 5]) == "███"
    assert sparkline([1, 2], top=16) == "▁▁"
    assert sparkline([]) == ""


@given(st.lists(st.floats(min_value=0, max_value=1e12), max_size=50))
def test_sparkline_is_one_block_per_value(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values) == cell_len(line)
    assert set(line) <= set(SPARK_BLOCKS) | {" "}
    if values and max(values) > 0:
        assert line[values.index(max(values))] == "█"


@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=12))
def test_fit_keeps_the_last_value(values: list[int], width: int) -> None:
    picked = fit(values, width)
    assert len(picked) == min(len(values), width)
    if values:
        assert picked[-1] == values[-1]


def _points(*specs: tuple[str, float, str]) -> list[timeline.Point]:
    return [timeline.Point(d, litres, status, "s1", "c1") for d, litres, status in specs]


def test_capacity_view_resamples_per_year_until_today() -> None:
    line = timeline.site_timeline(_points(("2021-04-26", 20000, "operational"),
                                          ("2021-04-26", 60000, "planned")))
    view = capacity_view(line, TODAY)
    assert view is not None
    assert view.labels == ["2021", "2022", "2023", "2024", "2025"]
    assert view.operational == [20000] * 5
    assert view.planned == [60000] * 5
    assert (view.operational_now, view.planned_total) == (20000, 60000)


def test_capacity_view_of_a_single_future_point_uses_quarters() -> None:
    view = capacity_view(timeline.site_timeline(_points(("2026", 4000, "planned"))), TODAY)
    assert view is not None
    assert view.labels == ["2026Q1"]
    assert view.operational_now == 0 and view.planned_total == 4000


def test_capacity_view_of_nothing_is_none() -> None:
    assert capacity_view(timeline.Timeline(), TODAY) is None
    assert capacity_cell(None).plain == ""
    assert "No capacity" in capacity_lines(None).plain


def test_capacity_cell_shows_shape_and_figures() -> None:
    line = timeline.site_timeline(_points(("2021", 20000, "operational"),
                                          ("2021", 60000, "planned")))
    cell_text = capacity_cell(capacity_view(line, TODAY))
    assert cell_text.plain.endswith("20k/60k")
    assert cell_text.plain.startswith("█████")


def test_trend_cells_of_a_column_share_one_scale() -> None:
    """16k litres beside 1.7M draws low, not a full block as when scaled to itself."""
    small = capacity_view(timeline.site_timeline(_points(("2021", 16000, "operational"))), TODAY)
    large = capacity_view(timeline.site_timeline(_points(("2021", 1_700_000, "operational"))),
                          TODAY)
    top = shared_top([small, large, None])
    assert top == 1_700_000
    small_cell, large_cell = trend_cell(small, top), trend_cell(large, top)
    spark = slice(2, None)
    assert set(large_cell.plain[spark].strip()) == {SPARK_BLOCKS[-1]}
    assert set(small_cell.plain[spark].strip()) == {SPARK_BLOCKS[0]}
    assert len(small_cell.plain) == len(large_cell.plain)
    assert trend_cell(None, top).plain == ""
    assert shared_top([None]) == 0.0


@pytest.mark.parametrize(("points", "glyph"), [
    ((("2021", 20000, "operational"),), "●"),
    ((("2021", 20000, "operational"), ("2024", 60000, "planned")), "◐"),
    ((("2024", 60000, "planned"),), "○"),
])
def test_trend_cell_says_how_much_runs_by_a_glyph_too(
        points: tuple[tuple[str, float, str], ...], glyph: str) -> None:
    """Green, yellow and dim say it in colour; the first glyph says it without."""
    view = capacity_view(timeline.site_timeline(_points(*points)), TODAY)
    assert trend_cell(view, 60000).plain.startswith(glyph + " ")


def test_short_number_and_amounts() -> None:
    assert [short_number(v) for v in (950, 20000, 1_500_000, 2e9)] == ["950", "20k", "1.5M", "2B"]
    assert amount_with_usd(22_330_000, "CNY", "exact", 3_320_000) == "CNY 22.33M (US$3.32M)"
    assert amount_with_usd(5e7, "CNY", "nearly", 7.4e6) == "<CNY 50M (<US$7.4M)"
    assert amount_with_usd(2e9, None, "over", None) == ">2B (currency not given)"
    assert amount_with_usd(1e7, "USD", "exact", 1e7) == "USD 10M"
    assert amount_with_usd(None, None, None, None) == "amount not disclosed"


def test_vocab_label_falls_back_to_literal() -> None:
    assert vocab_label(Phase, "phase_2") == "Phase 2"
    assert vocab_label(Phase, "\x1bweird") == "␛weird"
    assert vocab_label(Phase, None) == ""


def test_help_covers_every_binding_once() -> None:
    described = [row.description for _, rows in bindings.help_sections() for row in rows]
    every = (bindings.GLOBAL[len(bindings.SECTIONS):] + bindings.LIST_SCREEN + bindings.FILTER
             + bindings.TABLE + bindings.LINKS + bindings.DETAIL + bindings.HELP)
    for binding in every:
        assert (binding.tooltip or binding.description) in described
    keys = [b.key for b in bindings.GLOBAL[: len(bindings.SECTIONS)]]
    assert keys == ["1", "2", "3", "4", "5", "6", "7"]
