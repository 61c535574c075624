"""TasksScreen: every task of the book in one list, by due date, with the day the schedule plans it.

For each open task of yours the schedule's planned day ("→ Thu 3 Dec", marked when after its due
date) comes from the main screen's last recompute. `f` filters by client, assignee, state and
stage (`F` shows every open task again); `e` edits, `x` marks done (a recurring task, marked ↻,
makes its next one), `d` deletes, `n` adds, `y` copies a task's summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.book import Book
from acct_tui.domain.dates import monday_of
from acct_tui.domain.edits import task_toggle
from acct_tui.domain.enums import Priority, Stage, TaskStatus
from acct_tui.domain.records import Task
from acct_tui.domain.recurrence import repeat_text
from acct_tui.domain.settings import StageSettings
from acct_tui.domain.wording import plural, short_day
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.clipboard import copy, task_summary
from acct_tui.ui.format import PRIORITY_MARKS, due_label, hours
from acct_tui.ui.forms.fields import FieldSpec
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section
from acct_tui.ui.widgets.record_list import RecordList

ME = "me"
STATES: tuple[tuple[str, str], ...] = (
    ("open (not done)", "open"),
    ("waiting", TaskStatus.WAITING.value),
    ("blocked", TaskStatus.BLOCKED.value),
    ("done", TaskStatus.DONE.value),
    ("every state", "all"),
)


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """Which tasks the list shows; the default: every open task."""

    client_id: int | None = None
    assignee: int | str | None = None
    """None: anyone; ME: your own; a staff member's id."""
    state: str = "open"
    stage: Stage | None = None
    """The stage of the task's project (a task without a project has none)."""

    def keeps(self, task: Task, book: Book) -> bool:
        if self.client_id is not None and task.client_id != self.client_id:
            return False
        if self.assignee == ME and task.assignee_id is not None:
            return False
        if isinstance(self.assignee, int) and task.assignee_id != self.assignee:
            return False
        if self.state == "open" and not task.is_open:
            return False
        if self.state not in ("open", "all") and task.status.value != self.state:
            return False
        if self.stage is not None:
            project = book.projects.get(task.project_id) if task.project_id is not None else None
            if project is None or project.stage is not self.stage:
                return False
        return True

    def describe(self, book: Book, labels: StageSettings) -> str:
        """ "open tasks of Acme, Sara's, in Kickoff"."""
        state = {value: label for label, value in STATES}.get(self.state, self.state)
        parts = [f"{state.replace(' (not done)', '')} tasks" if self.state != "all" else "every task"]
        client = book.clients.get(self.client_id) if self.client_id is not None else None
        if client is not None:
            parts.append(f"of {client.name}")
        if self.assignee == ME:
            parts.append("of your own")
        elif isinstance(self.assignee, int):
            member = book.staff.get(self.assignee)
            parts.append(f"delegated to {member.name if member else '?'}")
        if self.stage is not None:
            parts.append(f"in {labels.label(self.stage)}")
        return " ".join(parts)


PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def _bands(tasks: list[Task], today: date) -> list[tuple[str, list[Task]]]:
    """Open tasks by when they are due (on one day: the higher priority first, then by title);
    done ones last, the latest first."""
    sunday = monday_of(today) + timedelta(days=6)
    bands: dict[str, list[Task]] = {"Overdue": [], "Today": [], "This week": [], "Later": [], "No due date": []}
    done: list[Task] = []
    for task in tasks:
        if not task.is_open:
            done.append(task)
        elif task.due is None:
            bands["No due date"].append(task)
        elif task.due < today:
            bands["Overdue"].append(task)
        elif task.due == today:
            bands["Today"].append(task)
        elif task.due <= sunday:
            bands["This week"].append(task)
        else:
            bands["Later"].append(task)
    for members in bands.values():
        members.sort(key=lambda t: (t.due or date.max, PRIORITY_ORDER[t.priority], t.title.casefold(), t.id))
    done.sort(key=lambda t: (t.done_on or date.min, t.id), reverse=True)
    return [*bands.items(), ("Done", done)]


def _name(choice: tuple[str, int]) -> str:
    return choice[0].casefold()


