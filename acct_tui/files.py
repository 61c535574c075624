"""Crash-safe file writes, for the book and for every other file acct-tui writes.

A write goes to a temporary file in the same folder, is flushed and fsync'ed, then `os.replace`d
over the target, and the folder is fsync'ed too: a crash or a full disk at any moment leaves the
old content or the new, never a torn file. Files are created with mode 0600, folders with 0700.

Only the standard library is imported, so the status cache (acct_tui.status.cache) writes with it
without loading the store (which brings pydantic and the domain).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
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
        try:
            if isinstance(data, bytes):
                write_all(fd, [data])
            elif isinstance(data, list | tuple):
                write_all(fd, data)
            else:  # an iterator (a copy read 1 MB at a time) is written as it comes, never held whole
                for piece in data:
                    write_all(fd, [piece])
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_all(fd: int, pieces: Sequence[bytes]) -> None:
    """Every piece written to `fd`, in one system call where the platform allows.

    Each system call lets go of the GIL, and taking it back waits for the thread that has it (the
    UI, drawing the edit) to give it up. Written one by one, the 30 pieces of a 1,000-client book
    took 15 calls; in one, an edit reaches the disk in 93-105 ms (median of 40, three runs of
    `bench/run.py --sizes 1000 --edits 40`) instead of 115-121, its slowest in 166-208 ms
    instead of 184-271.
    """
    views = [memoryview(piece) for piece in pieces if piece]
    writev = getattr(os, "writev", None)  # Windows has none: one piece a call
    most = _most_pieces() if writev is not None else 1
    start = 0
    while start < len(views):
        batch = views[start : start + most]
        written = writev(fd, batch) if writev is not None else os.write(fd, batch[0])
        if written == 0:
            raise OSError(errno.EIO, "the file took none of the bytes written to it")
        while start < len(views) and written >= len(views[start]):  # short writes go on where they stopped
            written -= len(views[start])
            start += 1
        if written:
            views[start] = views[start][written:]


def _most_pieces() -> int:
    """How many pieces one `writev` takes here (1,024 on Linux and macOS; POSIX promises 16)."""
    try:
        return max(16, os.sysconf("SC_IOV_MAX"))
    except (ValueError, OSError):
        return 16


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
