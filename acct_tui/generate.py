"""Synthetic books of any size, for tests and benchmarks (`acct-tui generate`).

Two shapes. The dense one (the default, for the bench) is a department's book: per client about
5 projects, 30 tasks and 60 activities, spread over the year before and the weeks after `today`,
with a staff member per 20 clients and an event per 10. `--person` is one account manager's
book: 1 or 2 projects per client, most of them delivered or in support, a few open tasks per
client over the next three weeks, a dozen activities in the last three months, two staff
members and one event (agency account managers carry about 4 to 8 accounts, up to 20). Every
record is built through the domain models, so a generated book always validates. The same
seed, shape and `today` give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson

from acct_tui.domain.attention import attention
from acct_tui.domain.book import Book
from acct_tui.domain.enums import (
    ActivityKind,
    ClientStatus,
    EventKind,
    Priority,
    Stage,
    TaskKind,
    TaskStatus,
    Tier,
)
from acct_tui.domain.records import (
    Activity,
    Client,
    Contact,
    Event,
    Project,
    Record,
    StaffMember,
    StageEntry,
    Task,
    adapter,
)
from acct_tui.store import layout
from acct_tui.store.loading import with_every_table
from acct_tui.store.lock import unless_in_use
from acct_tui.store.migrations import SCHEMA_VERSION
from acct_tui.store.storage import atomic_write

PROJECTS_PER_CLIENT = 5
TASKS_PER_CLIENT = 30
ACTIVITIES_PER_CLIENT = 60

_PREFIXES = (
    "Saigon", "Mekong", "Lotus", "Nordlicht", "Orion", "Silverline", "BluePeak", "Delta", "Apex", "Pacific",
    "Vina", "Hanoi", "Red River", "Golden", "Harbor", "Summit", "Evergreen", "Northwind", "Crescent", "Ironwood",
)  # fmt: skip
_SUFFIXES = {
    "Banking": ("Bank", "Credit Union", "Finance", "Capital"),
    "IT": ("Software", "Cloud Systems", "Data", "Labs"),
    "Trading": ("Trade House", "Trading", "Imports", "Retail Group"),
    "Manufacturing": ("Maschinenbau", "Steelworks", "Textiles", "Industries"),
    "Advertising": ("Advertising", "Digital Media", "Creative", "Studios"),
    "Logistics": ("Logistics", "Freight", "Shipping", "Transport"),
}
_FIRST = ("Anh", "Minh", "Linh", "Sara", "Tom", "Maya", "Jens", "Grace", "Ravi", "Hoa", "Peter", "Katrin", "Bao")
_LAST = ("Nguyen", "Tran", "Le", "Pham", "Kovacs", "Becker", "Cohen", "Vogel", "Lim", "Menon", "Hall", "Berg")
_ROLES = ("Project coordinator", "Business analyst", "Designer", "Engineer", "Consultant")
_LOST_REASONS = ("Price", "Timing: no budget this year", "Chose a competitor", "Scope cut", "No decision")
_TASKS = (
    ("Clarify open questions", TaskKind.CALL),
    ("Send meeting minutes", TaskKind.EMAIL),
    ("Update the project plan", TaskKind.DOCUMENT),
    ("Check the invoice", TaskKind.CHECK),
    ("Prepare the presentation", TaskKind.PRESENTATION),
    ("Negotiate terms", TaskKind.NEGOTIATION),
    ("Steering meeting", TaskKind.MEETING),
    ("Monthly check", TaskKind.CHECK),
)
_SUMMARIES = (
    "Call about next steps; agreed to send the revised plan",
    "Sent the meeting minutes and the action list",
    "Workshop on requirements with the client team",
    "Client asked for a faster timeline",
    "Internal approval of the change request",
)
_FLOW = (Stage.PROSPECT, Stage.NEGOTIATION, Stage.KICKOFF, Stage.DELIVERY, Stage.SUPPORT, Stage.COMPLETED)


@dataclass(frozen=True, slots=True)
class Shape:
    """How a generated book is shaped, per client."""

    projects: tuple[int, ...]
    """Projects per client: one of these, at random."""
    stages: dict[Stage, int]
    """Weights of the stage a project is in."""
    open_tasks: tuple[int, int]
    """Open tasks per client (at least, at most)."""
    open_due: tuple[int, int]
    """Open tasks are due from this many days before today to this many after."""
    working_day_dues: bool
    """Due dates on working days only (a person does not set them on a Sunday)."""
    done_tasks: tuple[int, int]
    activities: tuple[int, int]
    activity_days: int
    """Activities lie in the last this many days."""
    staff: Callable[[int], int]
    """Staff members for a number of clients."""
    events: Callable[[int], int]
    delegated: float
    """The share of tasks delegated to staff."""
    hours: tuple[float, ...]
    """Task estimates to choose from."""
    day_hours: float = 0.0
    """When set, the person's own open tasks fall due so that each working day of `open_due`
    holds about these hours with the attention their clients' projects ask (a person plans their
    weeks; what does not fit falls due later), and about one in twenty is already late; 0: due
    dates at random in `open_due`."""


DENSE = Shape(
    projects=(PROJECTS_PER_CLIENT,),
    stages={Stage.PROSPECT: 8, Stage.NEGOTIATION: 10, Stage.KICKOFF: 8, Stage.DELIVERY: 20, Stage.SUPPORT: 20,
            Stage.COMPLETED: 30, Stage.LOST: 4},
    open_tasks=(12, 12),
    open_due=(-10, 40),
    working_day_dues=False,
    done_tasks=(18, 18),
    activities=(ACTIVITIES_PER_CLIENT, ACTIVITIES_PER_CLIENT),
    activity_days=365,
    staff=lambda clients: max(3, clients // 20),
    events=lambda clients: (clients + 9) // 10,
    delegated=0.2,
    hours=(0.25, 0.5, 1.0, 1.5, 2.0, 3.0),
)  # fmt: skip
"""A department's book (about 5 projects, 30 tasks and 60 activities a client)."""

