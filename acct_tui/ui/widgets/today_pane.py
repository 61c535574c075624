"""The Today pane: the day plan in order, what does not fit with a suggestion, and what is done.

The line under the list says why the highlighted task is where it is (its urgency, or the
suggestion for a task that does not fit); `s` accepts the suggestion.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.book import Book
from acct_tui.domain.overview import done_today
from acct_tui.domain.planner import DayPlan, Suggestion
from acct_tui.domain.records import Task
from acct_tui.ui.format import due_label, hours
from acct_tui.ui.widgets.fixed_text import FixedText
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList

RowKind = Literal["heading", "plan", "overflow", "done"]


@dataclass(frozen=True, slots=True)
class TodayRow:
    kind: RowKind
    title: str
    task_id: int = 0
    client: str = ""
    hours: float = 0.0
    due: date | None = None
    urgency: float = 0.0
    why: str = ""
    suggestion: Suggestion | None = None

    @property
    def key(self) -> tuple[str, int | str]:
        return (self.kind, self.task_id or self.title)


def plan_rows(plan: DayPlan, done: list[Task], clients: dict[int, str]) -> list[TodayRow]:
    """The pane's rows: headings, the plan, the overflow, the tasks done today (none: an empty day)."""
    if not (plan.items or plan.overflow or done):
        return []
    rows = [TodayRow("heading", f"Plan: {hours(plan.planned_hours)} of {hours(plan.free_hours)} free")]
    rows += [
        TodayRow("plan", i.title, i.task_id, i.client, i.hours, i.due, i.urgency.total, i.urgency.why)
        for i in plan.items
    ]
    if not plan.items:
        rows.append(TodayRow("heading", "  nothing planned: no open task is due"))
    if plan.overflow:
        rows.append(TodayRow("heading", f"Does not fit ({len(plan.overflow)}): s accepts the suggestion"))
        rows += [
            TodayRow("overflow", o.title, o.task_id, o.client, o.hours, o.due, o.urgency.total, o.why, o.suggestion)
            for o in plan.overflow
        ]
    if done:
        rows.append(TodayRow("heading", f"Done today ({len(done)}): x reopens"))
        rows += [
            TodayRow("done", t.title, t.id, clients.get(t.client_id or 0, ""), t.estimate_hours, t.due) for t in done
        ]
    return rows


class TodayPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "screen.toggle_task", "Done", id="today.toggle"),
        Binding("s", "screen.accept_suggestion", "Accept suggestion", id="today.accept"),
        Binding("n", "screen.new_task", "New task", id="today.new"),
        Binding("e,enter", "screen.edit_task", "Edit", id="today.edit"),
        Binding("d", "screen.delete_task", "Delete", id="today.delete"),
    ]

    def __init__(self, today: date, *, id: str = "today") -> None:
        super().__init__("Today", id=id)
        self.today = today
        self._rows: list[TodayRow] = []
        self._tasks: dict[int, Task] = {}

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield FixedText(id="today-why", classes="pane-footnote")

    def body(self) -> Widget:
        return RecordList[TodayRow](
            self._line,
            key=lambda row: row.key,
            selectable=lambda row: row.kind != "heading",
            empty="Nothing to do today: n adds a task.",
            classes="pane-body",
            id="today-list",
        )

    @property
    def rows(self) -> RecordList[TodayRow]:
        return self.query_one("#today-list", RecordList)

    def _line(self, row: TodayRow, width: int) -> Content:
        if row.kind == "heading":
            return Content(row.title)
        late = row.due is not None and row.due < self.today and row.kind != "done"
        mark = {"plan": ("  ", ""), "overflow": ("↷ ", "$warning"), "done": ("✓ ", "$success")}[row.kind]
        when = "done" if row.kind == "done" else due_label(row.due, self.today)
        tail = f"  {hours(row.hours)}"
        return Content.assemble(
            mark,
            (f"{when:>8} ", "bold $error" if late else "dim"),
            Content(row.title).stylize("strike dim" if row.kind == "done" else "bold" if late else ""),
            (f"  {row.client}" if row.client else "", "dim"),
            (tail, "dim"),
        )

    def show(self, book: Book, plan: DayPlan, client_id: int | None = None) -> None:
        """The day `plan` (already narrowed to `client_id`, if given) and the tasks done today."""
        self._tasks = book.tasks
        clients = {c.id: c.name for c in book.clients.values()}
        self._rows = plan_rows(plan, done_today(book, self.today, client_id), clients)
        free = f"{self.today:%a %d %b}: {hours(plan.free_hours)} free for tasks"
        self.set_heading(Content.assemble((free, "bold"), ("  (w in Workload says why)", "dim")))
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.filter_text
        rows = self._rows
        if text:
            rows = [r for r in rows if r.kind != "heading" and text in f"{r.title} {r.client}".casefold()]
        self.rows.empty_text = self.no_match("task") if text else "Nothing to do today: n adds a task."
        self.rows.set_rows(rows)
        self._show_why(self.rows.current)

    @on(RecordList.Highlighted, "#today-list")
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        self._show_why(event.row)

    def _show_why(self, row: TodayRow | None) -> None:
        why = self.query_one("#today-why", FixedText)
        if row is None or not row.why:
            why.update("")
        elif row.kind == "overflow":
            why.update(Content.assemble(("↷ ", "$warning"), Content(row.why)))
        else:
            why.update(Content.assemble((f"urgency {row.urgency:g}: ", "bold"), Content(row.why).stylize("dim")))

    def show_toggled(self, task: Task) -> None:
        """Show a task just marked done (or reopened) at once; the plan is recomputed right after."""
        kind: RowKind = "plan" if task.is_open else "done"
        rows = [
            dataclasses.replace(r, kind=kind) if r.task_id == task.id and r.kind != "heading" else r for r in self._rows
        ]
        self._rows = rows
        self.apply_filter()

    @property
    def current(self) -> TodayRow | None:
        return self.rows.current

    @property
    def current_task(self) -> Task | None:
        row = self.rows.current
        return self._tasks.get(row.task_id) if row is not None else None
