"""Urgency and the day plan: the order, the free hours, the overflow and its suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, Stage, TaskKind, TaskStatus, Tier
from acct_tui.domain.planner import Delegate, MoveDue, apply_suggestion, day_plan, urgency
from acct_tui.domain.records import Client, Event, Record, StaffMember, Task
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id, demo_ids
from tests.domain.workload_books import day, make_book, project, small_book

BOOK = make_book(
    Client(id=1, name="Acme", tier=Tier.STRATEGIC, renewal_date=day(90)),
    Client(id=2, name="Beta", tier=Tier.KEY, renewal_date=day(91)),
    Client(id=3, name="Gamma"),
    project(1, 1, Stage.KICKOFF),
    project(2, 2, Stage.DELIVERY),
)


@pytest.mark.parametrize(
    ("fields", "total", "parts"),
    [
        (
            {"client_id": 1, "project_id": 1, "due": day(-1), "priority": Priority.HIGH},
            27.0,  # 12 + 6 + 3 + 2 + 4
            ["overdue", "priority_high", "tier_strategic", "renewal_within_90_days", "kickoff_stage"],
        ),
        ({"client_id": 2, "project_id": 2, "due": day(7)}, 13.4, ["due_within_7_days", "priority_medium", "tier_key"]),
        ({"client_id": 3, "due": day(8), "priority": Priority.LOW}, 5.8, ["due_within_14_days", "priority_low"]),
        ({"due": day(15)}, 3.9, ["priority_medium"]),
        ({"due": TODAY, "status": TaskStatus.BLOCKED}, 6.9, ["due_within_7_days", "priority_medium", "blocked"]),
        ({"status": TaskStatus.WAITING, "priority": Priority.LOW}, -1.2, ["priority_low", "waiting"]),
    ],
)
def test_urgency_is_the_sum_of_the_coefficients_that_apply(
    fields: dict[str, Any], total: float, parts: list[str]
) -> None:
    score = urgency(Task(id=1, title="T", **fields), BOOK, TODAY)
    assert score.total == total
    assert [name for name, _ in score.parts] == parts


def test_urgency_explains_itself_and_follows_the_settings() -> None:
    task = Task(id=1, title="T", client_id=1, due=day(-1), status=TaskStatus.BLOCKED)
    assert urgency(task, BOOK, TODAY).why == (
        "overdue 12 + priority_medium 3.9 + tier_strategic 3 + renewal_within_90_days 2 + blocked -5 = 15.9"
    )
    tuned = make_book(*BOOK.clients.values(), urgency={"overdue": 20, "tier_strategic": 0})
    assert urgency(task, tuned, TODAY).total == 20.9  # 20 + 3.9 + 2 - 5; the zero coefficient is left out


def test_the_plan_fits_what_is_due_then_pulls_work_ahead() -> None:
    plan = day_plan(small_book(), TODAY)
    # Free: 7.25 h. Due: T1 (due today, high, strategic, kickoff: 8 + 6 + 3 + 4 = 21) 2 h, then
    # T2 (overdue, medium, strategic: 12 + 3.9 + 3 = 18.9) 1.5 h: 3.75 h left. Ahead: T3 (Sunday,
    # 8 + 3.9 = 11.9) 1 h fits; T4 (Monday, 11.9, later) 3 h does not fit in 2.75 h; T8 (undated, 3.9) 4 h neither.
    assert [(item.task_id, item.urgency.total, item.ahead) for item in plan.items] == [
        (1, 21.0, False),
        (2, 18.9, False),
        (3, 11.9, True),
    ]
    assert (plan.free_hours, plan.planned_hours) == (7.25, 4.5)
    assert plan.overflow == ()
    assert plan.items[0].client == "Acme"


def crowded_book(*extra: Record) -> Book:
    """Friday has 2 h (a 6 h event); three tasks are due today; Sam has 40 h spare, Kim 20 h."""
    return make_book(
        Client(id=1, name="Acme"),
        Event(id=1, title="Expo", start=TODAY, end=TODAY, hours=6.0),
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        StaffMember(id=2, name="Kim", weekly_capacity=20.0),
        Task(id=1, title="Pitch", client_id=1, due=TODAY, estimate_hours=1.5, priority=Priority.HIGH),
        Task(id=2, title="Memo", client_id=1, due=TODAY, estimate_hours=1.0, kind=TaskKind.DOCUMENT),
        Task(id=3, title="Workshop", client_id=1, due=TODAY, estimate_hours=7.0, kind=TaskKind.MEETING),
        Task(id=4, title="Monday prep", due=day(3), estimate_hours=2.0, kind=TaskKind.MEETING),
        *extra,
    )


def test_what_does_not_fit_overflows_with_one_suggestion_each() -> None:
    plan = day_plan(crowded_book(), TODAY)
    assert [item.task_id for item in plan.items] == [1]  # 1.5 of 2 h; Memo (1 h) no longer fits
    memo, workshop = plan.overflow
    # Memo is a document, which may be delegated: to Sam, who has the most spare hours.
    assert memo.suggestion == Delegate(
        2, 1, "Sam", day(3), "Delegate to Sam (40.0 h spare this week), follow up on Mon 30 Nov"
    )
    # A meeting stays with me: Monday has 8 - 2 (Monday prep) = 6 h, too few; Tuesday has 8.
    assert workshop.suggestion == MoveDue(3, day(4), "Move the due date to Tue 1 Dec (8.0 h free for tasks)")


def test_suggestions_use_up_the_room_they_offer() -> None:
    more = [Task(id=n, title=f"Call {n}", due=TODAY, estimate_hours=5.0, kind=TaskKind.CALL) for n in (5, 6)]
    plan = day_plan(crowded_book(*more), TODAY)
    moves = {row.task_id: row.suggestion.due for row in plan.overflow if isinstance(row.suggestion, MoveDue)}
    # Workshop (7 h) takes Tuesday; the two calls (5 h) get Monday (6 h free) and Wednesday.
    assert moves == {3: day(4), 5: day(3), 6: day(5)}


def test_no_room_anywhere_is_said_plainly() -> None:
    marathon_task = Task(id=9, title="Marathon", due=TODAY, estimate_hours=9.0, kind=TaskKind.MEETING)
    plan = day_plan(crowded_book(marathon_task), TODAY)
    (marathon,) = [row for row in plan.overflow if row.task_id == 9]
    assert marathon.suggestion is None
    assert marathon.why.startswith("None of the next 10 working days has 9.0 h free for tasks")


def test_a_delegable_task_moves_when_nobody_has_the_hours() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam", weekly_capacity=2.0),
        Event(id=1, title="Expo", start=TODAY, end=TODAY, hours=8.0),
        Task(id=1, title="Long report", due=TODAY, estimate_hours=3.0, kind=TaskKind.DOCUMENT),
    )
    (row,) = day_plan(book, TODAY).overflow
    assert row.suggestion == MoveDue(1, day(3), "Move the due date to Mon 30 Nov (8.0 h free for tasks)")


def test_blocked_and_waiting_tasks_rank_lower_and_delegated_tasks_are_not_mine() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam"),
        Task(id=1, title="Blocked", due=TODAY, status=TaskStatus.BLOCKED),
        Task(id=2, title="Waiting", due=TODAY, status=TaskStatus.WAITING),
        Task(id=3, title="Open", due=TODAY, priority=Priority.LOW),
        Task(id=4, title="Theirs", due=TODAY, assignee_id=1),
    )
    assert [item.task_id for item in day_plan(book, TODAY).items] == [3, 2, 1]  # 9.8, 8.9, 6.9


def test_a_client_sees_its_part_of_the_same_plan() -> None:
    full = day_plan(small_book(), TODAY)
    beta = day_plan(small_book(), TODAY, client_id=2)
    assert [item.task_id for item in beta.items] == [3]
    assert beta.free_hours == full.free_hours


def test_applying_a_suggestion_changes_only_what_it_says() -> None:
    task = Task(id=2, title="Memo", due=TODAY, kind=TaskKind.DOCUMENT)
    moved = apply_suggestion(task, MoveDue(2, day(3), "..."), TODAY)
    assert (moved.due, moved.assignee_id) == (day(3), None)
    delegated = apply_suggestion(task, Delegate(2, 1, "Sam", day(3), "..."), TODAY)
    assert (delegated.due, delegated.assignee_id, delegated.follow_up) == (TODAY, 1, day(3))
    with pytest.raises(ValueError, match="for task 3, not task 2"):
        apply_suggestion(task, MoveDue(3, day(3), "..."), TODAY)
    with pytest.raises(ValueError, match="Mon 30 Nov, which has passed"):
        apply_suggestion(task, MoveDue(2, day(3), "..."), day(4))


def test_an_accepted_suggestion_saves_and_leaves_the_plan(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "book.json", today=TODAY) as repo:
        repo.put_all(list(crowded_book().records()), "Crowded book")
        memo = day_plan(repo.book, TODAY).overflow[0]
        task = repo.tasks.get(memo.task_id)
        assert task is not None and memo.suggestion is not None
        repo.tasks.update(apply_suggestion(task, memo.suggestion, TODAY))
        after = day_plan(repo.book, TODAY)
        assert memo.task_id not in [row.task_id for row in after.overflow]


def test_the_demo_plan(demo_repo: Repository) -> None:
    """7.5 h free: 8 h less the late follow-up checks of tasks 8 and 13 (0.25 h each), nothing done today.

    Due today or overdue, by urgency: 6 (overdue 12 + high 6 + strategic 3 + renewal 2 = 23, 1 h),
    1 (due 8 + high 6 + strategic 3 + renewal 2 + kickoff 4 = 23, due later than 6, 2 h), 33 (overdue 12 +
    high 6 + key 1.5 + renewal 2 = 21.5, 2 h), 30 (due 8 + high 6 + key 1.5 + kickoff 4 = 19.5, 0.5 h),
    11 (due 8 + high 6 + strategic 3 = 17, 1.5 h), 27 (overdue 12 + low 1.8 + key 1.5 = 15.3, 0.25 h):
    7.25 h, 0.25 h left; then 51 (overdue 12 + low 1.8 = 13.8, 0.5 h) and 50 (due 8 + medium 3.9 = 11.9,
    1 h) do not fit. Both are of a delegable kind (other, document): Tom Becker has the most spare
    hours (40 h, none of his tasks is due this week), 39.5 h after taking 51.
    """
    plan = day_plan(demo_repo.book, TODAY)
    assert [item.task_id for item in plan.items] == demo_ids("tasks", 6, 1, 33, 30, 11, 27)
    assert [item.urgency.total for item in plan.items] == [23, 23, 21.5, 19.5, 17, 15.3]
    assert (plan.planned_hours, plan.free_hours) == (7.25, 7.5)
    assert [row.task_id for row in plan.overflow] == demo_ids("tasks", 51, 50)
    assert [row.suggestion for row in plan.overflow] == [
        Delegate(
            demo_id("tasks", 51),
            demo_id("staff", 3),
            "Tom Becker",
            day(3),
            "Delegate to Tom Becker (40.0 h spare this week), follow up on Mon 30 Nov",
        ),
        Delegate(
            demo_id("tasks", 50),
            demo_id("staff", 3),
            "Tom Becker",
            day(3),
            "Delegate to Tom Becker (39.5 h spare this week), follow up on Mon 30 Nov",
        ),
    ]


@dataclass(frozen=True)
class Spec:
    due: int
    hours: float
    priority: Priority
    status: TaskStatus
    delegated: bool
    kind: TaskKind


SPECS = st.builds(
    Spec,
    due=st.integers(-5, 5),
    hours=st.integers(0, 40).map(lambda quarters: quarters / 4),
    priority=st.sampled_from(Priority),
    status=st.sampled_from([TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.BLOCKED, TaskStatus.WAITING]),
    delegated=st.booleans(),
    kind=st.sampled_from(TaskKind),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(SPECS, max_size=25), event_hours=st.integers(0, 8), offset=st.integers(-1, 2))
def test_the_plan_never_schedules_more_than_the_free_hours(specs: list[Spec], event_hours: int, offset: int) -> None:
    today = TODAY + timedelta(days=offset)  # Thursday to Sunday
    records = [
        Task(
            id=n,
            title=f"T{n}",
            due=today + timedelta(days=spec.due),
            estimate_hours=spec.hours,
            priority=spec.priority,
            status=spec.status,
            kind=spec.kind,
            assignee_id=1 if spec.delegated else None,
        )
        for n, spec in enumerate(specs, start=1)
    ]
    book = make_book(
        StaffMember(id=1, name="Sam", weekly_capacity=10.0),
        Event(id=1, title="Busy", start=today, end=today, hours=event_hours),
        *records,
    )
    plan = day_plan(book, today)
    assert plan.planned_hours <= plan.free_hours
    planned = [item.task_id for item in plan.items]
    over = [row.task_id for row in plan.overflow]
    assert len(set(planned) | set(over)) == len(planned) + len(over)  # nothing twice
    mine_due = {t.id for t in records if t.assignee_id is None and t.due is not None and t.due <= today}
    assert mine_due <= set(planned) | set(over)  # everything due is planned or overflows
    assert not {t.id for t in records if t.assignee_id is not None} & set(planned)
    if over:
        assert all(not item.ahead for item in plan.items)  # nothing pulled ahead while due work waits
