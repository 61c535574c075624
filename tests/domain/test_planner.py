"""The day plan: the schedule's first day in order of urgency, and what was due but does not fit.

TODAY is Friday 27 November 2026, an 8 h day; Monday 30 November is the next working day.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from acct_tui.domain.enums import ActivityKind, Priority, TaskKind, Tier
from acct_tui.domain.planner import Delegate, MoveDue
from acct_tui.domain.records import Activity, Client, Contact, StaffMember, Task
from acct_tui.domain.risks import suggestion_edit
from acct_tui.domain.workload import assess
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book

MON, TUE = day(3), day(4)
NOW = datetime(2026, 11, 27, 9, 30)


def test_the_plan_is_the_schedules_first_day_most_urgent_first() -> None:
    book = make_book(
        Client(id=1, name="Acme", tier=Tier.STRATEGIC),
        Task(id=1, title="Report", due=TUE, estimate_hours=2.0),  # 8 + 3.9 = 11.9
        Task(id=2, title="Call Acme", client_id=1, due=TODAY, estimate_hours=1.0, priority=Priority.HIGH),  # 8+6+3
        Task(id=3, title="Big deck", due=MON, estimate_hours=9.0),  # 8 + 3.9; 5 h today, 4 h Monday
    )
    found = assess(book, TODAY)
    plan = found.plan
    # Earliest due first into the day: the call (1 h, due today); the deck (9 h, due Monday) gets the
    # 7 h left (a part leaves at least 0.5 h for later) and 2 h on Monday; the report waits for Monday.
    assert [(i.task_id, i.hours, i.part) for i in plan.items] == [(2, 1.0, False), (3, 7.0, True)]
    assert [i.urgency.total for i in plan.items] == [17.0, 11.9]
    assert plan.items[1].ahead and not plan.items[0].ahead
    assert plan.planned_hours == 8.0
    assert plan.free_hours == 0.0
    assert plan.overflow == ()  # nothing due today was left over
    assert found.schedule.plans[1].parts[0].day == MON  # the report, on Monday with the rest of the deck


def test_what_was_due_and_does_not_fit_today_overflows_with_one_suggestion() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        Contact(id=1, client_id=1, name="Ana", primary=True),
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        Task(id=1, title="Workshop", client_id=1, due=TODAY, estimate_hours=6.0, kind=TaskKind.MEETING),
        Task(id=2, title="Minutes", client_id=1, due=day(-1), estimate_hours=1.5, kind=TaskKind.EMAIL),
        Task(id=3, title="Proposal", client_id=1, due=TODAY, estimate_hours=3.0, kind=TaskKind.NEGOTIATION),
    )
    plan = assess(book, TODAY).plan
    # The workshop is held today (pinned, 6 h). Minutes (due yesterday) fits in the 2 h left; the
    # proposal, due today, gets the last 0.5 h (a part may be that short) and 2.5 h go to Monday.
    # Most urgent first: Minutes (overdue 12 + 3.9), Workshop (8 + 3.9, id 1), Proposal (id 3).
    assert [(i.task_id, i.hours) for i in plan.items] == [(2, 1.5), (1, 6.0), (3, 0.5)]
    assert [(o.task_id, o.hours) for o in plan.overflow] == [(3, 2.5)]
    move = plan.overflow[0].suggestion
    # A negotiation is not a kind you delegate: the suggestion is to move it to Monday.
    assert isinstance(move, MoveDue)
    assert (move.due, move.free_hours) == (MON, 5.5)  # Monday: 8 h less the proposal's 2.5 h
    assert move.text == "Ask Ana to move it to Mon 30 Nov, the day the schedule can finish it (5.5 h free then)"


def test_a_delegable_task_that_does_not_fit_is_offered_to_the_staff_member_with_room() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        StaffMember(id=2, name="Kim", weekly_capacity=20.0),
        Task(id=1, title="Deck", due=TODAY, estimate_hours=8.0, kind=TaskKind.PRESENTATION),
        Task(id=2, title="Invoice check", due=TODAY, estimate_hours=2.0, kind=TaskKind.CHECK),
        Task(id=3, title="Contract", due=TODAY, estimate_hours=7.0, kind=TaskKind.DOCUMENT),
        Task(id=4, title="Sam's work", due=TODAY, estimate_hours=5.0, assignee_id=1),
    )
    found = assess(book, TODAY)
    overflow = {o.task_id: o.suggestion for o in found.plan.overflow}
    # Today (Friday) is the only working day left of Sam's week and of Kim's: Sam 40/5 = 8 h less
    # 5 h of their own work due today = 3 h; Kim 20/5 = 4 h. The check (2 h) goes to Kim, who has
    # the most room; then Kim has 2 h and Sam 3 h: nobody has the contract's 7 h, so it moves.
    check, contract = overflow[2], overflow[3]
    assert isinstance(check, Delegate) and (check.staff_name, check.follow_up) == ("Kim", MON)
    assert check.text == "Delegate to Kim (4.0 h free today), follow up on Mon 30 Nov"
    assert isinstance(contract, MoveDue)


def test_a_narrowed_plan_shows_the_clients_part_of_the_same_plan() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        Client(id=2, name="Beta"),
        Task(id=1, title="A", client_id=1, due=TODAY, estimate_hours=1.0),
        Task(id=2, title="B", client_id=2, due=TODAY, estimate_hours=1.0),
    )
    plan = assess(book, TODAY).plan
    assert [i.task_id for i in plan.for_client(2).items] == [2]
    assert plan.for_client(None) is plan


def test_accepting_a_move_notes_on_the_timeline_that_the_contact_was_asked() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        Contact(id=1, client_id=1, name="Ana"),
        Task(id=1, title="Proposal", client_id=1, due=TODAY, estimate_hours=3.0),
    )
    task = book.tasks[1]
    edit = suggestion_edit(task, MoveDue(1, MON, 8.0, "Ana"), NOW, book)
    moved, note = edit.records
    assert isinstance(moved, Task) and moved.due == MON
    assert isinstance(note, Activity) and note.kind is ActivityKind.NOTE
    assert note.summary == "Asked Ana to move Proposal from Fri 27 Nov to Mon 30 Nov"
    assert edit.label == "Move Proposal to Mon 30 Nov"
    delegated = suggestion_edit(task, Delegate(1, 5, "Sam", MON, "..."), NOW, book).records
    assert [(t.assignee_id, t.follow_up) for t in delegated if isinstance(t, Task)] == [(5, MON)]
    with pytest.raises(ValueError, match="is for task 2"):
        suggestion_edit(task, MoveDue(2, MON, 0.0), NOW, book)
    with pytest.raises(ValueError, match="has passed"):
        suggestion_edit(task, MoveDue(1, day(-1), 0.0), NOW, book)


def test_an_accepted_suggestion_is_saved_and_the_task_leaves_the_overflow(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "book.json", today=TODAY) as repo:
        # Both due today: the more urgent one (high priority) takes the day.
        repo.tasks.add(Task(title="Big", due=TODAY, estimate_hours=8.0, priority=Priority.HIGH))
        task = repo.tasks.add(Task(title="Late", due=TODAY, estimate_hours=2.0))
        overflow = assess(repo.book, TODAY).plan.overflow
        assert [o.task_id for o in overflow] == [task.id]
        suggestion = overflow[0].suggestion
        assert isinstance(suggestion, MoveDue) and suggestion.due == MON
        edit = suggestion_edit(task, suggestion, NOW, repo.book)
        repo.put_all(edit.records, edit.label)
    with Repository.open(tmp_path / "book.json", today=TODAY, read_only=True) as reopened:
        assert reopened.book.tasks[task.id].due == MON
        assert assess(reopened.book, TODAY).plan.overflow == ()
