"""The iCalendar export, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from acct_tui.cli import main
from acct_tui.config import config_path
from acct_tui.domain.enums import TaskKind, TaskStatus
from acct_tui.domain.records import Event, StaffMember, Task
from acct_tui.domain.schedule import build_schedule
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
    meetings = [t for t in due if t.kind in (TaskKind.MEETING, TaskKind.PRESENTATION)]
    assert {t.kind for t in meetings} == {TaskKind.MEETING, TaskKind.PRESENTATION}
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
    assert (str(event["SUMMARY"]), str(event["DESCRIPTION"])) == ("Expo, day 1", "Hours: 8.0 h a day\nLine 1\nLine 2")
    (private,) = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP)).walk("VEVENT")
    assert str(private["DESCRIPTION"]) == "Hours: 8.0 h a day"  # notes only when asked for


def test_done_tasks_stay_for_a_while_then_drop_out(repo: Repository) -> None:
    for days in (DONE_DAYS_KEPT, DONE_DAYS_KEPT + 1):
        done_on = TODAY - timedelta(days=days)
        repo.tasks.add(Task(title=f"Done {days} days ago", due=done_on, status=TaskStatus.DONE, done_on=done_on))
    parsed = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP))
    assert [str(t["SUMMARY"]) for t in parsed.walk("VTODO")] == [f"Done {DONE_DAYS_KEPT} days ago"]


# --- reminders and planned days -----------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in winter, +2 in summer


def _alarms(item: Any) -> list[tuple[datetime, str]]:
    return [(alarm.decoded("TRIGGER"), str(alarm["DESCRIPTION"])) for alarm in item.walk("VALARM")]


def _items(repo: Repository, **options: Any) -> dict[str, Any]:
    parsed = Calendar.from_ical(calendar(repo.book, "b", TODAY, STAMP, zone=BERLIN, **options))
    return {str(item["SUMMARY"]): item for item in parsed.walk() if item.name in ("VTODO", "VEVENT")}


def _reminder_book(repo: Repository) -> None:
    sam = repo.staff.add(StaffMember(name="Sam"))
    repo.tasks.add(Task(title="Send the offer", due=date(2026, 11, 30), kind=TaskKind.DOCUMENT))
    repo.tasks.add(Task(title="Overdue", due=date(2026, 11, 25)))
    repo.tasks.add(Task(title="Briefing", due=date(2026, 12, 4), assignee_id=sam.id, follow_up=date(2026, 12, 1)))
    repo.tasks.add(Task(title="Done", due=date(2026, 11, 30), status=TaskStatus.DONE, done_on=TODAY))
    repo.tasks.add(Task(title="Steering", due=date(2026, 12, 1), kind=TaskKind.MEETING))
    repo.tasks.add(Task(title="Summer", due=date(2027, 7, 1)))
    repo.events.add(Event(title="Expo", start=date(2026, 12, 3), end=date(2026, 12, 4), hours=6.0))


def test_reminders_ring_at_nine_in_the_users_zone(repo: Repository) -> None:
    _reminder_book(repo)
    items = _items(repo)
    assert _alarms(items["Send the offer"]) == [
        (datetime(2026, 11, 30, 8, tzinfo=UTC), "Due Mon 30 Nov: Send the offer")
    ]
    assert _alarms(items["Overdue"]) == []  # it would ring before the export: left out
    assert _alarms(items["Done"]) == []
    assert _alarms(items["Briefing"]) == [(datetime(2026, 12, 1, 8, tzinfo=UTC), "Follow up with Sam: Briefing")]
    assert _alarms(items["Summer"]) == [(datetime(2027, 7, 1, 7, tzinfo=UTC), "Due Thu 1 Jul: Summer")]
    steering = items["Steering"]
    assert steering.name == "VEVENT"  # a meeting: all day on its date (the book has no time of day)
    assert (steering.decoded("DTSTART"), steering.decoded("DTEND")) == (date(2026, 12, 1), date(2026, 12, 2))
    assert _alarms(steering) == [(datetime(2026, 12, 1, 8, tzinfo=UTC), "Meeting: Steering")]
    expo = items["Expo"]
    assert (expo.decoded("DTSTART"), expo.decoded("DTEND")) == (date(2026, 12, 3), date(2026, 12, 5))
    assert str(expo["DESCRIPTION"]) == "Hours: 6.0 h a day"
    assert _alarms(expo) == [(datetime(2026, 12, 3, 8, tzinfo=UTC), "Expo, Thu 3 Dec to Fri 4 Dec")]
    trigger = next(iter(expo.walk("VALARM")))["TRIGGER"]
    assert trigger.params["VALUE"] == "DATE-TIME"  # an absolute time, in UTC (RFC 5545 3.8.6.3)


def test_reminders_follow_the_settings(repo: Repository) -> None:
    _reminder_book(repo)
    repo.set_settings({"reminders": {"days_before": 1, "at": "17:30"}})
    assert _alarms(_items(repo)["Send the offer"]) == [
        (datetime(2026, 11, 29, 16, 30, tzinfo=UTC), "Due Mon 30 Nov: Send the offer")
    ]
    repo.set_settings({"reminders": {"enabled": False}})
    assert all(not _alarms(item) for item in _items(repo).values())


def test_a_todo_starts_on_the_day_the_schedule_plans_it(repo: Repository) -> None:
    repo.tasks.add(Task(title="Deck", due=date(2026, 12, 2), estimate_hours=2.0))
    repo.tasks.add(Task(title="Due today", due=TODAY, estimate_hours=1.0))
    items = _items(repo, schedule=build_schedule(repo.book, TODAY))
    deck = items["Deck"]  # an empty week: the schedule does it today, five days before its due date
    assert (deck.decoded("DTSTART"), deck.decoded("DUE")) == (TODAY, date(2026, 12, 2))
    assert str(deck["DESCRIPTION"]) == "Planned: Fri 27 Nov 2.0 h"
    assert "DTSTART" not in items["Due today"]  # planned on its due day: DTSTART would not be before DUE


def test_export_ics_reads_the_time_zone_from_the_settings(demo_path: Path, tmp_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[calendar]\ntimezone = "America/New_York"\n')
    target = tmp_path / "book.ics"
    assert main(["--today", "2026-11-27", "export", "--format", "ics", "--db", str(demo_path), "-o", str(target)]) == 0
    triggers = [alarm.decoded("TRIGGER") for alarm in Calendar.from_ical(target.read_bytes()).walk("VALARM")]
    assert triggers and all(moment.astimezone(ZoneInfo("America/New_York")).hour == 9 for moment in triggers)
    config_path().write_text('[calendar]\ntimezone = "Mars/Olympus"\n')
    assert main(["export", "--format", "ics", "--db", str(demo_path), "-o", str(target)]) == 1
