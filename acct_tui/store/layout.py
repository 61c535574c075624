"""The book's bytes: TinyDB's JSON layout, written one record per line.

    {
    "clients": {
    "1": {"name":"Acme","tier":"key",...},
    "2": {...}
    },
    "meta": {
    "1": {"schema_version":1,...}
    }
    }

Any JSON reader (and TinyDB itself) reads it as `{table: {doc_id: document}}`. One record per
line keeps `git diff` readable (a changed record is one changed line) and lets a save join the
records' cached bytes instead of serialising the whole book again. Tables are in name order and
records in id order, so the same book always gives the same bytes.

Reading takes a fast path for files in this layout and falls back to a full JSON parse (with a
check for duplicate keys, which a plain parser would silently drop) for anything else.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import orjson

Blobs = dict[str, dict[int, bytes]]
"""Table name -> record id -> the record's JSON object as bytes (without its id)."""
Lines = dict[str, dict[int, bytes]]
"""Table name -> record id -> the record's line in the file, `"12": {...}` (without the comma)."""


_TABLE_HEADER = re.compile(rb'\n"([A-Za-z_]\w*)": \{')
"""A table's header line in the saved layout (a record's line starts with a digit)."""


class LayoutError(ValueError):
    """The bytes are not a book's JSON; the message says where."""


def record_line(record_id: int, blob: bytes) -> bytes:
    """One record's line (without the comma): `"12": {...}`."""
    return b'"%d": %s' % (record_id, blob)


def lines_of(tables: Mapping[str, Mapping[int, bytes]]) -> dict[str, list[bytes]]:
    """Each table's record lines in id order, from its records as JSON objects."""
    return {name: [record_line(rid, records[rid]) for rid in sorted(records)] for name, records in tables.items()}


def encode(tables: Mapping[str, Mapping[int, bytes]]) -> bytes:
    """The book file's bytes for `tables` (records as JSON objects)."""
    return encode_lines(lines_of(tables))


def encode_lines(tables: Mapping[str, Sequence[bytes]]) -> bytes:
    """The book file's bytes for `tables` given as their record lines, in id order."""
    return b"".join(encode_chunks(tables))


def encode_chunks(tables: Mapping[str, Sequence[bytes]]) -> Iterator[bytes]:
    """`encode_lines`, in pieces of at most a table each: a save writes and hashes them without
    joining them into one more copy of the whole file."""
    names = sorted(tables)
    yield b"{\n"
    for position, name in enumerate(names):
        comma = b"," if position < len(names) - 1 else b""
        lines = tables[name]
        key = orjson.dumps(name)
        if not lines:
            yield key + b": {}" + comma + b"\n"
            continue
        yield key + b": {\n"
        yield b",\n".join(lines)
        yield b"\n}" + comma + b"\n"
    yield b"}\n"


def dump_document(document: Mapping[str, Any]) -> bytes:
    return orjson.dumps(document)


def decode(data: bytes) -> Blobs:
    """The tables in `data`, records as JSON objects. Raises LayoutError naming where a problem is."""
    return blobs_of(decode_lines(data))


def blobs_of(tables: Lines) -> Blobs:
    """Each record's JSON object, from its line."""
    return {name: {rid: blob_of(line) for rid, line in lines.items()} for name, lines in tables.items()}


def decode_lines(data: bytes) -> Lines:
    """The tables in `data`, records as their lines (`"12": {...}`). Raises LayoutError."""
    return read_lines(data)[0]


def read_lines(data: bytes) -> tuple[Lines, bool]:
    """The tables in `data` as `decode_lines` gives them, and whether `data` is in the layout
    `encode` writes. Raises LayoutError."""
    if not data.strip():
        raise LayoutError("the file is empty")
    fast = _decode_canonical(data)
    if fast is not None:
        return fast, True
    lines = {
        name: {rid: record_line(rid, blob) for rid, blob in records.items()}
        for name, records in _decode_any(data).items()
    }
    return lines, False


def table_regions(data: bytes) -> dict[str, bytes]:
    """For bytes known to be in the layout `encode` writes (a trusted book's, `trust`): each
    table's record lines as they stand between its braces, newlines and commas included (b"" for
    an empty table). Wrapped in braces, a region is the table's JSON object,
    `{"1": {...},\n"2": {...}}`: read whole, without splitting the file into lines.

    One scan of the bytes finds every table's header: a record's line starts with its numeric
    id, and JSON holds no raw newline inside a string (a search from the top for each table
    read a 1,000-client book 14 times, 110 ms). A table ends at the last closing brace before the
    next header (the last table: before the file's own closing brace)."""
    headers = list(_TABLE_HEADER.finditer(data))
    regions: dict[str, bytes] = {}
    for position, header in enumerate(headers):
        start = header.end()
        if data[start : start + 1] == b"}":
            regions[header[1].decode("ascii")] = b""
            continue
        stop = headers[position + 1].start() if position + 1 < len(headers) else data.rfind(b"\n}")
        regions[header[1].decode("ascii")] = data[start : data.rfind(b"\n}", start, stop)]
    return regions


