"""Amounts of money, volumes and areas as written in English and Chinese sources.

Every parser splits a cell into: an optional qualifier ("over", "约"), an
optional leading currency, exactly one number, an optional scale word
("million", "亿") and an optional unit or currency.  Anything left over is an
error naming it: a cell that does not say clearly what it means is refused,
not guessed at.

Arithmetic uses `decimal.Decimal`, so "22.33 million" is exactly 22330000.0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Literal

__all__ = [
    "QUALIFIERS",
    "Amount",
    "Qualifier",
    "QuantityParseError",
    "format_quantity",
    "normalise_currency",
    "parse_amount",
    "parse_area_m2",
    "parse_litres",
    "parse_number",
]

# Plain strings, equal to the values of `bioterm.enums.Qualifier`.
Qualifier = Literal["exact", "about", "nearly", "over", "up_to"]
QUALIFIERS: tuple[Qualifier, ...] = ("exact", "about", "nearly", "over", "up_to")


class QuantityParseError(ValueError):
    """The text is not a quantity of the expected kind, or not an unambiguous one."""


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str | None
    qualifier: Qualifier = "exact"


# Our own context: the thread's default one may have been altered elsewhere.
_CTX = Context(prec=40)

_QUALIFIER_WORDS: dict[Qualifier, tuple[str, ...]] = {
    "about": ("about", "approximately", "approx.", "approx", "around", "roughly", "circa",
              "~", "≈", "约", "大约", "约合"),
    "nearly": ("nearly", "almost", "近", "将近", "接近"),
    "over": ("over", "more than", "exceeds", "exceeding", "above", "in excess of", ">",
             "超过", "逾", "超"),
    "up_to": ("up to", "at most", "no more than", "not more than", "not exceeding",
              "不超过", "最多", "最高"),
}
_QUALIFIER_SUFFIXES: dict[str, Qualifier] = {
    "以上": "over", "左右": "about", "以内": "up_to", "以下": "up_to"}

_CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "CNY": ("rmb", "yuan", "chinese yuan", "renminbi", "元", "人民币", "人民幣", "元人民币",
            "人民币元", "cn¥", "rmb¥",
            # A bare yen sign is read as CNY, not JPY: the data is about China.
            "¥", "￥"),
    "USD": ("us$", "$", "dollar", "dollars", "us dollar", "us dollars", "美元", "美金"),
    "HKD": ("hk$", "hong kong dollar", "hong kong dollars", "港元", "港币", "港幣"),
    "EUR": ("€", "euro", "euros", "欧元"),
    "GBP": ("£", "pound sterling", "pounds sterling", "英镑"),
    "JPY": ("yen", "jp¥", "円", "日元"),
    "CHF": ("swiss franc", "swiss francs", "瑞士法郎"),
}

# Single letters are million/billion/trillion for money and counts only: in
# "20 m" next to litres or areas, "m" might just as well be metres.
_LETTER_SCALES = {"m": 10**6, "b": 10**9, "t": 10**12}
_WORD_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
}
_CHINESE_SCALES = {
    "千": 10**3, "万": 10**4, "萬": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
    "亿": 10**8, "億": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
}

# Each unit is (multiplier, divisor) to square metres or litres; the divisor
# lets 1 mu = 10000/15 m² be applied exactly, dividing last.
_Factor = tuple[Decimal, int]
_ONE: _Factor = (Decimal(1), 1)
_KILO: _Factor = (Decimal(1000), 1)
_LITRE_UNITS: dict[str, _Factor] = {
    **dict.fromkeys(("l", "litre", "litres", "liter", "liters", "ltr", "ltrs", "升", "公升"), _ONE),
    **dict.fromkeys(("kl", "kilolitre", "kilolitres", "kiloliter", "kiloliters", "m³", "m3",
                     "cbm", "cubicmetre", "cubicmetres", "cubicmeter", "cubicmeters",
                     "立方米", "立方"), _KILO),
}
_AREA_UNITS: dict[str, _Factor] = {
    **dict.fromkeys(("sqm", "m²", "m2", "㎡", "squaremetre", "squaremetres", "squaremeter",
                     "squaremeters", "sqmetre", "sqmetres", "sqmeter", "sqmeters",
                     "平方米", "平米", "平方"), _ONE),
    **dict.fromkeys(("ha", "hectare", "hectares", "公顷"), (Decimal(10_000), 1)),
    **dict.fromkeys(("sqft", "ft²", "ft2", "squarefoot", "squarefeet", "平方英尺"),
                    (Decimal("0.09290304"), 1)),
    **dict.fromkeys(("km²", "km2", "sqkm", "squarekilometre", "squarekilometres",
                     "squarekilometer", "squarekilometers", "平方公里", "平方千米"),
                    (Decimal(10**6), 1)),
    **dict.fromkeys(("acre", "acres"), (Decimal("4046.8564224"), 1)),
    **dict.fromkeys(("mu", "亩", "畝"), (Decimal(10_000), 15)),
}


def _key(text: str) -> str:
    """Fold a unit or currency so "Sq. M", "sq m" and "sq-m" compare equal."""
    return re.sub(r"(?<=[^\W\d_])[.\-]", "", "".join(text.lower().split()))


def _alternation(words: Iterable[str]) -> str:
    # Longest first, because the regex engine takes the first alternative that
    # fits; ASCII words must end at a word boundary ("overall" is not "over").
    parts = []
    for word in sorted(words, key=len, reverse=True):
        pattern = r"\s+".join(map(re.escape, word.split()))
        parts.append(pattern + (r"(?![a-z])" if word[-1].isascii() else ""))
    return "|".join(parts)


_QUALIFIER_OF = {w: q for q, words in _QUALIFIER_WORDS.items() for w in words}
_CI = re.IGNORECASE | re.ASCII
_QUAL_HEAD = re.compile(rf"(?:{_alternation(_QUALIFIER_OF)})", _CI)
_QUAL_TAIL = re.compile(rf"(?<![a-z])(?:{_alternation(_QUALIFIER_OF)})$", _CI)
_QUAL_SUFFIX = re.compile("(?:" + "|".join(_QUALIFIER_SUFFIXES) + ")$")
_ALL_SCALES = {**_WORD_SCALES, **_LETTER_SCALES, **_CHINESE_SCALES}
_SCALE_OF = {k.lower(): v for k, v in _ALL_SCALES.items()}
_ANY_SCALE = re.compile(_alternation(_ALL_SCALES), _CI)
_WORD_SCALE = re.compile(_alternation({**_WORD_SCALES, **_CHINESE_SCALES}), _CI)
_CURRENCY_OF = {_key(w): code for code, words in _CURRENCY_WORDS.items() for w in (code, *words)}
_ISO_CODE = re.compile(r"[A-Za-z]{3}", re.ASCII)

# Thousands separators must be consistent and in groups of three: "80,000" and
# "80 000" are numbers; "1,5" and "5 6" are refused rather than guessed at.
_NUMBER = re.compile(
    r"[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\x20\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?:[eE][-+]?\d{1,3}(?![0-9]))?",
    re.ASCII)
_PLAIN = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
# str.split() already folds thin, non-breaking and ideographic spaces; these
# are the full-width forms Chinese input methods produce, and the minus sign.
_NORMALISE = str.maketrans("０１２３４５６７８９，．－−（）～＞＄", "0123456789,.--()~>$")


def _quote(text: str) -> str:
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}...'"


def _fast(text: object) -> float | None:
    """The value of a plain "80000" or "80,000", skipping the general machinery."""
    if isinstance(text, str):
        s = text.strip()
        if _PLAIN.fullmatch(s):
            value = float(s.replace(",", ""))  # correctly rounded, like Decimal -> float
            if math.isfinite(value):
                return value
    return None


@dataclass(frozen=True, slots=True)
class _Parts:
    text: str  # normalised, for messages
    qualifier: Qualifier
    lead: str  # what stood before the number, less qualifier and sign
    number: Decimal
    rest: str  # what followed the number, less a Chinese qualifier suffix


def _split(text: str, what: str) -> _Parts:
    if not isinstance(text, str):
        raise QuantityParseError(f"expected text, not {type(text).__name__}")
    s = " ".join(text.translate(_NORMALISE).split())
    if not s:
        raise QuantityParseError(f"empty {what}")
    m = _NUMBER.search(s)
    if m is None:
        raise QuantityParseError(f"no number in {_quote(s)}")
    number = Decimal(m[0].replace(",", "").replace(" ", ""))
    lead, rest = s[: m.start()].strip(), s[m.end():].strip()
    if re.match(r"[,.]\d", s[m.end():]):  # "1,5" or "1.500,25": a decimal comma?
        raise QuantityParseError(f"ambiguous number {_quote(s)}: write 1.5 or 1,500")
    found: set[Qualifier] = set()
    if (q := _QUAL_HEAD.match(lead)) is not None:
        found.add(_QUALIFIER_OF[" ".join(q[0].lower().split())])
        lead = lead[q.end():].strip()
    if (q := _QUAL_TAIL.search(lead)) is not None:  # "人民币约5亿元"
        found.add(_QUALIFIER_OF[" ".join(q[0].lower().split())])
        lead = lead[: q.start()].strip()
    if (q := _QUAL_SUFFIX.search(rest)) is not None:  # "5亿元以上"
        found.add(_QUALIFIER_SUFFIXES[q[0]])
        rest = rest[: q.start()].strip()
    if len(found) > 1:
        raise QuantityParseError(f"conflicting qualifiers in {_quote(s)}")
    sign = ""
    if lead[:1] in ("-", "+"):  # "-US$5"
        sign, lead = lead[0], lead[1:].strip()
    elif lead[-1:] in ("-", "+"):  # "US$ - 5"
        sign, lead = lead[-1], lead[:-1].strip()
    if sign and m[0][0] in "-+":
        raise QuantityParseError(f"more than one sign in {_quote(s)}")
    if sign == "-":
        number = -number
    rest = re.sub(r"^-\s*(?=[^\W\d_])", "", rest)  # hyphenated: "1,400-square-meter"
    return _Parts(s, found.pop() if found else "exact", lead, number, rest)


def _scale_and_tail(
    parts: _Parts, scales: re.Pattern[str], accepts: Callable[[str], bool], noun: str
) -> tuple[Decimal, str]:
    """(scale, unit text) for what follows the number; the unit text may be "".

    A scale is tried first and, if what then remains is not accepted, the whole
    rest is tried as a unit, so that "m³" is cubic metres, not million-³.
    """
    candidates: list[tuple[int, str]] = []
    if (m := scales.match(parts.rest)) is not None:
        candidates.append((_SCALE_OF[m[0].lower()], parts.rest[m.end():].strip()))
    candidates.append((1, parts.rest))
    for scale, tail in candidates:
        if accepts(tail):
            return Decimal(scale), tail
    if re.search(r"[0-9]", parts.rest):
        raise QuantityParseError(f"more than one number in {_quote(parts.text)}")
    raise QuantityParseError(f"{noun} {_quote(candidates[0][1])} in {_quote(parts.text)}")


def _finite(value: Decimal, parts: _Parts) -> float:
    result = float(value)
    if not math.isfinite(result):
        raise QuantityParseError(f"number too large in {_quote(parts.text)}")
    return result


def _currency(text: str, uppercase_codes_only: bool) -> str | None:
    code = _CURRENCY_OF.get(_key(text))
    if code is not None:
        return code
    s = text.strip()
    # In a sentence-like cell only a code in capitals is taken as one, so that
    # "5 per" is an error rather than five of a currency called PER.
    if _ISO_CODE.fullmatch(s) and (s.isupper() or not uppercase_codes_only):
        return s.upper()
    return None


def normalise_currency(text: str) -> str:
    """The ISO 4217 code for a currency name, symbol or code.

    A bare ``¥``/``￥`` is CNY, not JPY, because the data is about China; write
    JPY, JP¥ or 円 for yen.  Any other three-letter code is taken as given.
    """
    if isinstance(text, str):
        code = _currency(text.translate(_NORMALISE), uppercase_codes_only=False)
        if code is not None:
            return code
    shown = _quote(text.strip()) if isinstance(text, str) else type(text).__name__
    raise QuantityParseError(
        f"unknown currency {shown}: use a code such as CNY, USD, HKD, EUR, GBP, JPY, CHF"
        " or one of RMB, 元, 人民币, ¥, US$, $, 美元, HK$, 港元, €, £, 円")


def parse_amount(text: str) -> Amount:
    """An amount of money: ``US$683.2 million``, ``5亿元``, ``over 2 billion``.

    A parenthesised conversion after the amount, as in ``5 billion yuan
    (US$683.2 million)``, must itself be an amount and is ignored.
    """
    if (value := _fast(text)) is not None:
        return Amount(value, None)
    if isinstance(text, str):
        s = text.translate(_NORMALISE).strip()
        opening = s.find("(")
        if opening > 0 and s.count("(") == s.count(")") == 1 and s.endswith(")"):
            inner = s[opening + 1 : -1]
            try:
                _parse_amount(inner)
            except QuantityParseError:
                raise QuantityParseError(
                    f"{_quote(inner)} in brackets is not an amount in {_quote(s)}") from None
            text = s[:opening]
        elif "(" in s or ")" in s:
            raise QuantityParseError(f"unexpected brackets in {_quote(s)}")
    return _parse_amount(text)


def _parse_amount(text: str) -> Amount:
    parts = _split(text, "amount")
    before = None
    if parts.lead:
        before = _currency(parts.lead, uppercase_codes_only=True)
        if before is None:
            raise QuantityParseError(
                f"unknown currency {_quote(parts.lead)} in {_quote(parts.text)}")
    scale, tail = _scale_and_tail(
        parts, _ANY_SCALE,
        lambda t: not t or _currency(t, uppercase_codes_only=True) is not None, "unexpected")
    after = _currency(tail, uppercase_codes_only=True) if tail else None
    if before is not None and after is not None and before != after:
        raise QuantityParseError(f"two currencies ({before}, {after}) in {_quote(parts.text)}")
    value = _finite(_CTX.multiply(parts.number, scale), parts)
    return Amount(value, before or after, parts.qualifier)


def _measure(text: str, what: str, units: dict[str, _Factor]) -> tuple[float, Qualifier]:
    parts = _split(text, what)
    if parts.lead:
        raise QuantityParseError(f"unexpected {_quote(parts.lead)} in {_quote(parts.text)}")
    scale, tail = _scale_and_tail(
        parts, _WORD_SCALE, lambda t: not t or _key(t) in units, "unknown unit")
    multiplier, divisor = units.get(_key(tail), _ONE)
    value = _CTX.multiply(_CTX.multiply(parts.number, scale), multiplier)
    return _finite(_CTX.divide(value, divisor), parts), parts.qualifier


def parse_litres(text: str) -> tuple[float, Qualifier]:
    """(litres, qualifier) from ``80,000 L``, ``20 m³``, ``8万升``, ``over 80,000 L``.

    A bare number is taken as litres.
    """
    if (value := _fast(text)) is not None:
        return value, "exact"
    return _measure(text, "volume", _LITRE_UNITS)


def parse_area_m2(text: str) -> tuple[float, Qualifier]:
    """(square metres, qualifier) from ``8,000 sqm``, ``2 ha``, ``30 亩``, ``10,000 sq ft``.

    A bare number is taken as square metres.
    """
    if (value := _fast(text)) is not None:
        return value, "exact"
    return _measure(text, "area", _AREA_UNITS)


def parse_number(text: str) -> float:
    """A plain count: ``1,200``, ``3.5 million``, ``2万``; no qualifiers or units."""
    if (value := _fast(text)) is not None:
        return value
    parts = _split(text, "number")
    if parts.qualifier != "exact" or parts.lead:
        raise QuantityParseError(f"expected a plain number, not {_quote(parts.text)}")
    scale, _ = _scale_and_tail(parts, _ANY_SCALE, lambda t: not t, "unexpected")
    return _finite(_CTX.multiply(parts.number, scale), parts)


def format_quantity(value: float) -> str:
    """Compact form for screens: ``80,000``, ``22.33 M``, ``5 B``, ``1.2 T``."""
    if not math.isfinite(value):
        return "n/a"
    for size, suffix in ((1e12, " T"), (1e9, " B"), (1e6, " M"), (1.0, "")):
        # Compare after rounding so 999,999,999 is "1 B", not "1,000 M".
        mantissa = round(value / size, 2)
        if abs(mantissa) >= 1 or size == 1.0:
            return "0" if mantissa == 0 else _trim(f"{mantissa:,.2f}") + suffix
    raise AssertionError("unreachable: the last size always matches")


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number
