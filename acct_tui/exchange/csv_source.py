"""Reading a CSV file to import: its encoding, its delimiter, its header, who wrote it, and its rows.

The file is UTF-8 (a byte-order mark is fine) unless `encoding` says otherwise; a file that starts
with a UTF-16 byte-order mark (Excel's "Unicode Text") is UTF-16. A file that is not what it
should be gets a message naming the first byte that is not (and UTF-16 without a byte-order mark
is named as such). The delimiter is the one Excel's `sep=;` first line gives, else the comma,
semicolon or tab whose header names the most known columns. Rows are numbered as a spreadsheet
shows them: the header is row 1.

Each header is matched by, in turn: the `--map` file, the columns of the CRM that wrote the file
(`acct_tui.exchange.crm`), and the generic names (`acct_tui.exchange.columns`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from acct_tui.domain.wording import MB, megabytes
from acct_tui.exchange.column_map import ColumnMap
from acct_tui.exchange.columns import COLUMNS, REQUIRED_OR, Column, header_index, header_key
from acct_tui.exchange.crm import CrmFormat, recognise
from acct_tui.exchange.errors import ExchangeError, rejected
from acct_tui.store.storage import describe_os_error

DELIMITERS = (",", ";", "\t")
MAX_CSV_BYTES = 256 * MB
_EXCEL_SEP = re.compile(r'"?sep=([^"\w\n])"?\1*[ \t]*(?:\n|$)', re.IGNORECASE)
"""`sep=;` as Excel writes it on the first line (then the same delimiter, padding the row)."""
ENCODING_HELP = "give its encoding with --encoding (windows-1252 for Excel on Windows, latin-1, utf-16)"


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The rows of a CSV file, with each known column's position."""

    path: Path
    table: str
    headers: list[str]
    """The header row as written."""
    columns: list[tuple[int, Column]]
    """(position in a row, the column it holds) of the known columns, in the order they are read:
    when several fill one field (a CRM's fallbacks), the first with a value in a row wins."""
    rows: list[tuple[int, list[str]]]
    """(row number, cells) of every row that is not blank."""
    crm: CrmFormat | None = None
    """The CRM that wrote the file, if it is a CRM's export."""
    source: str = "csv"
    """The program the file's CRM ids are from ("hubspot"): the name before each external id."""

    @property
    def ignored(self) -> list[str]:
        """Header names that fill nothing."""
        used = {position for position, _ in self.columns}
        return [name for position, name in enumerate(self.headers) if position not in used and name.strip()]

    def header(self, field: str) -> str | None:
        """The header, as written, of the (first) column that fills `field`."""
        return next((self.headers[p] for p, column in self.columns if column.field == field), None)

    def external_id(self, cell: str) -> str:
        """The external id of a CRM id written in this file."""
        return self.crm.external_id(cell) if self.crm is not None else f"{self.source}:{cell.strip()}"


def read_csv(path: Path, table: str, *, encoding: str | None = None, column_map: ColumnMap | None = None) -> CsvTable:
    """The rows of the CSV file at `path` for `table`. Raises ExchangeError naming what is wrong."""
    text = _decoded(path, _read_bytes(path), encoding)
    said = _EXCEL_SEP.match(text)
    if said:  # Excel's first line naming the delimiter (Excel hides it: the header stays row 1)
        text = text[said.end() :]
    if not text.strip():
        raise ExchangeError(path, "is empty: nothing to import")
    delimiter = said.group(1) if said else _delimiter(path, text, table, column_map)
    records = _records(path, text, delimiter)
    return _table(path, table, records, column_map)


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
        raise ExchangeError(path, f"is larger than {megabytes(MAX_CSV_BYTES)}: split it into smaller files")
    return data


def _decoded(path: Path, data: bytes, encoding: str | None) -> str:
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding is None and (utf_16 := _utf_16_without_bom(data)):
        raise ExchangeError(
            path,
            "looks like UTF-16 text without a byte-order mark (every other byte is 0): "
            f"import it with --encoding {utf_16}",
        )
    name = codecs.lookup(encoding or "utf-8").name
    body = data.removeprefix(codecs.BOM_UTF8) if name == "utf-8" else data
    try:
        text = body.decode(name)
    except UnicodeDecodeError as err:
        offset = err.start + len(data) - len(body)
        line = data.count(b"\n", 0, offset) + 1
        if name == "utf-8":
            raise ExchangeError(
                path,
                f"is not UTF-8: byte 0x{data[offset]:02X} at offset {offset} (line {line}) is not UTF-8 text; "
                f'save the file as UTF-8 (in Excel: "CSV UTF-8") and import again, or {ENCODING_HELP}',
            ) from None
        raise ExchangeError(
            path,
            f"is not {encoding} text: byte 0x{data[offset]:02X} at offset {offset} (line {line}) "
            f"cannot be read as {encoding}; give the encoding it was saved in",
        ) from None
    # Line breaks as Windows (\r\n) and old Macs (\r) write them are \n, also inside a quoted cell.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ExchangeError(path, f"holds a NUL character on line {line}: it is not a CSV text file")
    return text


