"""The days a book may hold, and ISO weeks: the week of a day, the Monday of a week. Pure: no clock reads.

Dates as people type them are read by `acct_tui.domain.parsing`, shared by the forms and the import.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
"""The first and last day a record, a form or the command line (--today, --week) may name: the
planner looks weeks ahead and months back from them, which near the ends of Python's calendar
(years 1 and 9999) would overflow."""

_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)


def iso_week(day: date) -> str:
    """The ISO week of `day`, as "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    """The Monday of an ISO week given as "2026-W48". Raises ValueError for anything else."""
    match = _WEEK.match(week.strip())
    if not match:
        raise ValueError(f"{week!r} is not an ISO week (expected 2026-W48)")
    try:
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise ValueError(f"{week!r} is not a week of that year") from None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
