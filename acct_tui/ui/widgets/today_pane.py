"""The Today pane: the day's tasks in order (the full plan comes with the planner)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.book import Book
from acct_tui.domain.records import Task
from acct_tui.ui.format import PRIORITY_MARKS, due_label, hours
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList


class TodayPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "screen.toggle_task", "Done", id="today.toggle"),
        Binding("n", "screen.new_task", "New task", id="today.new"),
        Binding("e", "screen.edit_task", "Edit", id="today.edit"),
        Binding("d", "screen.delete_task", "Delete", id="today.delete"),
    ]

    def __init__(self, today: date, *, id: str = "today") -> None:
        super().__init__("Today", id=id)
        self.today = today
        self._tasks: list[Task] = []
        self._clients: dict[int, str] = {}

    def body(self) -> Widget:
        return RecordList[Task](self._line, key=lambda t: t.id, empty="Nothing due today.", classes="pane-body")

    @property
    def tasks(self) -> RecordList[Task]:
        return self.query_one(RecordList)

    def _line(self, task: Task, width: int) -> Content:
        client = self._clients.get(task.client_id or 0, "")
        late = task.due is not None and task.due < self.today
        return Content.assemble(
            ("✓ " if not task.is_open else "  ", "$success"),
            (f"{due_label(task.due, self.today):>8} ", "bold $error" if late else "dim"),
            (PRIORITY_MARKS[task.priority] + " ", "bold"),
            Content(task.title),
            (f"  {client}" if client else "", "dim"),
            (f"  {hours(task.estimate_hours)}", "dim"),
        )

    def show(self, book: Book, client_id: int | None) -> None:
        self._clients = {c.id: c.name for c in book.clients.values()}
        self._tasks = sorted(
            (
                t
                for t in book.tasks.values()
                if t.assignee_id is None
                and (t.is_open or t.done_on == self.today)
                and t.due is not None
                and t.due <= self.today
                and (client_id is None or t.client_id == client_id)
            ),
            key=lambda t: (t.due or self.today, t.priority.value, t.id),
        )
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.filter_text
        rows = [t for t in self._tasks if text in t.title.casefold()] if text else self._tasks
        self.tasks.set_rows(rows)

    @property
    def current_task(self) -> Task | None:
        return self.tasks.current