def _utf_16_without_bom(data: bytes) -> str:
    """ "utf-16-le" or "utf-16-be" if `data` reads as UTF-16 text of Latin letters (a NUL byte in
    most pairs, always on the same side), else ""."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.7 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd == 0:
        return "utf-16-be"
    return ""


def _first_records(text: str, delimiter: str) -> list[list[str]]:
    """The header and the first few rows (enough to recognise a CRM's ids)."""
    found: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter):
            found.append(record)
            if len(found) > 20:
                break
    except csv.Error:
        pass
    return found


def _known(table: str, header: list[str], rows: list[list[str]], column_map: ColumnMap | None) -> int:
    generic = header_index(table)
    crm = recognise(table, header, rows)
    crm_names = {header_key(n) for column in (crm.columns[table] if crm else ()) for n in column.names}
    mapped = set(column_map.columns) if column_map else set()
    return sum(key in generic or key in crm_names or key in mapped for key in map(header_key, header))


def _delimiter(path: Path, text: str, table: str, column_map: ColumnMap | None) -> str:
    """The delimiter whose header names the most known columns (then the most cells)."""
    scores = {}
    for delimiter in DELIMITERS:
        records = _first_records(text, delimiter)
        header = records[0] if records else []
        scores[delimiter] = (_known(table, header, records[1:], column_map), len(header))
    best = max(DELIMITERS, key=lambda d: scores[d])
    if scores[best][0] == 0 and column_map is None:  # with a map, _table names the map's columns it misses
        names = ", ".join(column.name for column in COLUMNS[table][:8]) + ", ..."
        raise ExchangeError(
            path,
            f"row 1: no known column in the header; a CSV file of {table} needs a header row naming its columns "
            f"({names}), separated by commas, semicolons or tabs (or a --map file saying what its columns are)",
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


def _claims(
    table: str, headers: list[str], rows: list[list[str]], column_map: ColumnMap | None
) -> tuple[list[tuple[tuple[int, int, int], int, Column]], CrmFormat | None]:
    """Each header's column, with its rank: the map first, then the CRM's order, then the generic names."""
    crm = recognise(table, headers, rows)
    crm_index: dict[str, tuple[int, Column]] = {}
    for rank, column in enumerate(crm.columns[table] if crm else ()):
        for alternative, name in enumerate(column.names):
            crm_index.setdefault(header_key(name), (rank * 100 + alternative, column))
    generic = header_index(table)
    claims = []
    for position, name in enumerate(headers):
        key = header_key(name)
        mapped = column_map.column(name) if column_map else None
        if mapped is not None:
            if mapped.field:
                claims.append(((0, 0, position), position, mapped))
        elif key in crm_index:
            claims.append(((1, crm_index[key][0], position), position, crm_index[key][1]))
        elif key in generic:
            claims.append(((2, 0, position), position, generic[key]))
    return sorted(claims, key=lambda claim: claim[0]), crm


def _table(path: Path, table: str, records: list[list[str]], column_map: ColumnMap | None) -> CsvTable:
    headers = records[0]
    claims, crm = _claims(table, headers, records[1:21], column_map)
    columns: list[tuple[int, Column]] = []
    problems: list[str] = []
    seen: dict[str, tuple[int, str]] = {}
    for (rule, _, _), position, column in claims:
        name = headers[position]
        if column.field in seen:
            first_rule, first_name = seen[column.field]
            if first_rule < rule:
                continue  # the map's or the CRM's column for the field wins; this one is ignored
            if rule == 0 and column_map is not None:  # the map names the field it fills, not a column
                problems.append(
                    f'row 1: the map {column_map.path} gives the {column.field} from both "{first_name}" and "{name}": '
                    'map one of them to another field, or to "" to ignore it'
                )
                continue
            if rule != 1:  # a CRM lists fallbacks on purpose; two generic columns are a mistake
                which = f"in the map {column_map.path}" if column_map else "with --map"
                problems.append(
                    f'row 1: columns "{first_name}" and "{name}" both give the {column.name}; keep one '
                    f"(or say which one {which})"
                )
                continue
        seen.setdefault(column.field, (rule, name))
        columns.append((position, column))
    if column_map is not None:
        present = {header_key(name) for name in headers}
        missing = [column.name for key, column in column_map.columns.items() if key not in present]
        if missing:
            names = ", ".join(f'"{name}"' for name in missing)
            problems.append(f"row 1: the map {column_map.path} names columns that are not in the file: {names}")
    given = set(seen)
    for column in COLUMNS[table]:
        stand_ins = REQUIRED_OR.get(column.field, ())
        if column.required and column.field not in given and not given & set(stand_ins):
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
    source = crm.crm if crm else (column_map.crm if column_map else "csv")
    return CsvTable(path, table, headers, columns, rows, crm, source)
