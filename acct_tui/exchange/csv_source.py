"""Reading a CSV file to import: its encoding, its delimiter, its header and its rows.

The file must be UTF-8 (a byte-order mark is fine); anything else gets a message naming the
first byte that is not. The delimiter (comma, semicolon or tab) is the one whose header names the
most known columns. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

from acct_tui.domain.records import TABLES
from acct_tui.exchange.columns import COLUMNS, Column, header_index, header_key
from acct_tui.exchange.errors import ExchangeError, rejected
from acct_tui.store.storage import describe_os_error

DELIMITERS = (",", ";", "\t")
MAX_CSV_BYTES = 256 << 20


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The rows of a CSV file, with each known column's position."""

    path: Path
    table: str
    headers: list[str]
    """The header row as written."""
    columns: dict[int, Column]
    """Position in a row -> the column it holds (unknown columns are not here)."""
    rows: list[tuple[int, list[str]]]
    """(row number, cells) of every row that is not blank."""

    @property
    def ignored(self) -> list[str]:
        """Header names that mean nothing to the table (fields the import does not set, such as the
        `client_id` of a CSV export, are left out: they are known, just not imported)."""
        fields = {header_key(field.name) for field in dataclasses.fields(TABLES[self.table])}
        return [
            name
            for position, name in enumerate(self.headers)
            if position not in self.columns and name.strip() and header_key(name) not in fields
        ]

    def header(self, field: str) -> str:
        """The header, as written, of the column that fills `field`."""
        return next(self.headers[p] for p, column in self.columns.items() if column.field == field)


def read_csv(path: Path, table: str) -> CsvTable:
    """The rows of the CSV file at `path` for `table`. Raises ExchangeError naming what is wrong."""
    text = _decoded(path, _read_bytes(path))
    if not text.strip():
        raise ExchangeError(path, "is empty: nothing to import")
    delimiter = _delimiter(path, text, table)
    records = _records(path, text, delimiter)
    return _table(path, table, records)


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except FileNotFoundError:
        raise ExchangeError(path, "does not exist") from None
    except IsADirectoryError:
        raise ExchangeError(path, "is a folder, not a CSV file") from None
    except OSError as err:
        raise ExchangeError(path, f"cannot be read: {describe_os_error(err)}") from None
    if len(data) > MAX_CSV_BYTES:
        raise ExchangeError(path, f"is larger than {MAX_CSV_BYTES >> 20} MB: split it into smaller files")
    return data


def _decoded(path: Path, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ExchangeError(path, 'is UTF-16 text: save it as UTF-8 (in Excel: "CSV UTF-8") and import again')
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        raise ExchangeError(
            path,
            f"is not UTF-8: byte 0x{data[offset]:02X} at offset {offset} (line {line}) is not UTF-8 text; "
            'save the file as UTF-8 (in Excel: "CSV UTF-8") and import again',
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ExchangeError(path, f"holds a NUL character on line {line}: it is not a CSV text file")
    return text


def _first_record(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


def _delimiter(path: Path, text: str, table: str) -> str:
    """The delimiter whose header names the most known columns (then the most cells)."""
    known = header_index(table)
    scores = {}
    for delimiter in DELIMITERS:
        header = _first_record(text, delimiter)
        scores[delimiter] = (sum(header_key(cell) in known for cell in header), len(header))
    best = max(DELIMITERS, key=lambda d: scores[d])
    if scores[best][0] == 0:
        names = ", ".join(column.name for column in COLUMNS[table])
        raise ExchangeError(
            path,
            f"row 1: no known column in the header; a CSV file of {table} needs a header row naming its columns "
            f"({names}), separated by commas, semicolons or tabs",
        )
    return best


def _records(path: Path, text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as err:
        raise ExchangeError(path, f"row {len(records) + 1}: cannot be read as CSV ({err})") from None
    return records


def _table(path: Path, table: str, records: list[list[str]]) -> CsvTable:
    headers = records[0]
    known = header_index(table)
    columns: dict[int, Column] = {}
    problems: list[str] = []
    seen: dict[str, str] = {}
    for position, name in enumerate(headers):
        column = known.get(header_key(name))
        if column is None:
            continue
        if column.field in seen:
            problems.append(f'row 1: columns "{seen[column.field]}" and "{name}" both give the {column.name}; keep one')
            continue
        seen[column.field] = name
        columns[position] = column
    for column in COLUMNS[table]:
        if column.required and column.field not in seen:
            others = ", ".join(f'"{n}"' for n in column.names[1:])
            also = f" (or one of {others})" if others else ""
            problems.append(f'row 1: the column "{column.name}"{also} is missing')
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(headers) and any(cell.strip() for cell in cells[len(headers) :]):
            problems.append(
                f"row {number}: has {len(cells)} cells but the header has {len(headers)} columns "
                "(a value that holds the delimiter needs quotes)"
            )
            continue
        rows.append((number, cells))
    if problems:
        raise rejected(path, problems)
    if not rows:
        raise ExchangeError(path, "has a header but no rows: nothing to import")
    return CsvTable(path, table, headers, columns, rows)
