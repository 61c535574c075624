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
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

Blobs = dict[str, dict[int, bytes]]
"""Table name -> record id -> the record's JSON object as bytes (without its id)."""


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
    """The book file's bytes for `tables` given as their record lines, in id order (a save joins them)."""
    parts = [b"{"]
    names = sorted(tables)
    for position, name in enumerate(names):
        comma = b"," if position < len(names) - 1 else b""
        lines = tables[name]
        key = orjson.dumps(name)
        if not lines:
            parts.append(key + b": {}" + comma)
            continue
        parts.append(key + b": {")
        parts.append(b",\n".join(lines))
        parts.append(b"}" + comma)
    parts.append(b"}\n")
    return b"\n".join(parts)


def dump_document(document: Mapping[str, Any]) -> bytes:
    return orjson.dumps(document)


def decode(data: bytes) -> Blobs:
    """The tables in `data`. Raises LayoutError naming the line (and column) of a problem."""
    if not data.strip():
        raise LayoutError("the file is empty")
    fast = _decode_canonical(data)
    if fast is not None:
        return fast
    return _decode_any(data)


def _decode_canonical(data: bytes) -> Blobs | None:
    """The fast path: None if `data` is not exactly in the layout `encode` writes."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    if len(lines) < 2 or lines[0] != b"{" or lines[-1] != b"}":
        return None
    tables: Blobs = {}
    current: dict[int, bytes] | None = None
    expect_more = False  # the previous line ended with a comma
    for number, line in enumerate(lines[1:-1], start=2):
        if current is None:
            if not line.startswith(b'"'):
                return None
            end = line.find(b'": {', 1)
            if end < 0:
                return None
            raw_name = line[1:end]
            if b"\\" in raw_name or not raw_name.isascii():
                return None
            name = raw_name.decode("ascii")
            rest = line[end + 4 :]
            if name in tables:
                return None
            if rest in (b"}", b"},"):
                tables[name] = {}
                expect_more = rest == b"},"
                continue
            if rest:
                return None
            current = tables[name] = {}
            continue
        if line in (b"}", b"},"):
            if expect_more:
                return None
            current = None
            expect_more = line == b"},"
            continue
        if not expect_more and current:
            return None
        quote = line.find(b'": ', 1)
        if quote < 2 or line[0:1] != b'"' or not line[1:quote].isdigit():
            return None
        record_id = int(line[1:quote])
        blob = line[quote + 3 :]
        expect_more = blob.endswith(b",")
        if expect_more:
            blob = blob[:-1]
        if not (blob.startswith(b"{") and blob.endswith(b"}")):
            return None
        if record_id in current:
            raise LayoutError(f"line {number}: id {record_id} appears twice in table {name!r}")
        current[record_id] = blob
    if current is not None or expect_more:
        return None
    return tables


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise LayoutError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _decode_any(data: bytes) -> Blobs:
    """The slow path for any other JSON layout (a hand-edited or TinyDB-written file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LayoutError(f"byte {err.start} is not UTF-8 text: this is not a JSON book") from None
    try:
        parsed = json.loads(text, object_pairs_hook=_no_duplicates)
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
