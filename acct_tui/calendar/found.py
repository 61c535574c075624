"""What a read of the calendars found: the meetings of a window of days and the problems.

Apart from the reader so that a session without calendars has its empty answer without
importing the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from acct_tui.calendar.problems import CalendarProblem
from acct_tui.domain.meetings import Meeting


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """What the calendars hold for a window of days, and what could not be read."""

    meetings: tuple[Meeting, ...] = ()
    """Every occurrence touching the window, in local wall-clock time, sorted by start."""
    problems: tuple[CalendarProblem, ...] = ()
