from __future__ import annotations

import contextlib
import timeit
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioterm.parsing.quantities import (
    QUALIFIERS,
    Amount,
    QuantityParseError,
    format_quantity,
    normalise_currency,
    parse_amount,
    parse_area_m2,
    parse_litres,
    parse_number,
)

# ---------------------------------------------------------------- currencies


@pytest.mark.parametrize(
    ("text", "code"),
    [
        *[(t, "CNY") for t in ("CNY", "cny", "RMB", "rmb", "yuan", "Chinese yuan", "renminbi",
                                "元", "人民币", "CN¥", "¥", "￥", " RMB ")],
        *[(t, "USD") for t in ("USD", "US$", "$", "dollar", "dollars", "US dollars", "美元")],
        *[(t, "HKD") for t in ("HKD", "HK$", "Hong Kong dollars", "港元", "港币")],
        *[(t, "EUR") for t in ("EUR", "€", "euro", "euros")],
        *[(t, "GBP") for t in ("GBP", "£", "pounds sterling")],
        *[(t, "JPY") for t in ("JPY", "yen", "JP¥", "円", "日元")],
        *[(t, "CHF") for t in ("CHF", "Swiss francs", "swiss franc")],
        ("SGD", "SGD"),
        ("sgd", "SGD"),
        ("Krw", "KRW"),
    ],
)
def test_normalise_currency(text: str, code: str) -> None:
    assert normalise_currency(text) == code


