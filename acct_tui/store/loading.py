"""Reading a book file: the load pipeline from bytes to a validated Book.

The bytes are split into record lines (`layout`), the meta table read and checked, an older
schema upgraded in memory (`migrations`), the book's own settings checked, and every record
validated with the domain's models; every problem is reported at once, naming table, record and
field. A file whose bytes this acct-tui saved or validated lately (`trust`) skips the checks
that only a change of its bytes could fail, and each of its tables is read whole from its
region of the bytes instead of line by line (`_of_regions`). The repository opens a book through `load`, and
`status` reads one through `read_book` (without the lines a repository keeps for saving); a merge
and the team roll-up read other copies of a book the same way (from bytes: always validated).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from acct_tui.domain.book import Book
from acct_tui.domain.errors import field_errors
from acct_tui.domain.records import TABLES, Record, adapter
from acct_tui.domain.settings import Settings
from acct_tui.domain.wording import plural
from acct_tui.store import layout, trust
from acct_tui.store.errors import BookCorrupt, BookInvalid, BookTooNew
from acct_tui.store.migrations import SCHEMA_VERSION, MigrationError, migrate
from acct_tui.store.saving import FileState
from acct_tui.store.storage import TEMP_SUFFIX, BookStorage, temp_prefix
from acct_tui.tuning import gc_paused

META = "meta"
SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class Loaded:
    """A book file, read and validated."""

    book: Book
    lines: layout.Lines
    """Each record table's lines, by id (every table present)."""
    meta: dict[str, Any]
    overrides: dict[str, Any]
    """The book's own settings."""
    migrated_from: int | None
    """The file's schema version, if it was older than this acct-tui's (upgraded in memory)."""
    state: FileState | None
    """The file's size, mtime and inode when read (None for a book read from bytes)."""


def load(path: Path, storage: BookStorage, base_settings: dict[str, Any], *, check_all: bool = False) -> Loaded | None:
    """The book in `path` read and validated (None if there is no file). Raises a BookError.

    Bytes this acct-tui saved or validated lately (`trust`) are not checked again, unless
    `check_all`: each table's records are built whole from the bytes (`_of_regions`).
    """
    with gc_paused():
        data = storage.read_bytes()
        if data is None:
            return None
        found = trust.digest(data)
        if not check_all and trust.is_trusted(found):
            loaded = _of_regions(path, data, base_settings, FileState.of(path.stat()), with_lines=True)
            if loaded is not None:
                return loaded
        return _load_data(path, data, found, base_settings)


@dataclass(frozen=True, slots=True)
class BookRead:
    """A book read for reading only, and the file it was read from."""

    book: Book
    digest: str
    """The SHA-256 of the bytes read (`trust.digest`)."""
    stat: os.stat_result
    """The file's stat when it was opened, before its bytes were read."""


def read_book(path: Path, storage: BookStorage, base_settings: dict[str, Any]) -> BookRead | None:
    """The book in `path`, for reading only (None if there is no file). Raises a BookError.

    The same book as `load(...).book`; for a trusted book (`trust`) of this schema, each table's
    records are validated whole from the bytes (`_of_regions`), without the record lines a repository
    keeps for its saves.
    """
    with gc_paused():
        read = storage.read_with_stat()
        if read is None:
            return None
        data, stat = read
        found = trust.digest(data)
        loaded = _of_regions(path, data, base_settings, None, with_lines=False) if trust.is_trusted(found) else None
        if loaded is None:  # not trusted, or of an older schema
            loaded = _load_data(path, data, found, base_settings)
        return BookRead(loaded.book, found, stat)


def _load_data(path: Path, data: bytes, found: str, base_settings: dict[str, Any]) -> Loaded:
    """The book of `data` validated in full; noted as trusted if valid and in the saved layout."""
    state = FileState.of(path.stat())
    try:
        tables, canonical = layout.read_lines(data)
    except layout.LayoutError as err:
        raise BookCorrupt(path, f"is not a readable book: {err}") from None
    loaded = load_lines(path, tables, base_settings, state, data=data)
    if canonical and loaded.migrated_from is None:
        trust.note(found)  # only bytes in the saved layout: `_of_regions` reads them
    return loaded


def load_bytes(name: Path, data: bytes, base_settings: dict[str, Any], *, like: Loaded | None = None) -> Loaded:
    """A book from its bytes (a version kept by git, say), named `name` in messages. Raises a BookError.

    `like`: another copy of the book, already read: its records are reused where a line is the same.
    """
    try:
        tables = layout.decode_lines(data)
    except layout.LayoutError as err:
        raise BookCorrupt(name, f"is not a readable book: {err}") from None
    with gc_paused():
        return load_lines(name, tables, base_settings, None, like=like, data=data)


