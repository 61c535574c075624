"""DelegationScreen: the delegation ledger, everyone's delegated work grouped by follow-up state.

`f` logs a follow-up on the highlighted task (a timeline entry for its client, and the next date),
`x` marks it done, `e` edits it; each person's heading shows their week's load against capacity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from acct_tui.domain.delegation import FollowUp, ledger, log_follow_up
from acct_tui.domain.edits import task_toggle
from acct_tui.domain.records import Record, Task
from acct_tui.domain.workload import assess
from acct_tui.store.errors import BookError, ChangeRejected
from acct_tui.ui.format import due_label, hours, percent
from acct_tui.ui.forms.fields import FieldSpec
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from acct_tui.ui.app import AcctApp

STATE_STYLE = {FollowUp.LATE: "bold $error", FollowUp.WAITING: "$warning", FollowUp.OPEN: "", FollowUp.DONE: "dim"}


@dataclass(frozen=True, slots=True)
class LedgerRow:
    text: str
    task: Task | None = None
    state: FollowUp | None = None
    style: str = ""

    @property
    def key(self) -> object:
        return self.task.id if self.task else self.text


class DelegationScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="ledger.back"),
        Binding("f", "follow_up", "Log follow-up", id="ledger.follow_up"),
        Binding("x", "mark_done", "Done", id="ledger.toggle"),
        Binding("e,enter", "edit", "Edit", id="ledger.edit"),
    ]

    app: AcctApp

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static("", id="ledger-summary", classes="screen-summary")
        yield RecordList[LedgerRow](
            self._line,
            key=lambda row: row.key,
            selectable=lambda row: row.task is not None,
            empty="Nothing delegated: give a task an assignee (e on a task) to see it here.",
            id="ledger",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Delegation ledger"
        self.refresh_ledger()
        self.query_one(RecordList).focus()

    def on_book_changed(self) -> None:
        self.refresh_ledger()

    def refresh_ledger(self) -> None:
        book, today = self.app.repo.book, self.app.today
        people = ledger(book, today, assess(book, today).staff)
        clients = {c.id: c.name for c in book.clients.values()}
        rows: list[LedgerRow] = []
        for person in people:
            load = person.load
            week = (
                f"{hours(load.load_hours_week)} of {hours(load.capacity_hours_week)} this week "
                f"({percent(load.utilisation)})"
                if load
                else "no capacity"
            )
            rows.append(LedgerRow(f"{person.member.name} · {person.member.role or 'staff'} · {week}", style="bold"))
            for state, tasks in person.groups.items():
                if not tasks:
                    continue
                rows.append(LedgerRow(f"  {state.value} ({len(tasks)})", style=STATE_STYLE[state] or "dim"))
                rows += [LedgerRow(clients.get(t.client_id or 0, ""), t, state) for t in tasks]
        self.query_one(RecordList).set_rows(rows)
        late = sum(len(p.groups[FollowUp.LATE]) for p in people)
        waiting = sum(len(p.groups[FollowUp.WAITING]) for p in people)
        self.query_one("#ledger-summary", Static).update(
            Content.assemble(
                (f"{late} follow-ups overdue", "bold $error" if late else "dim"),
                f" · {waiting} waiting · f logs a follow-up, x marks done",
            )
        )

    def _line(self, row: LedgerRow, width: int) -> Content:
        task = row.task
        if task is None:
            return Content.styled(row.text, row.style) if row.style else Content(row.text)
        today = self.app.today
        check = task.follow_up
        when = f"follow up {due_label(check, today)}" if check else f"due {due_label(task.due, today)}"
        if row.state is FollowUp.DONE and task.done_on:
            when = f"done {task.done_on:%d %b}"
        return Content.assemble(
            ("    ", ""),
            (f"{when:<20} ", STATE_STYLE[row.state] if row.state else ""),
            Content(task.title).stylize("strike dim" if not task.is_open else "bold"),
            (f"  {row.text}" if row.text else "", "dim"),
            (f"  {hours(task.estimate_hours)}", "dim"),
        )

    def _current_task(self) -> Task | None:
        row = self.query_one(RecordList).current
        return row.task if isinstance(row, LedgerRow) else None

    def _apply(self, change: Any) -> None:
        try:
            change()
        except (ChangeRejected, BookError) as err:
            message = "\n".join(err.problems) if isinstance(err, ChangeRejected) else err.message
            self.notify(message, title="Not changed", severity="error", markup=False)

    def action_mark_done(self) -> None:
        if task := self._current_task():
            edit = task_toggle(task, self.app.now())
            self._apply(lambda: self.app.repo.put_all(edit.records, edit.label))

    def action_edit(self) -> None:
        if task := self._current_task():
            self.app.push_screen(self.app.forms.task(task))

    def action_follow_up(self) -> None:
        task = self._current_task()
        if task is None or task.assignee_id is None:
            return
        app = self.app
        member = app.repo.book.staff.get(task.assignee_id)
        if member is None:
            return
        fields = [
            FieldSpec("note", "What you learned"),
            FieldSpec("next", "Next follow-up", "date"),
            FieldSpec("done", "The task is done", "flag"),
        ]
        values = {"next": app.today + timedelta(days=3), "note": "", "done": False}
        minutes = round(app.repo.settings.capacity.control_cost_hours * 60)

        def save(data: dict[str, Any]) -> Record:
            next_date: date | None = data["next"]
            edit = log_follow_up(task, member, data["note"] or "", next_date, bool(data["done"]), app.now(), minutes)
            return app.repo.put_all(edit.records, edit.label)[0]

        title = f"Follow-up with {member.name}: {task.title}"
        app.push_screen(FormScreen(title, fields, values, save, today=app.today, now=app.now()))
