from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioterm.importer.reader import FileReadError, TableFile, read_table

CHINESE = "name,city\n江苏恒瑞医药股份有限公司,连云港\n百济神州（北京）生物科技有限公司,北京\n"


def write(tmp_path: Path, content: str | bytes, encoding: str = "utf-8",
          name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def rows(table: TableFile) -> list[tuple[int, list[str]]]:
    return list(table.rows)


def test_plain_utf8(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "id,name\n1,Alpha\n2,Beta\n"))
    assert table.encoding == "utf-8"
    assert table.delimiter == ","
    assert table.header == ["id", "name"]
    assert table.header_line == 1
    assert rows(table) == [(2, ["1", "Alpha"]), (3, ["2", "Beta"])]


def test_accepts_a_path_string(tmp_path: Path) -> None:
    path = write(tmp_path, "id\n1\n")
    assert read_table(str(path)).header == ["id"]  # type: ignore[arg-type]


def test_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "name,city\r\n恒瑞,连云港\r\n", "utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.header == ["name", "city"]
    assert rows(table) == [(2, ["恒瑞", "连云港"])]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_chinese_excel_encoding(tmp_path: Path, encoding: str) -> None:
    table = read_table(write(tmp_path, CHINESE, encoding))
    assert table.encoding == "gb18030"
    assert rows(table) == [
        (2, ["江苏恒瑞医药股份有限公司", "连云港"]),
        (3, ["百济神州（北京）生物科技有限公司", "北京"]),
    ]


def test_gb18030_with_rare_characters(tmp_path: Path) -> None:
    # 堃 and 喆 are outside GB2312 but common in company and person names.
    text = "name\n" + "".join(f"上海{c}生物医药有限公司\n" for c in "堃喆珺一二三四五六七")
    table = read_table(write(tmp_path, text, "gb18030"))
    assert table.encoding == "gb18030"
    assert rows(table)[0] == (2, ["上海堃生物医药有限公司"])


def test_latin1_is_not_mistaken_for_chinese(tmp_path: Path) -> None:
    text = "name,city\nSociété Générale,Zürich\nNestlé,Genève\nL'Oréal,Clichy\n" * 3
    table = read_table(write(tmp_path, text, "cp1252"))
    assert table.encoding != "gb18030"
    assert rows(table)[0] == (2, ["Société Générale", "Zürich"])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_and_tabs(tmp_path: Path, encoding: str) -> None:
    # Excel's "Unicode text" is tab-separated UTF-16 with a byte-order mark.
    text = "\ufeffname\tcity\n恒瑞\t连云港\n"
    table = read_table(write(tmp_path, text, encoding))
    assert table.encoding == "utf-16"
    assert table.delimiter == "\t"
    assert table.header == ["name", "city"]
    assert rows(table) == [(2, ["恒瑞", "连云港"])]


def test_utf16_without_bom_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="not a text file"):
        read_table(write(tmp_path, "name\nx\n", "utf-16-le"))


def test_semicolon_delimiter(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, 'name;amount\n"Beta; Inc";"1,5"\n'))
    assert table.delimiter == ";"
    assert rows(table) == [(2, ["Beta; Inc", "1,5"])]


def test_delimiter_counted_outside_quotes(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, '"a;b;c;d",e\n1,2\n'))
    assert table.delimiter == ","
    assert table.header == ["a;b;c;d", "e"]


def test_delimiter_ties_go_to_comma(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a;b,c\n1;2,3\n"))
    assert table.delimiter == ","
    assert table.header == ["a;b", "c"]


def test_single_column(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "name\nAlpha\n\nBeta"))
    assert table.delimiter == ","
    assert rows(table) == [(2, ["Alpha"]), (4, ["Beta"])]


def test_embedded_newlines_keep_line_numbers_right(tmp_path: Path) -> None:
    content = 'id,note\n1,"first line\nsecond line\nthird"\n2,plain\n3,"a\r\nb"\n4,x\n'
    table = read_table(write(tmp_path, content))
    assert rows(table) == [
        (2, ["1", "first line\nsecond line\nthird"]),
        (5, ["2", "plain"]),
        (6, ["3", "a\r\nb"]),
        (8, ["4", "x"]),
    ]


def test_quoted_newline_in_header(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, '"Name\n(English)",city\nAlpha,Beijing\n'))
    assert table.header == ["Name\n(English)", "city"]
    assert rows(table) == [(3, ["Alpha", "Beijing"])]


def test_comments_and_blank_lines_before_header(tmp_path: Path) -> None:
    content = ('# Template: one row per company\n"# Dates as YYYY-MM-DD, please",,\n'
               "\n,,\n  name , city ,\n# not a comment any more,x\nAlpha,Beijing\n")
    table = read_table(write(tmp_path, content))
    assert table.header == ["name", "city"]
    assert table.header_line == 5
    assert rows(table) == [(6, ["# not a comment any more", "x"]), (7, ["Alpha", "Beijing"])]


