"""The day plan: own open tasks ranked by urgency, fitted into today's free hours, and what to do with the rest.

Urgency is the sum of coefficients (`settings.urgency`), in the manner of taskwarrior; the
README lists them. The plan takes the tasks due today or overdue, most urgent first, and keeps
each one that still fits in the free hours (`Assessment.free_hours_today`); what does not fit
overflows, each with one suggestion: delegate it to the active staff member with the most spare
hours this week (a delegable kind only, when that member has the hours), else move its due date
to the next working day with room for it. When everything due fits, open tasks due later (or
undated) are pulled ahead into the hours left, in the same order. Delegated tasks are never in
the plan: their follow-ups are already in the load as control time.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar, Literal, TypeVar

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, Stage, TaskStatus, Tier
from acct_tui.domain.records import Task
from acct_tui.domain.wording import fmt_hours, short_day
from acct_tui.domain.workload import HORIZON_DAYS, Assessment, LoadKind, assess

RENEWAL_DAYS = 90
"""The window of the `renewal_within_90_days` coefficient."""


@dataclass(frozen=True, slots=True)
class Urgency:
    total: float
    parts: tuple[tuple[str, float], ...]
    """(coefficient name, value) of every coefficient that applies, as in `settings.urgency`."""

    @property
    def why(self) -> str:
        """ "overdue 12 + priority_high 6 + blocked -5 = 13"."""
        terms = " + ".join(f"{name} {value:g}" for name, value in self.parts)
        return f"{terms} = {self.total:g}" if terms else "0"


Part = tuple[str, float]


class _Scorer:
    """Urgency for many tasks of one book on one day: each client's and project's terms worked out once."""

    def __init__(self, book: Book, today: date) -> None:
        self.book = book
        self.today = today
        c = self.coefficients = book.settings.urgency
        self.priority: dict[Priority, Part] = {
            Priority.HIGH: ("priority_high", c.priority_high),
            Priority.MEDIUM: ("priority_medium", c.priority_medium),
            Priority.LOW: ("priority_low", c.priority_low),
        }
        self.status: dict[TaskStatus, Part] = {
            TaskStatus.BLOCKED: ("blocked", c.blocked),
            TaskStatus.WAITING: ("waiting", c.waiting),
        }
        self.tier: dict[Tier, Part] = {
            Tier.STRATEGIC: ("tier_strategic", c.tier_strategic),
            Tier.KEY: ("tier_key", c.tier_key),
        }
        self._clients: dict[int | None, tuple[Part, ...]] = {None: ()}
        self._projects: dict[int | None, tuple[Part, ...]] = {None: ()}
        self._due: tuple[tuple[Part, ...], ...] = (
            (),
            (("overdue", c.overdue),),
            (("due_within_7_days", c.due_within_7_days),),
            (("due_within_14_days", c.due_within_14_days),),
        )

    def _client(self, client_id: int | None) -> tuple[Part, ...]:
        found = self._clients.get(client_id)
        if found is None:
            client = self.book.clients.get(client_id) if client_id is not None else None
            parts: list[Part] = []
            if client is not None:
                if client.tier in self.tier:
                    parts.append(self.tier[client.tier])
                renewal = client.renewal_date
                if renewal is not None and 0 <= (renewal - self.today).days <= RENEWAL_DAYS:
                    parts.append(("renewal_within_90_days", self.coefficients.renewal_within_90_days))
            found = self._clients[client_id] = tuple(parts)
        return found

    def _project(self, project_id: int | None) -> tuple[Part, ...]:
        found = self._projects.get(project_id)
        if found is None:
            project = self.book.projects.get(project_id) if project_id is not None else None
            kickoff = project is not None and project.stage is Stage.KICKOFF
            part = ("kickoff_stage", self.coefficients.kickoff_stage)
            found = self._projects[project_id] = (part,) if kickoff else ()
        return found

    def __call__(self, task: Task) -> Urgency:
        parts: list[Part] = []
        if task.due is not None:
            days = (task.due - self.today).days
            parts.extend(self._due[1 if days < 0 else 2 if days <= 7 else 3 if days <= 14 else 0])
        parts.append(self.priority[task.priority])
        parts.extend(self._client(task.client_id))
        parts.extend(self._project(task.project_id))
        status = self.status.get(task.status)
        if status is not None:
            parts.append(status)
        applied = tuple([part for part in parts if part[1]])  # lists, not generators: this runs per task
        return Urgency(round(sum([value for _, value in applied]), 2), applied)


def urgency(task: Task, book: Book, today: date) -> Urgency:
    """How urgent `task` is today: the sum of the coefficients that apply to it (README)."""
    return _Scorer(book, today)(task)


@dataclass(frozen=True, slots=True)
class MoveDue:
    """Move the task's due date to a later working day that has room for it."""

    action: ClassVar[Literal["move"]] = "move"
    task_id: int
    due: date
    text: str


