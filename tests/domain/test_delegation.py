"""The delegation ledger: delegated work by person and follow-up state; logging a follow-up.

TODAY is Friday 27 November 2026; done work stays in the ledger 30 days (from 28 October on).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from acct_tui.domain.delegation import DONE_SHOWN_DAYS, FollowUp, follow_up_state, ledger, log_follow_up
from acct_tui.domain.enums import ActivityKind, Stage, TaskStatus
from acct_tui.domain.records import Activity, Client, StaffMember, Task
from acct_tui.domain.workload import StaffLoad
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project

NOW = datetime(2026, 11, 27, 15, 30)
SAM = StaffMember(id=1, name="Sam", weekly_capacity=40.0)


def delegated(record_id: int, assignee: int = 1, **fields: Any) -> Task:
    return Task(id=record_id, title=fields.pop("title", f"Task {record_id}"), assignee_id=assignee, **fields)


def done(record_id: int, on: int, assignee: int = 1) -> Task:
    return delegated(record_id, assignee, status=TaskStatus.DONE, done_on=day(on))


@pytest.mark.parametrize(
    ("task", "state"),
    [
        (delegated(1, follow_up=day(-1)), FollowUp.LATE),  # yesterday: overdue
        (delegated(1, follow_up=TODAY), FollowUp.WAITING),  # today is still in time
        (delegated(1, follow_up=day(1)), FollowUp.WAITING),
        (delegated(1, due=day(-5)), FollowUp.OPEN),  # overdue work, but no follow-up date
        (delegated(1, status=TaskStatus.BLOCKED, follow_up=day(-2)), FollowUp.LATE),  # blocked is still open
        (delegated(1, status=TaskStatus.DONE, done_on=TODAY, follow_up=day(-2)), FollowUp.DONE),
        (Task(id=1, title="Own task"), FollowUp.OPEN),
    ],
)
def test_follow_up_state(task: Task, state: FollowUp) -> None:
    assert follow_up_state(task, TODAY) is state


def test_the_ledger_groups_each_persons_work_and_drops_old_done_work_and_idle_leavers() -> None:
    assert DONE_SHOWN_DAYS == 30
    book = make_book(
        SAM,
        StaffMember(id=2, name="Gone", active=False),  # left, but still has open work: shown
        StaffMember(id=3, name="Old", active=False),  # left, only done work from long ago: dropped
        StaffMember(id=4, name="zed", weekly_capacity=20.0),  # active with nothing: shown, empty
        delegated(1, follow_up=day(-1)),
        delegated(2, follow_up=day(-3)),  # later than 1 by two days: first
        delegated(3, follow_up=day(2), due=day(-10)),  # the follow-up date sorts, not the due date
        delegated(4, due=day(4)),
        delegated(5),  # no dates at all: last
        done(6, -30),  # done 28 October: exactly 30 days ago, still shown
        done(7, -31),  # done 27 October: dropped
        done(8, -2),  # most recent first
        Task(id=9, title="Own work", due=TODAY),  # not delegated: not in the ledger
        delegated(10, assignee=2, follow_up=day(1)),
        done(11, -40, assignee=3),
    )
    people = ledger(book, TODAY)
    assert [p.member.name for p in people] == ["Gone", "Sam", "zed"]  # by name, case-blind
    gone, sam, zed = people
    ids = {state: [t.id for t in tasks] for state, tasks in sam.groups.items()}
    assert ids == {FollowUp.LATE: [2, 1], FollowUp.WAITING: [3], FollowUp.OPEN: [4, 5], FollowUp.DONE: [8, 6]}
    assert list(sam.groups) == [FollowUp.LATE, FollowUp.WAITING, FollowUp.OPEN, FollowUp.DONE]
    assert sam.count == 5  # 2 late + 1 waiting + 2 open; done work is not counted
    assert [t.id for t in gone.groups[FollowUp.WAITING]] == [10]
    assert gone.count == 1
    assert zed.count == 0
    assert all(tasks == [] for tasks in zed.groups.values())
    assert (sam.load, gone.load, zed.load) == (None, None, None)


def test_the_ledger_carries_each_persons_load() -> None:
    book = make_book(SAM, StaffMember(id=2, name="Kim", weekly_capacity=20.0), delegated(1, due=day(1)))
    sams = StaffLoad(id=1, name="Sam", capacity_hours_week=40.0, load_hours_week=30.0, utilisation=0.75, tasks=1)
    kim, sam = ledger(book, TODAY, (sams,))
    assert (kim.load, sam.load) == (None, sams)
    assert sams.spare_hours == 10.0  # 40 - 30


def test_the_ledger_keeps_a_leaver_with_recent_done_work() -> None:
    book = make_book(StaffMember(id=1, name="Left", active=False), done(1, -5))
    [left] = ledger(book, TODAY)
    assert [t.id for t in left.groups[FollowUp.DONE]] == [1]
    assert left.count == 0


def follow_up_book() -> tuple[Client, Task]:
    client = Client(id=1, name="Acme")
    task = Task(
        id=7,
        title="Draft contract",
        client_id=1,
        project_id=3,
        assignee_id=1,
        due=day(5),
        follow_up=day(-1),
        estimate_hours=3.0,
    )
    return client, task


def test_logging_a_follow_up_sets_the_next_date_and_notes_it_on_the_timeline() -> None:
    _, task = follow_up_book()
    edit = log_follow_up(task, SAM, "  sent the draft to legal ", day(6), False, NOW, 15)
    assert edit.label == "Follow-up on Draft contract"
    assert edit.records == (
        task.evolve(follow_up=day(6)),
        Activity(
            client_id=1,
            when=NOW,
            kind=ActivityKind.FOLLOW_UP,
            # day(6) is Thursday 3 December
            summary="Follow-up with Sam on Draft contract (next follow-up Thu 03 Dec): sent the draft to legal",
            minutes=15,
            project_id=3,
            task_id=7,
        ),
    )


def test_logging_a_follow_up_that_closes_the_task() -> None:
    _, task = follow_up_book()
    changed, entry = log_follow_up(task, SAM, "   ", day(6), True, NOW, 0).records
    assert changed == task.evolve(status=TaskStatus.DONE, done_on=TODAY, follow_up=None)  # the next date is moot
    assert isinstance(entry, Activity)
    assert entry.summary == "Follow-up with Sam on Draft contract (done)"  # a blank note adds nothing
    assert entry.minutes == 0


def test_logging_a_follow_up_without_a_next_date() -> None:
    _, task = follow_up_book()
    changed, entry = log_follow_up(task, SAM, "waiting for their lawyer", None, False, NOW, 15).records
    assert isinstance(changed, Task)
    assert changed.follow_up is None
    assert follow_up_state(changed, TODAY) is FollowUp.OPEN
    assert isinstance(entry, Activity)
    assert entry.summary == "Follow-up with Sam on Draft contract (no next date): waiting for their lawyer"


def test_a_follow_up_on_work_for_no_client_writes_no_timeline_entry() -> None:
    task = Task(id=4, title="Update the price list", assignee_id=1, follow_up=day(-2))
    edit = log_follow_up(task, SAM, "half done", day(3), False, NOW, 15)
    assert edit.records == (task.evolve(follow_up=day(3)),)


def test_a_follow_up_through_the_repository_is_one_undo_step(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    portal = repo.projects.add(project(0, client.id, Stage.DELIVERY))
    sam = repo.staff.add(SAM)
    task = repo.tasks.add(
        Task(title="Draft contract", client_id=client.id, project_id=portal.id, assignee_id=sam.id, follow_up=day(-1))
    )
    [person] = ledger(repo.book, TODAY)
    assert [t.id for t in person.groups[FollowUp.LATE]] == [task.id]

    edit = log_follow_up(task, sam, "legal has it", day(6), False, NOW, 15)
    saved_task, saved_entry = repo.put_all(edit.records, edit.label)
    assert saved_task == task.evolve(follow_up=day(6), changed_at=saved_task.changed_at)
    assert isinstance(saved_entry, Activity)
    assert (saved_entry.task_id, saved_entry.project_id) == (task.id, portal.id)
    assert repo.activities.all() == [saved_entry]
    [person] = ledger(repo.book, TODAY)
    assert [t.id for t in person.groups[FollowUp.WAITING]] == [task.id]

    assert repo.undo() == "Follow-up on Draft contract"
    assert repo.tasks.get(task.id) == task
    assert repo.activities.all() == []
    assert repo.undo_label == "Add task"
