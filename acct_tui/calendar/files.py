"""Where calendars are on disk: an .ics file, or a folder of them as vdirsyncer keeps a collection.

A folder stands for every .ics file under it (hidden folders skipped, links to folders not
followed). Reading a file never raises: what cannot be read becomes a problem naming the path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from acct_tui.calendar.problems import FileProblems
from acct_tui.domain.wording import MB, megabytes

MAX_FILE_BYTES = 50 * MB
MAX_FOLDER_FILES = 50_000
"""A vdirsyncer collection holds one file per event: years of meetings are thousands of files."""

Signature = tuple[tuple[str, int, int, int], ...]


def _folder_files(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(".ics") and not name.startswith("."):
                yield Path(root) / name


def calendar_files(path: Path) -> tuple[list[Path], str | None]:
    """The files `path` stands for, and a problem when it stands for none (missing, an empty folder)."""
    if path.is_dir():
        found: list[Path] = []
        for file in _folder_files(path):
            if len(found) == MAX_FOLDER_FILES:
                return found, f"has more than {MAX_FOLDER_FILES:,} .ics files; only the first are read"
            found.append(file)
        return found, None if found else "is a folder without .ics files"
    if not path.exists() and not path.is_symlink():
        return [], "does not exist"
    return [path], None


def read_bytes(path: Path, problems: FileProblems) -> bytes | None:
    """The file's bytes, or None with a problem (missing, unreadable, too large)."""
    from acct_tui.store.storage import describe_os_error  # OS errors in words, as for the book

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            problems.add("is not a file")  # a pipe or a device would block or never end
            return None
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                problems.add(f"the file is {megabytes(size)}, more than the {megabytes(MAX_FILE_BYTES)} read")
                return None
            data = handle.read(size + 1)  # not MAX_FILE_BYTES: read() allocates what it is asked for
    except FileNotFoundError:
        problems.add("does not exist")
        return None
    except OSError as error:
        problems.add(f"cannot be read: {describe_os_error(error)}")
        return None
    return data


def decode(data: bytes, problems: FileProblems) -> str:
    """The text of a calendar (UTF-8, as RFC 5545 says; a byte-order mark is skipped). Bytes that
    are not UTF-8 are read as "\ufffd", with one problem naming the first one's line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.add(f"is not UTF-8 text (byte 0x{data[error.start]:02x}); such bytes are read as \ufffd", line=line)
        return data.decode("utf-8-sig", errors="replace")


def calendar_signature(paths: Sequence[Path]) -> Signature:
    """A small value that changes when any calendar file changes, appears or goes away: each file's
    path, size and modification time (a missing path counts too). For the planner's file watching."""
    entries: list[tuple[str, int, int, int]] = []
    for path in paths:
        files = list(_folder_files(path)) if path.is_dir() else [path]
        if not files:
            entries.append((str(path), -1, -1, -1))
        for file in files:
            try:
                found = file.stat()
            except OSError:
                entries.append((str(file), -1, -1, -1))
            else:
                entries.append((str(file), found.st_size, found.st_mtime_ns, found.st_ino))
    return tuple(entries)