@pytest.mark.parametrize("text", ["", "  ", "XX", "ABCD", "dollar bill", "5", "US", "圆圆", "¥¥"])
def test_unknown_currency_lists_accepted_forms(text: str) -> None:
    with pytest.raises(QuantityParseError, match=r"unknown currency.*CNY.*US\$"):
        normalise_currency(text)


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "value", "currency", "qualifier"),
    [
        ("80000", 80000, None, "exact"),
        ("80,000", 80000, None, "exact"),
        (" 80,000 ", 80000, None, "exact"),
        ("80 000", 80000, None, "exact"),
        ("80\u00a0000", 80000, None, "exact"),
        ("80\u2009000", 80000, None, "exact"),
        ("80\u202f000", 80000, None, "exact"),
        ("1,234.56", 1234.56, None, "exact"),
        ("0.5", 0.5, None, "exact"),
        (".5 million", 500000, None, "exact"),
        ("2 billion", 2e9, None, "exact"),
        ("2bn", 2e9, None, "exact"),
        ("1.5bn", 1.5e9, None, "exact"),
        ("1.5 b", 1.5e9, None, "exact"),
        ("1.5 B", 1.5e9, None, "exact"),
        ("3m", 3e6, None, "exact"),
        ("3 mn", 3e6, None, "exact"),
        ("3 mln", 3e6, None, "exact"),
        ("3 million", 3e6, None, "exact"),
        ("22.33 million", 22330000, None, "exact"),
        ("1.2 trillion", 1.2e12, None, "exact"),
        ("5 thousand", 5000, None, "exact"),
        ("5k", 5000, None, "exact"),
        ("5 K", 5000, None, "exact"),
        ("1.5E+08", 1.5e8, None, "exact"),
        ("RMB 22.33 million", 22330000, "CNY", "exact"),
        ("RMB22.33m", 22330000, "CNY", "exact"),
        ("5 billion yuan", 5e9, "CNY", "exact"),
        ("US$683.2 million", 683.2e6, "USD", "exact"),
        ("US$ 683.2 million", 683.2e6, "USD", "exact"),
        ("HK$1.2 billion", 1.2e9, "HKD", "exact"),
        ("$3.5M", 3.5e6, "USD", "exact"),
        ("€12m", 12e6, "EUR", "exact"),
        ("12 M€", 12e6, "EUR", "exact"),
        ("EUR 12 million", 12e6, "EUR", "exact"),
        ("£5m", 5e6, "GBP", "exact"),
        ("CHF 5 million", 5e6, "CHF", "exact"),
        ("JPY 500 million", 5e8, "JPY", "exact"),
        ("SGD 5 million", 5e6, "SGD", "exact"),
        ("5 million SGD", 5e6, "SGD", "exact"),
        ("5 million US dollars", 5e6, "USD", "exact"),
        ("RMB 5 million yuan", 5e6, "CNY", "exact"),
        ("nearly 50 million yuan", 50e6, "CNY", "nearly"),
        ("almost 50 million yuan", 50e6, "CNY", "nearly"),
        ("over 2 billion", 2e9, None, "over"),
        ("more than US$2 billion", 2e9, "USD", "over"),
        ("More Than 2 billion", 2e9, None, "over"),
        ("exceeds 2 billion", 2e9, None, "over"),
        ("exceeding 2 billion", 2e9, None, "over"),
        ("above 2 billion", 2e9, None, "over"),
        ("> 2 billion", 2e9, None, "over"),
        ("about 5 million", 5e6, None, "about"),
        ("approximately 5 million", 5e6, None, "about"),
        ("approx. US$5m", 5e6, "USD", "about"),
        ("around 5 million", 5e6, None, "about"),
        ("~5 million", 5e6, None, "about"),
        ("up to 300 million", 3e8, None, "up_to"),
        ("at most 300 million", 3e8, None, "up_to"),
        ("5亿元", 5e8, "CNY", "exact"),
        ("5 亿元", 5e8, "CNY", "exact"),
        ("2233万元", 22330000, "CNY", "exact"),
        ("2233万", 22330000, None, "exact"),
        ("5亿美元", 5e8, "USD", "exact"),
        ("1.2亿港元", 1.2e8, "HKD", "exact"),
        ("人民币22.33百万元", 22330000, "CNY", "exact"),
        ("人民币5亿元", 5e8, "CNY", "exact"),
        ("5亿元人民币", 5e8, "CNY", "exact"),
        ("RMB5,000万元", 5e7, "CNY", "exact"),
        ("￥5亿", 5e8, "CNY", "exact"),
        ("约5亿元", 5e8, "CNY", "about"),
        ("人民币约5亿元", 5e8, "CNY", "about"),
        ("5亿元左右", 5e8, "CNY", "about"),
        ("近5亿元", 5e8, "CNY", "nearly"),
        ("超过5亿元", 5e8, "CNY", "over"),
        ("逾5亿元", 5e8, "CNY", "over"),
        ("5亿元以上", 5e8, "CNY", "over"),
        ("不超过5亿元", 5e8, "CNY", "up_to"),
        ("５亿元", 5e8, "CNY", "exact"),
        ("5 billion yuan (US$683.2 million)", 5e9, "CNY", "exact"),
        ("5亿元（约合7000万美元）", 5e8, "CNY", "exact"),
        ("-5", -5, None, "exact"),
        ("-5 million", -5e6, None, "exact"),
        ("−5", -5, None, "exact"),
        ("-US$5", -5, "USD", "exact"),
        ("US$-5", -5, "USD", "exact"),
        ("0", 0, None, "exact"),
    ],
)
def test_parse_amount(text: str, value: float, currency: str | None, qualifier: str) -> None:
    assert parse_amount(text) == Amount(float(value), currency, qualifier)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "no number"),
        ("US$", "no number"),
        ("#N/A", "no number"),
        ("US$ 5 RMB", "two currencies"),
        ("$5 EUR", "two currencies"),
        ("5 apples", "unexpected 'apples'"),
        ("5 million apples", "unexpected 'apples'"),
        ("5 millions", "unexpected"),
        ("5 6", "more than one number"),
        ("5-10 million", "more than one number"),
        ("1,5", "ambiguous number"),
        ("1.500,25", "ambiguous number"),
        ("1,23,456", "ambiguous number"),
        ("5 sgd", "unexpected 'sgd'"),
        ("foo 5", "unknown currency 'foo'"),
        ("--5", "more than one sign"),
        ("-$-5", "more than one sign"),
        ("5 (see note)", "in brackets is not an amount"),
        ("(5)", "brackets"),
        ("5 (1) (2)", "brackets"),
        ("about 5 亿元以上", "conflicting qualifiers"),
        ("1e999", "too large"),
        ("9" * 400, "too large"),
        ("5 B B", "unexpected"),
    ],
)
def test_parse_amount_refuses(text: str, message: str) -> None:
    with pytest.raises(QuantityParseError, match=message):
        parse_amount(text)


