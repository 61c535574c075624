"""BookSearch: the planner's search index of the open book, built off the UI thread, queried on it.

Building the index (`acct_tui.domain.search.SearchIndex`) takes about a second of CPU at 1,000
clients, so it is built in a thread worker, on a snapshot of the book: the first time someone
searches, and then after each change of the book while the search is in use (a moment after the
change, once saving and the panes' recompute have had the CPU). A session that never searches
never pays for it. Each keystroke is answered from the index at hand, even while a newer one is
being built (a record deleted since is checked for when it is opened); when a build ends the app
broadcasts IndexReady and the search screen asks again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import Worker, WorkerState

from acct_tui.domain.search import Found, SearchIndex
from acct_tui.ui.messages import IndexReady

if TYPE_CHECKING:
    from textual.message import Message
    from textual.signal import Signal
    from textual.timer import Timer

    from acct_tui.domain.book import Book
    from acct_tui.store.repository import Repository

REBUILD_AFTER = 1.0
"""Seconds after the last change before the index of a book in use is built again."""


class BookSearch:
    def __init__(self, app: App[Any], broadcast: Signal[Message]) -> None:
        self._app = app
        self._broadcast = broadcast
        self.index: SearchIndex | None = None
        self._built_from: tuple[object, int] | None = None
        """The repository and its generation the index was built from."""
        self._building: Worker[None] | None = None
        self._building_from: tuple[object, int] | None = None
        # The book and the index pass through attributes, not the worker's arguments and result:
        # Textual can keep a finished Worker reachable, and with it a whole book (as MainScreen's).
        self._to_index: Book | None = None
        self._built: SearchIndex | None = None
        self._in_use = False
        self._pending: Timer | None = None

    def current(self, repo: Repository) -> bool:
        """The index is of the book as it is now."""
        return self._built_from == (repo, repo.generation)

    def find(self, repo: Repository, text: str, per_kind: int = 10) -> Found | None:
        """The hits of `text` in the index at hand (None: none built yet, one is on its way)."""
        self._in_use = True
        if not self.current(repo):
            self.request(repo)
        return self.index.find(text, per_kind) if self.index is not None else None

    def request(self, repo: Repository) -> None:
        """Build the index of the book as it is now, unless that is done or under way."""
        wanted = (repo, repo.generation)
        if self._built_from == wanted or self._building_from == wanted:
            return
        if self._building is not None and self._building.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return  # one build at a time: the one running ends, then the book is looked at again
        self._building_from = wanted
        self._to_index = repo.book.snapshot()
        self._building = self._app.run_worker(
            self._build,
            thread=True,
            exit_on_error=False,
            group="search",
            description="index the book for search",
        )

    def book_changed(self, repo: Repository) -> None:
        """The book changed: build again, a moment later, if the search is in use."""
        if not self._in_use:
            return
        if self._pending is not None:
            self._pending.stop()
        self._pending = self._app.set_timer(REBUILD_AFTER, lambda: self.request(repo))

    def _build(self) -> None:
        """In a thread: index the book handed over."""
        book, self._to_index = self._to_index, None
        if book is not None:
            self._built = SearchIndex.build(book)

    def worker_ended(self, worker: Worker[object], repo: Repository) -> bool:
        """Handle the end of a build (True if `worker` was one): keep its index, say it is there."""
        if worker is not self._building or worker.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return False
        built_from, self._building, self._building_from = self._building_from, None, None
        built, self._built = self._built, None
        if built is not None:
            self.index, self._built_from = built, built_from
            self._broadcast.publish(IndexReady())
        elif worker.state is WorkerState.ERROR:
            self._app.notify(str(worker.error), title="Search index not built", severity="error", markup=False)
        if self._in_use and not self.current(repo):
            self.request(repo)  # the book changed while it was built
        return True
