"""The delegation ledger: work handed to staff, grouped by person and by where its follow-up stands.

An account manager gives precise assignments, controls execution and corrects results (docs/domain.md):
each delegated task carries a follow-up date; logging a follow-up notes it on the client's
timeline and sets the next date (or closes the task).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from acct_tui.domain.book import Book
from acct_tui.domain.edits import Edit
from acct_tui.domain.enums import ActivityKind, TaskStatus
from acct_tui.domain.records import Activity, StaffMember, Task
from acct_tui.domain.staffing import StaffLoad

DONE_SHOWN_DAYS = 30
"""Done delegated work stays in the ledger this long."""


class FollowUp(StrEnum):
    """Where a delegated task's control stands, in the order the ledger shows them."""

    LATE = "overdue follow-up"
    WAITING = "waiting for follow-up"
    OPEN = "open, no follow-up date"
    DONE = "done"


def follow_up_state(task: Task, today: date) -> FollowUp:
    if not task.is_open:
        return FollowUp.DONE
    if task.follow_up is None:
        return FollowUp.OPEN
    return FollowUp.LATE if task.follow_up < today else FollowUp.WAITING


@dataclass(frozen=True, slots=True)
class PersonLedger:
    member: StaffMember
    load: StaffLoad | None
    """This week's load against capacity, from the workload assessment."""
    groups: dict[FollowUp, list[Task]]

    @property
    def count(self) -> int:
        return sum(len(tasks) for state, tasks in self.groups.items() if state is not FollowUp.DONE)


def ledger(book: Book, today: date, loads: tuple[StaffLoad, ...] = ()) -> list[PersonLedger]:
    """Every staff member with delegated work (or not gone), their tasks grouped by follow-up state."""
    by_person: dict[int, dict[FollowUp, list[Task]]] = {}
    recent = today - timedelta(days=DONE_SHOWN_DAYS)
    for task in book.tasks.values():
        if task.assignee_id is None or (task.done_on is not None and task.done_on < recent):
            continue
        groups = by_person.setdefault(task.assignee_id, {state: [] for state in FollowUp})
        groups[follow_up_state(task, today)].append(task)
    load_of = {load.id: load for load in loads}
    people = []
    for member in sorted(book.staff.values(), key=lambda m: m.name.casefold()):
        groups = by_person.get(member.id, {state: [] for state in FollowUp})
        if member.gone(today) and not any(groups.values()):
            continue
        for state, tasks in groups.items():
            tasks.sort(key=lambda t: (t.follow_up or t.due or date.max, t.id) if state is not FollowUp.DONE else
                       (date.max - (t.done_on or date.min), t.id))  # fmt: skip
        people.append(PersonLedger(member, load_of.get(member.id), groups))
    return people


def log_follow_up(
    task: Task, member: StaffMember, note: str, next_date: date | None, done: bool, now: datetime, minutes: int
) -> Edit:
    """A follow-up on delegated work: a timeline entry for the client, and the task's next date (or done)."""
    if done:
        changed = task.evolve(status=TaskStatus.DONE, done_on=now.date(), follow_up=None)
    else:
        changed = task.evolve(follow_up=next_date)
    records: list[Task | Activity] = [changed]
    if task.client_id is not None:
        outcome = "done" if done else f"next follow-up {next_date:%a %d %b}" if next_date else "no next date"
        summary = f"Follow-up with {member.name} on {task.title} ({outcome})"
        if note.strip():
            summary += f": {note.strip()}"
        records.append(
            Activity(
                client_id=task.client_id,
                when=now,
                kind=ActivityKind.FOLLOW_UP,
                summary=summary,
                minutes=minutes,
                project_id=task.project_id,
                task_id=task.id,
            )
        )
    return Edit(f"Follow-up on {task.title}", tuple(records))
