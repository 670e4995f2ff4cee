"""The reader under faults: bad rows it reads past, bad bytes, input without end."""

from __future__ import annotations

from pathlib import Path

import pytest

from bioterm.importer.reader import BadBytes, FileReadError, read_bounded, read_table


def write(tmp_path: Path, data: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reading_goes_on_past_rows_with_too_many_cells(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"a,b\n1,2\n3,4,5\n6,7\n8,9,10,11\n12,13\n"))
    bad: list[FileReadError] = []
    table.on_bad_row = bad.append
    assert list(table.rows) == [(2, ["1", "2"]), (4, ["6", "7"]), (6, ["12", "13"])]
    assert [(e.line, str(e).split(": ", 1)[1]) for e in bad] == [
        (3, "row has 3 cells but the header has 2."),
        (5, "row has 4 cells but the header has 2."),
    ]


def test_an_unclosed_quote_is_one_bad_row(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b'a,b\n1,2\n3,"unclosed\n5,6\n'))
    bad: list[FileReadError] = []
    table.on_bad_row = bad.append
    assert list(table.rows) == [(2, ["1", "2"])]
    assert [e.line for e in bad] == [3]
    assert "lines 3–4 were read as this one record" in str(bad[0])


def test_bad_bytes_in_a_utf8_file_are_refused_with_every_place(tmp_path: Path) -> None:
    data = "name\nSociété\n".encode() + b"Soci\xe9t\xc3\xa9\n" + b"x\xff\n"
    path = write(tmp_path, data)
    with pytest.raises(BadBytes) as info:
        read_table(path)
    assert [(s.line, s.offset, s.data) for s in info.value.sequences] == [
        (3, data.index(b"\xe9t"), b"\xe9"), (4, data.index(b"\xff"), b"\xff"),
    ]
    table = read_table(path, replace_bad_bytes=True)
    assert [cells for _, cells in table.rows] == [["Société"], ["Soci\ufffdté"], ["x\ufffd"]]
    assert [s.line for s in table.replaced] == [3, 4]
    assert table.content == data


def test_a_file_larger_than_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "sparse.csv"
    with path.open("wb") as f:
        f.write(b"a,b\n")
        f.truncate(10 * 1024**3)  # sparse: reading it would take minutes
    with pytest.raises(FileReadError, match="larger than 512 MiB"):
        read_table(path)
    small = write(tmp_path, b"a,b\n" + b"1,2\n" * 1000, "small.csv")
    with pytest.raises(FileReadError, match="larger than"):
        read_bounded(small, limit=1000)
    assert read_bounded(small, limit=10_000).startswith(b"a,b\n")


def test_an_endless_stream_of_nul_bytes_is_refused_at_once() -> None:
    with pytest.raises(FileReadError, match="not a text file"):
        read_bounded(Path("/dev/zero"))


def test_a_directory_or_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="cannot be read"):
        read_bounded(tmp_path)
    with pytest.raises(FileReadError, match="cannot be read"):
        read_bounded(tmp_path / "missing.csv")
