"""The whole book as JSON, and that JSON back into an empty book.

The export is the book file's own format (TinyDB's layout, one record per line, in a stable
order): any JSON reader reads it, and acct-tui opens it as a book. Importing it copies every
record with its id, and the book's own settings, into an empty book, so the round trip gives the
same book. The target keeps its own `meta` (its book_id and creation date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acct_tui.domain.book import Book
from acct_tui.domain.records import TABLES
from acct_tui.exchange.errors import ExchangeError, rejected
from acct_tui.store import layout
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository


def export_json(repo: Repository) -> bytes:
    """The book as JSON: the same bytes a save would write."""
    return layout.encode_lines(repo.snapshot().tables)


def counts(book: Book) -> str:
    """ "12 clients, 14 contacts, ..." for the tables that have records ("nothing" if none has)."""
    sizes = {name: len(book.table(name)) for name in TABLES}
    found = [f"{n} {TABLES[name].label if n == 1 else name}" for name, n in sizes.items() if n]
    return ", ".join(found) or "nothing"


@dataclass(frozen=True, slots=True)
class BookImport:
    """The records and settings of an exported book, checked, ready to go into an empty book."""

    path: Path
    book: Book
    settings: dict[str, Any]
    source: str = ""

    def summary(self) -> str:
        return counts(self.book)

    def preview(self, book: Book) -> list[str]:
        """Nothing to show row by row: a book goes in whole."""
        return []

    def check_target(self, target: Book, target_path: Path) -> None:
        """Raises ExchangeError unless `target` holds no records."""
        if any(target.table(name) for name in TABLES):
            raise ExchangeError(
                target_path,
                f"is not empty ({counts(target)}): a book is imported only into an empty one "
                "(give a new file with --db)",
            )

    def apply(self, repo: Repository) -> None:
        """Copy every record (ids kept) and the book's own settings, if any, as one change."""
        self.check_target(repo.book, repo.path)
        try:
            with repo.change("Import book", as_stored=True) as tx:  # a copy of a stored book: taken as it is
                for record in self.book.records():
                    tx.put(record)
                if self.settings:
                    tx.set_settings(self.settings)
        except ChangeRejected as err:
            raise rejected(self.path, err.problems) from None


def read_book(path: Path, base_settings: Mapping[str, Any]) -> BookImport:
    """An exported book, checked like any book (parsed, upgraded, every record validated)."""
    with Repository.open(path, read_only=True, create=False, base_settings=base_settings) as source:
        return BookImport(path, source.book, source.settings_overrides)
