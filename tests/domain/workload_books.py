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

    Stage attention (hours a week): P1 Kickoff 6 + P2 Support 1 + P3 Completed 30 days ago 0.25
    (P4, completed 100 days ago, is past the 90 days; P5 is Lost) = 7.25 h a week; Friday, a full
    8 h day of a 40 h week, carries 8/40 of it: 1.45 h. A project's own tasks counted in a period
    are part of its attention: P1's 1.2 h today are covered by its task T1 (2 h), so today's
    attention is 0.2 + 0.05 = 0.25 h; its 6 h this week less T1's 2 h leave 4 h: 5.25 h this week.

    Own tasks: T1 due today 2 h; T2 overdue since Wednesday 1.5 h; T3 due Sunday 1 h; T4 due
    Monday 3 h; T5 done today 0.5 h; T6 done Tuesday 1 h; T7 done last week 2 h (not this week);
    T8 undated 4 h (in no period).
    Delegated: D1 to Sam, follow-up Thursday (late), due 2 December: 0.25 h of control today;
    D2 to Kim, due Saturday, no follow-up date, so checked on its due date: 0.25 h this week, and
    2 h of Kim's week; D3 to Kim, follow-up Tuesday 1 December.

    Today = T1 2 + T2 1.5 + T5 0.5 + D1 0.25 + attention 0.25 = 4.5 h of 8 h (56.25%).
    Week = T1 2 + T2 1.5 + T3 1 + T5 0.5 + T6 1 + D1 0.25 + D2 0.25 + attention 5.25 = 11.75 h of 40 h.
    Free for the plan today = 8 - 0.25 (D1's check) - 0.5 (T5 done) = 7.25 h.
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