def load_lines(
    path: Path,
    tables: layout.Lines,
    base_settings: dict[str, Any],
    state: FileState | None,
    *,
    like: Loaded | None = None,
    data: bytes | None = None,
) -> Loaded:
    """The book of `tables` (a file's record lines) checked, upgraded and validated; `data`, the
    file's bytes, places a record line that is not valid JSON at its line in the file."""
    meta = _read_meta(path, tables)
    version = meta["schema_version"]
    migrated_from = None
    if version < SCHEMA_VERSION:
        tables = _migrated(path, tables, version)
        meta = {**meta, "schema_version": SCHEMA_VERSION}
        migrated_from = version
    overrides = _read_settings(path, tables, base_settings)
    settings = Settings.layered(base_settings, overrides)
    book = _validated_book(path, tables, settings, like if not migrated_from else None, data)
    lines = {name: tables.get(name, {}) for name in TABLES}
    return Loaded(book, lines, meta, overrides, migrated_from, state)


def with_every_table(tables: dict[str, dict[int, bytes]]) -> dict[str, dict[int, bytes]]:
    """`tables` plus the empty tables a saved book has, so a written file is byte for byte what a save writes."""
    return {**{name: {} for name in (*TABLES, SETTINGS)}, **tables}


def new_meta(today: date) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "book_id": uuid.uuid4().hex, "created_on": today.isoformat()}


def remove_stale_temp_files(path: Path) -> None:
    """Temp files of a save that was killed midway (we hold the lock, so no save is running)."""
    try:
        for temp in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
            temp.unlink(missing_ok=True)
    except OSError:
        pass


def _read_meta(path: Path, tables: dict[str, dict[int, bytes]]) -> dict[str, Any]:
    unknown = sorted(set(tables) - set(TABLES) - {META, SETTINGS})
    if META not in tables or 1 not in tables[META]:
        raise BookCorrupt(path, "is JSON but not an acct-tui book (it has no meta table with a schema version)")
    if unknown:
        raise BookCorrupt(path, f"has tables an acct-tui book does not have: {', '.join(unknown)}")
    try:
        meta = orjson.loads(layout.blob_of(tables[META][1]))
    except orjson.JSONDecodeError as err:
        raise BookCorrupt(path, f"table meta: not valid JSON ({err})") from None
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BookCorrupt(path, f"table meta: schema_version is {version!r}, not a version number")
    if version > SCHEMA_VERSION:
        raise BookTooNew(
            path,
            f"was written by a newer acct-tui (schema version {version}; this one knows up to {SCHEMA_VERSION}). "
            "Upgrade acct-tui to open it; the file was not changed",
        )
    return dict(meta)


def _read_settings(path: Path, tables: dict[str, dict[int, bytes]], base: dict[str, Any]) -> dict[str, Any]:
    line = tables.get(SETTINGS, {}).get(1)
    if line is None:
        return {}
    raw = layout.blob_of(line)
    try:
        overrides = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise BookCorrupt(path, f"table settings: not valid JSON ({err})") from None
    if not isinstance(overrides, dict):
        raise BookInvalid(path, "table settings: not a JSON object")
    try:
        Settings.layered(base, overrides)
    except ValidationError as err:
        raise BookInvalid(path, "its settings break the rules", [f"settings.{e}" for e in field_errors(err)]) from None
    return overrides


def _migrated(path: Path, tables: layout.Lines, version: int) -> layout.Lines:
    try:
        documents = {
            name: {k: orjson.loads(layout.blob_of(v)) for k, v in lines.items()} for name, lines in tables.items()
        }
        documents = migrate(documents, version)
        return {
            name: {k: layout.record_line(k, orjson.dumps(v)) for k, v in records.items()}
            for name, records in documents.items()
        }
    except (MigrationError, orjson.JSONDecodeError) as err:
        raise BookCorrupt(path, f"could not be upgraded: {err}; the file was not changed") from None


