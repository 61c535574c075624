"""Promises at risk: tasks the schedule can only finish after their due date, and what to do about each.

A promise is at risk when the schedule finishes the task after its due date (an overdue task is
always one), or cannot fit all of it in the days it fills. Each comes with one key per way out:

- renegotiate: move the due date to the day the schedule can really finish it, and note on the
  client's timeline that the contact was asked;
- delegate: to the active staff member with the most room before the due date (a delegable kind,
  open, and only if they have its hours), with a follow-up on a day the account manager is at work;
- drop: delete it, with a reason on the client's timeline.

Suggestions take the hours they offer (a staff member's room) as they are made, most urgent
promise first, so two never promise the same hours. Pure: the book and its schedule in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar, Literal

from acct_tui.domain.book import Book
from acct_tui.domain.edits import Edit
from acct_tui.domain.enums import ActivityKind, TaskStatus
from acct_tui.domain.records import Activity, Task
from acct_tui.domain.schedule import Schedule, TaskPlan
from acct_tui.domain.staffing import StaffRoom
from acct_tui.domain.wording import fmt_hours, plural, short_day


@dataclass(frozen=True, slots=True)
class MoveDue:
    """Renegotiate: move the due date to the day the schedule can finish the task."""

    action: ClassVar[Literal["move"]] = "move"
    task_id: int
    due: date
    free_hours: float
    """That day's free hours in the schedule (after this task)."""
    text: str


@dataclass(frozen=True, slots=True)
class Delegate:
    """Delegate the task to the staff member with the most room before its due date."""

    action: ClassVar[Literal["delegate"]] = "delegate"
    task_id: int
    staff_id: int
    staff_name: str
    follow_up: date
    text: str


@dataclass(frozen=True, slots=True)
class Drop:
    """Drop the task, with a reason noted on the client's timeline."""

    action: ClassVar[Literal["drop"]] = "drop"
    task_id: int
    text: str


Suggestion = MoveDue | Delegate | Drop


@dataclass(frozen=True, slots=True)
class Risk:
    task_id: int
    title: str
    client: str
    client_id: int | None
    hours: float
    due: date
    earliest: date | None
    """The day the schedule finishes it (None: not within the days it fills)."""
    suggestions: tuple[Suggestion, ...]
    why: str

    @property
    def move(self) -> MoveDue | None:
        return next((s for s in self.suggestions if isinstance(s, MoveDue)), None)

    @property
    def delegate(self) -> Delegate | None:
        return next((s for s in self.suggestions if isinstance(s, Delegate)), None)


def _client_name(book: Book, task: Task) -> str:
    client = book.clients.get(task.client_id) if task.client_id is not None else None
    return client.name if client else ""


def contact_name(book: Book, client_id: int | None) -> str:
    """Whom to ask at a client: its primary contact, else its first contact, else the client itself."""
    if client_id is None:
        return ""
    contacts = sorted(
        (c for c in book.contacts.values() if c.client_id == client_id), key=lambda c: (not c.primary, c.id)
    )
    if contacts:
        return contacts[0].name
    client = book.clients.get(client_id)
    return client.name if client else ""


class Suggester:
    """Suggestions for late tasks, reading one schedule; delegations take the staff's hours."""

    def __init__(self, book: Book, schedule: Schedule) -> None:
        self.book = book
        self.schedule = schedule
        self.today = schedule.today
        self.room = StaffRoom(book, self.today)
        self.delegable = frozenset(book.settings.delegable_kinds)
        control = book.settings.capacity.control_cost_hours
        at_work = [d.date for d in schedule.days if d.date > self.today and d.capacity_hours >= max(control, 0.01)]
        self.follow_up_days = at_work
        self.after_schedule = schedule.last_day

    def follow_up(self, due: date | None) -> date | None:
        """The first working day after today the account manager is at work (before the due date if one is)."""
        days = self.follow_up_days
        if not days:
            return None
        before = [d for d in days if due is None or d <= due]
        return before[0] if before else days[0]

    def delegate(self, task: Task) -> Delegate | None:
        if task.kind not in self.delegable or task.status is not TaskStatus.OPEN:
            return None
        until = task.due if task.due is not None and task.due >= self.today else self.today
        best = self.room.best(task.estimate_hours, until)
        follow = self.follow_up(task.due)
        if best is None or follow is None:
            return None
        member, spare = best
        self.room.take(member.id, task.estimate_hours)
        before = f"before {short_day(until)}" if until > self.today else "today"
        text = f"Delegate to {member.name} ({fmt_hours(spare)} free {before}), follow up on {short_day(follow)}"
        return Delegate(task.id, member.id, member.name, follow, text)

    def move(self, task: Task, plan: TaskPlan) -> MoveDue:
        done = plan.done_on
        who = contact_name(self.book, task.client_id)
        ask = f"Ask {who} to move it" if who else "Move it"
        if done is None:
            day = self.after_schedule
            text = (
                f"{ask} past {short_day(day)}: the schedule has no room for all {fmt_hours(task.estimate_hours)} "
                f"before then"
            )
            return MoveDue(task.id, day, 0.0, text)
        free = self.schedule.day(done)
        free_hours = free.free_hours if free is not None else 0.0
        text = f"{ask} to {short_day(done)}, the day the schedule can finish it ({fmt_hours(free_hours)} free then)"
        return MoveDue(task.id, done, free_hours, text)

    def drop(self, task: Task) -> Drop:
        where = " (a reason goes on the client's timeline)" if task.client_id is not None else ""
        return Drop(task.id, f"Drop it{where}")


