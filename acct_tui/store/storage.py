"""A crash-safe TinyDB Storage for the book file.

Every write is `acct_tui.files.atomic_write` (a temporary file in the same folder, fsync'ed, then
`os.replace`d over the book): a crash or a full disk at any moment leaves the old book or the new
one, never a torn file. Files are created with mode 0600. The file helpers are re-exported here
for the store's modules, which import them from this one.

`BookStorage` is a real TinyDB Storage, so a script can query a book with
`TinyDB(path, storage=BookStorage, read_only=True)`. The repository uses its `read_blobs` and
`write_blobs`, which skip TinyDB's whole-table rewrites (docs/textual-notes.md, point 10).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from acct_tui.domain.wording import MB, megabytes
from acct_tui.files import TEMP_SUFFIX as TEMP_SUFFIX
from acct_tui.files import atomic_write as atomic_write
from acct_tui.files import make_folders as make_folders
from acct_tui.files import temp_prefix as temp_prefix
from acct_tui.files import write_temp as write_temp
from acct_tui.store import layout, trust
from acct_tui.store.errors import BookCorrupt, BookUnavailable, ReadOnlyBook

MAX_BOOK_BYTES = 1000 * MB
"""A file larger than this (1,000 MB) is not read: no book of one person comes near it."""


def describe_os_error(err: OSError) -> str:
    """An OSError as words for people, without Python's noise."""
    reason = err.strerror or str(err)
    if err.errno is not None and err.errno == 28:
        reason = "the disk is full"
    return reason


class BookStorage(Storage):
    """TinyDB Storage over one book file (see the module docstring)."""

    def __init__(
        self, path: str | os.PathLike[str], *, read_only: bool = False, validated: bool = False, **_: Any
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.validated = validated
        """What is written is a book the repository validated: each write is noted as trusted
        (`trust`), so the next open need not validate it again."""

    def read_bytes(self) -> bytes | None:
        """The file's bytes, or None if there is no file."""
        found = self.read_with_stat()
        return None if found is None else found[0]

    def read_with_stat(self) -> tuple[bytes, os.stat_result] | None:
        """The file's bytes and its stat when it was opened, before they were read (None if there
        is no file)."""
        try:
            with self.path.open("rb") as handle:
                stat = os.fstat(handle.fileno())
                if stat.st_size > MAX_BOOK_BYTES:
                    raise BookCorrupt(self.path, f"the file is {megabytes(stat.st_size)}, too large to be a book")
                return handle.read(), stat
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise BookUnavailable(self.path, "is a folder, not a book file") from None
        except OSError as err:
            raise BookUnavailable(self.path, f"cannot be read: {describe_os_error(err)}") from None

    def read_lines(self) -> layout.Lines | None:
        """Each table's records as their lines in the file; None if there is no file."""
        data = self.read_bytes()
        if data is None:
            return None
        try:
            return layout.decode_lines(data)
        except layout.LayoutError as err:
            raise BookCorrupt(self.path, f"is not a readable book: {err}") from None

    def read_blobs(self) -> layout.Blobs | None:
        """Each table's records as JSON bytes; None if there is no file."""
        lines = self.read_lines()
        return None if lines is None else layout.blobs_of(lines)

    def write_blobs(self, tables: Mapping[str, Mapping[int, bytes]]) -> os.stat_result:
        """Write the whole book atomically (records as JSON objects); returns the new file's stat."""
        return self.write_lines(layout.lines_of(tables))

    def write_lines(self, tables: Mapping[str, Sequence[bytes]]) -> os.stat_result:
        """Write the whole book atomically from each table's record lines in id order; returns the stat."""
        if self.read_only:
            raise ReadOnlyBook(self.path, "is open read-only; nothing was written")
        # The pieces, not their join: the file is held once, not twice (25 MB at 1,000 clients).
        # They are hashed once the file is in place, so the edit reaches the disk 12 ms sooner.
        chunks = list(layout.encode_chunks(tables))
        try:
            stat = atomic_write(self.path, chunks)
        except OSError as err:
            raise BookUnavailable(
                self.path, f"could not be saved: {describe_os_error(err)}; the file on disk is unchanged"
            ) from None
        if self.validated:
            trust.note(trust.digest(chunks))
        return stat

    # TinyDB's Storage interface

    def read(self) -> dict[str, dict[str, Any]] | None:
        tables = self.read_blobs()
        if tables is None:
            return None
        return {name: {str(k): orjson.loads(v) for k, v in records.items()} for name, records in tables.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_blobs(
            {name: {int(k): layout.dump_document(doc) for k, doc in records.items()} for name, records in data.items()}
        )