@dataclass(frozen=True, slots=True)
class Delegate:
    """Delegate the task to the staff member with the most spare hours this week."""

    action: ClassVar[Literal["delegate"]] = "delegate"
    task_id: int
    staff_id: int
    staff_name: str
    follow_up: date
    text: str


Suggestion = MoveDue | Delegate


def apply_suggestion(task: Task, suggestion: Suggestion, today: date) -> Task:
    """The task changed as `suggestion` says; raises ValueError if it is for another task or an earlier day."""
    if suggestion.task_id != task.id:
        raise ValueError(f"the suggestion is for task {suggestion.task_id}, not task {task.id}")
    when = suggestion.due if isinstance(suggestion, MoveDue) else suggestion.follow_up
    if when < today:
        raise ValueError(f"the suggestion names {short_day(when)}, which has passed: plan the day again")
    if isinstance(suggestion, MoveDue):
        return task.evolve(due=suggestion.due)
    return task.evolve(assignee_id=suggestion.staff_id, follow_up=suggestion.follow_up)


@dataclass(frozen=True, slots=True)
class PlanItem:
    task_id: int
    title: str
    client: str
    """The client's name, or "" for a task without a client."""
    client_id: int | None
    hours: float
    urgency: Urgency
    due: date | None
    status: TaskStatus
    ahead: bool
    """Not due yet: pulled ahead into hours left over."""


@dataclass(frozen=True, slots=True)
class Overflow:
    task_id: int
    title: str
    client: str
    client_id: int | None
    hours: float
    urgency: Urgency
    due: date | None
    suggestion: Suggestion | None
    """None when no working day ahead has room and no staff member can take it."""

    @property
    def why(self) -> str:
        if self.suggestion is not None:
            return self.suggestion.text
        return (
            f"None of the next {HORIZON_DAYS} working days has {fmt_hours(self.hours)} free for tasks, and no staff "
            "member can take it: renegotiate the date or drop something."
        )


@dataclass(frozen=True, slots=True)
class DayPlan:
    today: date
    free_hours: float
    """Hours the plan may fill (see `Assessment.free_hours_today`)."""
    free_why: str
    items: tuple[PlanItem, ...]
    overflow: tuple[Overflow, ...]

    @property
    def planned_hours(self) -> float:
        return round(sum(item.hours for item in self.items), 2)

    def for_client(self, client_id: int | None) -> DayPlan:
        """The same plan, showing only `client_id`'s tasks (all of them for None)."""
        if client_id is None:
            return self
        return dataclasses.replace(
            self, items=_for_client(self.items, client_id), overflow=_for_client(self.overflow, client_id)
        )


def _ranked(tasks: Iterable[Task], score: _Scorer) -> list[tuple[Task, Urgency]]:
    """Most urgent first; ties by due date (undated last), then by id."""
    scored = [(task, score(task)) for task in tasks]
    scored.sort(key=lambda pair: (-pair[1].total, pair[0].due or date.max, pair[0].id))
    return scored


