"""The book's dates as iCalendar (RFC 5545), built with the `icalendar` library.

Tasks with a due date become to-dos (VTODO); meeting and presentation tasks, held on their date,
and events become all-day events (VEVENT). Every item's UID is built from the book's id and the
record's, so importing a newer export into a calendar updates the items it already has instead of
adding them again. A done task stays in the export for `DONE_DAYS_KEPT` days, marked completed,
so that a calendar which took it in while it was open learns that it is done; older done tasks
are left out.

What the book does not know is not made up: a task has a day but no time of day, so a meeting
task is an all-day event on its date, and an event (an expo, a conference) is all-day on each of
its days, with its hours a day in its description. With the schedule (`schedule`), an own open
to-do starts (DTSTART) on the first day the schedule plans work on it, when that is before its
due date, and its description lists the planned days.

Reminders (`settings.reminders`): a VALARM at `reminders.at` in the user's time zone, on the
due date (`days_before` days earlier), of every open task, on a delegated task's follow-up date
instead, and on an event's first day; as absolute UTC times, so every calendar rings at the same
moment. A reminder that would ring before the export was made (an overdue task) is left out, so
importing the file does not ring a flood of past reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from icalendar import Alarm, Calendar, Component, Event, Todo

from acct_tui import __version__
from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, TaskKind, TaskStatus
from acct_tui.domain.records import Task
from acct_tui.domain.schedule import Schedule
from acct_tui.domain.settings import ReminderSettings
from acct_tui.domain.wording import fmt_hours, short_day
from acct_tui.exchange.markdown import name

PRODID = f"-//acct-tui//acct-tui {__version__}//EN"
DONE_DAYS_KEPT = 30
HELD_ON_THEIR_DATE = frozenset({TaskKind.MEETING, TaskKind.PRESENTATION})
"""Task kinds exported as all-day events on their due date rather than as to-dos."""
_PRIORITY = {Priority.HIGH: 1, Priority.MEDIUM: 5, Priority.LOW: 9}
"""RFC 5545: 1 is the highest priority, 9 the lowest."""


def uid(kind: str, record_id: int, book_id: str) -> str:
    """The stable UID of a record in a calendar: the same book and record always give the same one."""
    return f"{kind}-{record_id}.{book_id}@acct-tui"


def _add_description(item: Component, *lines: tuple[str, str]) -> None:
    """DESCRIPTION from ("Label", text) lines; lines without text are left out, and so is an empty one."""
    text = "\n".join(f"{label}: {value}" if label else value for label, value in lines if value)
    if text:
        item.add("description", text)


class _Reminders:
    """VALARMs at the settings' time of day, in the user's zone, for moments after the export."""

    def __init__(self, settings: ReminderSettings, zone: tzinfo, stamp: datetime) -> None:
        self.settings = settings
        self.zone = zone
        self.stamp = stamp
        minutes = settings.minutes()
        self.at = time(minutes // 60, minutes % 60)

    def add(self, item: Component, day: date, text: str) -> None:
        if not self.settings.enabled:
            return
        rings = datetime.combine(day - timedelta(days=self.settings.days_before), self.at, tzinfo=self.zone)
        moment = rings.astimezone(UTC)
        if moment < self.stamp:
            return
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", moment, parameters={"VALUE": "DATE-TIME"})
        item.add_component(alarm)


def _planned(schedule: Schedule | None, task: Task) -> list[tuple[date, float]]:
    """The days the schedule plans work on an own open task, with the hours of each."""
    plan = schedule.plans.get(task.id) if schedule is not None else None
    return [(part.day, part.hours) for part in plan.parts] if plan is not None else []


def _task_item(
    book: Book,
    task: Task,
    due: date,
    book_id: str,
    stamp: datetime,
    notes: bool,
    reminders: _Reminders,
    schedule: Schedule | None,
) -> Component:
    item: Component
    is_open = task.status is not TaskStatus.DONE
    planned = _planned(schedule, task)
    if task.kind in HELD_ON_THEIR_DATE:
        item = Event()
        item.add("dtstart", due)
        item.add("dtend", due + timedelta(days=1))
        if is_open:
            reminders.add(item, due, f"{task.kind.value.capitalize()}: {task.title}")
    else:
        item = Todo()
        item.add("due", due)
        if planned and planned[0][0] < due:
            item.add("dtstart", planned[0][0])
        item.add("priority", _PRIORITY[task.priority])
        item.add("status", "NEEDS-ACTION" if is_open else "COMPLETED")
        if not is_open:
            item.add("percent-complete", 100)
        elif task.follow_up is not None and task.assignee_id is not None:
            who = name(book, "staff", task.assignee_id)
            reminders.add(item, task.follow_up, f"Follow up with {who}: {task.title}")
        else:
            reminders.add(item, due, f"Due {short_day(due)}: {task.title}")
    item.add("uid", uid("task", task.id, book_id))
    item.add("dtstamp", stamp)
    item.add("summary", task.title)
    item.add("categories", [task.kind.value])
    _add_description(
        item,
        ("Client", name(book, "clients", task.client_id)),
        ("Project", name(book, "projects", task.project_id)),
        ("Delegated to", name(book, "staff", task.assignee_id)),
        ("Planned", ", ".join(f"{short_day(day)} {fmt_hours(hours)}" for day, hours in planned)),
        ("", task.notes if notes else ""),
    )
    return item


def calendar(
    book: Book,
    book_id: str,
    today: date,
    stamp: datetime,
    progress: Callable[[int], None] | None = None,
    *,
    notes: bool = False,
    schedule: Schedule | None = None,
    zone: tzinfo = UTC,
) -> bytes:
    """The calendar of `book` on `today`; `stamp` (a UTC time) is every item's DTSTAMP, the export's time.

    Notes stay out unless `notes`: calendars are often synced to a cloud service, and a note on a
    client is not for it unless the user says so. `schedule` (`build_schedule(book, today, ...)`)
    gives the to-dos their planned days; `zone` is the user's, for the reminders' time of day.
    `progress` is called with the number of tasks looked at so far.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "acct-tui")
    reminders = _Reminders(book.settings.reminders, zone, stamp)
    oldest_done = today - timedelta(days=DONE_DAYS_KEPT)
    for done, task_id in enumerate(sorted(book.tasks), start=1):
        task = book.tasks[task_id]
        if task.due is not None and (task.done_on is None or task.done_on >= oldest_done):
            cal.add_component(_task_item(book, task, task.due, book_id, stamp, notes, reminders, schedule))
        if progress is not None:
            progress(done)
    for event_id in sorted(book.events):
        event = book.events[event_id]
        item = Event()
        item.add("uid", uid("event", event.id, book_id))
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        item.add("dtstart", event.start)
        item.add("dtend", event.end + timedelta(days=1))
        item.add("categories", [event.kind.value])
        if event.location:
            item.add("location", event.location)
        _add_description(
            item,
            ("Hours", f"{fmt_hours(event.hours)} a day"),
            ("Client", name(book, "clients", event.client_id)),
            ("", event.notes if notes else ""),
        )
        when = short_day(event.start) + (f" to {short_day(event.end)}" if event.end != event.start else "")
        reminders.add(item, event.start, f"{event.title}, {when}")
        cal.add_component(item)
    data: bytes = cal.to_ical()
    return data
