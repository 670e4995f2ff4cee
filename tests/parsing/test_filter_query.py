"""The filter query parser: total, position-keeping, and writing back what it read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioterm.parsing.filter_query import parse, parse_number

_TEXT = st.text(alphabet=st.sampled_from(list('ab:<>="  \tzX1_.康')), max_size=40) | st.text(
    max_size=30)


@given(_TEXT)
def test_never_raises_and_positions_lie_inside_the_text(text: str) -> None:
    parsed = parse(text)
    for part in (*parsed.words, *parsed.terms, *parsed.problems):
        assert 0 <= part.start < part.end <= len(text)


@given(_TEXT)
def test_writing_back_parses_to_the_same_words_and_terms(text: str) -> None:
    parsed = parse(text)
    again = parse(parsed.text())
    assert again.shape() == parsed.shape()
    assert again.problems == ()


def test_fields_words_and_operators() -> None:
    parsed = parse('company:akeso lung usd>=100m year<2024 territory:"greater china"')
    assert parsed.shape() == (
        ("lung",),
        (("company", ":", "akeso"), ("usd", ">=", "100m"), ("year", "<", "2024"),
         ("territory", ":", "greater china")),
    )
    assert parsed.plain == "lung"
    assert parsed.terms[0].start == 0 and parsed.terms[0].end == len("company:akeso")


def test_malformed_input_gives_a_message() -> None:
    assert [p.message for p in parse("phase: lung").problems] == ["phase: needs a value"]
    # A quote that is not closed is text to look for, as before fields existed.
    assert parse('"open').shape() == (('"open',), ())
    assert parse('"').shape() == (('"',), ())


def test_numbers() -> None:
    assert parse_number("100m") == 1e8
    assert parse_number("1.5bn") == 1.5e9
    assert parse_number("US$683.2 million") == 683.2e6
    assert parse_number("2,000") == 2000
    assert parse_number("abc") is None
    assert parse_number("5q") is None
