"""The book's dates as iCalendar (RFC 5545), built with the `icalendar` library.

Tasks with a due date become to-dos (VTODO); meeting tasks and events become all-day events
(VEVENT). Every item's UID is built from the book's id and the record's, so importing a newer
export into a calendar updates the items it already has instead of adding them again. A done task
stays in the export for `DONE_DAYS_KEPT` days, marked completed, so that a calendar which took it
in while it was open learns that it is done; older done tasks are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Component, Event, Todo

from acct_tui import __version__
from acct_tui.domain.book import Book
from acct_tui.domain.enums import Priority, TaskKind, TaskStatus
from acct_tui.domain.records import Task
from acct_tui.exchange.markdown import name

PRODID = f"-//acct-tui//acct-tui {__version__}//EN"
DONE_DAYS_KEPT = 30
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


def _task_item(book: Book, task: Task, due: date, book_id: str, stamp: datetime, notes: bool) -> Component:
    item: Component
    if task.kind is TaskKind.MEETING:
        item = Event()
        item.add("dtstart", due)
        item.add("dtend", due + timedelta(days=1))
    else:
        item = Todo()
        item.add("due", due)
        item.add("priority", _PRIORITY[task.priority])
        done = task.status is TaskStatus.DONE
        item.add("status", "COMPLETED" if done else "NEEDS-ACTION")
        if done:
            item.add("percent-complete", 100)
    item.add("uid", uid("task", task.id, book_id))
    item.add("dtstamp", stamp)
    item.add("summary", task.title)
    item.add("categories", [task.kind.value])
    _add_description(
        item,
        ("Client", name(book, "clients", task.client_id)),
        ("Project", name(book, "projects", task.project_id)),
        ("Delegated to", name(book, "staff", task.assignee_id)),
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
) -> bytes:
    """The calendar of `book` on `today`; `stamp` (a UTC time) is every item's DTSTAMP, the export's time.

    Notes stay out unless `notes`: calendars are often synced to a cloud service, and a note on a
    client is not for it unless the user says so. `progress` is called with the number of tasks
    looked at so far.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "acct-tui")
    oldest_done = today - timedelta(days=DONE_DAYS_KEPT)
    for done, task_id in enumerate(sorted(book.tasks), start=1):
        task = book.tasks[task_id]
        if task.due is not None and (task.done_on is None or task.done_on >= oldest_done):
            cal.add_component(_task_item(book, task, task.due, book_id, stamp, notes))
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
        _add_description(item, ("Client", name(book, "clients", event.client_id)), ("", event.notes if notes else ""))
        cal.add_component(item)
    data: bytes = cal.to_ical()
    return data