def region_lines(region: bytes, name: str) -> Lines:
    """A small table's region (`table_regions`) as its record lines, as `decode_lines` gives them."""
    found = _records(region.strip(b"\n").split(b"\n"), name, 1) if region else {}
    if found is None:
        raise LayoutError(f"table {name!r} is not in the layout acct-tui writes")
    return {name: found}


def blob_of(line: bytes) -> bytes:
    """The JSON object of a record line."""
    return line[line.index(b'": ') + 3 :]


def _decode_canonical(data: bytes) -> Lines | None:
    """The fast path: None if `data` is not exactly in the layout `encode` writes.

    A table's record lines are taken as one slice and checked with a few C-level scans; each
    record's JSON is checked when the repository validates it.
    """
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    if len(lines) < 2 or lines[0] != b"{" or lines[-1] != b"}":
        return None
    tables: Lines = {}
    index, last = 1, len(lines) - 1
    while index < last:
        header = lines[index]
        end = header.find(b'": {', 1)
        raw_name = header[1:end]
        if not header.startswith(b'"') or end < 0 or b"\\" in raw_name or not raw_name.isascii():
            return None
        name = raw_name.decode("ascii")
        rest = header[end + 4 :]
        if name in tables or rest not in (b"", b"}", b"},"):
            return None
        index += 1
        if rest:  # an empty table on one line
            tables[name] = {}
            closing = rest
        else:
            close = _closing(lines, index, last)
            if close is None or close == index:
                return None
            region = lines[index:close]
            records = _records(region, name, index + 1)
            if records is None:
                return None
            tables[name] = records
            closing = lines[close]
            index = close + 1
        if (closing == b"},") != (index < last):  # a comma after every table but the last
            return None
    return tables


def _closing(lines: list[bytes], start: int, stop: int) -> int | None:
    """The index of the line closing the table that starts at `start` ("}" or "},")."""
    found = [i for i in (_find(lines, b"}", start, stop), _find(lines, b"},", start, stop)) if i is not None]
    return min(found) if found else None


def _find(lines: list[bytes], value: bytes, start: int, stop: int) -> int | None:
    try:
        return lines.index(value, start, stop)
    except ValueError:
        return None


def _records(region: list[bytes], name: str, first_line: int) -> dict[int, bytes] | None:
    """A table's record lines by id (commas dropped); None if a line is not `"<id>": {...}`."""
    if not all(line.endswith(b",") for line in region[:-1]) or region[-1].endswith(b","):
        return None
    records: dict[int, bytes] = {}
    for number, line in enumerate(region, start=first_line):
        if number < first_line + len(region) - 1:
            line = line[:-1]
        quote = line.find(b'": {', 1)
        key = line[1:quote]
        if quote < 2 or line[:1] != b'"' or not key.isdigit() or not line.endswith(b"}"):
            return None
        record_id = int(key)
        if record_id in records:
            raise LayoutError(f"line {number}: id {record_id} appears twice in table {name!r}")
        records[record_id] = line
    return records


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise LayoutError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _finite(text: str) -> float:
    """A JSON number as a float, refusing one no JSON writer (nor orjson, which would write null)
    can hold: 1e999, NaN, Infinity."""
    value = float(text)
    if not math.isfinite(value):
        raise LayoutError(f"{text} is not a finite number")
    return value


def _decode_any(data: bytes) -> Blobs:
    """The slow path for any other JSON layout (a hand-edited or TinyDB-written file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LayoutError(f"byte {err.start} is not UTF-8 text: this is not a JSON book") from None
    try:
        parsed = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_finite, parse_constant=_finite)
    except json.JSONDecodeError as err:
        raise LayoutError(f"line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})") from None
    except RecursionError:
        raise LayoutError("the JSON is nested too deeply to be a book") from None
    if not isinstance(parsed, dict):
        raise LayoutError(f"the file holds a JSON {type(parsed).__name__}, not a book's tables")
    tables: Blobs = {}
    for name, records in parsed.items():
        if not isinstance(records, dict):
            raise LayoutError(f"table {name!r} is a JSON {type(records).__name__}, not a table of records")
        table: dict[int, bytes] = {}
        for key, document in records.items():
            if not key.isdigit() or not key.isascii() or int(key) < 1:
                raise LayoutError(f"table {name!r}: {key!r} is not a record id (a positive whole number)")
            if not isinstance(document, dict):
                raise LayoutError(f"table {name!r} record {key}: not a JSON object")
            record_id = int(key)
            if record_id in table:
                raise LayoutError(f"table {name!r}: id {record_id} appears twice")
            table[record_id] = dump_document(document)
        tables[name] = table
    return tables
