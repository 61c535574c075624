"""What can go wrong with a book file, each as a message for people (exit code 1 at the CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BookError(Exception):
    """A problem with the book file. `str()` is the whole message, naming the path."""

    def __init__(self, path: Path, message: str, details: Sequence[str] = ()) -> None:
        self.path = path
        self.message = message
        self.details = list(details)
        super().__init__(self.text())

    def text(self, max_details: int = 20) -> str:
        lines = [f"{self.path}: {self.message}"]
        lines += [f"  {d}" for d in self.details[:max_details]]
        if len(self.details) > max_details:
            lines.append(f"  ... and {len(self.details) - max_details} more")
        return "\n".join(lines)


class BookCorrupt(BookError):
    """The file is not a readable book: empty, not JSON, not UTF-8, or not in a book's layout."""


class BookInvalid(BookError):
    """The file is a book, but some records break the rules (details name table, record, field)."""


class BookTooNew(BookError):
    """Written by a newer acct-tui (its schema version is higher than this one knows)."""


class BookLocked(BookError):
    """Another acct-tui has the book open."""


class BookUnavailable(BookError):
    """The file or its folder cannot be read or written (permissions, a full disk, a symlink...)."""


class BookChangedOnDisk(BookError):
    """Another program changed the file since it was read; writing now would lose its change."""


class ReadOnlyBook(BookError):
    """The book was opened read-only."""


class ChangeRejected(Exception):
    """An edit that would break the book; nothing was changed. `problems` are for people."""

    def __init__(self, problems: Sequence[str], fields: dict[str, str] | None = None) -> None:
        self.problems = list(problems)
        self.fields = dict(fields or {})
        """Field name -> the message about it, for a form to show under the field."""
        super().__init__("; ".join(self.problems))
