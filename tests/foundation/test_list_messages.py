"""An empty list says why it is empty and how to get the rows back."""

from __future__ import annotations

from bioterm.presentation.list_messages import empty_list
from bioterm.store import ListQuery


def test_an_empty_database_says_so() -> None:
    assert empty_list(ListQuery(), "drugs").plain == "No drugs in this database yet."


def test_a_filter_that_matches_nothing_is_named_with_the_way_back() -> None:
    shown = empty_list(ListQuery(text=" qzx "), "drugs").plain
    assert shown == "No drugs matching “qzx”.\nesc clears the filter."


def test_facets_are_named_as_the_reason() -> None:
    shown = empty_list(ListQuery(facets={"phase": ("filed",)}), "drugs").plain
    assert shown == "No drugs with these facets.\nesc clears the filter."


def test_the_watched_only_list_says_how_to_watch() -> None:
    shown = empty_list(ListQuery(watched_only=True), "companies").plain
    assert shown.startswith("No watched companies here. w on a row watches it")


def test_control_characters_in_the_filter_are_shown_literally() -> None:
    assert "\x1b" not in empty_list(ListQuery(text="a\x1bb"), "deals").plain
