"""Promises at risk: tasks the schedule finishes after their due date, and the three ways out.

TODAY is Friday 27 November 2026 (8 h); Monday 30 November to Friday 4 December follow.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from acct_tui.domain.enums import Priority, TaskKind
from acct_tui.domain.records import Client, Contact, Event, StaffMember, Task
from acct_tui.domain.risks import Delegate, Drop, MoveDue, contact_name, drop_note, drop_reason
from acct_tui.domain.workload import assess
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book

MON, TUE, WED = day(3), day(4), day(5)


def test_a_task_the_schedule_finishes_after_its_due_date_is_at_risk_with_its_ways_out() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        Contact(id=1, client_id=1, name="Bo"),
        Contact(id=2, client_id=1, name="Ana", primary=True),
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        Task(id=1, title="Deck", client_id=1, due=TODAY, estimate_hours=8.0, kind=TaskKind.PRESENTATION),
        Task(id=2, title="Brief", client_id=1, due=MON, estimate_hours=10.0, kind=TaskKind.DOCUMENT),
        Task(id=3, title="Fine", client_id=1, due=WED, estimate_hours=2.0),
    )
    found = assess(book, TODAY)
    # The deck is held today (8 h, pinned). The brief (10 h, due Monday) gets Monday's 8 h and 2 h on
    # Tuesday: done Tuesday, a day late. "Fine" (2 h) fits on Tuesday, before Wednesday: not at risk.
    assert [(r.task_id, r.earliest) for r in found.at_risk] == [(2, TUE)]
    risk = found.at_risk[0]
    assert risk.why == "Brief: due Mon 30 Nov; the schedule can finish it on Tue 1 Dec"
    move, delegate, drop = risk.suggestions
    assert isinstance(move, MoveDue) and move.due == TUE
    assert move.free_hours == 4.0  # Tuesday: 8 h less the brief's 2 h and Fine's 2 h
    assert move.text.startswith("Ask Ana to move it to Tue 1 Dec")  # the primary contact
    # Sam has Friday and Monday before the due date: 2 days of 8 h = 16 h of room.
    assert isinstance(delegate, Delegate) and (delegate.staff_name, delegate.follow_up) == ("Sam", MON)
    assert delegate.text == "Delegate to Sam (16.0 h free before Mon 30 Nov), follow up on Mon 30 Nov"
    assert isinstance(drop, Drop) and drop.text == "Drop it (a reason goes on the client's timeline)"


def test_overdue_promises_are_always_at_risk_and_a_task_without_room_says_so() -> None:
    settings = {"schedule": {"horizon_days": 5, "lookahead_days": 0}}
    book = make_book(
        Task(id=1, title="Old", due=day(-2), estimate_hours=1.0),
        Task(id=2, title="Huge", due=MON, estimate_hours=100.0),
        **settings,
    )
    risks = {r.task_id: r for r in assess(book, TODAY).at_risk}
    assert risks[1].earliest == TODAY  # done today, but promised for Wednesday
    assert risks[1].why == "Old: overdue since Wed 25 Nov (2 days); the schedule can finish it on Fri 27 Nov"
    assert risks[2].earliest is None
    assert risks[2].why == "Huge: due Mon 30 Nov; the schedule has only 39.0 h of its 100.0 h fit in the days it fills"
    move = risks[2].move
    assert move is not None and move.due == day(6)  # after the last day the schedule fills (Thursday)


def test_no_promise_is_at_risk_when_everything_finishes_in_time_or_is_due_past_the_schedule() -> None:
    settings = {"schedule": {"horizon_days": 5, "lookahead_days": 0}}
    book = make_book(
        Task(id=1, title="Soon", due=MON, estimate_hours=2.0),
        Task(id=2, title="Far", due=day(60), estimate_hours=100.0),  # due after the schedule ends: unknown yet
        **settings,
    )
    assert assess(book, TODAY).at_risk == ()


def test_a_follow_up_is_on_a_day_the_account_manager_is_at_work() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        Event(id=1, title="Expo", start=MON, end=MON, hours=8.0),  # away all Monday
        Task(id=1, title="Big", due=TODAY, estimate_hours=8.0, priority=Priority.HIGH),  # first: more urgent
        Task(id=2, title="Report", due=TODAY, estimate_hours=2.0, kind=TaskKind.DOCUMENT),
    )
    risk = next(r for r in assess(book, TODAY).at_risk if r.task_id == 2)
    assert risk.delegate is not None and risk.delegate.follow_up == TUE


def test_whom_to_ask_and_the_drop_note() -> None:
    book = make_book(Client(id=1, name="Acme"), Client(id=2, name="Beta"), Contact(id=1, client_id=2, name="Bo"))
    assert contact_name(book, 1) == "Acme"  # no contact: the client itself
    assert contact_name(book, 2) == "Bo"
    task = Task(id=7, title="Brochure", client_id=1, due=MON)
    note = drop_note(task, "  not needed after the merger ", datetime(2026, 11, 27, 10))
    assert note is not None and note.summary == "Dropped Brochure, due Mon 30 Nov: not needed after the merger"
    assert drop_note(Task(id=8, title="Mine"), "x", datetime(2026, 11, 27, 10)) is None


def test_a_promise_to_a_client_is_dropped_only_with_a_reason() -> None:
    task = Task(id=7, title="Brochure", client_id=1, due=MON)
    with pytest.raises(ValueError, match="is required"):
        drop_reason(task, "   ")
    with pytest.raises(ValueError, match="is required"):
        drop_note(task, "", datetime(2026, 11, 27, 10))
    assert drop_reason(task, " merged into the rollout ") == "merged into the rollout"
    assert drop_reason(Task(id=8, title="Mine"), "") == ""  # my own task: nobody to tell
