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
from acct_tui.domain.records import Activity, StaffMember, Task
from acct_tui.domain.schedule import Schedule, TaskPlan
from acct_tui.domain.staffing import StaffRoom
from acct_tui.domain.wording import fmt_hours, plural, short_day

DELEGATIONS = 200
"""At most this many promises (the earliest due) are offered to staff: enough for one person's
book, and a department's book of thousands of late tasks stays quick to plan."""


@dataclass(frozen=True, slots=True)
class MoveDue:
    """Renegotiate: move the due date to the day the schedule can finish the task."""

    action: ClassVar[Literal["move"]] = "move"
    task_id: int
    due: date
    free_hours: float
    """That day's free hours in the schedule (after this task)."""
    who: str = ""
    """Whom to ask (the client's contact), or "" for a task of no client."""
    no_room: float | None = None
    """The task's hours when the schedule has no room for all of them before `due`."""

    @property
    def text(self) -> str:
        # Worded when shown: a department's book can hold thousands of these.
        ask = f"Ask {self.who} to move it" if self.who else "Move it"
        day = short_day(self.due)
        if self.no_room is not None:
            return f"{ask} past {day}: the schedule has no room for all {fmt_hours(self.no_room)} before then"
        return f"{ask} to {day}, the day the schedule can finish it ({fmt_hours(self.free_hours)} free then)"


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
    placed_hours: float
    """How much of it the schedule fits in the days it fills."""
    today: date

    @property
    def why(self) -> str:
        """ "Brief: due Mon 30 Nov; the schedule can finish it on Tue 1 Dec" (worded when shown)."""
        due = f"due {short_day(self.due)}"
        if self.due < self.today:
            due = f"overdue since {short_day(self.due)} ({plural((self.today - self.due).days, 'day')})"
        if self.earliest is None:
            placed = self.placed_hours
            fit = f"only {fmt_hours(placed)} of its {fmt_hours(self.hours)} fit" if placed else "no room for it"
            return f"{self.title}: {due}; the schedule has {fit} in the days it fills"
        return f"{self.title}: {due}; the schedule can finish it on {short_day(self.earliest)}"

    @property
    def move(self) -> MoveDue | None:
        return next((s for s in self.suggestions if isinstance(s, MoveDue)), None)

    @property
    def delegate(self) -> Delegate | None:
        return next((s for s in self.suggestions if isinstance(s, Delegate)), None)


def _client_name(book: Book, task: Task) -> str:
    client = book.clients.get(task.client_id) if task.client_id is not None else None
    return client.name if client else ""


def contacts_to_ask(book: Book) -> dict[int, str]:
    """Whom to ask at each client: its primary contact, else its first contact, else the client itself."""
    found = {client.id: client.name for client in book.clients.values()}
    chosen: dict[int, tuple[bool, int]] = {}
    for contact in book.contacts.values():
        rank = (not contact.primary, contact.id)
        if contact.client_id not in chosen or rank < chosen[contact.client_id]:
            chosen[contact.client_id] = rank
            found[contact.client_id] = contact.name
    return found


def contact_name(book: Book, client_id: int | None) -> str:
    """Whom to ask at a client (`contacts_to_ask`)."""
    return contacts_to_ask(book).get(client_id, "") if client_id is not None else ""


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
        self.ask = contacts_to_ask(book)
        self._room: dict[tuple[int, date], float] = {}
        """Each member's room until a day, before any suggestion took from it."""
        self._taken: dict[int, float] = {}
        self.delegations_left = DELEGATIONS

    def follow_up(self, due: date | None) -> date | None:
        """The first working day after today the account manager is at work (before the due date if one is)."""
        days = self.follow_up_days
        if not days:
            return None
        before = [d for d in days if due is None or d <= due]
        return before[0] if before else days[0]

    def _best(self, hours: float, until: date) -> tuple[StaffMember, float] | None:
        """The member with the most room until `until` (the lowest id among equals), if they have `hours`."""
        best: tuple[StaffMember, float] | None = None
        for member in self.room.members.values():
            key = (member.id, until)
            room = self._room.get(key)
            if room is None:
                room = self._room[key] = self.room.capacity(member, until) - self.room.load(member.id, until)[0]
            spare = round(room - self._taken.get(member.id, 0.0), 2)
            if best is None or spare > best[1] or (spare == best[1] and member.id < best[0].id):
                best = (member, spare)
        return best if best is not None and best[1] >= hours else None

    def delegate(self, task: Task) -> Delegate | None:
        if task.kind not in self.delegable or task.status is not TaskStatus.OPEN or self.delegations_left <= 0:
            return None
        self.delegations_left -= 1
        until = task.due if task.due is not None and task.due >= self.today else self.today
        best = self._best(task.estimate_hours, until)
        follow = self.follow_up(task.due)
        if best is None or follow is None:
            return None
        member, spare = best
        self._taken[member.id] = self._taken.get(member.id, 0.0) + task.estimate_hours
        before = f"before {short_day(until)}" if until > self.today else "today"
        text = f"Delegate to {member.name} ({fmt_hours(spare)} free {before}), follow up on {short_day(follow)}"
        return Delegate(task.id, member.id, member.name, follow, text)

    def move(self, task: Task, plan: TaskPlan) -> MoveDue:
        done = plan.done_on
        who = self.ask.get(task.client_id, "") if task.client_id is not None else ""
        if done is None:
            return MoveDue(task.id, self.after_schedule, 0.0, who, task.estimate_hours)
        free = self.schedule.day(done)
        return MoveDue(task.id, done, free.free_hours if free is not None else 0.0, who)

    def drop(self, task: Task) -> Drop:
        where = " (a reason goes on the client's timeline)" if task.client_id is not None else ""
        return Drop(task.id, f"Drop it{where}")


def promises_at_risk(book: Book, schedule: Schedule, *, suggest: bool = True) -> tuple[Risk, ...]:
    """Every own task the schedule finishes late (or not at all, with its due date within the
    schedule), earliest due first, each with its ways out (none when not `suggest`: a lead's
    roll-up only counts them)."""
    suggester = Suggester(book, schedule) if suggest else None
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
        options: list[Suggestion] = []
        if suggester is not None:
            options.append(suggester.move(task, plan))
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
                plan.placed_hours,
                schedule.today,
            )
        )
    return tuple(risks)


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


def drop_reason(task: Task, text: str) -> str:
    """Why a task is dropped: required for a task of a client (the promise was theirs, and their
    timeline keeps the reason); raises ValueError with the message for the field."""
    reason = text.strip()
    if not reason and task.client_id is not None:
        raise ValueError("is required: the client's timeline keeps why the promise was dropped")
    return reason


def drop_note(task: Task, reason: str, now: datetime) -> Activity | None:
    """The timeline entry that says why a task was dropped (None for a task without a client)."""
    if task.client_id is None:
        return None
    due = f", due {short_day(task.due)}" if task.due else ""
    text = f"Dropped {task.title}{due}: {drop_reason(task, reason)}"
    return Activity(
        client_id=task.client_id, when=now, kind=ActivityKind.NOTE, summary=text, project_id=task.project_id
    )
