"""AcctApp: the planner's Textual application."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from acct_tui.store.repository import Repository


class AcctApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "acct-tui"

    def __init__(self, repo: Repository, today: date, demo: bool = False) -> None:
        super().__init__()
        self.repo = repo
        self.today = today
        self.demo = demo
        self.sub_title = "demo" if demo else str(repo.path)

    def compose(self) -> ComposeResult:
        yield Header()
        for client in self.repo.clients.all():
            yield Static(client.name, markup=False)
        yield Footer()
