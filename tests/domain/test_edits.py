"""The everyday edits: stage moves, task toggles and playbooks, each with its timeline entry.

TODAY is Friday 27 November 2026.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from acct_tui.domain.edits import Edit, move_project, neighbour_stage, playbook_tasks, stage_move, task_toggle
from acct_tui.domain.enums import ActivityKind, Stage, TaskKind, TaskStatus
from acct_tui.domain.records import Activity, Client, Project, StageEntry, Task
from acct_tui.domain.settings import Settings
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, project

NOW = datetime(2026, 11, 27, 9, 15)
P, N, K, D, S, C, L = (
    Stage.PROSPECT,
    Stage.NEGOTIATION,
    Stage.KICKOFF,
    Stage.DELIVERY,
    Stage.SUPPORT,
    Stage.COMPLETED,
    Stage.LOST,
)


@pytest.mark.parametrize(
    ("stage", "step", "expected"),
    [
        (P, 1, N),
        (P, -1, None),  # nothing left of Prospect
        (N, -1, P),
        (K, 2, S),
        (S, 1, C),
        (C, 1, None),  # nothing right of Completed
        (C, -1, S),
        (C, -5, P),
        (C, -6, None),
        (L, 1, None),  # Lost is not on the board
        (L, -1, None),
    ],
)
def test_neighbour_stage(stage: Stage, step: int, expected: Stage | None) -> None:
    assert neighbour_stage(stage, step) == expected


def test_move_project_appends_the_day_it_entered() -> None:
    before = project(1, 1, P, entered=-10)
    moved = move_project(before, N, TODAY)
    assert moved.stage is N
    assert moved.stage_history == (StageEntry(stage=P, entered=day(-10)), StageEntry(stage=N, entered=TODAY))
    assert moved.entered(N) == TODAY
    assert before.stage is P  # records are immutable: the move is a new record


def test_a_project_without_history_gets_one_from_where_it_was() -> None:
    imported = Project(id=1, client_id=1, title="Imported", stage=D, created_on=day(-20))
    moved = move_project(imported, S, TODAY)
    assert moved.stage_history == (StageEntry(stage=D, entered=day(-20)), StageEntry(stage=S, entered=TODAY))
    undated = Project(id=2, client_id=1, title="Undated", stage=D)
    assert move_project(undated, S, TODAY).stage_history == (
        StageEntry(stage=D, entered=TODAY),
        StageEntry(stage=S, entered=TODAY),
    )
    # created "in the future" (a clock that ran ahead): the history still starts no later than today
    ahead = Project(id=3, client_id=1, title="Ahead", stage=D, created_on=day(4))
    assert move_project(ahead, S, TODAY).stage_history[0] == StageEntry(stage=D, entered=TODAY)


def test_a_move_never_dates_history_backwards() -> None:
    ahead = project(1, 1, P, entered=3)  # entered Prospect on Monday, three days from now
    moved = move_project(ahead, N, TODAY)
    assert moved.stage_history[-1] == StageEntry(stage=N, entered=day(3))


def test_stage_move_writes_the_move_on_the_timeline() -> None:
    before = project(5, 2, N, entered=-6, title="Acme portal")
    edit = stage_move(before, K, NOW, Settings())
    assert edit == Edit(
        "Move project to Kickoff",
        (
            move_project(before, K, TODAY),
            Activity(
                client_id=2,
                when=NOW,
                kind=ActivityKind.STAGE_MOVE,
                summary="Acme portal: moved from Negotiation to Kickoff",
                project_id=5,
            ),
        ),
    )
    entry = edit.records[1]
    assert isinstance(entry, Activity)
    assert (entry.id, entry.minutes, entry.task_id) == (0, 0, None)


def test_stage_move_uses_the_stage_names_from_the_settings() -> None:
    settings = Settings.layered({"stages": {"labels": {"kickoff": "Launch", "negotiation": "Terms"}}})
    edit = stage_move(project(5, 2, N, title="Acme portal"), K, NOW, settings)
    entry = edit.records[1]
    assert isinstance(entry, Activity)
    assert (edit.label, entry.summary) == ("Move project to Launch", "Acme portal: moved from Terms to Launch")


def test_completing_a_task_notes_it_on_the_clients_timeline() -> None:
    task = Task(id=4, title="Send minutes", client_id=2, project_id=5, estimate_hours=1.5, kind=TaskKind.EMAIL)
    edit = task_toggle(task, NOW)
    assert edit == Edit(
        "Mark task done",
        (
            task.evolve(status=TaskStatus.DONE, done_on=TODAY),
            Activity(
                client_id=2,
                when=NOW,
                kind=ActivityKind.TASK_DONE,
                summary="Done: Send minutes",
                minutes=90,  # 1.5 h x 60
                project_id=5,
                task_id=4,
            ),
        ),
    )


@pytest.mark.parametrize(
    ("hours", "minutes"),
    [(0.0, 0), (0.25, 15), (0.33, 20), (24.0, 1440), (24.5, 0), (40.0, 0)],  # 0.33 x 60 = 19.8 -> 20
)
def test_the_timeline_entry_takes_the_estimate_up_to_a_day(hours: float, minutes: int) -> None:
    _, entry = task_toggle(Task(id=1, title="Work", client_id=1, estimate_hours=hours), NOW).records
    assert isinstance(entry, Activity)
    assert entry.minutes == minutes


def test_completing_a_task_for_no_client_writes_no_timeline_entry() -> None:
    task = Task(id=4, title="Expenses", status=TaskStatus.WAITING)
    assert task_toggle(task, NOW) == Edit("Mark task done", (task.evolve(status=TaskStatus.DONE, done_on=TODAY),))


def test_reopening_a_task_writes_no_timeline_entry() -> None:
    task = Task(id=4, title="Send minutes", client_id=2, status=TaskStatus.DONE, done_on=day(-2))
    assert task_toggle(task, NOW) == Edit("Reopen task", (task.evolve(status=TaskStatus.OPEN, done_on=None),))


def test_playbook_tasks_come_due_relative_to_the_move() -> None:
    portal = project(5, 2, K, title="Acme portal")
    tasks = playbook_tasks(portal, K, TODAY, Settings())
    assert [(t.title, t.kind, t.due, t.estimate_hours) for t in tasks] == [
        ("Clarify every need", TaskKind.MEETING, day(3), 2.0),  # Monday 30 November
        ("Consultation on disputed points", TaskKind.MEETING, day(7), 1.5),  # Friday 4 December
        ("Agree each plan item", TaskKind.MEETING, day(10), 2.0),  # Monday 7 December
        ("Kickoff report", TaskKind.DOCUMENT, day(14), 1.5),  # Friday 11 December
    ]
    assert {(t.id, t.client_id, t.project_id, t.created_on, t.status, t.assignee_id) for t in tasks} == {
        (0, 2, 5, TODAY, TaskStatus.OPEN, None)
    }
    assert [t.title for t in playbook_tasks(portal, C, TODAY, Settings())] == ["Follow-up call", "Ask for a referral"]
    assert playbook_tasks(portal, D, TODAY, Settings()) == []  # Delivery has no default playbook
    assert playbook_tasks(portal, L, TODAY, Settings()) == []


def test_a_playbook_task_never_falls_due_on_a_day_off() -> None:
    """Before: the Negotiation playbook moved on Thursday 3 December gave "Agree price and
    discount" due Sunday 13 December (10 days on). A day off moves it on too."""
    thursday = date(2026, 12, 3)
    dues = {t.title: t.due for t in playbook_tasks(project(5, 2, N), N, thursday, Settings())}
    assert dues["Agree price and discount"] == date(2026, 12, 14)  # Sunday 13 -> Monday 14
    assert all(d.isoweekday() <= 5 for d in dues.values())
    settings = Settings.layered({"capacity": {"days_off": [date(2026, 12, 14)]}})
    dues = {t.title: t.due for t in playbook_tasks(project(5, 2, N), N, thursday, settings)}
    assert dues["Agree price and discount"] == date(2026, 12, 15)


def test_playbooks_come_from_the_settings() -> None:
    settings = Settings.layered(
        {"playbooks": {"delivery": [{"title": "Weekly status", "kind": "email", "due_in_days": 0}], "kickoff": []}}
    )
    [task] = playbook_tasks(project(5, 2, D), D, TODAY, settings)
    assert (task.title, task.kind, task.due, task.estimate_hours) == ("Weekly status", TaskKind.EMAIL, TODAY, 1.0)
    assert playbook_tasks(project(5, 2, K), K, TODAY, settings) == []  # emptied in the settings
    assert len(playbook_tasks(project(5, 2, N), N, TODAY, settings)) == 3  # the other defaults stay


def test_a_task_done_through_the_repository_is_one_undo_step(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    portal = repo.projects.add(project(0, client.id, K))
    task = repo.tasks.add(Task(title="Send minutes", client_id=client.id, project_id=portal.id, estimate_hours=0.5))

    edit = task_toggle(task, NOW)
    done, entry = repo.put_all(edit.records, edit.label)
    assert done == task.evolve(status=TaskStatus.DONE, done_on=TODAY)
    assert repo.activities.all() == [entry]
    assert isinstance(entry, Activity)
    assert (entry.kind, entry.summary, entry.minutes, entry.task_id) == (
        ActivityKind.TASK_DONE,
        "Done: Send minutes",
        30,
        task.id,
    )

    assert repo.undo() == "Mark task done"
    assert repo.tasks.get(task.id) == task
    assert repo.activities.all() == []
    assert repo.undo_label == "Add task"


def test_a_stage_move_and_its_playbook_through_the_repository(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    deal = repo.projects.add(project(0, client.id, N, entered=-6, title="Acme portal"))

    edit = stage_move(deal, K, NOW, repo.settings)
    repo.put_all(edit.records, edit.label)
    moved = repo.projects.get(deal.id)
    assert moved is not None
    assert (moved.stage, moved.entered(K)) == (K, TODAY)
    [entry] = repo.activities.all()
    assert (entry.kind, entry.summary) == (ActivityKind.STAGE_MOVE, "Acme portal: moved from Negotiation to Kickoff")

    tasks = repo.put_all(playbook_tasks(moved, K, TODAY, repo.settings), "Kickoff playbook")
    assert all(repo.tasks.get(t.id) == t for t in tasks)
    assert len(repo.tasks) == 4

    assert repo.undo() == "Kickoff playbook"  # the four tasks go together
    assert len(repo.tasks) == 0
    assert repo.projects.get(deal.id) == moved
    assert repo.undo() == "Move project to Kickoff"  # the move and its timeline entry go together
    assert repo.projects.get(deal.id) == deal
    assert repo.activities.all() == []
