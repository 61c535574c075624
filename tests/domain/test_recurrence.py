"""Recurring tasks: the next date of a rule, the next task made when one is done, for every way in.

TODAY is Friday 27 November 2026.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from acct_tui.cli import main
from acct_tui.domain.book import Book
from acct_tui.domain.enums import RepeatUnit, TaskStatus
from acct_tui.domain.records import Client, Repeat, StaffMember, Task
from acct_tui.domain.recurrence import next_due, next_task, parse_repeat, repeat_text
from acct_tui.domain.rules import on_put
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.ui.conftest import read_book

WEEKLY = Repeat(every=1, unit=RepeatUnit.WEEKS)
MONTHLY = Repeat(every=1, unit=RepeatUnit.MONTHS)


@pytest.mark.parametrize(
    ("repeat", "due", "done_on", "expected"),
    [
        (WEEKLY, TODAY, TODAY, date(2026, 12, 4)),  # Friday to Friday
        (Repeat(every=2, unit=RepeatUnit.WEEKS, weekday=1), TODAY, TODAY, date(2026, 12, 7)),  # Mon 23 + 14 days
        (Repeat(every=3, unit=RepeatUnit.DAYS), None, TODAY, date(2026, 11, 30)),  # no due date: from the done day
        # done late: 13, 20 and 27 November had passed when it was done on the 27th
        (WEEKLY, date(2026, 11, 6), TODAY, date(2026, 12, 4)),
        (MONTHLY, date(2026, 12, 1), TODAY, date(2027, 1, 1)),  # done early: the month after its due date
        (MONTHLY, date(2027, 1, 31), date(2027, 1, 31), date(2027, 2, 28)),  # the last day of a shorter month
        (Repeat(unit=RepeatUnit.MONTHS, day_of_month=31), date(2027, 2, 28), date(2027, 2, 28), date(2027, 3, 31)),
        (Repeat(unit=RepeatUnit.MONTHS, day_of_month=31), date(2027, 3, 31), date(2027, 3, 31), date(2027, 4, 30)),
        (MONTHLY, date(2028, 1, 31), date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        (Repeat(every=12, unit=RepeatUnit.MONTHS), date(2028, 2, 29), date(2028, 2, 29), date(2029, 2, 28)),
        (Repeat(every=2, unit=RepeatUnit.MONTHS, day_of_month=15), date(2026, 12, 1), TODAY, date(2027, 2, 15)),
        (MONTHLY, date(2026, 8, 31), TODAY, date(2026, 11, 30)),  # Sep 30, Oct 31 past; 30 Nov is after the 27th
    ],
)
def test_the_next_date_of_a_rule(repeat: Repeat, due: date | None, done_on: date, expected: date) -> None:
    assert next_due(repeat, due, done_on) == expected


def test_the_next_task_is_the_done_one_again_open_with_its_dates_moved_on() -> None:
    done = Task(
        id=7,
        title="Weekly report for the sales director",
        client_id=1,
        assignee_id=2,
        due=TODAY,
        start_on=date(2026, 11, 25),
        follow_up=date(2026, 11, 26),
        estimate_hours=1.5,
        notes="sections: pipeline, risks",
        status=TaskStatus.DONE,
        done_on=TODAY,
        created_on=date(2026, 1, 5),
        repeat=WEEKLY,
    )
    following = next_task(done, TODAY)
    assert following == done.evolve(
        id=0,
        status=TaskStatus.OPEN,
        done_on=None,
        due=date(2026, 12, 4),
        start_on=date(2026, 12, 2),  # two days before its due date, as before
        follow_up=date(2026, 12, 3),
        created_on=TODAY,
    )
    # a monthly rule keeps the day it started on: after 31 January (28 February) comes 31 March
    monthly = next_task(done.evolve(due=date(2027, 1, 31), start_on=None, follow_up=None, repeat=MONTHLY), TODAY)
    assert monthly is not None
    assert (monthly.due, monthly.repeat) == (date(2027, 2, 28), Repeat(unit=RepeatUnit.MONTHS, day_of_month=31))


def test_a_series_ends_at_the_last_day_a_book_may_hold() -> None:
    """Before: marking done a daily task due 2999-12-31 raised a ValidationError (its next, due
    3000-01-01, is past dates.LATEST), as a traceback from the import. Now the series ends: no
    next task, and the done task keeps its rule."""
    task = Task(id=1, title="Far", due=date(2999, 12, 31), repeat=Repeat(unit=RepeatUnit.DAYS))
    done = task.evolve(status=TaskStatus.DONE, done_on=TODAY)
    assert next_task(done, TODAY) is None
    outcome = on_put(Book(), task, task.evolve(status=TaskStatus.DONE), TODAY)
    assert outcome.problems == () and outcome.also == ()
    assert outcome.record.repeat == task.repeat and outcome.record.status is TaskStatus.DONE
    # one day earlier, the next is due on the last day
    nearly = next_task(done.evolve(due=date(2999, 12, 30)), TODAY)
    assert nearly is not None and nearly.due == date(2999, 12, 31)


def test_marking_it_done_makes_the_next_once() -> None:
    book = Book()
    task = Task(id=1, title="Monthly check", due=date(2026, 12, 1), repeat=MONTHLY)
    outcome = on_put(book, task, task.evolve(status=TaskStatus.DONE), TODAY)
    assert outcome.record.repeat is None  # the rule moves on to the next task
    assert outcome.record.done_on == TODAY
    assert [(t.title, t.due, t.repeat) for t in outcome.also if isinstance(t, Task)] == [
        ("Monthly check", date(2027, 1, 1), Repeat(unit=RepeatUnit.MONTHS, day_of_month=1))
    ]
    done = outcome.record
    assert on_put(book, done, done.evolve(notes="saved again"), TODAY).also == ()
    reopened = on_put(book, done, done.evolve(status=TaskStatus.OPEN), TODAY).record
    assert on_put(book, reopened, reopened.evolve(status=TaskStatus.DONE), TODAY).also == ()
    made_done = on_put(book, None, Task(title="Logged", status=TaskStatus.DONE, repeat=WEEKLY), TODAY)
    assert made_done.also == ()  # a task made done, not marked done: nothing to repeat


def test_through_the_repository_and_undo(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    sam = repo.staff.add(StaffMember(name="Sam"))
    task = repo.tasks.add(Task(title="Report", client_id=client.id, assignee_id=sam.id, due=TODAY, repeat=WEEKLY))
    repo.tasks.update(task.evolve(status=TaskStatus.DONE))
    on_disk = read_book(repo.path)["tasks"]
    assert len(on_disk) == 2
    following = next(t for tid, t in on_disk.items() if tid != task.id)
    assert (following["due"], following["status"], following["repeat"]) == (
        "2026-12-04",
        "open",
        {"every": 1, "unit": "weeks", "weekday": None, "day_of_month": None},
    )
    assert on_disk[task.id]["repeat"] is None
    assert repo.undo() == "Edit task"  # one change: both go
    assert list(repo.book.tasks) == [task.id]
    assert repo.book.tasks[task.id].repeat == WEEKLY


def test_an_import_that_marks_it_done_makes_the_next(book_path: Path, tmp_path: Path) -> None:
    with Repository.open(book_path, today=TODAY) as repo:
        client = repo.clients.add(Client(name="Acme"))
        repo.tasks.add(Task(title="Monthly check", client_id=client.id, due=TODAY, repeat=MONTHLY))
    done = tmp_path / "done.csv"
    done.write_text("client,title,due,status\nAcme,Monthly check,2026-11-27,done\n")
    assert main(["--today", "2026-11-27", "import", "tasks", str(done), "--db", str(book_path)]) == 0
    tasks = sorted(read_book(book_path)["tasks"].values(), key=lambda t: t["due"])
    assert [(t["due"], t["status"]) for t in tasks] == [("2026-11-27", "done"), ("2026-12-27", "open")]


def test_the_rule_in_words_and_back() -> None:
    cases = {
        "weekly": (WEEKLY, "every week"),
        "every 2 weeks on mon": (Repeat(every=2, unit=RepeatUnit.WEEKS, weekday=1), "every 2 weeks on Monday"),
        "Monthly on the 31st": (Repeat(unit=RepeatUnit.MONTHS, day_of_month=31), "every month on the 31st"),
        "every 3 days": (Repeat(every=3, unit=RepeatUnit.DAYS), "every 3 days"),
        "every month on 2": (Repeat(unit=RepeatUnit.MONTHS, day_of_month=2), "every month on the 2nd"),
    }
    for typed, (rule, words) in cases.items():
        assert parse_repeat(typed) == rule
        assert repeat_text(rule) == words
        assert parse_repeat(words) == rule
    assert parse_repeat("") is None and parse_repeat("never") is None
    for bad, message in [
        ("fortnightly", "is not a repeat rule"),
        ("every 0 days", "is not a repeat rule (every: must be at least 1)"),
        ("every month on the 32nd", "must be at most 31"),
        ("every week on the 3rd", "a rule in weeks is on a weekday"),
        ("every week on funday", "'funday' is not a weekday"),
    ]:
        with pytest.raises(ValueError, match=re.escape(message)):
            parse_repeat(bad)
    with pytest.raises(ValidationError, match="a weekday goes with a rule in weeks"):
        Repeat(unit=RepeatUnit.DAYS, weekday=1)


def test_reopening_the_done_task_takes_back_the_next_one_while_it_is_as_made(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    task = repo.tasks.add(Task(title="Report", client_id=client.id, due=TODAY, repeat=WEEKLY))
    done = repo.tasks.update(task.evolve(status=TaskStatus.DONE))
    assert len(repo.book.tasks) == 2  # the next one, due Fri 4 Dec
    repo.tasks.update(done.evolve(status=TaskStatus.OPEN))
    assert list(repo.book.tasks) == [task.id]  # one open task of the series, not two
    assert repo.book.tasks[task.id].repeat == WEEKLY and repo.book.tasks[task.id].status is TaskStatus.OPEN
    assert len(read_book(repo.path)["tasks"]) == 1
    # Done again: the next one again; changed since it was made, it stays when the task is reopened.
    done = repo.tasks.update(repo.book.tasks[task.id].evolve(status=TaskStatus.DONE))
    following = next(t for t in repo.book.tasks.values() if t.id != task.id)
    repo.tasks.update(following.evolve(notes="agenda: pricing"))
    repo.tasks.update(done.evolve(status=TaskStatus.OPEN))
    assert len(repo.book.tasks) == 2
