"""Fixtures shared by every test: a fixed date, books on tmp_path, no real user folders."""

from __future__ import annotations

import gc
import random
from collections.abc import Container, Iterator
from datetime import date
from pathlib import Path

import pytest

from acct_tui.demo import write_demo_book
from acct_tui.store.migrations import hashed_id
from acct_tui.store.repository import Repository

TODAY = date(2026, 11, 27)
"""A Friday; every test that depends on the date uses it."""

DEMO_BOOK_ID = "demo0000000000000000000000000001"


def demo_id(table: str, template_id: int) -> int:
    """The id that record `template_id` of the demo template (data/demo_book.json, schema 1's small
    ids) has in a demo book: the schema 2 upgrade's hash of the template's book_id, table and id."""
    return hashed_id(DEMO_BOOK_ID, table, template_id, set())


def next_free_id(taken: Container[int], ids: random.Random) -> int:
    """In place of `new_id`: ids 1, 2, 3... in each table, in the order records are added, for a
    test that names the records it builds by number (a real book draws them at random)."""
    return max(taken, default=0) + 1  # type: ignore[call-overload]


def demo_ids(table: str, *template_ids: int) -> list[int]:
    """`demo_id` of each of `template_ids`."""
    return [demo_id(table, template_id) for template_id in template_ids]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point XDG folders and $ACCT_TUI_DB away from the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("ACCT_TUI_DB", raising=False)


@pytest.fixture(autouse=True)
def _gc_as_it_was() -> Iterator[None]:
    """The planner freezes the GC and raises its thresholds for a session, and a command may turn
    it off: undo that after each test."""
    thresholds = gc.get_threshold()
    yield
    gc.enable()
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


@pytest.fixture
def repo(book_path: Path) -> Iterator[Repository]:
    """An empty book on disk, saving after each change."""
    with Repository.open(book_path, today=TODAY) as opened:
        yield opened


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return write_demo_book(tmp_path / "demo.json", TODAY)


@pytest.fixture
def demo_repo(demo_path: Path) -> Iterator[Repository]:
    """The demo book as of TODAY, saving after each change."""
    with Repository.open(demo_path, today=TODAY) as opened:
        yield opened
