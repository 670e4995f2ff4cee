"""`decide_utf8`: UTF-8, UTF-8 but for a few bad bytes, or another encoding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bioterm.importer.encoding import BadSequence, Verdict, decide_utf8


def test_valid_utf8() -> None:
    decision = decide_utf8("id,name\n1,Société\n2,康方生物\n".encode())
    assert decision.verdict is Verdict.UTF8
    assert decision.bad == []
    assert decision.text == "id,name\n1,Société\n2,康方生物\n"


def test_one_latin1_byte_among_utf8_lines() -> None:
    data = "a,Société\nb,".encode() + b"Soci\xe9t\xc3\xa9\n" + "c,Société\n".encode()
    decision = decide_utf8(data)
    assert decision.verdict is Verdict.UTF8_WITH_BAD_BYTES
    assert decision.bad == [BadSequence(line=2, offset=data.index(b"\xe9t"), data=b"\xe9")]
    assert decision.text.splitlines()[1] == "b,Soci\ufffdté"


def test_every_bad_sequence_is_listed_with_its_line() -> None:
    good = "康方生物\n".encode() * 10
    data = good + b"x\xff\n" + good + b"\xc3(\n" + good
    decision = decide_utf8(data)
    assert decision.verdict is Verdict.UTF8_WITH_BAD_BYTES
    assert [(b.line, b.offset, b.data) for b in decision.bad] == [
        (11, len(good) + 1, b"\xff"), (22, 2 * len(good) + 3, b"\xc3"),
    ]


def test_a_character_cut_at_the_end() -> None:
    data = "名称\n康方".encode() + "生".encode()[:2]
    decision = decide_utf8(data)
    assert decision.verdict is Verdict.UTF8_WITH_BAD_BYTES
    assert decision.bad[0].data == "生".encode()[:2]
    assert decision.bad[0].line == 2


@pytest.mark.parametrize(("text", "encoding"), [
    ("公司,金额\n康方生物,人民币5亿元\n恒瑞医药,二十亿\n" * 20, "gb18030"),
    ("公司,金額\n康方生物,五億\n" * 20, "big5"),
    ("会社,金額\n日本の製薬会社,五億円\n" * 20, "shift_jis"),
    ("Société,Müller,Ærø,naïve\n" * 20, "cp1252"),
    ("Компания,Фарма\n" * 20, "cp1251"),
    ("Société Générale, café crème\n" * 3, "latin-1"),
])
def test_other_encodings_are_left_to_be_recognised(text: str, encoding: str) -> None:
    decision = decide_utf8(text.encode(encoding))
    assert decision.verdict is Verdict.OTHER
    assert decision.bad == []


def test_one_good_character_and_one_bad_byte_is_utf8_with_a_bad_byte() -> None:
    decision = decide_utf8("a,康\n".encode() + b"b,\xe9\n")
    assert decision.verdict is Verdict.UTF8_WITH_BAD_BYTES
    assert [b.line for b in decision.bad] == [2]


def test_a_legacy_file_with_one_utf8_character_is_not_utf8() -> None:
    data = "Société Générale, café\n".encode("cp1252") * 5 + "€\n".encode()
    assert decide_utf8(data).verdict is Verdict.OTHER


def test_ascii_with_a_few_stray_bytes_is_its_own_verdict() -> None:
    """Too few bytes to tell a code page by: é in cp1252 would be ť in cp1250."""
    data = b"id,name\nsoc-a,Soci\xe9t\xe9 A\n"
    decision = decide_utf8(data)
    assert decision.verdict is Verdict.ASCII_WITH_STRAY_BYTES
    assert [(b.line, b.offset) for b in decision.bad] == [(2, 18), (2, 20)]
    many = ("Société Générale, café crème\n" * 3).encode("cp1252")
    assert decide_utf8(many).verdict is Verdict.OTHER


def test_describe() -> None:
    assert BadSequence(3, 89, b"\xe9").describe() == "byte 0xE9 at byte offset 89 (not valid UTF-8)"
    assert BadSequence(3, 9, b"\xe5\xba").describe().startswith("bytes 0xE5 0xBA at")


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_get_a_verdict_and_replaced_text(data: bytes) -> None:
    decision = decide_utf8(data)
    assert decision.text == data.decode("utf-8", "replace")
    if decision.verdict in (Verdict.UTF8_WITH_BAD_BYTES, Verdict.ASCII_WITH_STRAY_BYTES):
        assert decision.bad and all(data[b.offset:b.offset + len(b.data)] == b.data
                                    for b in decision.bad)
        assert all(b.line == data.count(b"\n", 0, b.offset) + 1 for b in decision.bad)
    else:
        assert decision.bad == []
