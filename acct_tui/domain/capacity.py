"""Capacity: the hours the account manager has on each day, and how load compares with them.

A working day is one of `settings.capacity.work_days` that is not in `days_off`. It has
`hours_per_day` less the hours of the events on it (each event takes its `hours` on every day
it covers), never below 0; every other day has 0. Staff members have their `weekly_capacity`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.records import Event
from acct_tui.domain.settings import CapacitySettings
from acct_tui.domain.wording import fmt_hours, short_day

ONE_DAY = timedelta(days=1)
_SEARCH_DAYS = 400
"""How far to look for working days: more than a year covers any list of days off."""


def utilisation(load: float, capacity: float, nominal: float) -> float:
    """Load over capacity as a fraction (1.0 is 100%).

    With no capacity there is nothing to divide by, and any load is over: the result is then 1.0
    plus the load as a share of `nominal` (a normal working day or week), so 4 h on a Saturday of
    an 8-hour working day reads 1.5, "150%: over". It stays a finite number, as JSON needs.
    """
    if capacity > 0:
        return load / capacity
    if load <= 0:
        return 0.0
    return 1.0 + load / (nominal or 1.0)


def is_working_day(day: date, settings: CapacitySettings) -> bool:
    return day.isoweekday() in settings.work_days and day not in settings.days_off


def working_days(start: date, count: int, settings: CapacitySettings) -> list[date]:
    """The first `count` working days from `start` (included), looking at most a year ahead."""
    found: list[date] = []
    off = frozenset(settings.days_off)
    day = start
    for _ in range(_SEARCH_DAYS):
        if len(found) == count:
            break
        if day.isoweekday() in settings.work_days and day not in off:
            found.append(day)
        day += ONE_DAY
    return found


@dataclass(frozen=True, slots=True)
class DayCapacity:
    """One day's capacity, and why it is what it is."""

    day: date
    day_hours: float
    """`hours_per_day` on a working day, else 0."""
    event_hours: float
    events: tuple[str, ...]

    @property
    def hours(self) -> float:
        return max(0.0, self.day_hours - self.event_hours) if self.day_hours else 0.0

    @property
    def why(self) -> str:
        if not self.day_hours:
            return f"{short_day(self.day)} is not a working day: 0 h"
        if not self.events:
            return f"{short_day(self.day)}: a working day of {fmt_hours(self.day_hours)}"
        return (
            f"{short_day(self.day)}: {fmt_hours(self.day_hours)} less {fmt_hours(self.event_hours)} of events "
            f"({', '.join(self.events)}) = {fmt_hours(self.hours)}"
        )


class Calendar:
    """The account manager's capacity on every day from `first` to `last`, from one pass over the events."""

    def __init__(self, settings: CapacitySettings, events: Iterable[Event], first: date, last: date) -> None:
        self.settings = settings
        self.first = first
        self.last = last
        self._off = frozenset(settings.days_off)
        self._events: dict[date, list[Event]] = {}
        for event in events:
            day, end = max(event.start, first), min(event.end, last)
            while day <= end:
                self._events.setdefault(day, []).append(event)
                day += ONE_DAY

    @property
    def nominal_day(self) -> float:
        """The hours of a working day without events."""
        return self.settings.hours_per_day

    @property
    def nominal_week(self) -> float:
        """The hours of a week of working days without events or days off."""
        return self.settings.hours_per_day * len(self.settings.work_days)

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() in self.settings.work_days and day not in self._off

    def day(self, day: date) -> DayCapacity:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the calendar ({self.first} to {self.last})")
        events = self._events.get(day, [])
        return DayCapacity(
            day=day,
            day_hours=self.settings.hours_per_day if self.is_working_day(day) else 0.0,
            event_hours=sum(event.hours for event in events),
            events=tuple(event.title for event in events),
        )

    def hours(self, day: date) -> float:
        return self.day(day).hours

    def hours_between(self, first: date, last: date) -> float:
        """The capacity of the days from `first` to `last`, both included."""
        total = 0.0
        day = first
        while day <= last:
            total += self.hours(day)
            day += ONE_DAY
        return total