def _client_name(book: Book, task: Task) -> str:
    client = book.clients.get(task.client_id) if task.client_id is not None else None
    return client.name if client else ""


def _item(book: Book, task: Task, score: Urgency, *, ahead: bool) -> PlanItem:
    return PlanItem(
        task.id,
        task.title,
        _client_name(book, task),
        task.client_id,
        task.estimate_hours,
        score,
        task.due,
        task.status,
        ahead,
    )


_Row = TypeVar("_Row", PlanItem, Overflow)


class _Room:
    """The hours still free ahead, used up as suggestions are made so two never claim the same hours."""

    def __init__(self, book: Book, assessment: Assessment) -> None:
        today = assessment.today
        self.days = {day.date: day.room_hours for day in assessment.days if day.date > today}
        self.staff = [(-member.spare_hours, member.id) for member in assessment.staff if member.capacity_hours_week]
        heapq.heapify(self.staff)
        self.names = {member.id: member.name for member in assessment.staff}
        self.follow_up = next(iter(self.days), today + timedelta(days=1))
        self.delegable = frozenset(book.settings.delegable_kinds)

    def suggest(self, task: Task) -> Suggestion | None:
        hours = task.estimate_hours
        delegable = task.kind in self.delegable and task.status is TaskStatus.OPEN
        if delegable and self.staff and -self.staff[0][0] >= hours:
            minus_spare, staff_id = self.staff[0]  # the most spare hours; the lowest id among equals
            spare = -minus_spare
            heapq.heapreplace(self.staff, (round(hours - spare, 2), staff_id))
            name = self.names[staff_id]
            text = f"Delegate to {name} ({fmt_hours(spare)} spare this week), follow up on {short_day(self.follow_up)}"
            return Delegate(task.id, staff_id, name, self.follow_up, text)
        for day, room in self.days.items():
            if room >= hours:
                self.days[day] = round(room - hours, 2)
                text = f"Move the due date to {short_day(day)} ({fmt_hours(room)} free for tasks)"
                return MoveDue(task.id, day, text)
        return None


def day_plan(book: Book, today: date, client_id: int | None = None, *, assessment: Assessment | None = None) -> DayPlan:
    """Today's plan: what to do in the free hours, in order, and what does not fit with a suggestion.

    With `client_id` the plan is the same, showing only that client's tasks. Pass the day's
    `assessment` when you have it, to save computing it again.
    """
    found = assessment or assess(book, today)
    scorer = _Scorer(book, today)
    due_kinds = (LoadKind.OVERDUE, LoadKind.DUE)
    due = [book.tasks[item.task_id] for item in found.load_items_today if item.kind in due_kinds and item.task_id]
    left = found.free_hours_today
    items: list[PlanItem] = []
    late: list[tuple[Task, Urgency]] = []
    for task, score in _ranked(due, scorer):
        if task.estimate_hours <= left:
            items.append(_item(book, task, score, ahead=False))
            left = round(left - task.estimate_hours, 2)
        else:
            late.append((task, score))
    if not late:
        ahead = (
            task
            for task in book.tasks.values()
            if task.assignee_id is None and task.status is TaskStatus.OPEN and (task.due is None or task.due > today)
        )
        for task, score in _ranked(ahead, scorer):
            if task.estimate_hours <= left:
                items.append(_item(book, task, score, ahead=True))
                left = round(left - task.estimate_hours, 2)
    room = _Room(book, found)
    overflow = [
        Overflow(
            task.id,
            task.title,
            _client_name(book, task),
            task.client_id,
            task.estimate_hours,
            score,
            task.due,
            room.suggest(task),
        )
        for task, score in late
    ]
    return DayPlan(
        today,
        found.free_hours_today,
        found.free_why,
        _for_client(items, client_id),
        _for_client(overflow, client_id),
    )


def _for_client(rows: Sequence[_Row], client_id: int | None) -> tuple[_Row, ...]:
    if client_id is None:
        return tuple(rows)
    return tuple(row for row in rows if row.client_id == client_id)
