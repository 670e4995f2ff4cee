"""Cell converters: each field kind, header units, and agreement with the models."""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioterm import models
from bioterm.enums import Phase, Qualifier
from bioterm.exporter import neutralise
from bioterm.importer.columns import match_header
from bioterm.importer.convert import (
    REQUIRED,
    CellError,
    amount_converter,
    field_specs,
    measure_converter,
    unquote,
)
from bioterm.importer.references import NameIndex, Resolver
from bioterm.importer.rows import Problem, RowConverter
from bioterm.parsing.quantities import Amount, parse_area_m2, parse_litres


def spec(table: str, name: str):  # type: ignore[no-untyped-def]
    return field_specs(models.RECORDS[table])[name]


def convert(table: str, name: str, text: str) -> Any:
    converter = spec(table, name).converter
    return text if converter is None else converter(text)


def test_every_field_has_a_known_kind() -> None:
    for table, model in models.RECORDS.items():
        for name, found in field_specs(model).items():
            assert found.kind != "other", f"{table}.{name} has no converter of its own"


def test_blank_means_the_default_or_required() -> None:
    assert spec("drugs", "phase").blank is REQUIRED
    assert spec("drugs", "first_in_class").blank is False
    assert spec("milestones", "status").blank == "occurred"
    assert spec("sites", "area_qualifier").blank == Qualifier.EXACT.value
    assert spec("drugs", "description").blank is None


@pytest.mark.parametrize("text", ["yes", "Y", "TRUE", "1", "是", "对"])
def test_true_words(text: str) -> None:
    assert convert("drugs", "first_in_class", text) is True


@pytest.mark.parametrize("text", ["no", "N", "False", "0", "否", "不是"])
def test_false_words(text: str) -> None:
    assert convert("drugs", "first_in_class", text) is False


def test_other_words_are_not_booleans() -> None:
    with pytest.raises(CellError, match="is not yes or no: use one of true, yes"):
        convert("drugs", "first_in_class", "maybe")


@pytest.mark.parametrize(("text", "value"), [
    ("Phase 3", "phase_3"), ("phase_3", "phase_3"), ("PHASE III", "phase_3"),
    ("  phase 1/2 ", "phase_1_2"), ("Pivotal", "registrational"),
])
def test_enums_by_value_label_or_alias(text: str, value: str) -> None:
    assert convert("drugs", "phase", text.strip()) == value


def test_unknown_enum_lists_the_allowed_values() -> None:
    with pytest.raises(CellError) as caught:
        convert("drugs", "phase", "Phase 7")
    assert ", ".join(Phase.choices()) in str(caught.value)


def test_ids_are_checked() -> None:
    assert convert("drugs", "id", "ak-112.v2_b") == "ak-112.v2_b"
    with pytest.raises(CellError, match="is not an id"):
        convert("drugs", "id", "AK 112")


def test_dates_become_partial_iso() -> None:
    assert convert("funding", "date", "Sept. 26, 2023") == "2023-09-26"
    assert convert("funding", "date", "2021/4/27") == "2021-04-27"
    with pytest.raises(CellError, match="ambiguous date"):
        convert("funding", "date", "04/05/2021")


def test_currencies_become_iso_codes() -> None:
    assert convert("funding", "currency", "RMB") == "CNY"
    assert convert("funding", "currency", "us$") == "USD"
    with pytest.raises(CellError, match="unknown currency"):
        convert("funding", "currency", "shells")


@pytest.mark.parametrize(("text", "value"), [
    ("a; b", "a; b"), ("a;b", "a; b"), ("a、b；c", "a; b; c"), ("a; a; b", "a; b"),
    ("a\nb", "a; b"), ("solo", "solo"),
])
def test_lists(text: str, value: str) -> None:
    assert convert("drugs", "targets", text) == value


@given(st.text(alphabet="ab ;；、\n\t", max_size=12))
def test_list_fast_path_agrees_with_the_model(text: str) -> None:
    stripped = text.strip()
    if stripped:
        assert convert("drugs", "targets", stripped) == models._normalise_list(text)


