"""The Book aggregate: every record of one account manager, and the rules that tie them together.

References between records are declared once in `REFERENCES`; the Book validator checks all of
them, and the repository checks the same rules one record at a time when it writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, model_validator

from acct_tui.domain.enums import TaskStatus
from acct_tui.domain.records import (
    TABLES,
    Activity,
    Client,
    Competitor,
    Contact,
    Discount,
    Event,
    Project,
    Record,
    StaffMember,
    Task,
    WeekRecord,
)
from acct_tui.domain.settings import Settings


@dataclass(frozen=True, slots=True)
class Reference:
    """`table.field` holds the id of a record in `target`.

    `on_delete` says what deleting the target does to the referring record: "cascade" deletes
    it too (and so the delete is refused unless cascading was asked for), "clear" empties
    the field (and `also_clear`).
    """

    table: str
    field: str
    target: str
    on_delete: Literal["cascade", "clear"]
    also_clear: tuple[str, ...] = ()


REFERENCES: tuple[Reference, ...] = (
    Reference("contacts", "client_id", "clients", "cascade"),
    Reference("projects", "client_id", "clients", "cascade"),
    Reference("tasks", "client_id", "clients", "cascade"),
    Reference("tasks", "project_id", "projects", "cascade"),
    Reference("tasks", "assignee_id", "staff", "clear", also_clear=("follow_up",)),
    Reference("activities", "client_id", "clients", "cascade"),
    Reference("activities", "project_id", "projects", "clear"),
    Reference("activities", "task_id", "tasks", "clear"),
    Reference("events", "client_id", "clients", "clear"),
    Reference("projects", "event_id", "events", "clear"),
    Reference("discounts", "client_id", "clients", "cascade"),
    Reference("competitors", "client_id", "clients", "cascade"),
)

_REFERENCES_FROM: dict[str, tuple[Reference, ...]] = {
    name: tuple(ref for ref in REFERENCES if ref.table == name) for name in TABLES
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a book, located by table, record and field."""

    table: str
    record_id: int | None
    field: str | None
    message: str
    subject: str = dataclasses.field(default="", compare=False)
    """What the problem is about, in words ("Acme's contract discount"), for a message away from the field."""

    @property
    def for_people(self) -> str:
        """The problem where its field is not in sight: "Acme's contract discount needs a reason: ..."."""
        return f"{self.subject} {self.message}" if self.subject else str(self)

    def __str__(self) -> str:
        where = self.table
        if self.record_id is not None:
            where += f" record {self.record_id}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class Book(BaseModel):
    """Everything one account manager manages. One book is one JSON file."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    clients: dict[int, Client] = {}
    contacts: dict[int, Contact] = {}
    projects: dict[int, Project] = {}
    tasks: dict[int, Task] = {}
    staff: dict[int, StaffMember] = {}
    activities: dict[int, Activity] = {}
    events: dict[int, Event] = {}
    weeks: dict[int, WeekRecord] = {}
    discounts: dict[int, Discount] = {}
    competitors: dict[int, Competitor] = {}
    settings: Settings = Settings()

    @model_validator(mode="after")
    def _valid(self) -> Self:
        problems = self.problems()
        if problems:
            shown = "; ".join(str(p) for p in problems[:5])
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise ValueError(f"{shown}{more}")
        return self

    def snapshot(self) -> Book:
        """The same records in new dicts: safe to read in another thread while this book changes
        (records are immutable; only the dicts that hold them change). Cheap: no record is copied."""
        tables = {name: dict(self.table(name)) for name in TABLES}
        return Book.model_construct(**tables, settings=self.settings)  # type: ignore[arg-type]

    def table(self, name: str) -> dict[int, Record]:
        """The records of table `name`, by id."""
        if name not in TABLES:
            raise KeyError(name)
        table: dict[int, Record] = getattr(self, name)
        return table

    def get(self, table: str, record_id: int | None) -> Record | None:
        if record_id is None:
            return None
        return self.table(table).get(record_id)

    def records(self) -> Iterator[Record]:
        for name in TABLES:
            yield from self.table(name).values()

    def problems(self) -> list[Problem]:
        """Every broken rule in the book: ids that do not match their key, dangling references.

        The same rules as `record_problems`, checked one rule at a time over a whole table (a book
        of 100,000 records is checked on every load, so the loops are kept tight).
        """
        found: list[Problem] = []
        for name in TABLES:
            found += [
                Problem(name, key, "id", f"is {record.id} but the record is stored as {key}")
                for key, record in self.table(name).items()
                if record.id != key
            ]
        for ref in REFERENCES:
            targets = self.table(ref.target)
            get = attrgetter(ref.field)
            label = TABLES[ref.target].label
            found += [
                Problem(ref.table, record.id, ref.field, f"refers to {label} {get(record)}, which does not exist")
                for record in self.table(ref.table).values()
                if get(record) is not None and get(record) not in targets
            ]
        projects = self.projects
        for task in self.tasks.values():
            if (task.status is TaskStatus.DONE) is (task.done_on is None):
                found.append(_done_date(task))
            if task.project_id is not None and task.client_id is not None and task.project_id in projects:
                found += _task_client(task, projects[task.project_id])
        for activity in self.activities.values():
            if activity.project_id is not None and activity.project_id in projects:
                found += _activity_client(activity, projects[activity.project_id])
        order = {name: index for index, name in enumerate(TABLES)}
        found.sort(key=lambda p: (order.get(p.table, 99), p.record_id or 0))
        return found

    def record_problems(self, record: Record) -> list[Problem]:
        """The references of one record that point at nothing or disagree with each other, and a done
        task without its date."""
        found: list[Problem] = []
        for ref in _REFERENCES_FROM[record.table]:
            target_id = getattr(record, ref.field)
            if target_id is not None and target_id not in self.table(ref.target):
                label = TABLES[ref.target].label
                found.append(
                    Problem(record.table, record.id, ref.field, f"refers to {label} {target_id}, which does not exist")
                )
        if isinstance(record, Task) and (record.status is TaskStatus.DONE) is (record.done_on is None):
            found.append(_done_date(record))
        project = self.projects.get(getattr(record, "project_id", None) or 0)
        if isinstance(record, Task) and project is not None and record.client_id is not None:
            found += _task_client(record, project)
        if isinstance(record, Activity) and project is not None:
            found += _activity_client(record, project)
        return found

    def referrers(self, table: str, record_id: int) -> Iterator[tuple[Reference, Record]]:
        """Every record that refers to `table` record `record_id`, with the reference it uses."""
        for ref in REFERENCES:
            if ref.target != table:
                continue
            for record in self.table(ref.table).values():
                if getattr(record, ref.field) == record_id:
                    yield ref, record


def _done_date(task: Task) -> Problem:
    """A stored task is done exactly when it has a done date (`rules.done_date` keeps them so)."""
    if task.done_on is None:
        return Problem("tasks", task.id, "done_on", "a done task needs the date it was done")
    return Problem("tasks", task.id, "done_on", "only a done task has a done date")


def _task_client(task: Task, project: Project) -> list[Problem]:
    """A task's client must be its project's client."""
    if task.client_id == project.client_id:
        return []
    message = f"is client {task.client_id} but its project {project.id} belongs to client {project.client_id}"
    return [Problem("tasks", task.id, "client_id", message)]


def _activity_client(activity: Activity, project: Project) -> list[Problem]:
    """An activity's project must belong to its client."""
    if activity.client_id == project.client_id:
        return []
    message = f"project {project.id} belongs to client {project.client_id}, not {activity.client_id}"
    return [Problem("activities", activity.id, "project_id", message)]


__all__ = [
    "REFERENCES",
    "Activity",
    "Book",
    "Client",
    "Contact",
    "Event",
    "Problem",
    "Project",
    "Reference",
    "StaffMember",
    "Task",
    "WeekRecord",
]