class TasksScreen(ListScreen):
    TITLE_TEXT = "All tasks"
    EMPTY = "No task matches: F shows every open task."
    BINDINGS: ClassVar[list[BindingType]] = bindings("tasks")

    shown = TaskFilter()

    def build(self) -> tuple[list[ListRow], Content]:
        planner = self.planner
        book, today = planner.repo.book, planner.today
        shown = self.shown
        tasks = [task for task in book.tasks.values() if shown.keeps(task, book)]
        clients = {c.id: c.name for c in book.clients.values()}
        rows: list[ListRow] = []
        for title, members in _bands(tasks, today):
            rows += section(title, [ListRow(clients.get(t.client_id or 0, ""), t) for t in members])
        late = sum(1 for t in tasks if t.is_open and t.due is not None and t.due < today)
        filtered = shown != TaskFilter()
        summary = Content.assemble(
            (f"{plural(len(tasks), 'task')}: {shown.describe(book, book.settings.stages)}", "bold"),
            (f" · {late} overdue" if late else "", "$error"),
            ("  · f filters" + (", F shows every open task" if filtered else ""), "dim"),
            ("  · x done · e edit · d delete · n new · ↻ repeats", "dim"),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        task = row.record
        assert isinstance(task, Task)
        planner = self.planner
        today = planner.today
        book = planner.repo.book
        late = task.is_open and task.due is not None and task.due < today
        when = due_label(task.due, today) if task.done_on is None else f"done {short_day(task.done_on)}"
        planned_text, behind = "", False
        if task.is_open and task.assignee_id is None:
            planned = planner.planned_day(task.id)
            planned_text = f"→ {short_day(planned)}" if planned is not None else "→ no room"
            behind = task.due is not None and (planned is None or planned > task.due)
        project = book.projects.get(task.project_id) if task.project_id is not None else None
        member = book.staff.get(task.assignee_id) if task.assignee_id is not None else None
        context = " · ".join(
            part
            for part in (
                row.text,
                book.settings.stages.label(project.stage) if project is not None else "",
                member.name if member is not None else "",
            )
            if part
        )
        return Content.assemble(
            (f"  {when:>12} ", "bold $error" if late else "dim"),
            (f"{planned_text:<12}", "$warning" if behind else "dim"),
            ("↻ " if task.repeat is not None else "  ", "$accent"),
            (PRIORITY_MARKS[task.priority] + " ", "bold"),
            Content(task.title).stylize("dim strike" if not task.is_open else "bold" if late else ""),
            (f"  {task.status.value}" if task.status in (TaskStatus.WAITING, TaskStatus.BLOCKED) else "", "$warning"),
            Content(f"  {context}" if context else "").stylize("dim"),
            (f"  {hours(task.estimate_hours)}", "dim"),
            (f"  {repeat_text(task.repeat)}" if task.repeat is not None and width >= 120 else "", "dim"),
        )

    # --- actions -------------------------------------------------------------------------

    def action_new(self) -> None:
        current = self.current_record(Task)
        client_id = self.shown.client_id or (current.client_id if current is not None else None)
        self.app.push_screen(self.planner.forms.task(client_id=client_id))

    def action_edit(self) -> None:
        if task := self.current_record(Task):
            self.app.push_screen(self.planner.forms.task(task))

    def action_mark_done(self) -> None:
        task = self.current_record(Task)
        if task is None:
            return
        planner = self.planner
        edit = task_toggle(task, planner.now())
        done = f"{edit.label} (u undoes it)" + ("; the next one is made" if task.repeat and task.is_open else "")
        apply(self, lambda: planner.repo.put_all(edit.records, edit.label), done)

    def action_delete(self) -> None:
        if task := self.current_record(Task):
            self.planner.confirm_delete(task)

    def action_copy(self) -> None:
        if task := self.current_record(Task):
            planner = self.planner
            copy(self.app, task_summary(task, planner.repo.book, planner.planned_day(task.id)), "the task")

    def on_plan_changed(self) -> None:
        self.query_one(RecordList).refresh_rows()  # the planned days

    def action_filter(self) -> None:
        forms = self.planner.forms
        book = self.planner.repo.book
        labels = book.settings.stages
        fields = [
            FieldSpec("client_id", "Client", "reference", forms.client_choices(), optional_choice="any client"),
            FieldSpec(
                "assignee",
                "Assignee",
                "reference",
                [("me (not delegated)", ME), *sorted(((s.name, s.id) for s in book.staff.values()), key=_name)],
                optional_choice="anyone",
            ),
            FieldSpec("state", "State", "choice", STATES),
            FieldSpec("stage", "Project stage", "choice", [(labels.label(s), s) for s in Stage], optional_choice="any"),
        ]
        shown = self.shown
        values = {"client_id": shown.client_id, "assignee": shown.assignee, "state": shown.state, "stage": shown.stage}

        def save(data: dict[str, Any]) -> object:
            self.shown = TaskFilter(data["client_id"], data["assignee"], data["state"] or "open", data["stage"])
            self.refresh_list()
            return self.shown

        planner = self.planner
        self.app.push_screen(
            FormScreen("Show the tasks…", fields, values, save, today=planner.today, now=planner.now())
        )

    def action_show_all(self) -> None:
        self.shown = TaskFilter()
        self.refresh_list()
