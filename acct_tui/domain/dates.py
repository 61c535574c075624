"""Dates as people type them, and ISO weeks. Pure: `today` is always passed in."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE_HELP = "2026-12-01, 1.12.2026, today, tomorrow, +3d, +2w or a weekday such as fri"

_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*([dw]?)$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)


def parse_day(text: str, today: date) -> date:
    """A date from what a person types. Weekday names mean the next such day after today.

    Raises ValueError with a message that lists the accepted forms.
    """
    value = text.strip().lower()
    if value in ("today", "tod", "now"):
        return today
    if value in ("tomorrow", "tom", "tmr"):
        return today + timedelta(days=1)
    if value == "yesterday":
        return today - timedelta(days=1)
    if match := _OFFSET.match(value):
        sign, number, unit = match.groups()
        days = int(number) * (7 if unit == "w" else 1)
        try:
            return today + timedelta(days=days if sign == "+" else -days)
        except OverflowError:
            raise ValueError(f"{text!r} is too far away") from None
    if len(value) >= 2:
        for index, name in enumerate(WEEKDAYS):
            if name.startswith(value) and (len(value) >= 3 or value in ("mo", "tu", "we", "th", "fr", "sa", "su")):
                ahead = (index - today.weekday()) % 7 or 7
                return today + timedelta(days=ahead)
    if match := _DOTTED.match(value):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError as err:
            raise ValueError(f"{text!r} is not a real date ({err})") from None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use {DATE_HELP}") from None


def parse_when(text: str, today: date, now: datetime | None = None) -> datetime:
    """A date and time: "2026-11-27 14:30", "today 9:00", "now", or a day alone (at 09:00)."""
    value = text.strip()
    if value.lower() == "now":
        return (now or datetime.combine(today, datetime.min.time())).replace(second=0, microsecond=0)
    day_part, _, time_part = value.replace("T", " ").partition(" ")
    day = parse_day(day_part, today)
    if not time_part.strip():
        return datetime.combine(day, datetime.min.time()).replace(hour=9)
    try:
        hour, minute = (int(p) for p in time_part.strip().split(":", 1))
        return datetime(day.year, day.month, day.day, hour, minute)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a time: use 2026-11-27 14:30 or today 9:00") from None


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
