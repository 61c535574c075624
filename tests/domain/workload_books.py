"""Small books for the workload, stress and planner tests, built in memory (no file, no repository).

TODAY is Friday 27 November 2026, in ISO week 2026-W48 (Monday 23 to Sunday 29 November).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, Stage, TaskKind, TaskStatus, Tier
from acct_tui.domain.records import Activity, Client, Project, Record, StaffMember, StageEntry, Task
from acct_tui.domain.settings import Settings
from tests.conftest import TODAY


def day(offset: int) -> date:
    """TODAY plus `offset` days: day(-2) is Wednesday 25 November, day(3) Monday 30 November."""
    return TODAY + timedelta(days=offset)


def _by_id(records: Iterable[Record]) -> dict[int, Any]:
    return {record.id: record for record in records}


def make_book(*records: Record, settings: Settings | None = None, **overrides: Any) -> Book:
    """A validated Book holding `records` (each with its own id), with default or given settings."""
    tables: dict[str, list[Record]] = {}
    for record in records:
        tables.setdefault(record.table, []).append(record)
    if overrides:
        settings = Settings.layered(overrides)
    return Book(**{name: _by_id(rows) for name, rows in tables.items()}, settings=settings or Settings())


def project(record_id: int, client_id: int, stage: Stage, entered: int = -30, **fields: Any) -> Project:
    """A project of `client_id` that entered `stage` `entered` days from TODAY."""
    return Project(
        id=record_id,
        client_id=client_id,
        title=fields.pop("title", f"Project {record_id}"),
        stage=stage,
        stage_history=(StageEntry(stage=stage, entered=day(entered)),),
        **fields,
    )


def activity(record_id: int, client_id: int, offset: int, hour: int = 10) -> Activity:
    when = datetime.combine(day(offset), datetime.min.time()).replace(hour=hour)
    return Activity(id=record_id, client_id=client_id, when=when, summary=f"Call {record_id}")


def small_book(*extra: Record, **settings: Any) -> Book:
    """Two clients, five projects, eight own tasks and three delegated ones; the numbers worked out by hand.

    Stage attention (hours a week): Acme's P1 Kickoff 3; Beta's P2 Support 0.5 and P3 Completed 30
    days ago 0.25 (P4, completed 100 days ago, is past the 90 days; P5 is Lost). On an 8 h day of a
    40 h week Acme reserves 0.6 h and Beta 0.15 h. Friday is the only day of this ISO week left.

    Own tasks: T1 Acme's kickoff workshop, a meeting due today, 2 h (held today: pinned); T2 overdue
    since Wednesday 1.5 h; T3 due Sunday 1 h; T4 Beta's review, a meeting on Monday, 3 h (pinned);
    T5 done today 0.5 h; T6 done Tuesday; T7 done last week; T8 undated 4 h.
    Delegated: D1 to Sam, follow-up Thursday (late: checked today); D2 to Kim, due Saturday, no
    follow-up, so checked on the first working day from then, Monday; D3 to Kim, follow-up Tuesday.

    Today: T5 done 0.5 (it uses Beta's 0.15 h of attention) + D1's check 0.25 + T1 2 (uses Acme's
    0.6 h) + T2 1.5 + T3 1 + 2.75 h of T8 (the rest of it, 1.25 h, on Monday) = 8 h of 8 h, no
    attention left: 100%. Monday: T4 3 (uses all of Beta's week) + D2's check 0.25 + T8 1.25 +
    Acme's 0.6 = 5.1 h. T2 is the only promise at risk (overdue, done today).
    """
    return make_book(
        Client(id=1, name="Acme", tier=Tier.STRATEGIC),
        Client(id=2, name="Beta"),
        project(1, 1, Stage.KICKOFF, title="Acme portal"),
        project(2, 2, Stage.SUPPORT),
        project(3, 2, Stage.COMPLETED, entered=-30),
        project(4, 1, Stage.COMPLETED, entered=-100),
        project(5, 2, Stage.LOST),
        Task(id=1, title="Kickoff workshop", client_id=1, project_id=1, due=TODAY, estimate_hours=2.0,
             priority=Priority.HIGH, kind=TaskKind.MEETING),
        Task(id=2, title="Send minutes", client_id=1, due=day(-2), estimate_hours=1.5, kind=TaskKind.EMAIL),
        Task(id=3, title="Beta report", client_id=2, due=day(2), estimate_hours=1.0, kind=TaskKind.DOCUMENT),
        Task(id=4, title="Beta review", client_id=2, due=day(3), estimate_hours=3.0, kind=TaskKind.MEETING),
        Task(id=5, title="Beta call", client_id=2, due=TODAY, estimate_hours=0.5, status=TaskStatus.DONE,
             done_on=TODAY),
        Task(id=6, title="Expenses", due=day(-4), estimate_hours=1.0, status=TaskStatus.DONE, done_on=day(-3)),
        Task(id=7, title="Old work", due=day(-8), estimate_hours=2.0, status=TaskStatus.DONE, done_on=day(-7)),
        Task(id=8, title="Someday", estimate_hours=4.0),
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        StaffMember(id=2, name="Kim", weekly_capacity=20.0),
        Task(id=11, title="Draft contract", client_id=1, due=day(5), follow_up=day(-1), estimate_hours=3.0,
             assignee_id=1),
        Task(id=12, title="Check invoices", client_id=2, due=day(1), estimate_hours=2.0, assignee_id=2),
        Task(id=13, title="Slides", client_id=2, due=day(6), follow_up=day(4), estimate_hours=1.0, assignee_id=2),
        activity(1, 1, -20),  # Acme, strategic (cadence 14): quiet for 20 days
        activity(2, 2, 0),  # Beta: touched today
        *extra,
        **settings,
    )  # fmt: skip