def test_amount_is_exact_decimal_arithmetic() -> None:
    assert parse_amount("22.33 million").value == 22330000.0
    assert parse_amount("0.07 billion").value == 70000000.0  # 0.07 * 1e9 in floats is not
    assert parse_amount("2233万元").value == 22330000.0


def test_qualifiers_are_plain_strings() -> None:
    assert set(QUALIFIERS) == {"exact", "about", "nearly", "over", "up_to"}
    assert type(parse_amount("over 5").qualifier) is str


# ---------------------------------------------------------------- litres, areas, numbers


@pytest.mark.parametrize(
    ("text", "litres", "qualifier"),
    [
        ("80000", 80000, "exact"),
        ("80,000 L", 80000, "exact"),
        ("80 000 L", 80000, "exact"),
        ("80000L", 80000, "exact"),
        ("80,000 l", 80000, "exact"),
        ("80,000 litres", 80000, "exact"),
        ("80,000 liters", 80000, "exact"),
        ("80,000 ltr", 80000, "exact"),
        ("20 kL", 20000, "exact"),
        ("20 KL", 20000, "exact"),
        ("20 m³", 20000, "exact"),
        ("20 m3", 20000, "exact"),
        ("20 cubic meters", 20000, "exact"),
        ("1.2 million litres", 1.2e6, "exact"),
        ("80k L", 80000, "exact"),
        ("8万升", 80000, "exact"),
        ("8万 L", 80000, "exact"),
        ("2000升", 2000, "exact"),
        ("20立方米", 20000, "exact"),
        ("over 80,000 L", 80000, "over"),
        ("about 2,000 L", 2000, "about"),
        ("up to 16,000 L", 16000, "up_to"),
        ("超过8万升", 80000, "over"),
    ],
)
def test_parse_litres(text: str, litres: float, qualifier: str) -> None:
    assert parse_litres(text) == (float(litres), qualifier)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20 m²", "unknown unit 'm²'"),
        ("80 kg", "unknown unit 'kg'"),
        ("20 m", "unknown unit 'm'"),  # million or metres? refused
        ("5 mL", "unknown unit 'mL'"),
        ("2,000L bioreactor", "unknown unit"),
        ("US$ 5", "unexpected 'US\\$'"),
        ("2 x 2,000 L", "more than one number"),
        ("", "empty volume"),
        ("litres", "no number"),
    ],
)
def test_parse_litres_refuses(text: str, message: str) -> None:
    with pytest.raises(QuantityParseError, match=message):
        parse_litres(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("8000", 8000),
        ("8,000 sqm", 8000),
        ("8,000 sq m", 8000),
        ("8,000 sq. m.", 8000),
        ("8,000 Sq. M", 8000),
        ("8000 m²", 8000),
        ("8000 m2", 8000),
        ("8000㎡", 8000),
        ("8,000 square meters", 8000),
        ("8,000 square metres", 8000),
        ("1,400-square-meter", 1400),
        ("8000平方米", 8000),
        ("8000平米", 8000),
        ("2 hectares", 20000),
        ("2 ha", 20000),
        ("2公顷", 20000),
        ("10,000 sq ft", 929.0304),
        ("10,000 square feet", 929.0304),
        ("30 mu", 20000),
        ("30亩", 20000),
        ("1 mu", 10000 / 15),
        ("1.2 km²", 1.2e6),
        ("1.2 km2", 1.2e6),
        ("1.2平方公里", 1.2e6),
        ("1.5万平方米", 15000),
    ],
)
def test_parse_area(text: str, area: float) -> None:
    assert parse_area_m2(text) == pytest.approx((area, "exact"), rel=1e-12)


def test_parse_area_qualifier() -> None:
    assert parse_area_m2("over 8,000 sqm") == (8000.0, "over")
    assert parse_area_m2("约8000平方米") == (8000.0, "about")