PERSON = Shape(
    projects=(1, 1, 1, 2, 2),
    stages={Stage.PROSPECT: 12, Stage.NEGOTIATION: 10, Stage.KICKOFF: 6, Stage.DELIVERY: 26, Stage.SUPPORT: 30,
            Stage.COMPLETED: 12, Stage.LOST: 4},
    open_tasks=(3, 4),
    open_due=(0, 20),
    working_day_dues=True,
    done_tasks=(3, 8),
    activities=(8, 16),
    activity_days=90,
    staff=lambda clients: 2,
    events=lambda clients: 1,
    delegated=0.15,
    hours=(0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0),
    day_hours=7.5,
)  # fmt: skip
"""One account manager's book: 1 or 2 projects a client, a few open tasks each, due over the
next three weeks so that each working day is nearly full (7.5 h of 8) with the clients' attention."""


class _Builder:
    def __init__(self, seed: int, today: date, shape: Shape) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.shape = shape
        self.tables: dict[str, dict[int, bytes]] = {}
        self.projects: list[Project] = []
        self.own_tasks: list[Task] = []
        """The person's own open tasks, given their due dates once every project is known (`day_hours`)."""

    def add(self, record: Record) -> int:
        table = self.tables.setdefault(record.table, {})
        record_id = len(table) + 1
        table[record_id] = adapter(type(record)).dump_json(record, exclude={"id"})
        return record_id

    def day(self, low: int, high: int) -> date:
        return self.today + timedelta(days=self.rng.randint(low, high))

    def client_names(self, count: int) -> Iterator[tuple[str, str]]:
        seen: set[str] = set()
        industries = list(_SUFFIXES)
        for number in range(count):
            industry = industries[number % len(industries)]
            name = f"{self.rng.choice(_PREFIXES)} {self.rng.choice(_SUFFIXES[industry])}"
            if name in seen:
                name = f"{name} {number + 1}"
            seen.add(name)
            yield name, industry

    def person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def project(self, client_id: int, title: str) -> tuple[int, Stage]:
        weights = self.shape.stages
        stage = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        path = list(_FLOW[: _FLOW.index(stage) + 1]) if stage is not Stage.LOST else [Stage.PROSPECT, Stage.LOST]
        entered = self.today - timedelta(days=self.rng.randint(len(path) * 10, 400))
        history = []
        for step in path:
            history.append(StageEntry(stage=step, entered=min(entered, self.today)))
            entered += timedelta(days=self.rng.randint(5, 60))
        project = Project(
            client_id=client_id,
            title=title,
            value=float(self.rng.randrange(5_000, 200_000, 500)),
            stage=stage,
            stage_history=tuple(history),
            created_on=history[0].entered,
            # A lost deal has its reason, as the book's rule asks (an export imports back). Not
            # drawn from the generator, so the rest of a seed's book stays as it was.
            lost_reason=_LOST_REASONS[client_id % len(_LOST_REASONS)] if stage is Stage.LOST else "",
        )
        if self.shape.day_hours:
            self.projects.append(project)
        return self.add(project), stage

    def task(self, client_id: int, project_id: int | None, staff: list[int], *, done: bool) -> None:
        title, kind = self.rng.choice(_TASKS)
        hours = self.rng.choice(self.shape.hours)
        assignee = self.rng.choice(staff) if staff and self.rng.random() < self.shape.delegated else None
        window = (-60, -1) if done else self.shape.open_due
        due = self.day(*window)
        while self.shape.working_day_dues and due.weekday() >= 5:
            due = self.day(*window)
        follow_up = None
        if assignee is not None and not done:
            follow_up = due - timedelta(days=self.rng.randint(0, 3))
        task = Task(
            title=title,
            client_id=client_id,
            project_id=project_id,
            kind=kind,
            due=due,
            estimate_hours=hours,
            priority=self.rng.choice(list(Priority)),
            status=TaskStatus.DONE if done else self.rng.choices(list(TaskStatus)[:3], weights=(8, 1, 1))[0],
            assignee_id=assignee,
            follow_up=follow_up,
            done_on=due if done else None,
            created_on=due - timedelta(days=14),
        )
        if self.shape.day_hours and not done and assignee is None:
            self.own_tasks.append(task)
        else:
            self.add(task)

    def add_own_tasks(self) -> None:
        """Give the person's own open tasks due dates that leave each working day nearly full."""
        book = Book.model_construct(projects=dict(enumerate(self.projects)))
        daily = attention(book, self.today).weekly_hours / 5
        low, high = self.shape.open_due
        room = {
            day: max(0.5, self.shape.day_hours - daily)
            for day in (self.today + timedelta(days=offset) for offset in range(max(0, low), high + 1))
            if day.weekday() < 5
        }
        for task in self.own_tasks:
            days = [day for day, left in room.items() if left >= task.estimate_hours]
            if days and self.rng.random() >= 0.05:
                due = self.rng.choice(days)
                room[due] -= task.estimate_hours
            else:
                offsets = (-3, -1) if days else (high + 1, 60)
                due = self.day(*offsets)
                while due.weekday() >= 5:
                    due = self.day(*offsets)
            self.add(replace(task, due=due, created_on=due - timedelta(days=14)))

    def activity(self, client_id: int, project_ids: list[int]) -> None:
        day = self.day(-self.shape.activity_days, 0)
        kind = self.rng.choice((ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.EMAIL, ActivityKind.NOTE))
        self.add(
            Activity(
                client_id=client_id,
                when=datetime(day.year, day.month, day.day, self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45))),
                summary=self.rng.choice(_SUMMARIES),
                kind=kind,
                minutes=self.rng.choice((5, 10, 15, 30, 45, 60)),
                project_id=self.rng.choice(project_ids) if project_ids and self.rng.random() < 0.5 else None,
            )
        )


