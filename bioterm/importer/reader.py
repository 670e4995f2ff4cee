"""Reading the CSV files people save from Excel, in whatever encoding they come.

Excel on a Chinese Windows saves "CSV" as GB18030/GBK, "CSV UTF-8" with a
BOM, and "Unicode text" as tab-separated UTF-16; European settings use
semicolons.  All of these are read here into one shape, with the physical line
number of every record so that error messages point at the right line.

Rows are produced lazily, so a 200,000-row file is held in memory once, as the
decoded text, and problems found in a row (too many cells) are raised as
FileReadError while iterating.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import charset_normalizer

from bioterm.importer.encoding import BadSequence, Decision, Verdict, decide_utf8

__all__ = ["DELIMITERS", "MAX_FILE_BYTES", "BadBytes", "FileReadError", "TableFile",
           "clean_header", "location", "read_table"]

DELIMITERS = (",", ";", "\t")  # in order of preference when counts tie
MAX_FILE_BYTES = 512 * 1024 * 1024
"""The largest file read; anything bigger (or endless, like /dev/zero) is refused."""
_CHUNK = 1024 * 1024
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
              codecs.BOM_UTF16_BE)

# One physical line at a time, keeping its ending, as csv expects of a file
# opened with newline="".  Matching lazily avoids a second copy of the text.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# Control characters that never occur in a spreadsheet's text.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BLANK_BEFORE_HEADER = re.compile(r'[\s,;"]*')
_HASH_COLUMN = re.compile(r'"?#"?[,;\t][\s,;"]*[^\s,;"]')


def location(path: Path, line: int | None = None, sheet: str | None = None) -> str:
    """Where a problem is: ``file.csv:12``, or ``book.xlsx:Sheet!12`` in a workbook."""
    if sheet is not None:
        return f"{path}:{sheet}!{line}" if line is not None else f"{path}:{sheet}"
    return f"{path}:{line}" if line is not None else f"{path}"


class FileReadError(Exception):
    """The file cannot be read as a table; the message names the file."""

    def __init__(
        self, path: Path, message: str, line: int | None = None, *, sheet: str | None = None
    ) -> None:
        super().__init__(f"{location(path, line, sheet)}: {message}")
        self.path = path
        self.line = line
        self.sheet = sheet


class BadBytes(FileReadError):
    """A UTF-8 file with a few invalid byte sequences; `sequences` lists every one."""

    def __init__(self, path: Path, sequences: list[BadSequence]) -> None:
        super().__init__(
            path, f"{len(sequences)} invalid UTF-8 byte sequence(s) in a file that is "
            "otherwise UTF-8; no other encoding is guessed for it.")
        self.sequences = sequences


BAD_BYTES_HINT = (
    "fix the bytes (save the file again as CSV UTF-8), or import with "
    "--replace-bad-bytes to read each one as \ufffd"
)


@dataclass
class TableFile:
    """A decoded table; `rows` yields (line number where the record starts, cells).

    Line numbers are physical lines of the file, as a text editor shows them:
    comment lines and lines spanned by quoted newlines count.  Every row has
    exactly ``len(header)`` cells, as written except for leading spaces.
    """

    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    header_line: int = 1
    content: bytes = b""
    """The file's bytes, as read (for the checksum in the import history)."""
    replaced: list[BadSequence] = field(default_factory=list)
    """Invalid UTF-8 sequences read as U+FFFD (only with replace_bad_bytes)."""
    on_bad_row: Callable[[FileReadError], None] | None = None
    """Told of each row that cannot be read (too many cells, a broken quote); reading
    then goes on with the next row. Without it, `rows` raises the FileReadError."""
    sheet: str | None = None
    """The sheet's name, for a table read from a workbook (`line` is then its row)."""
    row_count: int | None = None
    """Data rows, where known before reading them (a sheet), for the progress bar."""

    @property
    def label(self) -> str:
        """The file, or ``book.xlsx:Sheet``, as messages and the summary name it."""
        return location(self.path, sheet=self.sheet)


class _Lines:
    """Physical lines of the text, counting how many have been handed out."""

    def __init__(self, text: str) -> None:
        self.matches = _LINE.finditer(text)
        self.consumed = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.matches).group()
        self.consumed += 1
        return line


