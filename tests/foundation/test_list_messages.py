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


def _counted(n: int) -> str:
    return f"{n:,} {'drug' if n == 1 else 'drugs'}"


def test_the_count_says_how_many_and_of_how_many_when_narrowed() -> None:
    from bioterm.presentation.list_messages import count_line

    assert count_line(1, 9, ListQuery(), _counted, "drugs").plain == "1 drug"
    assert count_line(1204, 1204, ListQuery(), _counted, "drugs").plain == "1,204 drugs"
    narrowed = count_line(37, 1204, ListQuery(text="mab"), _counted, "drugs",
                          labels=["Phase: Filed", "Modality: mAb"])
    assert narrowed.plain == "37 of 1,204 · Phase: Filed · Modality: mAb"


def test_a_count_still_running_and_a_filter_it_could_not_read_say_so() -> None:
    from bioterm.presentation.list_messages import count_line

    running = count_line(100, 5000, ListQuery(text="a"), _counted, "drugs", counting=True)
    assert running.plain == "100+ drugs, counting…"
    refused = count_line(3, 5000, ListQuery(text="usd>abc"), _counted, "drugs",
                         problems=["usd>abc: not a number"])
    assert refused.plain == "3 drugs · usd>abc: not a number"
    assert refused.style == "bold"
    assert "\x1b" not in count_line(1, 2, ListQuery(groups=(("a", "b"),)), _counted, "drugs",
                                    labels=["x\x1by"]).plain
