"""Promises at risk: the tasks the schedule finishes after their due date, and one key for each way out.

`r` renegotiates (the due date moves to the day the schedule can finish it, and the client's
timeline says the contact was asked), `a` delegates (to the staff member with room before the
due date), `X` drops the task with a reason on the client's timeline. The same three actions
work on the Today pane; `risk_actions` holds them once for both.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.records import Record, Task
from acct_tui.domain.risks import Risk, drop_note, drop_reason, suggestion_edit
from acct_tui.domain.wording import plural, short_day
from acct_tui.domain.workload import assess
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.format import fitting
from acct_tui.ui.forms.fields import FieldSpec
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.planner import Planner
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section


def renegotiate(node: Widget, planner: Planner, task: Task, risk: Risk | None) -> None:
    move = risk.move if risk is not None else None
    if move is None:
        node.notify("Only a promise at risk can be renegotiated: this one is not late.", timeout=3)
        return
    edit = suggestion_edit(task, move, planner.now(), planner.repo.book)
    apply(node, lambda: planner.repo.put_all(edit.records, edit.label), f"{edit.label} (u undoes it)")


def delegate(node: Widget, planner: Planner, task: Task, risk: Risk | None) -> None:
    if risk is None:
        node.notify("Only a promise at risk has a delegation suggested: e edits the task's assignee.", timeout=3)
        return
    option = risk.delegate
    if option is None:
        node.notify(
            "No staff member has its hours before it is due (or the task is not of a kind you delegate).", timeout=4
        )
        return
    edit = suggestion_edit(task, option, planner.now(), planner.repo.book)
    apply(node, lambda: planner.repo.put_all(edit.records, edit.label), f"{edit.label} (u undoes it)")


def drop(node: Widget, planner: Planner, task: Task) -> None:
    """Ask why, then delete the task and note the reason on the client's timeline (one undo step)."""
    repo = planner.repo

    def save(data: dict[str, Any]) -> Record:
        note = drop_note(task, data.get("reason") or "", planner.now())
        with repo.change(f"Drop {task.title}") as tx:
            tx.delete("tasks", task.id)
            if note is not None:
                return tx.put(note)
        return task

    fields = [
        FieldSpec(
            "reason",
            "Why",
            placeholder="the client no longer needs it, agreed with...",
            reader=lambda text: drop_reason(task, text),
        )
    ]
    title = f"Drop {task.title}? It is deleted; the reason goes on the client's timeline (u undoes it)"
    node.app.push_screen(FormScreen(title, fields, {}, save, today=planner.today, now=planner.now()))


WIDE = 100
"""From this width the dates show their weekday."""


class AtRiskScreen(ListScreen):
    TITLE_TEXT = "Promises at risk"
    EMPTY = "No promise at risk: the schedule finishes every task by its due date."
    BINDINGS: ClassVar[list[BindingType]] = bindings("at_risk")

    def build(self) -> tuple[list[ListRow], Content]:
        planner = self.planner
        book = planner.repo.book
        # The panes' schedule (a task deleted since is left out below; the recompute after a
        # change ends in PlanChanged, which builds the list again).
        found = planner.assessment or assess(book, planner.today, planner.meetings)
        overdue = [r for r in found.at_risk if r.due < found.today]
        late = [r for r in found.at_risk if r.due >= found.today]
        rows: list[ListRow] = []
        for title, risks in (("Overdue", overdue), ("Will be late", late)):
            rows += section(
                title, [ListRow(r.title, book.tasks[r.task_id], data=r) for r in risks if r.task_id in book.tasks]
            )
        summary = Content.assemble(
            (plural(len(found.at_risk), "promise") + " at risk", "bold $error" if found.at_risk else "bold"),
            ("  · r renegotiate · a delegate · X drop · e edit · Enter opens the client", "dim"),
        )
        return rows, summary

    def on_plan_changed(self) -> None:
        self.refresh_list()  # the panes' schedule was recomputed: a change, or a calendar read

    def line(self, row: ListRow, width: int) -> Content:
        """Due, the day the schedule can do it, title, client, hours and who `a` delegates to; under
        100 columns the dates lose their weekday, and the delegate goes when it does not fit (`a`
        still names them)."""
        risk: Risk = row.data
        day = short_day if width >= WIDE else (lambda d: f"{d.day} {d:%b}")
        due = f"due {day(risk.due)}" if width >= WIDE else day(risk.due)
        earliest = f"→ {day(risk.earliest)}" if risk.earliest else "→ no room"
        line = Content.assemble(
            (f"  {due:<{15 if width >= WIDE else 6}} ", "bold $error" if risk.due < self.planner.today else "dim"),
            (f"{earliest:<{13 if width >= WIDE else 9}}", "$warning"),
            Content(risk.title).stylize("bold"),
            Content(f"  {risk.client}" if risk.client else "").stylize("dim"),
            (f"  {risk.hours:g}h", "dim"),
        )
        to = risk.delegate
        return fitting(width, Content.assemble(line, (f"  a: {to.staff_name}" if to else "", "$success")), line)

    def _current(self) -> tuple[Task, Risk] | None:
        row = self.current
        task = self.current_record(Task)
        return (task, row.data) if task is not None and row is not None else None

    def action_renegotiate(self) -> None:
        if found := self._current():
            renegotiate(self, self.planner, *found)

    def action_delegate(self) -> None:
        if found := self._current():
            delegate(self, self.planner, *found)

    def action_drop(self) -> None:
        if found := self._current():
            drop(self, self.planner, found[0])

    def action_edit(self) -> None:
        if task := self.current_record(Task):
            self.app.push_screen(self.planner.forms.task(task))

    def action_open(self) -> None:
        task = self.current_record(Task)
        if task is not None and task.client_id is not None:
            self.planner.open_client(task.client_id)