def test_header_with_a_column_named_hash_is_not_a_comment(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "# a comment\n#,,\n#,name\n1,Alpha\n"))
    assert table.header == ["#", "name"]
    assert table.header_line == 3


def test_trailing_blank_rows_and_columns(tmp_path: Path) -> None:
    content = "name,city,,\nAlpha,Beijing,,\n,,,\nBeta,,\n   ,  ,\n\n\n,,,\n"
    table = read_table(write(tmp_path, content))
    assert table.header == ["name", "city"]
    assert rows(table) == [(2, ["Alpha", "Beijing"]), (4, ["Beta", ""])]


def test_short_rows_are_padded(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b,c\n1\n1,2\n"))
    assert rows(table) == [(2, ["1", "", ""]), (3, ["1", "2", ""])]


def test_cells_are_kept_as_written(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, 'a,b\n x ,"y "\n'))
    assert rows(table) == [(2, ["x ", "y "])]  # leading spaces go, as with skipinitialspace


def test_too_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "a,b\n1,2\n\n1,2,3\n")
    table = read_table(path)
    with pytest.raises(FileReadError) as info:
        rows(table)
    assert str(info.value) == f"{path}:4: row has 3 cells but the header has 2."
    assert info.value.line == 4
    assert info.value.path == path


def test_too_many_cells_counts_up_to_the_last_filled_one(tmp_path: Path) -> None:
    path = write(tmp_path, "a,b\n1,,,x,,\n")
    with pytest.raises(FileReadError, match=r":2: row has 4 cells but the header has 2"):
        rows(read_table(path))


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(256)) * 4, name="image.png")
    with pytest.raises(FileReadError, match="not a text file") as info:
        read_table(path)
    assert "image.png" in str(info.value)


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="not a text file"):
        read_table(write(tmp_path, b"a,b\n\x01\x02\x03\x04,x\n"))


@pytest.mark.parametrize("content", ["", "   \n\n\t\r\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    with pytest.raises(FileReadError, match="empty"):
        read_table(write(tmp_path, content))


def test_empty_file_with_bom(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="empty"):
        read_table(write(tmp_path, "", "utf-8-sig"))


def test_only_comments(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="no header"):
        read_table(write(tmp_path, "# just a note\n"))


def test_header_only(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "name,city\n"))
    assert table.header == ["name", "city"]
    assert rows(table) == []


def test_header_only_followed_by_blank_rows(tmp_path: Path) -> None:
    assert rows(read_table(write(tmp_path, "name,city\n,\n\n"))) == []


def test_stray_bom_in_header_cell(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "\ufeff\ufeffname, \ufeffcity\n1,2\n"))
    assert table.header == ["name", "city"]


@pytest.mark.parametrize("header", ["name,city,Name", "a,b,a"])
def test_duplicate_header(tmp_path: Path, header: str) -> None:
    with pytest.raises(FileReadError, match=r":1: the header names .* twice"):
        read_table(write(tmp_path, header + "\n1,2,3\n"))


def test_blank_header_cell_in_the_middle(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="column 2 of the header has no name"):
        read_table(write(tmp_path, "a,,c\n1,2,3\n"))


def test_unclosed_quote(tmp_path: Path) -> None:
    path = write(tmp_path, 'a,b\n1,2\n3,"unclosed\n5,6\n')
    with pytest.raises(FileReadError, match=r":3: .*unbalanced double quote"):
        rows(read_table(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match=r"missing\.csv.*cannot be read"):
        read_table(tmp_path / "missing.csv")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="cannot be read"):
        read_table(tmp_path)


def test_big_file_streams(tmp_path: Path) -> None:
    lines = ["id,name,amount"] + [f"{i},Company {i},\"{i * 1000:,}\"" for i in range(200_000)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    count = 0
    last = None
    for row in read_table(path).rows:
        count += 1
        last = row
    assert count == 200_000
    assert last == (200_001, ["199999", "Company 199999", "199,999,000"])
    assert time.perf_counter() - start < 10


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_read_or_raise_own_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with contextlib.suppress(FileReadError):
        table = read_table(path)
        for _line, cells in table.rows:
            assert len(cells) == len(table.header)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet='ab ,;\t"\n#\r', max_size=6), max_size=4),
                max_size=5))
def test_any_csv_like_text_reads_or_raises_own_error(
    tmp_path: Path, records: list[list[str]]
) -> None:
    path = write(tmp_path, "\n".join(",".join(cells) for cells in records))
    with contextlib.suppress(FileReadError):
        table = read_table(path)
        for _line, cells in table.rows:
            assert len(cells) == len(table.header)