def test_fx_year_and_rate_bounds() -> None:
    assert convert("fx_rates", "year", "2021") == 2021
    with pytest.raises(CellError, match="whole number"):
        convert("fx_rates", "year", "2021.5")
    with pytest.raises(CellError, match="the least allowed is 1900"):
        convert("fx_rates", "year", "1066")
    with pytest.raises(CellError, match="must be more than 0"):
        convert("fx_rates", "usd", "0")


def test_amount_with_header_currency_and_scale() -> None:
    assert amount_converter("RMB million")("22.33") == Amount(22330000.0, "CNY")
    assert amount_converter("USD")("5 million") == Amount(5e6, "USD")
    assert amount_converter("USD")("US$5") == Amount(5.0, "USD")
    with pytest.raises(CellError, match="header says CNY"):
        amount_converter("RMB")("US$5")
    with pytest.raises(CellError, match="not a plain number"):
        amount_converter("RMB million")("5 billion")
    with pytest.raises(CellError, match="is not a currency or scale"):
        amount_converter("furlongs")


def test_negative_quantities_are_refused() -> None:
    with pytest.raises(CellError, match="negative value '-5 million'"):
        amount_converter(None)("-5 million")
    with pytest.raises(CellError, match="negative"):
        measure_converter(parse_litres, None)("-80,000 L")


def test_measures_with_header_units() -> None:
    assert measure_converter(parse_litres, "kL")("80") == (80000.0, "exact")
    assert measure_converter(parse_area_m2, None)("about 2 ha") == (20000.0, "about")
    with pytest.raises(CellError, match="is not a unit"):
        measure_converter(parse_litres, "furlongs")


