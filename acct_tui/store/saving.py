"""Saving a book: the snapshot a save writes, and the checks and backups around the write.

A save never loses another program's change without being told to: the file's size, mtime and
inode as last read or written (`FileState`) must still be what is on disk. Before the first write
of a session the previous file is kept as a backup (`backups`), and a book upgraded from an older
schema also keeps its original.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from acct_tui.domain.merge import Version
from acct_tui.domain.records import Record, adapter
from acct_tui.store import backups, layout
from acct_tui.store.errors import BookChangedOnDisk, BookUnavailable
from acct_tui.store.storage import describe_os_error


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The book's bytes at one generation, safe to write from another thread."""

    generation: int
    lines: dict[str, list[bytes]] = field(repr=False)
    """Each table's record lines in id order (20 MB at 1,000 clients: never worth printing),
    except the tables in `unordered` (empty here): `tables` and `ordered()` have them all."""
    quiet: int = 0
    """How many quiet changes the snapshot holds (see `Repository.change`)."""
    version: Version | None = field(default=None, repr=False)
    """The book it holds, as the base of a merge with the next change another program makes."""
    unordered: dict[str, tuple[int, dict[int, bytes]]] = field(default_factory=dict, repr=False)
    """The tables a new record went into out of id order (ids are random): their lines by id, with
    the repository's count of changes to the table when they were copied."""

    def put_in_order(self) -> dict[str, dict[int, bytes]]:
        """The `unordered` tables' lines in id order. Done in the thread that writes: on the UI
        thread, at the snapshot, it held up the key that made a new activity by 40-160 ms at 1,000
        clients (60,000 activity lines sorted, and the GC that set off)."""
        return {name: {i: table[i] for i in sorted(table)} for name, (_, table) in self.unordered.items()}

    @property
    def tables(self) -> dict[str, list[bytes]]:
        """Every table's lines in id order, as the file has them."""
        return self.ordered()

    def ordered(self, in_order: Mapping[str, Mapping[int, bytes]] | None = None) -> dict[str, list[bytes]]:
        """Every table's lines in id order (`in_order`: `put_in_order()`'s, if already made)."""
        if not self.unordered:
            return self.lines
        in_order = self.put_in_order() if in_order is None else in_order
        return {
            name: list(table.values()) if (table := in_order.get(name)) is not None else lines
            for name, lines in self.lines.items()
        }


@dataclass(frozen=True, slots=True)
class FileState:
    """What the book file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileState:
        return cls(stat.st_mtime_ns, stat.st_size, stat.st_ino)


def current_state(path: Path) -> FileState | None:
    """The file's state now (None if it is gone)."""
    try:
        return FileState.of(path.stat())
    except FileNotFoundError:
        return None


def check_unchanged(path: Path, expected: FileState | None) -> None:
    """Raises BookChangedOnDisk if the file is not as we last read or wrote it."""
    if expected is None:
        return
    now = current_state(path)
    if now is None:
        raise BookChangedOnDisk(path, "was deleted or moved by another program since it was opened")
    if now != expected:
        raise BookChangedOnDisk(path, "was changed by another program since it was opened")


def make_backups(path: Path, migrated_from: int | None) -> None:
    """Keep the file as it is before the session's first write. Raises BookUnavailable."""
    try:
        if migrated_from is not None:
            backups.copy(path, backups.schema_backup_path(path, migrated_from))
        backups.rotate(path)
    except OSError as err:
        raise BookUnavailable(
            path, f"could not be backed up before saving: {describe_os_error(err)}; nothing was written"
        ) from None


def record_line(record: Record) -> bytes:
    """The record's line in the file: `"12": {...}` (its fields, the id as the key)."""
    return layout.record_line(record.id, adapter(type(record)).dump_json(record, exclude={"id"}))


def file_tables(
    lines: Mapping[str, Mapping[int, bytes]],
    meta: Mapping[str, Any],
    overrides: Mapping[str, Any],
    unordered: Collection[str] = (),
) -> dict[str, list[bytes]]:
    """What a save writes: each record table's lines (in id order), the meta and the book's
    settings; the tables `unordered` (not in id order) are left empty, for `Snapshot.ordered`."""
    tables = {name: [] if name in unordered else list(table.values()) for name, table in lines.items()}
    tables["meta"] = [layout.record_line(1, orjson.dumps(dict(meta)))]
    tables["settings"] = [layout.record_line(1, orjson.dumps(dict(overrides)))] if overrides else []
    return tables