def _validated_book(
    path: Path, tables: layout.Lines, settings: Settings, like: Loaded | None = None, data: bytes | None = None
) -> Book:
    """Every record validated with the domain's models; all problems reported at once.

    A record whose line is the same as in `like` (another copy of the book, already validated)
    is that copy's record: a merge reads three copies that differ in a few hundred lines.
    """
    details: list[str] = []
    records: dict[str, dict[int, Record]] = {}
    for name, cls in TABLES.items():
        validator = adapter(cls).validator
        table: dict[int, Record] = {}
        known_lines = like.lines.get(name, {}) if like is not None else {}
        known = like.book.table(name) if like is not None else {}
        for record_id, line in tables.get(name, {}).items():
            if known_lines.get(record_id) == line:
                table[record_id] = known[record_id]
                continue
            if record_id < 1:
                details.append(f"{name} record {record_id}: ids start at 1")
                continue
            body = layout.blob_of(line)[1:].lstrip()
            injected = b'{"id":%d%s%s' % (record_id, b"" if body.startswith(b"}") else b",", body)
            try:
                table[record_id] = validator.validate_json(injected)
            except ValidationError as err:
                if (broken := _invalid_json(err, line, len(injected) - len(body), data)) is not None:
                    details.append(f"{name} record {record_id}: {broken}")
                    continue
                details += [
                    f"{name} record {record_id}, field {e}" if e.field else f"{name} record {record_id}: {e}"
                    for e in field_errors(err, with_values=True)
                ]
        records[name] = table
    book = _book(records, settings)
    if not details:
        details = [str(p) for p in book.problems()]
    if details:
        raise BookInvalid(path, f"has {plural(len(details), 'problem')}; nothing was changed", details)
    return book


_AT_COLUMN = re.compile(r" at line 1 column (\d+)$")
NEWLINE = b"\n"


def _invalid_json(err: ValidationError, line: bytes, head: int, data: bytes | None) -> str | None:
    """A record line that is not JSON, placed where a text editor finds it ("not valid JSON at
    line 200, column 65: expected `,` or `}`"), with the column of the line as the file has it,
    not of the JSON checked, whose first `head` bytes put the id in; None for any other error."""
    found = err.errors()
    if len(found) != 1 or found[0]["type"] != "json_invalid":
        return None
    error = str(found[0].get("ctx", {}).get("error", found[0]["msg"]))
    place = _AT_COLUMN.search(error)
    if place is None:
        return f"not valid JSON: {error}"
    first_field = len(line) - len(layout.blob_of(line)[1:].lstrip())  # its offset in the line
    where = f"column {first_field + max(1, int(place[1]) - head)}"
    if data is None:
        return f"not valid JSON at {where} of its line: {error[: place.start()]}"
    # the record's line, followed by the comma between records or by the table's end
    at = next((i for end in (b",\n", b"\n") if (i := data.find(b"\n" + line + end)) >= 0), -1)
    where = f"line {data.count(NEWLINE, 0, at) + 2}, {where}" if at >= 0 else f"{where} of its line"
    return f"not valid JSON at {where}: {error[: place.start()]}"


def _of_regions(
    path: Path, data: bytes, base_settings: dict[str, Any], state: FileState | None, *, with_lines: bool
) -> Loaded | None:
    """The book of trusted bytes (`trust`: in the saved layout, valid), each table's records
    built whole from its region of the bytes (`layout.table_regions`), without the checks of the
    references and ids; with each table's record lines if `with_lines` (a repository keeps them
    for its saves), split from the same region. None for an older schema (its upgrade works on
    lines)."""
    regions = layout.table_regions(data)
    small: layout.Lines = {}
    for name in (META, SETTINGS):
        region = regions.get(name)
        if region is not None:
            small |= layout.region_lines(region, name)
    meta = _read_meta(path, small)
    if meta["schema_version"] < SCHEMA_VERSION:
        return None
    overrides = _read_settings(path, small, base_settings)
    set_id = object.__setattr__  # the id is the key of the record, not a field in it
    records: dict[str, dict[int, Record]] = {}
    lines: layout.Lines = {}
    for name, cls in TABLES.items():
        region = regions.get(name)
        table: dict[int, Record] = _table_adapter(cls).validate_json(b"{" + region + b"}") if region else {}
        for record_id, record in table.items():
            set_id(record, "id", record_id)
        records[name] = table
        if with_lines:
            # A region is "\n" and its lines joined by ",\n" (`layout.encode_chunks`), in id order
            # as the table's records are: no line of JSON holds a raw newline.
            lines[name] = dict(zip(table, region[1:].split(b",\n"), strict=True)) if region else {}
    book = _book(records, Settings.layered(base_settings, overrides))
    return Loaded(book, lines, meta, overrides, None, state)


_TABLE_ADAPTERS: dict[type[Record], TypeAdapter[dict[int, Any]]] = {}


def _table_adapter(cls: type[Record]) -> TypeAdapter[dict[int, Any]]:
    """Validates a whole table's JSON object, `{"<id>": {...}, ...}` (built once, in about 0.2 ms)."""
    found = _TABLE_ADAPTERS.get(cls)
    if found is None:
        found = _TABLE_ADAPTERS[cls] = TypeAdapter(dict[int, cls])  # type: ignore[valid-type]
    return found


def _book(records: dict[str, dict[int, Record]], settings: Settings) -> Book:
    fields: dict[str, Any] = {**records, "settings": settings}
    return Book.model_construct(**fields)
