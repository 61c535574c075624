"""Urgency: how pressing a task is today, as the sum of coefficients in the manner of taskwarrior.

The coefficients are `settings.urgency` (the README lists them): due soon or overdue, priority,
the client's tier, a project in Kickoff, a renewal within 90 days, blocked or waiting. The
schedule uses urgency to order tasks due the same day; the day plan lists its tasks by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, Stage, TaskStatus, Tier
from acct_tui.domain.records import Task

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


class Scorer:
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
        self._scores: dict[tuple[int, Priority, tuple[Part, ...], tuple[Part, ...], TaskStatus], Urgency] = {}

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
        bucket = 0
        if task.due is not None:
            days = (task.due - self.today).days
            bucket = 1 if days < 0 else 2 if days <= 7 else 3 if days <= 14 else 0
        # A task's urgency depends only on these: one Urgency for each mix (a few hundred in a
        # book of 10,000 open tasks, which the schedule sorts by urgency).
        key = (bucket, task.priority, self._client(task.client_id), self._project(task.project_id), task.status)
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score(*key)
        return found

    def _score(
        self, bucket: int, priority: Priority, client: tuple[Part, ...], project: tuple[Part, ...], status: TaskStatus
    ) -> Urgency:
        parts: list[Part] = [*self._due[bucket], self.priority[priority], *client, *project]
        if status in self.status:
            parts.append(self.status[status])
        applied = tuple(part for part in parts if part[1])
        return Urgency(round(sum(value for _, value in applied), 2), applied)


def urgency(task: Task, book: Book, today: date) -> Urgency:
    """How urgent `task` is today: the sum of the coefficients that apply to it (README)."""
    return Scorer(book, today)(task)
