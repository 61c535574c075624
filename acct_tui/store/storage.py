"""A crash-safe TinyDB Storage for the book file.

Every write goes to a temporary file in the same folder, is flushed and fsync'ed, then
`os.replace`d over the book, and the folder is fsync'ed too: a crash or a full disk at any moment
leaves the old book or the new one, never a torn file. Files are created with mode 0600.

`BookStorage` is a real TinyDB Storage, so a script can query a book with
`TinyDB(path, storage=BookStorage, read_only=True)`. The repository uses its `read_blobs` and
`write_blobs`, which skip TinyDB's whole-table rewrites (docs/textual-notes.md, point 10).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from acct_tui.store import layout
from acct_tui.store.errors import BookCorrupt, BookUnavailable, ReadOnlyBook

MAX_BOOK_BYTES = 1 << 30
"""A file larger than this (1 GiB) is not read: no book of one person comes near it."""

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each with mode 0700 (`mkdir(parents=True)` would
    give the parents the umask's default, world-writable under umask 0)."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        parent.mkdir(mode=0o700, exist_ok=True)


def write_temp(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path` (`.NAME.XXXX.tmp`, mode 0600), flushed to disk.

    A process killed before it renames the file leaves it behind (opening a book removes its own).
    """
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data` so that a crash leaves the old or the new content, mode 0600."""
    temp = write_temp(path, data)
    try:
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path.stat()


def describe_os_error(err: OSError) -> str:
    """An OSError as words for people, without Python's noise."""
    reason = err.strerror or str(err)
    if err.errno is not None and err.errno == 28:
        reason = "the disk is full"
    return reason


class BookStorage(Storage):
    """TinyDB Storage over one book file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False, **_: Any) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read_bytes(self) -> bytes | None:
        """The file's bytes, or None if there is no file."""
        try:
            with self.path.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_BOOK_BYTES:
                    raise BookCorrupt(self.path, f"the file is {size / 2**20:.0f} MB, too large to be a book")
                return handle.read()
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
        try:
            return atomic_write(self.path, layout.encode_lines(tables))
        except OSError as err:
            raise BookUnavailable(
                self.path, f"could not be saved: {describe_os_error(err)}; the file on disk is unchanged"
            ) from None

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
