"""DelegationScreen: the delegation ledger, everyone's delegated work grouped by follow-up state.

`f` logs a follow-up on the highlighted task (a timeline entry for its client, and the next date),
`x` marks it done, `e` edits it; each person's heading shows the work delegated to them against
the hours they have left this week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.delegation import FollowUp, ledger, log_follow_up
from acct_tui.domain.edits import task_toggle
from acct_tui.domain.records import Record, Task
from acct_tui.domain.staffing import staff_loads
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.format import due_label, hours, percent
from acct_tui.ui.forms.fields import FieldSpec
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section

STATE_STYLE = {FollowUp.LATE: "bold $error", FollowUp.WAITING: "$warning", FollowUp.OPEN: "", FollowUp.DONE: "dim"}


class DelegationScreen(ListScreen):
    TITLE_TEXT = "Delegation ledger"
    EMPTY = "Nothing delegated: give a task an assignee (e on a task) to see it here."
    BINDINGS: ClassVar[list[BindingType]] = bindings("ledger")

    def build(self) -> tuple[list[ListRow], Content]:
        book, today = self.planner.repo.book, self.planner.today
        people = ledger(book, today, staff_loads(book, today))
        clients = {c.id: c.name for c in book.clients.values()}
        rows: list[ListRow] = []
        for person in people:
            load = person.load
            week = "no capacity"
            if load:
                spare = load.spare_hours
                week = (
                    f"{hours(load.load_hours_week)} delegated of {hours(load.capacity_hours_week)} "
                    + ("next week" if load.next_week else "left this week")
                    + f" ({percent(load.utilisation)}), "
                    + (f"{hours(spare)} free" if spare >= 0 else f"over by {hours(-spare)}")
                )
            rows.append(ListRow(f"{person.member.name} · {week}", style="bold", data=person.member.role or "staff"))
            for state, tasks in person.groups.items():
                members = [ListRow(clients.get(t.client_id or 0, ""), t, data=state) for t in tasks]
                rows += section(f"  {state.value}", members, STATE_STYLE[state] or "dim")
        late = sum(len(p.groups[FollowUp.LATE]) for p in people)
        waiting = sum(len(p.groups[FollowUp.WAITING]) for p in people)
        summary = Content.assemble(
            (f"{plural(late, 'follow-up')} overdue", "bold $error" if late else "dim"),
            f" · {waiting} waiting · f logs a follow-up, x marks done",
        )
        return rows, summary

    def heading(self, row: ListRow, width: int) -> Content:
        """A person's heading: name and week first, then their role when the width has room for it."""
        text = row.text
        if row.data and len(text) + 3 + len(row.data) <= width:
            text += f" · {row.data}"
        return Content.styled(text, row.style or "bold")

    def line(self, row: ListRow, width: int) -> Content:
        task = row.record
        assert isinstance(task, Task)
        today = self.planner.today
        state: FollowUp = row.data
        when = (
            f"follow up {due_label(task.follow_up, today)}" if task.follow_up else f"due {due_label(task.due, today)}"
        )
        if state is FollowUp.DONE and task.done_on:
            when = f"done {task.done_on:%d %b}"
        return Content.assemble(
            "    ",
            (f"{when:<20} ", STATE_STYLE[state]),
            Content(task.title).stylize("strike dim" if not task.is_open else "bold"),
            (f"  {row.text}" if row.text else "", "dim"),
            (f"  {hours(task.estimate_hours)}", "dim"),
        )

    def action_mark_done(self) -> None:
        if task := self.current_record(Task):
            edit = task_toggle(task, self.planner.now())
            apply(self, lambda: self.planner.repo.put_all(edit.records, edit.label))

    def action_edit(self) -> None:
        if task := self.current_record(Task):
            self.app.push_screen(self.planner.forms.task(task))

    def action_follow_up(self) -> None:
        task = self.current_record(Task)
        planner = self.planner
        member = planner.repo.book.staff.get(task.assignee_id) if task and task.assignee_id else None
        if task is None or member is None:
            return
        fields = [
            FieldSpec("note", "What you learned"),
            FieldSpec("next", "Next follow-up", "date"),
            FieldSpec("done", "The task is done", "flag"),
        ]
        values = {"next": planner.today + timedelta(days=3), "note": "", "done": False}
        minutes = round(planner.repo.settings.capacity.control_cost_hours * 60)

        def save(data: dict[str, Any]) -> Record:
            next_date: date | None = data["next"]
            done = bool(data["done"])
            edit = log_follow_up(task, member, data["note"] or "", next_date, done, planner.now(), minutes)
            return planner.repo.put_all(edit.records, edit.label)[0]

        title = f"Follow-up with {member.name}: {task.title}"
        self.app.push_screen(FormScreen(title, fields, values, save, today=planner.today, now=planner.now()))
