"""What can go wrong with a book file, each as a message for people (exit code 1 at the CLI)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from acct_tui.domain.book import Problem

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters written as escapes (`\x1b`), so that text from a file (a
    table name, a field name, a CSV header) shown in a message can never drive the terminal."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


class BookError(Exception):
    """A problem with the book file. `str()` is the whole message, naming the path.

    The message and details never hold control characters (see `printable`).
    """

    def __init__(self, path: Path, message: str, details: Sequence[str] = ()) -> None:
        self.path = path
        self.message = printable(message)
        self.details = [printable(d) for d in details]
        super().__init__(self.text())

    def text(self, max_details: int = 20) -> str:
        lines = [printable(f"{self.path}: {self.message}")]
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

    def __init__(
        self, problems: Sequence[str], fields: dict[str, str] | None = None, located: Sequence[Problem] = ()
    ) -> None:
        self.problems = list(problems)
        self.fields = dict(fields or {})
        """Field name -> the message about it, for a form to show under the field."""
        self.located = list(located)
        """The problems with their table, record and field, when the book found them."""
        super().__init__("; ".join(self.problems))