@pytest.mark.parametrize(
    ("text", "message"),
    [("8000 L", "unknown unit 'L'"), ("8000 kg", "unknown unit 'kg'"),
     ("8000 m", "unknown unit 'm'"), ("8000 m³", "unknown unit 'm³'"),
     ("8 m sqm", "unknown unit")],
)
def test_parse_area_refuses(text: str, message: str) -> None:
    with pytest.raises(QuantityParseError, match=message):
        parse_area_m2(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1200", 1200), ("1,200", 1200), ("1 200", 1200), ("3.5 million", 3.5e6), ("2万", 2e4),
     ("3k", 3000), ("5 B", 5e9), ("1.2 T", 1.2e12), ("22.33 M", 22330000), ("-3", -3)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == float(value)


@pytest.mark.parametrize("text", ["about 5", "5 L", "$5", "5 people", "", "x", "5 6"])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(QuantityParseError):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(80000, "80,000"), (22330000, "22.33 M"), (5e9, "5 B"), (1.2e12, "1.2 T"),
     (999_999_999, "1 B"), (1234.5, "1,234.5"), (12.0, "12"), (0, "0"), (-5e9, "-5 B"),
     (1e15, "1,000 T"), (float("nan"), "n/a"), (float("inf"), "n/a")],
)
def test_format_quantity(value: float, text: str) -> None:
    assert format_quantity(value) == text


def test_fast_path_is_fast() -> None:
    # Imports validate 200,000 rows; a plain number must not walk the regex chain.
    per_call = min(timeit.repeat(lambda: parse_litres("80,000"), number=2000, repeat=5)) / 2000
    assert per_call < 20e-6


# ---------------------------------------------------------------- properties

PARSERS: list[Callable[[str], object]] = [
    parse_amount, parse_litres, parse_area_m2, parse_number, normalise_currency]

quantity_text = st.text(alphabet="0123456789,. -+()$¥€亿万元约L mkKbBMsqft²³lu", max_size=20)


@pytest.mark.parametrize("parse", PARSERS)
@given(text=st.one_of(st.text(), quantity_text))
def test_any_text_returns_or_raises_own_error(parse: Callable[[str], object], text: str) -> None:
    with contextlib.suppress(QuantityParseError):
        parse(text)


money = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(Decimal),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False,
                allow_infinity=False),
)
non_negative_money = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(Decimal),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)


@given(money)
def test_amount_with_thousands_separators(n: Decimal) -> None:
    assert parse_amount(f"{n:,}") == Amount(float(n), None)
    assert parse_amount(f"{n}") == Amount(float(n), None)
    assert parse_number(f"{n:,}") == float(n)


@given(non_negative_money,
       st.sampled_from([("thousand", 10**3), ("k", 10**3), ("million", 10**6), ("m", 10**6),
                        ("mn", 10**6), ("billion", 10**9), ("bn", 10**9), ("万", 10**4),
                        ("亿", 10**8), ("", 1)]),
       st.sampled_from([("", None), ("US$", "USD"), ("RMB ", "CNY"), ("HK$", "HKD"),
                        ("€", "EUR"), ("¥", "CNY"), ("人民币", "CNY"), ("EUR ", "EUR")]),
       st.sampled_from(["", " "]))
def test_amount_with_scale_and_currency(
    n: Decimal, scale: tuple[str, int], currency: tuple[str, str | None], space: str
) -> None:
    word, factor = scale
    prefix, code = currency
    expected = Amount(float(n * factor), code)
    assert parse_amount(f"{prefix}{n:,}{space}{word}") == expected


@given(non_negative_money)
def test_amount_with_currency_suffix(n: Decimal) -> None:
    assert parse_amount(f"{n} million yuan") == Amount(float(n * 10**6), "CNY")
    assert parse_amount(f"{n}亿元") == Amount(float(n * 10**8), "CNY")


@given(st.integers(min_value=0, max_value=10**12))
def test_litres_round_trip(n: int) -> None:
    assert parse_litres(f"{n:,} L") == (float(n), "exact")
    assert parse_litres(f"{n:,}") == (float(n), "exact")
    assert parse_area_m2(f"{n:,} sqm") == (float(n), "exact")


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_formatted_quantity_parses_back_closely(value: float) -> None:
    parsed = parse_number(format_quantity(value))
    assert parsed == pytest.approx(value, rel=0.01, abs=0.01)
