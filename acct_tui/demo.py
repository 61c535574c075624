"""The demo book and its calendar: `data/demo_book.json` and `data/demo_calendar.ics`, with their
dates stored relative to today.

In the book's template a date is written "@-3" (three days ago) or "@+14", a time "@-3 14:30"
and an ISO week "@w-2" (the week two weeks before this one). In the calendar's, a day is
"@wd+2" (the second working day from today), "@mon-6" (the Monday six weeks before this week's)
or "@mon+1+3" (next week's Thursday), followed by the time as iCalendar writes it ("T093000").
`write_demo_book` and `write_demo_calendar` turn them into real dates for `today` and write a
normal book and a normal .ics file, so the demo always looks current. Nothing here touches the
user's own book or calendar.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from acct_tui.domain.dates import iso_week
from acct_tui.store import layout
from acct_tui.store.loading import with_every_table
from acct_tui.store.migrations import SCHEMA_VERSION, Documents, migrate
from acct_tui.store.storage import atomic_write

_RELATIVE = re.compile(r"^@([+-]\d{1,5})(?: (\d{2}):(\d{2}))?$")
_RELATIVE_WEEK = re.compile(r"^@w([+-]\d{1,4})$")
_CALENDAR_DAY = re.compile(r"@(wd|mon)([+-]\d{1,3})(?:\+(\d))?")


def template_bytes(name: str = "demo_book.json") -> bytes:
    """A demo template: inside the installed package, or `data/` of a source checkout."""
    packaged = resources.files("acct_tui").joinpath(f"_data/{name}")
    if packaged.is_file():
        return packaged.read_bytes()
    return (Path(__file__).resolve().parent.parent / "data" / name).read_bytes()


def _materialize(value: Any, today: date) -> Any:
    if isinstance(value, str):
        if week := _RELATIVE_WEEK.match(value):
            return iso_week(today + timedelta(weeks=int(week.group(1))))
        match = _RELATIVE.match(value)
        if not match:
            return value
        day = today + timedelta(days=int(match.group(1)))
        if match.group(2) is None:
            return day.isoformat()
        return datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3))).isoformat()
    if isinstance(value, dict):
        return {k: _materialize(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v, today) for v in value]
    return value


_WORKING_DATES = {"tasks": ("due", "start_on", "follow_up"), "projects": ("next_meeting_on",)}
"""Dates a person sets on a working day: a Saturday becomes the Friday before, a Sunday the Monday after."""


def _on_a_working_day(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    for name in fields:
        value = record.get(name)
        if isinstance(value, str):
            day = date.fromisoformat(value)
            if day.weekday() >= 5:
                record[name] = (day + timedelta(days=-1 if day.weekday() == 5 else 1)).isoformat()
    return record


def template_documents(today: date) -> Documents:
    """The template's records with real dates for `today`, at the template's schema (1)."""
    tables = layout.decode(template_bytes())
    return {
        name: {
            rid: _on_a_working_day(_materialize(orjson.loads(blob), today), _WORKING_DATES.get(name, ()))
            for rid, blob in records.items()
        }
        for name, records in tables.items()
    }


def demo_tables(today: date) -> layout.Blobs:
    """The demo book's tables with real dates for `today`, upgraded to this acct-tui's schema.

    The template keeps schema 1's small ids, which people can read and edit; the upgrade gives
    them the ids a real book has (the same ones every time: they follow from its book_id).
    """
    documents = template_documents(today)
    documents = migrate(documents, documents["meta"][1]["schema_version"])
    documents["meta"][1]["schema_version"] = SCHEMA_VERSION
    return with_every_table(
        {name: {rid: orjson.dumps(doc) for rid, doc in records.items()} for name, records in documents.items()}
    )


def write_demo_book(path: Path, today: date) -> Path:
    """Write a fresh demo book at `path` (mode 0600)."""
    atomic_write(path, layout.encode(demo_tables(today)))
    return path


def _working_day(today: date, offset: int) -> date:
    """The `offset`-th working day (Monday to Friday) from today: 0 is today, or the next one."""
    day = today
    while day.weekday() >= 5:
        day += timedelta(days=1)
    step = 1 if offset >= 0 else -1
    for _ in range(abs(offset)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def demo_calendar(today: date) -> str:
    """The demo calendar's text with real dates for `today`."""

    def real(match: re.Match[str]) -> str:
        kind, offset, weekday = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if kind == "wd":
            day = _working_day(today, offset)
        else:
            day = today - timedelta(days=today.weekday()) + timedelta(weeks=offset, days=weekday)
        return f"{day:%Y%m%d}"

    text = _CALENDAR_DAY.sub(real, template_bytes("demo_calendar.ics").decode())
    return "\r\n".join(text.splitlines()) + "\r\n"  # iCalendar lines end in CRLF


def write_demo_calendar(path: Path, today: date) -> Path:
    """Write a fresh demo calendar at `path` (mode 0600)."""
    atomic_write(path, demo_calendar(today).encode())
    return path
