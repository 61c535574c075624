"""Backups beside the book: the previous file is kept before a session's first write.

`book.json.1.bak` is the newest, up to `KEEP` copies; a book migrated from an older schema also
keeps the original as `book.json.schema-N.bak`, which rotation never touches.
"""

from __future__ import annotations

from pathlib import Path

from acct_tui.files import chunks_of
from acct_tui.store.storage import atomic_write, write_temp

KEEP = 3


def backup_path(book: Path, number: int) -> Path:
    return book.with_name(f"{book.name}.{number}.bak")


def schema_backup_path(book: Path, version: int) -> Path:
    return book.with_name(f"{book.name}.schema-{version}.bak")


def rotate(book: Path, keep: int = KEEP) -> Path | None:
    """Copy `book` to backup 1, shifting older backups up and dropping the oldest.

    The copy is written first, as a temporary file: if the disk refuses it, the older backups stay
    where they were.
    """
    if not book.exists():
        return None
    staged = write_temp(book, chunks_of(book))
    try:
        for number in range(keep, 1, -1):
            older = backup_path(book, number - 1)
            if older.exists():
                older.replace(backup_path(book, number))
        staged.replace(backup_path(book, 1))
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return backup_path(book, 1)


def copy(source: Path, target: Path) -> Path:
    """An atomic, 0600 copy of `source` at `target`."""
    atomic_write(target, chunks_of(source))
    return target
