"""The planner under test: AcctApp headless on a book, with the few moves the reliability tests make."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.notifications import Notification
from textual.pilot import Pilot
from textual.widgets import Input

from acct_tui.store.repository import Repository
from acct_tui.ui.app import AcctApp
from acct_tui.ui.forms.screen import FormScreen
from tests.conftest import TODAY
from tests.ui.conftest import settle

NOW = datetime(2026, 11, 27, 14, 30)


@dataclass
class Planner:
    app: AcctApp
    pilot: Pilot[None]

    @property
    def repo(self) -> Repository:
        return self.app.repo

    async def settle(self) -> None:
        """Until every save worker has ended and the panes are recomputed."""
        await settle(self.app, self.pilot, attempts=100)

    async def add_client(self, name: str) -> None:
        """n, the name, ctrl+s: the new-client form as a user fills it."""
        await self.pilot.press("n")
        form = self.app.screen
        assert isinstance(form, FormScreen), form
        form.query_one("#field-name", Input).value = name
        await self.pilot.press("ctrl+s")
        assert not isinstance(self.app.screen, FormScreen), "the form refused the client"

    def errors(self) -> list[Notification]:
        return [n for n in self.app._notifications if n.severity == "error"]

    def client_names(self) -> set[str]:
        return {c.name for c in self.repo.clients.all()}


@asynccontextmanager
async def planner(
    path: Path,
    *,
    size: tuple[int, int] = (120, 40),
    read_only: bool = False,
    after_open: Callable[[], None] | None = None,
) -> AsyncIterator[Planner]:
    """AcctApp on the book at `path` at TODAY, 14:30, with notifications shown (docs/textual-notes.md point 7).

    `after_open` runs once the book is open (and locked), before the app starts.
    """
    repo = Repository.open(path, autosave=False, today=TODAY, read_only=read_only)
    if after_open is not None:
        after_open()
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            ui = Planner(app, pilot)
            await ui.settle()
            yield ui
    finally:
        app.repo.close()