def generate_tables(
    clients: int, seed: int, today: date, progress: Callable[[int], None] | None = None, shape: Shape = DENSE
) -> layout.Blobs:
    """A synthetic book's tables; `progress` is called with the number of clients done."""
    b = _Builder(seed, today, shape)
    staff = [
        b.add(StaffMember(name=b.person(), role=b.rng.choice(_ROLES), weekly_capacity=b.rng.choice((32.0, 40.0))))
        for _ in range(shape.staff(clients))
    ]
    events = shape.events(clients)
    for number, (name, industry) in enumerate(b.client_names(clients)):
        tier = b.rng.choices(list(Tier), weights=(1, 3, 6))[0]
        status = b.rng.choices(list(ClientStatus), weights=(1, 8, 1))[0]
        value = 0.0 if status is ClientStatus.PROSPECT else float(b.rng.randrange(10_000, 300_000, 1_000))
        discount = b.rng.choice((0.0, 0.0, 5.0, 8.0, 12.0, 15.0))
        client_id = b.add(
            Client(
                name=name,
                tier=tier,
                status=status,
                industry=industry,
                contract_value=value,
                renewal_date=b.day(10, 365) if value else None,
                discount_pct=discount,
                discount_reason="Volume commitment" if discount > 10 else "",
                created_on=b.day(-900, -30),
            )
        )
        b.add(Contact(client_id=client_id, name=b.person(), role="Main contact", primary=True))
        projects = [
            b.project(client_id, f"{b.rng.choice(('Portal', 'Rollout', 'Integration', 'Audit', 'Campaign'))} {i + 1}")
            for i in range(b.rng.choice(shape.projects))
        ]
        project_ids = [pid for pid, stage in projects if stage is not Stage.LOST]
        live = [pid for pid, stage in projects if stage.is_open] or project_ids
        for done in (True, False):
            for _ in range(b.rng.randint(*(shape.done_tasks if done else shape.open_tasks))):
                project = b.rng.choice(project_ids if done else live) if project_ids else None
                b.task(client_id, project, staff, done=done)
        for _ in range(b.rng.randint(*shape.activities)):
            b.activity(client_id, project_ids)
        every = max(1, clients // events)
        if number % every == 0 and number < events * every:
            start = b.day(-60, 60) if shape is DENSE else b.day(10, 30)
            b.add(
                Event(
                    title=f"{b.rng.choice(('Industry Expo', 'Partner Conference', 'Trade Fair'))} {number // 10 + 1}",
                    kind=b.rng.choice((EventKind.EXHIBITION, EventKind.CONFERENCE)),
                    start=start,
                    end=start + timedelta(days=b.rng.randint(0, 2 if shape is DENSE else 1)),
                    hours=8.0,
                )
            )
        if progress is not None:
            progress(number + 1)
    b.add_own_tasks()
    book_id = f"{b.rng.getrandbits(128):032x}"
    meta = {"schema_version": SCHEMA_VERSION, "book_id": book_id, "created_on": today.isoformat()}
    b.tables["meta"] = {1: orjson.dumps(meta)}
    return with_every_table(b.tables)


def write_generated_book(
    path: Path,
    clients: int,
    seed: int,
    today: date,
    progress: Callable[[int], None] | None = None,
    shape: Shape = DENSE,
) -> Path:
    tables = generate_tables(clients, seed, today, progress, shape)
    with unless_in_use(path):
        atomic_write(path, layout.encode(tables))
    return path
