"""For any book and calendar, every view reads the same schedule (issue: one model of time).

The plan is the schedule's first day; a chart bar and `status --json`'s days are the days'
scheduled hours; a suggestion's free hours are that day's; the week is the sum of its days; and
the schedule itself keeps its rules (no task before its start date or past its estimate, no day
fuller than its capacity except by work pinned to it or attention it cannot shed).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acct_tui.domain.book import Book
from acct_tui.domain.capacity import nominal_week
from acct_tui.domain.enums import Stage, TaskKind, TaskStatus
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.records import Client, Contact, Event, Record, StaffMember, Task
from acct_tui.domain.risks import Delegate, MoveDue
from acct_tui.domain.workload import assess
from acct_tui.status.output import status_data
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project

STAGES = [Stage.PROSPECT, Stage.NEGOTIATION, Stage.KICKOFF, Stage.DELIVERY, Stage.SUPPORT, Stage.COMPLETED]


@st.composite
def books(draw: st.DrawFn) -> tuple[Book, list[Meeting]]:
    clients = draw(st.integers(1, 3))
    records: list[Record] = [Client(id=n, name=f"C{n}") for n in range(1, clients + 1)]
    records += [Contact(id=n, client_id=n, name=f"P{n}", email=f"p{n}@c.example") for n in range(1, clients + 1)]
    for n in range(1, draw(st.integers(0, 4)) + 1):
        records.append(project(n, draw(st.integers(1, clients)), draw(st.sampled_from(STAGES)), entered=-10))
    staff = draw(st.integers(0, 2))
    records += [
        StaffMember(id=n, name=f"S{n}", weekly_capacity=draw(st.sampled_from([0.0, 20.0, 40.0])))
        for n in range(1, staff + 1)
    ]
    for n in range(1, draw(st.integers(0, 14)) + 1):
        due = draw(st.one_of(st.none(), st.integers(-6, 25)))
        start = draw(st.one_of(st.none(), st.integers(-3, 15)))
        if start is not None and due is not None and start > due:
            start = due
        assignee = draw(st.one_of(st.none(), st.integers(1, staff))) if staff else None
        done = draw(st.booleans()) and draw(st.booleans())
        records.append(
            Task(
                id=n,
                title=f"T{n}",
                client_id=draw(st.one_of(st.none(), st.integers(1, clients))),
                due=day(due) if due is not None else None,
                start_on=day(start) if start is not None else None,
                estimate_hours=draw(st.sampled_from([0.25, 0.5, 1.0, 1.5, 3.0, 7.0, 12.0])),
                kind=draw(st.sampled_from(list(TaskKind))),
                status=TaskStatus.DONE if done else draw(st.sampled_from([TaskStatus.OPEN, TaskStatus.WAITING])),
                done_on=day(draw(st.integers(-3, 0))) if done else None,
                assignee_id=assignee,
                follow_up=day(draw(st.integers(-3, 8))) if assignee is not None and draw(st.booleans()) else None,
            )
        )
    if draw(st.booleans()):
        start = draw(st.integers(0, 10))
        records.append(
            Event(
                id=1,
                title="Expo",
                start=day(start),
                end=day(start + draw(st.integers(0, 2))),
                hours=draw(st.sampled_from([2.0, 6.0, 8.0])),
            )
        )
    meetings = []
    for n in range(draw(st.integers(0, 6))):
        when = datetime.combine(day(draw(st.integers(0, 12))), time(draw(st.integers(7, 17))))
        meetings.append(
            Meeting(
                when,
                when + timedelta(minutes=draw(st.sampled_from([30, 60, 150]))),
                f"M{n}",
                busy=draw(st.booleans()),
                attendees=frozenset({f"p{draw(st.integers(1, clients))}@c.example"}),
            )
        )
    return make_book(*records), meetings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_every_view_reads_the_one_schedule(drawn: tuple[Book, list[Meeting]]) -> None:
    book, meetings = drawn
    found = assess(book, TODAY, meetings)
    schedule, first = found.schedule, found.schedule.days[0]

    # The plan is the schedule's first day, part for part.
    assert sorted((i.task_id, i.hours) for i in found.plan.items) == sorted((p.task_id, p.hours) for p in first.parts)
    assert found.plan.free_hours == first.free_hours == found.free_hours_today
    assert found.load_hours_today == first.scheduled_hours

    # The overflow is what was due by today and is not all on today; its free hours are its day's.
    for row in found.plan.overflow:
        plan = schedule.plans[row.task_id]
        assert plan.due is not None and plan.due <= TODAY
        today_hours = sum(p.hours for p in plan.parts if p.day == TODAY)
        assert abs(row.hours - (plan.hours - today_hours)) < 0.011
    for risk in found.at_risk:
        for option in risk.suggestions:
            if isinstance(option, MoveDue) and risk.earliest is not None:
                target = schedule.day(option.due)
                assert target is not None and option.free_hours == target.free_hours
            if isinstance(option, Delegate):
                assert option.follow_up > TODAY
                follow = schedule.day(option.follow_up)
                assert follow is not None and follow.capacity_hours > 0  # a day at work

    # status --json's days and the chart read the same days.
    data = status_data(found, found.plan, {t.id: t.title for t in book.tasks.values()})
    assert [d["date"] for d in data["days"]] == [d.date.isoformat() for d in found.days]
    for row, scheduled in zip(data["days"], found.days, strict=True):
        assert row["load_hours"] == scheduled.scheduled_hours
        assert row["planned_hours"] == scheduled.planned_hours
        assert row["attention_hours"] == scheduled.attention_hours
        assert row["free_hours"] == scheduled.free_hours
        assert row["capacity_hours"] == scheduled.capacity_hours
    assert [r["task_id"] for r in data["at_risk"]] == [r.task_id for r in found.at_risk]

    # The week is the sum of its days.
    assert abs(found.load_hours_week - sum(d.scheduled_hours for d in found.week_days)) < 0.011
    assert abs(found.capacity_hours_week - sum(d.capacity_hours for d in found.week_days)) < 0.011

    # The schedule keeps its own rules.
    pinned_on: dict[object, float] = {}
    for plan in schedule.plans.values():
        task = book.tasks[plan.task_id]
        assert plan.placed_hours <= task.estimate_hours + 0.011
        for part in plan.parts:
            assert part.day >= TODAY and (task.start_on is None or part.day >= task.start_on or plan.pinned)
            assert part.hours > 0
            if plan.pinned:
                pinned_on[part.day] = pinned_on.get(part.day, 0.0) + part.hours
        assert task.status is not TaskStatus.DONE and task.assignee_id is None
    week_hours = nominal_week(book.settings.capacity)
    weekly = schedule.attention.weekly_hours
    for d in (*schedule.days, *schedule.beyond):
        # A day is over its capacity only through what cannot move: work pinned to it, follow-up
        # checks, today's done work, and the attention it had reserved before any task came.
        reserved = weekly * d.capacity.presence_hours / week_hours
        fixed = pinned_on.get(d.date, 0.0) + d.check_hours + d.done_hours
        if d.over:
            assert fixed + reserved > d.capacity_hours - 0.011
