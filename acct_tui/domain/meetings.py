"""Meetings: the busy time of the account manager's own calendar, as the schedule reads it.

A `Meeting` is one occurrence of a calendar event (a recurring event gives one per occurrence),
already in the user's local wall-clock time, with what the schedule needs to know: when, whether
it blocks time, and who attends (so a meeting with a client's contact counts as touching that
client). `acct_tui.calendar` reads them from iCalendar files; the domain never reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of a calendar event, in local wall-clock time (naive datetimes)."""

    start: datetime
    end: datetime
    """After `start` for a timed event (equal to it for one without an end or a duration, which
    takes no time, as RFC 5545 says); for an all-day event, midnight after its last day."""
    title: str
    """As written in the calendar, control characters removed; shown as data, never markup."""
    all_day: bool = False
    busy: bool = True
    """Timed events are busy unless marked free (TRANSP:TRANSPARENT); all-day events only when
    marked busy (TRANSP:OPAQUE written out, or Outlook's BUSYSTATUS BUSY or OOF)."""
    attendees: frozenset[str] = frozenset()
    """Lower-case e-mail addresses of the organizer and the attendees."""
    uid: str = ""
    source: str = ""
    """The calendar file it came from, for messages."""

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def days(self) -> list[date]:
        """Every day the meeting touches (an all-day event's `end` is exclusive)."""
        last = (self.end - timedelta(microseconds=1)).date() if self.end > self.start else self.start.date()
        day, found = self.start.date(), []
        while day <= last:
            found.append(day)
            day += timedelta(days=1)
        return found