@given(st.text())
def test_neutralised_cells_come_back_unchanged(text: str) -> None:
    assert unquote(neutralise(text)) == text
    assert neutralise(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


# -- every converter: any text gives a value or its own error -----------------

CONVERTERS = [
    (table, name, found.converter)
    for table, model in models.RECORDS.items()
    for name, found in field_specs(model).items()
    if found.converter is not None
] + [
    ("funding", "amount", amount_converter(None)),
    ("funding", "amount (RMB million)", amount_converter("RMB million")),
    ("capacity", "litres", measure_converter(parse_litres, None)),
    ("sites", "area_m2", measure_converter(parse_area_m2, "sqm")),
]


@pytest.mark.parametrize(("table", "name", "converter"), CONVERTERS,
                         ids=[f"{t}.{n}" for t, n, _ in CONVERTERS])
@given(text=st.text(min_size=1))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_a_value_or_a_cell_error(
    table: str, name: str, converter: Any, text: str
) -> None:
    with contextlib.suppress(CellError):
        converter(text)


# -- whole rows agree with Model.model_validate ---------------------------------

class _Names:
    """A store stand-in for the resolver: a few rows per referenced table."""

    ROWS: ClassVar[dict[str, list[tuple[Any, ...]]]] = {
        "sources": [("src-1", "A report", "https://example.com/a")],
        "companies": [("akeso", "Akeso, Inc.", "康方生物", "HKEX:09926"),
                      ("cytiva", "Cytiva", None, None)],
        "drugs": [("ak112", "Ivonescimab", "AK112; SMT112")],
        "sites": [("akeso-gz", "Guangzhou base")],
        "deals": [("akeso-summit-2022",)],
    }

    def reference_rows(self, table: str) -> list[tuple[Any, ...]]:
        return self.ROWS[table]


GOOD: dict[str, list[str]] = {
    "id": ["akeso", "x-1", "a.b_c", ""],
    "date": ["2021", "2021-04", "2021/4/27", "April 26, 2021", "44313", "27/04/2021", ""],
    "list": ["a; b", "a；b", "x", "a;; a", " a ; b ", ""],
    "text": ["hello", "'=1+1", "[bold]x[/]", "  padded  ", "'-", ""],
    "bool": ["yes", "no", "1", "是", ""],
    "amount": ["80000", "80,000", "RMB 22.33 million", "US$683.2 million", "over 2 billion",
               "HK$1.2 billion", "5 billion yuan", "about 3", ""],
    "litres": ["80,000 L", "80 000 L", "20 m³", "about 8000", "8000", ""],
    "area": ["8,000 sqm", "8000 m²", "2 ha", "nearly 5 mu", ""],
    "currency": ["CNY", "RMB", "US$", "usd", "HKD", ""],
    "integer": ["2021", "1999", "2,021"],
    "number": ["0.15", "1", "1e-3"],
}
BAD: dict[str, list[str]] = {
    "id": ["Bad Id", "ÄÖ", "-x"],
    "date": ["04/05/2021", "soon", "2021-02-30", "21-4-5"],
    "amount": ["-5", "five", "1,5", "US$5 RMB", "(3)"],
    "litres": ["-1 L", "lots", "5 kg"],
    "area": ["-3", "big", "5 L"],
    "currency": ["xyz1", "shells"],
    "integer": ["2021.5", "x", "1800"],
    "number": ["-1", "x", "0"],
    "bool": ["maybe"],
    "reference": ["nobody", "akeso-x"],
    "enum": ["nonsense", "phase 9"],
}


def _good(model: type[models.Record], name: str, kind: str) -> list[str]:
    found = field_specs(model)[name]
    if found.enum is not None:
        return [*found.enum.choices(), *(m.label for m in found.enum), ""]
    if kind == "reference":
        rows = _Names.ROWS[model.references[name]]
        # A name, or the id where a table is referred to by id alone (deals).
        name = rows[0][1] if len(rows[0]) > 1 else rows[0][0]
        return [str(v) for row in rows for v in row[:2]] + [" " + name.upper() + " "]
    return GOOD[kind]


def _cells(model: type[models.Record]) -> st.SearchStrategy[list[str]]:
    """Mostly good cells for each field, now and then a bad one or any text."""
    def cell(name: str, kind: str) -> st.SearchStrategy[str]:
        good = st.sampled_from(_good(model, name, kind))
        bad = st.sampled_from(BAD.get(kind, ["\x00"]))
        return st.tuples(st.integers(0, 39), good, bad, st.text(max_size=8)).map(
            lambda t: t[1] if t[0] < 37 else t[2] if t[0] < 39 else t[3]
        )

    return st.tuples(*[cell(n, s.kind) for n, s in field_specs(model).items()]).map(list)


@cache
def _row_converter(table: str) -> RowConverter:
    header = list(models.RECORDS[table].model_fields)
    return RowConverter(match_header(table, header), Resolver(_Names()), Path("t.csv"))


@pytest.mark.parametrize("table", list(models.RECORDS))
@given(data=st.data())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_converted_rows_are_what_the_model_accepts(table: str, data: st.DataObject) -> None:
    model = models.RECORDS[table]
    header = list(model.model_fields)
    converter = _row_converter(table)
    cells = data.draw(_cells(model))
    problems: list[Problem] = []
    row = converter.convert(2, cells, problems)
    if row is None:
        assert problems and all(p.line == 2 and p.column for p in problems)
        return
    values = dict(zip(converter.columns, row, strict=True))
    record = model.model_validate(values)
    assert record.model_dump() == {name: values[name] for name in header}


def test_name_index_tiers_and_ambiguity() -> None:
    index = NameIndex("companies", _Names.ROWS["companies"])
    assert index.resolve("akeso") == "akeso"
    assert index.resolve("  AKESO,  inc.") == "akeso"
    assert index.resolve("康方生物") == "akeso"
    assert index.resolve("09926") == "akeso"
    index.add("akeso-2", ["Akeso, Inc.", None, None])
    with pytest.raises(CellError, match=r"names more than one company \(akeso, akeso-2\)"):
        index.resolve("Akeso, Inc.")
    with pytest.raises(CellError, match="unknown company 'Umbrella'"):
        index.resolve("Umbrella")
