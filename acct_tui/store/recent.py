"""The recent-books list: the last books opened, for switching books in the planner.

A JSON list of absolute paths, newest first, in `recent.json` in the user state folder, written
atomically with mode 0600. The list is a convenience: a corrupt or unreadable file is treated as
empty (and replaced at the next `remember`), and a failed write is reported, never raised.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from acct_tui.config import recent_books_path
from acct_tui.store.storage import atomic_write, make_folders

MAX_RECENT = 10
MAX_FILE_BYTES = 1 << 16


def _normalised(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.normpath(Path(path).expanduser().absolute()))


def _read(list_path: Path) -> list[Path]:
    try:
        with list_path.open("rb") as handle:
            data = orjson.loads(handle.read(MAX_FILE_BYTES))
    except (OSError, orjson.JSONDecodeError):
        return []
    if not isinstance(data, list):
        return []
    paths: list[Path] = []
    for item in data:
        if isinstance(item, str) and item and "\x00" not in item and Path(item).is_absolute():
            path = _normalised(item)
            if path not in paths:
                paths.append(path)
    return paths[:MAX_RECENT]


def remember(path: str | os.PathLike[str], *, list_path: Path | None = None) -> bool:
    """Put `path` first in the list (once). False if the list could not be saved."""
    list_path = list_path or recent_books_path()
    book = _normalised(path)
    paths = [book, *(p for p in _read(list_path) if p != book)][:MAX_RECENT]
    try:
        make_folders(list_path.parent)
        atomic_write(list_path, orjson.dumps([str(p) for p in paths], option=orjson.OPT_INDENT_2))
    except (OSError, orjson.JSONEncodeError):  # JSONEncodeError: a file name that is not UTF-8
        return False
    return True


def recent(*, list_path: Path | None = None) -> list[Path]:
    """The remembered books, newest first; books that still exist before those that do not."""
    paths = _read(list_path or recent_books_path())
    return [p for p in paths if p.is_file()] + [p for p in paths if not p.is_file()]
