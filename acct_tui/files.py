"""Crash-safe file writes, for the book and for every other file acct-tui writes.

A write goes to a temporary file in the same folder, is flushed and fsync'ed, then `os.replace`d
over the target, and the folder is fsync'ed too: a crash or a full disk at any moment leaves the
old content or the new, never a torn file. Files are created with mode 0600, folders with 0700.

Only the standard library is imported, so the status cache (acct_tui.status.cache) writes with it
without loading the store (which brings pydantic and the domain).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

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


def write_temp(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> Path:
    """`data` (bytes, or pieces of them) in a new temporary file beside `path` (`.NAME.XXXX.tmp`,
    mode 0600), flushed to disk (unless not `durable`).

    A process killed before it renames the file leaves it behind (opening a book removes its own).
    """
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> os.stat_result:
    """Replace `path` with `data` (bytes, or pieces of them) so that a crash leaves the old or
    the new content, mode 0600.

    Not `durable`: without the fsyncs, for a file whose loss costs nothing but time (a crash may
    then leave it empty or cut short, never a mix of old and new)."""
    temp = write_temp(path, data, durable=durable)
    try:
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(path.parent)
    return path.stat()


def chunks_of(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of the file at `path`, `size` at a time (a copy of a book never holds all of it)."""
    with path.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk
