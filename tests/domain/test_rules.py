"""The rules of a change (`acct_tui.domain.rules`): pure, then through the repository and `acct-tui import`.

The same rules hold for a form (tests/ui/test_workflows.py), an import and the repository itself,
because the repository applies them to every record put. TODAY is Friday 27 November 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.domain.book import Book
from acct_tui.domain.enums import ClientStatus, RenewalHealth, Stage, TaskStatus
from acct_tui.domain.records import Client, Project, Renewal, StageEntry, Task
from acct_tui.domain.rules import LOST_NEEDS_REASON, on_put
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.ui.conftest import read_book

EMPTY = Book()


def entered(*stages: tuple[Stage, date]) -> tuple[StageEntry, ...]:
    return tuple(StageEntry(stage=stage, entered=day) for stage, day in stages)


# --- a task's done date ------------------------------------------------------------------------


def test_a_task_marked_done_is_dated_today_unless_the_change_dates_it() -> None:
    task = Task(id=1, title="Send minutes")
    assert on_put(EMPTY, task, task.evolve(status=TaskStatus.DONE), TODAY).record.done_on == TODAY
    dated = task.evolve(status=TaskStatus.DONE, done_on=date(2026, 11, 25))
    assert on_put(EMPTY, task, dated, TODAY).record.done_on == date(2026, 11, 25)
    assert on_put(EMPTY, None, Task(title="New, done", status=TaskStatus.DONE), TODAY).record.done_on == TODAY


def test_a_reopened_task_loses_its_done_date_but_a_date_given_with_an_open_status_is_a_problem() -> None:
    done = Task(id=1, title="Send minutes", status=TaskStatus.DONE, done_on=date(2026, 11, 25))
    reopened = on_put(EMPTY, done, done.evolve(status=TaskStatus.OPEN), TODAY)
    assert (reopened.record.done_on, reopened.problems) == (None, ())
    given = on_put(EMPTY, None, Task(title="Odd", done_on=date(2026, 11, 1)), TODAY)
    assert [str(p) for p in given.problems] == [
        "tasks, field done_on: only a done task has a done date: set its status to done, or clear the date"
    ]


# --- renewals --------------------------------------------------------------------------------


def test_moving_a_renewal_due_within_three_months_records_the_renewal_once() -> None:
    # Due Mon 14 Dec 2026 (17 days away), moved a year on: renewed today, at the 8% now given.
    client = Client(id=1, name="Acme", renewal_date=date(2026, 12, 14), discount_pct=8)
    moved = client.evolve(renewal_date=date(2027, 12, 14))
    after = on_put(EMPTY, client, moved, TODAY).record
    assert after.renewals == (Renewal(renewed_on=TODAY, discount_pct=8),)
    # A change that records the renewal itself (a teammate's book, merged) is not recorded twice.
    merged = moved.evolve(renewals=(Renewal(renewed_on=date(2026, 11, 20), discount_pct=8),))
    assert on_put(EMPTY, client, merged, TODAY).record.renewals == merged.renewals


def test_a_renewal_mark_is_dated_the_day_it_is_set_and_undated_when_cleared() -> None:
    client = Client(id=1, name="Acme", renewal_date=date(2027, 1, 15))
    marked = on_put(EMPTY, client, client.evolve(renewal_health=RenewalHealth.AT_RISK), TODAY).record
    assert (marked.renewal_health, marked.renewal_health_on) == (RenewalHealth.AT_RISK, TODAY)
    older = marked.evolve(renewal_health_on=date(2026, 11, 2))
    renamed = on_put(EMPTY, older, older.evolve(name="Acme Ltd"), TODAY).record  # the mark did not change
    assert renamed.renewal_health_on == date(2026, 11, 2)
    cleared = on_put(EMPTY, older, older.evolve(renewal_health=None), TODAY).record
    assert (cleared.renewal_health, cleared.renewal_health_on) == (None, None)
    new = on_put(EMPTY, None, Client(name="New", renewal_health=RenewalHealth.ON_TRACK), TODAY).record
    assert new.renewal_health_on == TODAY


# --- lost deals and won deals ----------------------------------------------------------------


def test_a_deal_marked_lost_needs_its_reason_but_one_stored_without_it_may_stay() -> None:
    open_deal = Project(id=3, client_id=1, title="Upsell", stage=Stage.NEGOTIATION)
    lost = open_deal.evolve(stage=Stage.LOST)
    assert [str(p) for p in on_put(EMPTY, open_deal, lost, TODAY).problems] == [
        f"projects record 3, field lost_reason: {LOST_NEEDS_REASON}"
    ]
    assert on_put(EMPTY, open_deal, lost.evolve(lost_reason="Price"), TODAY).problems == ()
    # An old book's lost deal without a reason: renaming it is not refused.
    assert on_put(EMPTY, lost, lost.evolve(title="Upsell 2025"), TODAY).problems == ()
    # But clearing a reason it has is.
    with_reason = lost.evolve(lost_reason="Price")
    assert on_put(EMPTY, with_reason, lost, TODAY).problems != ()


def test_a_won_deal_makes_its_prospect_client_active_and_kickoff_from_the_start_does_not() -> None:
    prospect = Client(id=1, name="Lead Co", status=ClientStatus.PROSPECT)
    book = Book(clients={1: prospect})
    deal = Project(id=2, client_id=1, title="Pilot", stage_history=entered((Stage.PROSPECT, date(2026, 11, 2))))
    won = deal.evolve(
        stage=Stage.KICKOFF,
        stage_history=entered((Stage.PROSPECT, date(2026, 11, 2)), (Stage.KICKOFF, TODAY)),
    )
    assert on_put(book, deal, won, TODAY).also == (prospect.evolve(status=ClientStatus.ACTIVE),)
    straight = Project(
        client_id=1, title="Kickoff at once", stage=Stage.KICKOFF, stage_history=entered((Stage.KICKOFF, TODAY))
    )
    assert on_put(book, None, straight, TODAY).also == ()


# --- through the repository --------------------------------------------------------------------


def test_the_repository_applies_the_rules_to_every_put(repo: Repository) -> None:
    lead = repo.clients.add(Client(name="Lead Co", status=ClientStatus.PROSPECT))
    deal = repo.projects.add(Project(client_id=lead.id, title="Pilot", stage_history=entered((Stage.PROSPECT, TODAY))))
    with pytest.raises(ChangeRejected) as refused:
        repo.projects.update(
            deal.evolve(stage=Stage.LOST, stage_history=entered((Stage.PROSPECT, TODAY), (Stage.LOST, TODAY)))
        )
    assert refused.value.located[0].field == "lost_reason"
    repo.projects.update(
        deal.evolve(stage=Stage.KICKOFF, stage_history=entered((Stage.PROSPECT, TODAY), (Stage.KICKOFF, TODAY)))
    )
    task = repo.tasks.add(Task(title="Kickoff call", client_id=lead.id, project_id=deal.id))
    repo.tasks.update(task.evolve(status=TaskStatus.DONE))
    on_disk = read_book(repo.path)
    assert on_disk["clients"][lead.id]["status"] == "active"
    assert on_disk["projects"][deal.id]["stage"] == "kickoff"
    assert on_disk["tasks"][task.id]["done_on"] == TODAY.isoformat()
    assert [repo.undo() for _ in range(3)] == ["Edit task", "Add task", "Edit project"]
    assert repo.book.clients[lead.id].status is ClientStatus.PROSPECT  # undone with the move, in one step


def test_an_old_book_with_a_lost_deal_without_reason_opens_and_its_deal_can_be_edited(book_path: Path) -> None:
    with Repository.open(book_path, today=TODAY) as repo:
        client = repo.clients.add(Client(name="Old Co"))
    # Written by an older acct-tui, which did not ask for the reason:
    text = book_path.read_text()
    project = (
        '{"client_id":%d,"title":"Upsell","stage":"lost","stage_history":[{"stage":"lost","entered":"2025-03-01"}]}'
    )
    book_path.write_text(text.replace('"projects": {}', '"projects": {\n"1": ' + project % client.id + "\n}"))
    with Repository.open(book_path, today=TODAY) as repo:
        old = repo.projects.get(1)
        assert old is not None and old.lost_reason == ""
        repo.projects.update(old.evolve(notes="They chose a rival"))
        assert repo.book.projects[1].notes == "They chose a rival"
    # ... and a copy of it goes into another book as it is (the records arrive with their ids).
    export, copy = book_path.with_name("export.json"), book_path.with_name("copy.json")
    assert main(["export", "--format", "json", "--db", str(book_path), "-o", str(export)]) == 0
    assert main(["import", "book", str(export), "--db", str(copy)]) == 0
    assert read_book(copy)["projects"] == read_book(book_path)["projects"]


# --- through `acct-tui import` -----------------------------------------------------------------


def test_an_import_is_held_to_the_same_rules(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lost = tmp_path / "lost.csv"
    lost.write_text("client,title,stage\nMekong Logistics,Warehouse dashboards,lost\n")
    assert main(["--today", "2026-11-27", "import", "projects", str(lost), "--db", str(demo_path)]) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"acct-tui: {lost}: 1 problem; nothing was imported\n")
    assert LOST_NEEDS_REASON in said
    with Repository.open(demo_path, read_only=True) as repo:
        assert not any(p.title == "Warehouse dashboards" for p in repo.projects.all())

    done = tmp_path / "done.csv"
    done.write_text("client,title,status\nMekong Logistics,Imported and done,done\n")
    assert main(["--today", "2026-11-27", "import", "tasks", str(done), "--db", str(demo_path)]) == 0
    task = next(t for t in read_book(demo_path)["tasks"].values() if t["title"] == "Imported and done")
    assert (task["status"], task["done_on"]) == ("done", "2026-11-27")
