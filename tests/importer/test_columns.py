"""Which table a header is for, and which field each column fills."""

from __future__ import annotations

from pathlib import Path

import pytest

from bioterm.importer.columns import HeaderError, detect_table, fold_header, match_header
from bioterm.models import RECORDS


@pytest.mark.parametrize(("header", "folded", "unit"), [
    ("Company ID", "company_id", None),
    ("  First-in-class? ", "first_in_class", None),
    ("Amount (RMB million)", "amount", "RMB million"),
    ("面积（平方米）", "面积", "平方米"),
    ("Area m²", "area_m2", None),
    ("(weird)", "weird", None),
])
def test_fold_header(header: str, folded: str, unit: str | None) -> None:
    assert fold_header(header) == (folded, unit)


@pytest.mark.parametrize("table", list(RECORDS))
def test_the_model_field_names_always_detect_their_own_table(table: str) -> None:
    header = list(RECORDS[table].model_fields)
    assert detect_table(header, Path("x.csv")).table == table


@pytest.mark.parametrize(("header", "table"), [
    (["Company", "Date", "Round", "Amount (RMB)", "Investors", "Source"], "funding"),
    (["Company", "Kind", "Source", "Chinese name"], "companies"),
    (["drug", "event", "date", "source"], "milestones"),
    (["Company", "Site", "Date", "Capacity (L)", "Status", "Source"], "capacity"),
    (["名称", "中文名", "类型", "来源"], "companies"),
    (["title", "publisher", "url"], "sources"),
    (["company", "partner", "type", "start", "source"], "partnerships"),
])
def test_friendly_headers(header: list[str], table: str) -> None:
    match = detect_table(header, Path("anything.csv"))
    assert match.table == table
    assert match.ok


def test_company_means_the_name_in_a_companies_file_and_a_reference_elsewhere() -> None:
    assert {c.field for c in match_header("companies", ["Company"]).columns} == {"name"}
    assert {c.field for c in match_header("drugs", ["Company"]).columns} == {"company_id"}


def test_the_file_name_breaks_a_tie_between_imperfect_matches() -> None:
    match = detect_table(["id", "name", "colour"], Path("2024 drugs update.csv"))
    assert match.table == "drugs"
    assert match.unknown == ["colour"]


def test_unknown_and_missing_columns_are_reported_with_the_known_ones() -> None:
    match = match_header("drugs", ["id", "name", "company", "Colour", "source"])
    problems = dict(match.problems())
    assert "Colour" in problems and "phase" in problems and "modality" in problems
    assert "id, name, code_names, company_id" in problems["Colour"]


def test_two_columns_for_one_field_clash() -> None:
    match = match_header("drugs", ["company", "company_id"])
    assert match.clashes == ["columns 'company' and 'company_id' both give company_id"]


def test_id_may_be_left_out_when_the_name_is_given() -> None:
    assert "id" not in match_header("companies", ["name", "kind", "source"]).missing
    assert "id" in match_header("companies", ["kind", "source"]).missing


def test_a_header_like_no_table_is_an_error() -> None:
    with pytest.raises(HeaderError, match="no table has columns like 'colour', 'size'"):
        detect_table(["colour", "size"], Path("x.csv"))


def test_forced_table() -> None:
    match = detect_table(["id", "name"], Path("drugs.csv"), forced="sources")
    assert match.table == "sources"
    assert match.fields == {"id", "title"}  # a source's name is its title