def promises_at_risk(book: Book, schedule: Schedule, suggester: Suggester | None = None) -> tuple[Risk, ...]:
    """Every own task the schedule finishes late (or not at all, with its due date within the
    schedule), earliest due first, each with its ways out."""
    suggester = suggester or Suggester(book, schedule)
    last = schedule.last_day
    late = [
        (book.tasks[plan.task_id], plan)
        for plan in schedule.plans.values()
        if plan.late and plan.due is not None and plan.due <= last and plan.task_id in book.tasks
    ]
    late.sort(key=lambda pair: (pair[1].due or date.max, pair[0].id))
    risks = []
    for task, plan in late:
        assert task.due is not None
        options: list[Suggestion] = [suggester.move(task, plan)]
        delegated = suggester.delegate(task)
        if delegated is not None:
            options.append(delegated)
        options.append(suggester.drop(task))
        risks.append(
            Risk(
                task.id,
                task.title,
                _client_name(book, task),
                task.client_id,
                task.estimate_hours,
                task.due,
                plan.done_on,
                tuple(options),
                _why(task, plan, schedule.today),
            )
        )
    return tuple(risks)


def _why(task: Task, plan: TaskPlan, today: date) -> str:
    assert task.due is not None
    due = f"due {short_day(task.due)}"
    if task.due < today:
        due = f"overdue since {short_day(task.due)} ({plural((today - task.due).days, 'day')})"
    done = plan.done_on
    if done is None:
        placed = plan.placed_hours
        found = f"only {fmt_hours(placed)} of its {fmt_hours(task.estimate_hours)} fit" if placed else "no room for it"
        return f"{task.title}: {due}; the schedule has {found} in the days it fills"
    return f"{task.title}: {due}; the schedule can finish it on {short_day(done)}"


def suggestion_edit(task: Task, suggestion: MoveDue | Delegate, now: datetime, book: Book) -> Edit:
    """The records that accepting `suggestion` writes. Raises ValueError if it is for another task
    or names a day that has passed."""
    if suggestion.task_id != task.id:
        raise ValueError(f"the suggestion is for task {suggestion.task_id}, not task {task.id}")
    when = suggestion.due if isinstance(suggestion, MoveDue) else suggestion.follow_up
    if when < now.date():
        raise ValueError(f"the suggestion names {short_day(when)}, which has passed: plan the day again")
    if isinstance(suggestion, Delegate):
        changed = task.evolve(assignee_id=suggestion.staff_id, follow_up=suggestion.follow_up)
        return Edit(f"Delegate {task.title} to {suggestion.staff_name}", (changed,))
    changed = task.evolve(due=suggestion.due)
    records: list[Task | Activity] = [changed]
    if task.client_id is not None:
        who = contact_name(book, task.client_id)
        before = short_day(task.due) if task.due else "no date"
        records.append(
            Activity(
                client_id=task.client_id,
                when=now,
                kind=ActivityKind.NOTE,
                summary=f"Asked {who} to move {task.title} from {before} to {short_day(suggestion.due)}",
                project_id=task.project_id,
                task_id=task.id,
            )
        )
    return Edit(f"Move {task.title} to {short_day(suggestion.due)}", tuple(records))


def drop_note(task: Task, reason: str, now: datetime) -> Activity | None:
    """The timeline entry that says why a task was dropped (None for a task without a client)."""
    if task.client_id is None:
        return None
    due = f", due {short_day(task.due)}" if task.due else ""
    text = f"Dropped {task.title}{due}"
    if reason.strip():
        text += f": {reason.strip()}"
    return Activity(
        client_id=task.client_id, when=now, kind=ActivityKind.NOTE, summary=text, project_id=task.project_id
    )
