"""The iCalendar export, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from acct_tui.domain.enums import TaskKind, TaskStatus
from acct_tui.domain.records import Event, Task
from acct_tui.exchange.export_ics import DONE_DAYS_KEPT, calendar
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id

STAMP = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)


TASK_6 = demo_id("tasks", 6)


def test_tasks_with_due_dates_are_todos_and_meetings_and_events_are_events(demo_repo: Repository) -> None:
    book = demo_repo.book
    parsed = Calendar.from_ical(calendar(book, "b1", TODAY, STAMP))
    kept_from = TODAY - timedelta(days=DONE_DAYS_KEPT)
    due = [t for t in book.tasks.values() if t.due is not None and (t.done_on is None or t.done_on >= kept_from)]
    assert len(due) < sum(1 for t in book.tasks.values() if t.due is not None)
    meetings = [t for t in due if t.kind is TaskKind.MEETING]
    todos, events = parsed.walk("VTODO"), parsed.walk("VEVENT")
    assert len(todos) == len(due) - len(meetings)
    assert len(events) == len(meetings) + len(book.events)
    assert str(parsed["PRODID"]).startswith("-//acct-tui//")

    todo = next(t for t in todos if str(t["UID"]) == f"task-{TASK_6}.b1@acct-tui")
    task = book.tasks[TASK_6]
    assert (str(todo["SUMMARY"]), todo.decoded("DUE"), int(todo["PRIORITY"])) == (task.title, task.due, 1)
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert "Client: Saigon Commercial Bank" in str(todo["DESCRIPTION"])
    assert todo.decoded("DTSTAMP") == STAMP

    expo = next(e for e in events if str(e["UID"]) == f"event-{demo_id('events', 1)}.b1@acct-tui")
    assert (expo.decoded("DTSTART"), expo.decoded("DTEND")) == (
        book.events[demo_id("events", 1)].start,
        book.events[demo_id("events", 1)].end + timedelta(days=1),
    )
    assert str(expo["LOCATION"]) == "Ho Chi Minh City, SECC"


def test_uids_are_stable_across_exports(demo_repo: Repository) -> None:
    first = Calendar.from_ical(calendar(demo_repo.book, "b1", TODAY, STAMP))
    demo_repo.tasks.update(demo_repo.book.tasks[TASK_6].evolve(title="Renamed", due=date(2026, 12, 9)))
    second = Calendar.from_ical(calendar(demo_repo.book, "b1", TODAY, STAMP + timedelta(days=1)))

    def uids(cal: Calendar) -> list[str]:
        return [str(c["UID"]) for c in cal.walk() if "UID" in c]

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == len(uids(first))
    renamed = next(t for t in second.walk("VTODO") if str(t["UID"]) == f"task-{TASK_6}.b1@acct-tui")
    assert (str(renamed["SUMMARY"]), renamed.decoded("DUE")) == ("Renamed", date(2026, 12, 9))
    other_book = Calendar.from_ical(calendar(demo_repo.book, "b2", TODAY, STAMP))
    assert set(uids(other_book)).isdisjoint(uids(first))


def test_text_that_ical_treats_specially_survives(repo: Repository) -> None:
    title = "Call; then e-mail, then \\ note"
    repo.tasks.add(Task(title=title, due=date(2026, 12, 1), status=TaskStatus.DONE, done_on=date(2026, 11, 27)))
    repo.events.add(Event(title="Expo, day 1", start=date(2026, 12, 3), end=date(2026, 12, 3), notes="Line 1\nLine 2"))
    parsed = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP, notes=True))
    (todo,) = parsed.walk("VTODO")
    (event,) = parsed.walk("VEVENT")
    assert str(todo["SUMMARY"]) == title
    assert (str(todo["STATUS"]), int(todo["PERCENT-COMPLETE"])) == ("COMPLETED", 100)
    assert (str(event["SUMMARY"]), str(event["DESCRIPTION"])) == ("Expo, day 1", "Line 1\nLine 2")
    (private,) = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP)).walk("VEVENT")
    assert "DESCRIPTION" not in private  # notes only when asked for


def test_done_tasks_stay_for_a_while_then_drop_out(repo: Repository) -> None:
    for days in (DONE_DAYS_KEPT, DONE_DAYS_KEPT + 1):
        done_on = TODAY - timedelta(days=days)
        repo.tasks.add(Task(title=f"Done {days} days ago", due=done_on, status=TaskStatus.DONE, done_on=done_on))
    parsed = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP))
    assert [str(t["SUMMARY"]) for t in parsed.walk("VTODO")] == [f"Done {DONE_DAYS_KEPT} days ago"]