def read_table(path: Path, *, replace_bad_bytes: bool = False) -> TableFile:
    """Decode `path`, find its header and delimiter, and stream its rows.

    A file that is UTF-8 but for a few invalid bytes raises BadBytes, unless
    `replace_bad_bytes`: then each is read as U+FFFD and listed in `replaced`.
    """
    path = Path(path)
    data = read_bounded(path)
    replaced: list[BadSequence] = []
    text, encoding = _decode(path, data, replace_bad_bytes, replaced)
    if not text.strip():
        raise FileReadError(path, "the file is empty.")
    lines = _Lines(text)
    first = _skip_preamble(lines)
    if first is None:
        raise FileReadError(path, "there is no header row, only comments.")
    delimiter = _sniff_delimiter(first)
    # Lines before the header; the csv reader counts the ones it reads itself
    # (`line_num`), in C: a Python call per line was a fifth of the reading time.
    before = lines.consumed - 1
    source = itertools.chain((first,), map(re.Match.group, lines.matches))
    # strict: an unclosed quote is an error at its line, not a silently
    # swallowed remainder of the file.
    reader = csv.reader(source, delimiter=delimiter, skipinitialspace=True, strict=True)
    header_line = before + 1
    raw_header = _next_record(path, reader, header_line)
    header = clean_header(path, raw_header or [], header_line)
    table = TableFile(path, encoding, delimiter, header, iter(()), header_line, data, replaced)
    table.rows = _rows(path, reader, before, len(header), table)
    return table


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path`, refusing early anything bigger than the limit or endless.

    A regular file's size is checked before reading; a device or pipe is read
    in chunks, and one starting with NUL bytes (/dev/zero) is refused at once.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    too_big = (f"is larger than {limit // (1024 * 1024):,} MiB; bioterm reads files up "
               "to that size (split it into several files).")
    try:
        with path.open("rb") as stream:
            if path.is_file():  # its size is known: one read, no copies
                if path.stat().st_size > limit:
                    raise FileReadError(path, too_big)
                data = stream.read(limit + 1)
                if len(data) > limit:  # it grew while being read
                    raise FileReadError(path, too_big)
                return data
            chunks: list[bytes] = []
            total = 0
            while chunk := stream.read(_CHUNK):
                if not chunks and b"\x00" in chunk[:4096] and not chunk.startswith(_WIDE_BOMS):
                    raise FileReadError(path, "this is not a text file (it contains NUL "
                                        "bytes); save the spreadsheet as CSV UTF-8 and "
                                        "import that.")
                total += len(chunk)
                if total > limit:
                    raise FileReadError(path, too_big)
                chunks.append(chunk)
    except OSError as error:
        raise FileReadError(path, f"cannot be read ({error.strerror or error}).") from None
    return b"".join(chunks)


def _decode(
    path: Path, data: bytes, replace_bad_bytes: bool, replaced: list[BadSequence]
) -> tuple[str, str]:
    """(text, encoding name) for the file's bytes."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(path, data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise FileReadError(
                    path, f"it starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()}; save it again as CSV UTF-8.") from None
    if b"\x00" in data:
        raise FileReadError(path, "this is not a text file (it contains NUL bytes); "
                            "save the spreadsheet as CSV UTF-8 and import that.")
    decision = decide_utf8(data)
    if decision.verdict is Verdict.UTF8:
        return _checked(path, decision.text, "utf-8")
    if decision.verdict is Verdict.UTF8_WITH_BAD_BYTES:
        return _bad_bytes(path, decision, replace_bad_bytes, replaced)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_chinese(text) and not _BINARY.search(text):
            return text, "gb18030"
    if decision.verdict is Verdict.ASCII_WITH_STRAY_BYTES:
        return _bad_bytes(path, decision, replace_bad_bytes, replaced)
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise FileReadError(path, "its text encoding cannot be recognised; "
                            "save it from Excel as CSV UTF-8 and import that.")
    return _checked(path, str(best), best.encoding)


def _bad_bytes(
    path: Path, decision: Decision, replace_bad_bytes: bool, replaced: list[BadSequence]
) -> tuple[str, str]:
    if not replace_bad_bytes:
        raise BadBytes(path, decision.bad)
    replaced.extend(decision.bad)
    return _checked(path, decision.text, "utf-8")


def _checked(path: Path, text: str, encoding: str) -> tuple[str, str]:
    if _BINARY.search(text):
        raise FileReadError(path, "this is not a text file (it contains control characters); "
                            "save the spreadsheet as CSV UTF-8 and import that.")
    return text, encoding


def _looks_chinese(text: str) -> bool:
    """Whether non-UTF-8 bytes that decode as GB18030 are really Chinese text.

    Almost any Latin-1 text also decodes as GB18030, into rare characters:
    "é" followed by "t" pairs up into one.  Real Chinese text is nearly all in
    the GB2312 core, so require most of the non-ASCII characters to be there.
    """
    sample = _NON_ASCII.findall(text, 0, 200_000)
    if not sample:
        return True
    common = 0
    for char in sample:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= 0.8 * len(sample)


def _skip_preamble(lines: _Lines) -> str | None:
    """The first line of the header, after blank lines and ``#`` comments."""
    for line in lines:
        stripped = line.lstrip()
        # Excel quotes a comment cell that contains a comma: "# note, more",,
        # but a header whose first column is named just "#" is no comment.
        if stripped.startswith(("#", '"#')) and not _HASH_COLUMN.match(stripped):
            continue
        if _BLANK_BEFORE_HEADER.fullmatch(line):
            continue
        return line
    return None


def _sniff_delimiter(line: str) -> str:
    """The delimiter that occurs most often outside quotes in the header line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts.values())
    return next(d for d in DELIMITERS if counts[d] == best)


def _next_record(path: Path, reader: Iterator[list[str]], start: int) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        raise _split_error(path, error, start) from None


def _split_error(
    path: Path, error: csv.Error, start: int, end: int | None = None
) -> FileReadError:
    # Almost always a quote that is opened and never closed, which makes
    # the csv module swallow the rest of the file into one cell.
    spanned = f" (lines {start}–{end} were read as this one record)" if end and end > start else ""
    return FileReadError(
        path, f"cannot split this record into cells ({error}); look for an "
        f"unbalanced double quote{spanned}.", start)


def clean_header(
    path: Path, cells: list[str], line: int, *, sheet: str | None = None
) -> list[str]:
    """The header's names, trimmed; FileReadError for a blank, nameless or doubled one."""
    header = [cell.strip().strip("\ufeff").strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise FileReadError(path, "the header row is blank.", line, sheet=sheet)
    seen: dict[str, int] = {}
    for number, name in enumerate(header, 1):
        if not name:
            raise FileReadError(path, f"column {number} of the header has no name.", line,
                                sheet=sheet)
        # Case-insensitively, because column names are matched that way.
        if name.casefold() in seen:
            raise FileReadError(
                path, f"the header names '{name}' twice (columns {seen[name.casefold()]} "
                f"and {number}); every column needs its own name.", line, sheet=sheet)
        seen[name.casefold()] = number
    return header


def _rows(
    path: Path, reader: Any, before: int, width: int, table: TableFile
) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells); `before`: lines ahead of the csv reader's first.

    A row that cannot be read goes to `table.on_bad_row` and reading goes on
    (or, without one, raises FileReadError).
    """
    start = before + reader.line_num + 1
    while True:
        try:
            for cells in reader:
                # Blank (all cells empty or spaces) rows are skipped.
                if len(cells) == width:
                    joined = "".join(cells)
                    if joined and not joined.isspace():
                        yield start, cells
                elif "".join(cells).strip():
                    if len(cells) > width:
                        used = max(i for i, cell in enumerate(cells, 1) if cell.strip())
                        if used > width:
                            _bad_row(table, FileReadError(
                                path, f"row has {used} cells but the header has {width}.",
                                start))
                            start = before + reader.line_num + 1
                            continue
                        del cells[width:]
                    else:
                        cells.extend([""] * (width - len(cells)))
                    yield start, cells
                start = before + reader.line_num + 1
            return
        except csv.Error as error:
            end = before + reader.line_num
            _bad_row(table, _split_error(path, error, start, end))
            start = end + 1


def _bad_row(table: TableFile, error: FileReadError) -> None:
    if table.on_bad_row is None:
        raise error
    table.on_bad_row(error)
