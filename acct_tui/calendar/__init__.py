"""The user's own calendars, read from iCalendar files (Outlook, Google, Apple, Thunderbird exports,
or a folder that vdirsyncer keeps) into `acct_tui.domain.meetings.Meeting` occurrences.

Importing this package costs nothing at start-up: icalendar, recurring-ical-events and
x-wr-timezone are imported by the first read.
"""

from acct_tui.calendar.files import calendar_signature
from acct_tui.calendar.problems import CalendarProblem
from acct_tui.calendar.reader import CalendarRead, read_calendars
from acct_tui.calendar.zones import UnknownTimeZone, local_zone

__all__ = [
    "CalendarProblem",
    "CalendarRead",
    "UnknownTimeZone",
    "calendar_signature",
    "local_zone",
    "read_calendars",
]
