"""The rules of a change: what a record's change derives, asks for, and does to other records.

The repository calls `on_put` for every record put (`Transaction.put`), so the rules hold for
every way in: the forms, CSV import, merges and every command to come. Each rule applies to the
change, not to what is stored: a book that already holds a lost deal without its reason still
opens (and imports into another book), and saving another field of that deal is not refused.

- A task marked done is dated (`done_on`, today unless given); a task that is not done has no done
  date (a carried-over one is cleared; one given with a status that is not done is a problem).
- A recurring task marked done makes the next one of its series (`recurrence.next_task`), which
  takes the rule over: the done task keeps no rule, so saving it again, or reopening it and
  marking it done again, makes no other.
- A recurring task's next task goes when the done one is reopened, if it is still as it was made
  (`made_next`): the rule returns to the reopened task, and the series has one open task.
- A done task reopened takes back the "Done:" entry marking it done wrote on its client's timeline
  (`edits.task_toggle`, dated its done day): the timeline says it was done only while it is, and
  done again, it has one entry, not two.
- A renewal date that was due within three months and moves on records a renewal with the
  discount given at it (`discounts.renewed`).
- A renewal mark (on track, at risk) is dated the day it is set; no mark, no date.
- A deal marked lost needs its reason.
- A deal won (it entered Kickoff from Prospect or Negotiation) makes its prospect client active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar, cast

from acct_tui.domain.book import Book, Problem
from acct_tui.domain.discounts import renewed
from acct_tui.domain.enums import ActivityKind, ClientStatus, Stage, TaskStatus
from acct_tui.domain.prospects import won_on
from acct_tui.domain.records import Activity, Client, Project, Record, Task
from acct_tui.domain.recurrence import next_task

R = TypeVar("R", bound=Record)

LOST_NEEDS_REASON = "say why it was lost: what did the client say no to?"
DONE_DATE_NEEDS_DONE = "only a done task has a done date: set its status to done, or clear the date"


@dataclass(frozen=True, slots=True)
class Outcome(Generic[R]):
    """What putting a record comes to: the record with its derived fields, the other records the
    change implies, or the problems that refuse it."""

    record: R
    also: tuple[Record, ...] = ()
    problems: tuple[Problem, ...] = ()
    dropped: tuple[Record, ...] = ()
    """Records the change deletes (the timeline entry of a task done, reopened)."""


def on_put(book: Book, before: Record | None, after: R, today: date) -> Outcome[R]:
    """The rules for putting `after` over `before` (None: a new record) into `book` on `today`.

    They hold for every change made through the repository; a copy of records stored elsewhere (a
    JSON export imported with `import book`, a merge) is taken as it was stored instead
    (`Repository.change(as_stored=True)`), like the records of a book that is opened
    (`Book.problems` still checks it).
    """
    if isinstance(after, Task):
        task_before = cast(Task | None, before)
        task, problems = done_date(task_before, after, today)
        if problems:
            return Outcome(cast(R, task), problems=problems)
        task, following = repeated(task_before, task, today)
        dropped: tuple[Record, ...] = reopened(book, task_before, task)
        successor = made_next(book, task_before, task)
        if successor is not None:
            task, dropped = task.evolve(repeat=successor.repeat), (*dropped, successor)
        return Outcome(cast(R, task), following, dropped=dropped)
    if isinstance(after, Client):
        return Outcome(cast(R, client_change(cast(Client | None, before), after, today)))
    if isinstance(after, Project):
        project_before = cast(Project | None, before)
        problems = lost_reason(project_before, after)
        return Outcome(after, won_client(book, project_before, after), problems)
    return Outcome(after)


def done_date(before: Task | None, after: Task, today: date) -> tuple[Task, tuple[Problem, ...]]:
    """A done task is dated (today unless given); a task that is not done carries no done date."""
    if after.status is TaskStatus.DONE:
        return (after if after.done_on is not None else after.evolve(done_on=today)), ()
    if after.done_on is None:
        return after, ()
    if before is not None and before.done_on == after.done_on:
        return after.evolve(done_on=None), ()  # reopened: the old date goes with the old status
    return after, (Problem("tasks", after.id or None, "done_on", DONE_DATE_NEEDS_DONE, subject=after.title),)


def repeated(before: Task | None, after: Task, today: date) -> tuple[Task, tuple[Task, ...]]:
    """A recurring task marked done (in this change) hands its rule to the next task of its series."""
    if after.repeat is None or after.status is not TaskStatus.DONE:
        return after, ()
    if before is None or before.status is TaskStatus.DONE:
        return after, ()  # made done, or saved again while done: no change of state
    following = next_task(after, today)
    if following is None:
        return after, ()  # the series ends at the last day a book may hold: the rule stays with it
    return after.evolve(repeat=None), (following,)


def reopened(book: Book, before: Task | None, after: Task) -> tuple[Activity, ...]:
    """The "Done:" entries of a done task reopened: those of the day it was done."""
    if before is None or before.status is not TaskStatus.DONE or after.status is TaskStatus.DONE:
        return ()
    return tuple(
        entry
        for entry in book.activities.values()
        if entry.task_id == after.id and entry.kind is ActivityKind.TASK_DONE and entry.when.date() == before.done_on
    )


def made_next(book: Book, before: Task | None, after: Task) -> Task | None:
    """The next task of its series that marking `before` done made, when `after` reopens it and
    that task is still as it was made (open, unchanged, nothing logged on it): reopening takes it
    back and the rule returns to the reopened task, so the series never holds two open tasks."""
    if before is None or before.status is not TaskStatus.DONE or after.status is TaskStatus.DONE:
        return None
    if before.repeat is not None or after.repeat is not None or before.done_on is None:
        return None
    for task in book.tasks.values():
        if task.title != before.title or task.repeat is None or task.created_on != before.done_on:
            continue  # the cheap tests first: a department's book holds tens of thousands of tasks
        made = next_task(before.evolve(repeat=task.repeat, status=TaskStatus.DONE), before.done_on)
        if made is None:
            continue
        unchanged = task.id != after.id and made.evolve(id=task.id, changed_at=task.changed_at) == task
        if unchanged and not any(entry.task_id == task.id for entry in book.activities.values()):
            return task
    return None


def client_change(before: Client | None, after: Client, today: date) -> Client:
    """The renewal a moved renewal date records, and the date of the renewal mark."""
    if before is not None and after.renewals == before.renewals:
        after = renewed(before, after, today)
    return dated_mark(before, after, today)


def dated_mark(before: Client | None, after: Client, today: date) -> Client:
    """A renewal mark set (or changed) is dated today, unless the change gives its own date."""
    if after.renewal_health is None:
        return after if after.renewal_health_on is None else after.evolve(renewal_health_on=None)
    if before is not None and after.renewal_health == before.renewal_health:
        return after
    dated_by_change = after.renewal_health_on is not None and (
        before is None or after.renewal_health_on != before.renewal_health_on
    )
    return after if dated_by_change else after.evolve(renewal_health_on=today)


def lost_reason(before: Project | None, after: Project) -> tuple[Problem, ...]:
    """A deal marked lost (or whose reason is cleared) needs the reason; one stored without it may stay."""
    if after.stage is not Stage.LOST or after.lost_reason:
        return ()
    if before is not None and before.stage is Stage.LOST and not before.lost_reason:
        return ()
    return (Problem("projects", after.id or None, "lost_reason", LOST_NEEDS_REASON, subject=f"{after.title}:"),)


def won_client(book: Book, before: Project | None, after: Project) -> tuple[Record, ...]:
    """A prospect client whose deal is won (in this change) becomes an active client."""
    if won_on(after) is None or (before is not None and won_on(before) is not None):
        return ()
    client = book.clients.get(after.client_id)
    if client is None or client.status is not ClientStatus.PROSPECT:
        return ()
    return (client.evolve(status=ClientStatus.ACTIVE),)
