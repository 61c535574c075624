"""Reading the user's calendar files into the meetings of a window of days.

`read_calendars` is the one way in: it reads every file it is given (or every .ics file in a
folder), never writes one, and never raises for a bad file: each problem is a message naming the
file and the line, and the other files and events are still read. A big file is read in a few
tens of milliseconds: the scan (`acct_tui.calendar.scan`) leaves out the events that cannot touch
the window before icalendar parses anything.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, tzinfo
from pathlib import Path

from acct_tui.calendar.events import Budget, Window, address, read_unit
from acct_tui.calendar.files import calendar_files, decode, read_bytes
from acct_tui.calendar.found import CalendarRead
from acct_tui.calendar.problems import CalendarProblem, FileProblems
from acct_tui.calendar.scan import scan, scan_text
from acct_tui.calendar.zones import local_zone
from acct_tui.domain.meetings import Meeting


def read_calendars(
    paths: Sequence[Path],
    first: date,
    last: date,
    *,
    my_addresses: Collection[str] = (),
    zone: tzinfo | None = None,
    prefilter: bool = True,
) -> CalendarRead:
    """The meetings of the calendars at `paths` (files, or folders of .ics files) that touch the
    days `first` to `last` (inclusive, in local time), converted to `zone` (default: `local_zone()`).

    `my_addresses` are the user's own e-mail addresses: an event they declined is left out.
    `prefilter=False` has icalendar parse every event, even those the scan can tell are outside
    the window: the same result, only slower (for the tests and the bench).
    """
    mine = frozenset(found for found in (address(a) for a in my_addresses) if found is not None)
    window = Window(first, last, zone if zone is not None else local_zone(), mine)
    meetings: list[Meeting] = []
    problems: list[CalendarProblem] = []
    seen: set[tuple[str, object, object]] = set()
    for path in paths:
        files, problem = calendar_files(path)
        if problem is not None:
            problems.append(CalendarProblem(path, None, problem))
        for file in files:
            found, file_problems = _read_file(file, window, prefilter=prefilter)
            problems.extend(file_problems)
            for meeting in found:
                key = (meeting.uid, meeting.start, meeting.end)
                if meeting.uid and key in seen:
                    continue  # the same meeting in two calendars (invited in both) counts once
                seen.add(key)
                meetings.append(meeting)
    meetings.sort(key=lambda m: (m.start, m.end, m.title, m.uid, m.source))
    return CalendarRead(tuple(meetings), tuple(problems))


def _read_file(path: Path, window: Window, *, prefilter: bool) -> tuple[list[Meeting], list[CalendarProblem]]:
    problems = FileProblems(path)
    data = read_bytes(path, problems)
    if data is None:
        return [], problems.capped()
    if not data.strip():
        problems.add("the file is empty")
        return [], problems.capped()
    text = scan_text(decode(data, problems))
    problems.text = text
    units = scan(text, problems)
    if not units:
        problems.found[:] = [CalendarProblem(path, None, "is not an iCalendar file (it has no BEGIN:VCALENDAR)")]
        return [], problems.capped()
    budget = Budget()
    meetings: list[Meeting] = []
    for unit in units:
        try:
            meetings.extend(read_unit(text, unit, window, problems, budget, prefilter=prefilter))
        except Exception as error:  # a case no rule above foresaw: the file's other calendars still count
            problems.add(f"cannot be read ({type(error).__name__}: {error})", offset=unit.start)
    return meetings, problems.capped()
