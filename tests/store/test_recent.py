"""The recent-books list: newest first, at most ten, existing books first, never a crash."""

from __future__ import annotations

from pathlib import Path

import orjson

from acct_tui.config import recent_books_path
from acct_tui.store.recent import MAX_RECENT, recent, remember


def test_newest_first_once_each_at_most_ten(tmp_path: Path) -> None:
    books = [tmp_path / f"{n}.json" for n in range(12)]
    for book in books:
        book.write_text("{}")
        assert remember(book)
    remember(books[3])
    assert recent() == [
        books[3],
        books[11],
        books[10],
        books[9],
        books[8],
        books[7],
        books[6],
        books[5],
        books[4],
        books[2],
    ]
    assert len(recent()) == MAX_RECENT
    assert recent_books_path().stat().st_mode & 0o777 == 0o600


def test_books_that_still_exist_come_first(tmp_path: Path) -> None:
    kept, gone = tmp_path / "kept.json", tmp_path / "gone.json"
    kept.write_text("{}")
    remember(kept)
    remember(gone)
    assert recent() == [kept, gone]


def test_paths_are_absolute_and_normalised(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    book = tmp_path / "book.json"
    book.write_text("{}")
    remember(tmp_path / "sub" / ".." / "book.json")
    remember(book)
    assert recent() == [book]


def test_a_corrupt_list_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = recent_books_path()
    path.parent.mkdir(parents=True)
    for content in (b"not json", b'{"a": 1}', b'[1, null, "relative.json", "/ok.json"]'):
        path.write_bytes(content)
        assert recent() == ([Path("/ok.json")] if b"ok" in content else [])
    book = tmp_path / "book.json"
    assert remember(book)
    assert orjson.loads(path.read_bytes()) == [str(book), "/ok.json"]


def test_an_unwritable_list_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert remember(tmp_path / "book.json", list_path=blocker / "recent.json") is False
