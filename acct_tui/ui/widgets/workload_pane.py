"""The Workload pane (meters come with the workload model)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from acct_tui.domain.book import Book
from acct_tui.ui.widgets.pane import Pane


class WorkloadPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "screen.new_staff", "New staff member", id="workload.new_staff"),
        Binding("v", "screen.new_event", "New event", id="workload.new_event"),
    ]

    def __init__(self, today: date, *, id: str = "workload") -> None:
        super().__init__("Workload", id=id)
        self.today = today

    def body(self) -> Widget:
        return Static("", classes="pane-body", id="workload-body")

    def show(self, book: Book) -> None:
        open_tasks = sum(1 for t in book.tasks.values() if t.is_open and t.assignee_id is None)
        self.query_one("#workload-body", Static).update(Content(f"{open_tasks} open tasks of your own"))
