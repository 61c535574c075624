"""The day plan: the first day of the schedule, in order of urgency, and what was due but does not fit.

The plan is exactly what the schedule (`acct_tui.domain.schedule`) puts on today: tasks (or the
part of a long task that fits today), most urgent first, ties by due date then id. A task due
today or earlier that the schedule could not finish today **overflows** (on a working day: on
another day, nothing is planned and what is late is only a promise at risk), with one suggestion
accepted with one key: delegate it (a delegable kind, to the staff member with room), else move
its due date to the day the schedule finishes it, whose free hours the suggestion names. Both
come from `acct_tui.domain.risks`, so the plan, the chart and the promises at risk agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from acct_tui.domain.book import Book
from acct_tui.domain.enums import TaskStatus
from acct_tui.domain.risks import Delegate, MoveDue, Risk
from acct_tui.domain.schedule import Schedule
from acct_tui.domain.urgency import Scorer, Urgency

PlanSuggestion = MoveDue | Delegate


@dataclass(frozen=True, slots=True)
class PlanItem:
    task_id: int
    title: str
    client: str
    """The client's name, or "" for a task without a client."""
    client_id: int | None
    hours: float
    """The hours planned today (a part, for a task split over days)."""
    urgency: Urgency
    due: date | None
    status: TaskStatus
    ahead: bool
    """Not due yet: done ahead of its date, because there is room today."""
    part: bool = False
    """Only part of the task is planned today; the rest follows on later days."""


@dataclass(frozen=True, slots=True)
class Overflow:
    task_id: int
    title: str
    client: str
    client_id: int | None
    hours: float
    """The hours that do not fit today."""
    urgency: Urgency
    due: date | None
    suggestion: PlanSuggestion | None
    """None when no day of the schedule has room and no staff member can take it."""

    @property
    def why(self) -> str:
        if self.suggestion is not None:
            return self.suggestion.text
        return (
            "No day of the schedule has room for it and no staff member can take it: renegotiate it or drop something."
        )


@dataclass(frozen=True, slots=True)
class DayPlan:
    today: date
    free_hours: float
    """Today's hours not yet planned (the schedule's free hours of today)."""
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


_Row = TypeVar("_Row", PlanItem, Overflow)


def day_plan(book: Book, schedule: Schedule, risks: Sequence[Risk], free_why: str) -> DayPlan:
    """Today's plan from the schedule's first day, and the overflow with the risks' suggestions."""
    today = schedule.today
    first = schedule.days[0]
    score = Scorer(book, today)
    names = {client.id: client.name for client in book.clients.values()}
    items = []
    for part in first.parts:
        task = book.tasks[part.task_id]
        plan = schedule.plans[task.id]
        items.append(
            PlanItem(
                task.id,
                task.title,
                names.get(task.client_id or 0, ""),
                task.client_id,
                part.hours,
                score(task),
                task.due,
                task.status,
                ahead=task.due is None or task.due > today,
                part=len(plan.parts) > 1 or plan.placed_hours < task.estimate_hours - 0.005,
            )
        )
    items.sort(key=lambda i: (-i.urgency.total, i.due or date.max, i.task_id))
    by_task = {risk.task_id: risk for risk in risks}
    overflow = []
    # A day that is not a working day has no plan to overflow: what is late is a promise at risk.
    for plan in schedule.plans.values() if first.capacity.working_hours else ():
        if plan.due is None or plan.due > today:
            continue
        left = round(plan.hours - sum(p.hours for p in plan.parts if p.day == today), 2)
        if left <= 0.005:
            continue
        task = book.tasks[plan.task_id]
        risk = by_task.get(task.id)
        suggestion: PlanSuggestion | None = None
        if risk is not None:
            suggestion = risk.delegate or (risk.move if risk.earliest is not None else None)
        overflow.append(
            Overflow(
                task.id,
                task.title,
                names.get(task.client_id or 0, ""),
                task.client_id,
                left,
                score(task),
                task.due,
                suggestion,
            )
        )
    overflow.sort(key=lambda o: (-o.urgency.total, o.due or date.max, o.task_id))
    return DayPlan(today, first.free_hours, free_why, tuple(items), tuple(overflow))


def _for_client(rows: Sequence[_Row], client_id: int | None) -> tuple[_Row, ...]:
    if client_id is None:
        return tuple(rows)
    return tuple(row for row in rows if row.client_id == client_id)
