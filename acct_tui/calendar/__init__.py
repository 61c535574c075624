"""The user's own calendars, read from iCalendar files (Outlook, Google, Apple, Thunderbird exports,
or a folder that vdirsyncer keeps) into `acct_tui.domain.meetings.Meeting` occurrences.

Importing this package, or one of its small modules (`files`, `zones`, `found`), costs nothing
at start-up: each name below is imported on first use (as Textual's `textual.widgets` does), the
reader only by a read, and icalendar, recurring-ical-events and x-wr-timezone by the first read
of a file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acct_tui.calendar.files import calendar_signature
    from acct_tui.calendar.found import CalendarRead
    from acct_tui.calendar.problems import CalendarProblem
    from acct_tui.calendar.reader import read_calendars
    from acct_tui.calendar.zones import UnknownTimeZone, local_zone

__all__ = [
    "CalendarProblem",
    "CalendarRead",
    "UnknownTimeZone",
    "calendar_signature",
    "local_zone",
    "read_calendars",
]

_MODULES = {
    "CalendarProblem": "problems",
    "CalendarRead": "found",
    "UnknownTimeZone": "zones",
    "calendar_signature": "files",
    "local_zone": "zones",
    "read_calendars": "reader",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
