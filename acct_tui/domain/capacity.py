"""Capacity: the hours the account manager has for tasks and attention on each day, and why.

A working day (one of `capacity.work_days`, not in `days_off`) has a working window (09:00-17:30
by default, or the weekday's own) less its breaks (12:30-13:00), at most `hours_per_day`. From
that come, in order: the busy time of the calendar's meetings inside the window (outside the
breaks; overlapping meetings count once), then the hours of the book's events on that day. What
is left, never below 0, is the day's capacity: the time the schedule may fill with tasks and
stage attention. A busy all-day calendar event (out of office) leaves no capacity; other days
have none either. Staff members have their `weekly_capacity`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from acct_tui.domain.meetings import Meeting
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


def planning_week(today: date, settings: CapacitySettings) -> tuple[date, bool]:
    """The last day (Sunday) of the week being planned, and whether it is next week's: this week's
    while one of its working days is left (today included), else next week's (on a weekend)."""
    sunday = today + timedelta(days=7 - today.isoweekday())
    left = any(is_working_day(today + timedelta(days=n), settings) for n in range((sunday - today).days + 1))
    return (sunday, False) if left else (sunday + timedelta(days=7), True)


Span = tuple[int, int]
"""Minutes from the day's midnight: [start, end)."""


def _minus(spans: list[Span], cut: Span) -> list[Span]:
    """`spans` with the minutes of `cut` taken out."""
    found: list[Span] = []
    for start, end in spans:
        if cut[1] <= start or cut[0] >= end:
            found.append((start, end))
            continue
        if start < cut[0]:
            found.append((start, cut[0]))
        if cut[1] < end:
            found.append((cut[1], end))
    return found


def _union_minutes(spans: Iterable[Span]) -> int:
    total, reach = 0, -1
    for start, end in sorted(spans):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def _minutes(moment: datetime, day: date) -> int:
    """`moment` as minutes from `day`'s midnight, clamped to the day."""
    midnight = datetime.combine(day, time.min)
    return int(min(max((moment - midnight).total_seconds() // 60, 0), 24 * 60))


@dataclass(frozen=True, slots=True)
class DayCapacity:
    """One day's capacity, and why it is what it is."""

    day: date
    working_hours: float
    """The window less its breaks, at most `hours_per_day`, on a working day; else 0."""
    window_free_hours: float
    """The window less its breaks and the meetings in it."""
    meeting_hours: float
    """Busy meeting time inside the window and outside the breaks."""
    event_hours: float
    events: tuple[tuple[str, float], ...]
    """(title, hours) of each of the book's events on the day."""
    away: str = ""
    """The busy all-day event that takes the whole day, if any."""
    meetings: tuple[Meeting, ...] = ()
    """Every meeting of the day, busy or not, by start."""
    outside: tuple[bool, ...] = ()
    """For each of `meetings`: busy, timed, and with none of its time in the working window (so it
    takes no capacity: an evening call, a meeting in a break or on a day off)."""

    @property
    def hours(self) -> float:
        """The capacity: what the schedule may fill with tasks and stage attention."""
        if self.away or not self.working_hours:
            return 0.0
        return round(max(0.0, min(self.working_hours, self.window_free_hours) - self.event_hours), 2)

    @property
    def presence_hours(self) -> float:
        """Hours at work and reachable (meetings included, events and days away not): stage
        attention is spread over the week in proportion to them."""
        if self.away or not self.working_hours:
            return 0.0
        return max(0.0, self.working_hours - self.event_hours)

    @property
    def why(self) -> str:
        day = short_day(self.day)
        if not self.working_hours:
            return f"{day} is not a working day: 0 h"
        if self.away:
            return f"{day}: away all day ({self.away}): 0 h"
        text = f"{day}: a working day of {fmt_hours(self.working_hours)}"
        if self.meeting_hours:
            text += f", less {fmt_hours(self.meeting_hours)} of meetings"
            if self.window_free_hours > self.working_hours - self.meeting_hours + 0.005:
                text += f" (the window has {fmt_hours(self.window_free_hours)} free around them)"
        if self.events:
            text += f", less {fmt_hours(self.event_hours)} of events ({', '.join(t for t, _ in self.events)})"
        if self.meeting_hours or self.events:
            text += f": {fmt_hours(self.hours)} for tasks and attention"
        return text


def day_capacities(
    settings: CapacitySettings, events: Iterable[Event], meetings: Iterable[Meeting], days: Sequence[date]
) -> dict[date, DayCapacity]:
    """The capacity of each of `days`, from one pass over the events and one over the meetings."""
    wanted = set(days)
    on_day: defaultdict[date, list[Event]] = defaultdict(list)
    first, last = (min(wanted), max(wanted)) if wanted else (date.max, date.min)
    for event in events:
        day, end = max(event.start, first), min(event.end, last)
        while day <= end:
            on_day[day].append(event)
            day += ONE_DAY
    met: defaultdict[date, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        for day in meeting.days():
            if day in wanted:
                met[day].append(meeting)
    off = frozenset(settings.days_off)
    found = {}
    for day in days:
        todays = sorted(met.get(day, ()), key=lambda m: (m.start, m.end, m.title))
        events_today = on_day.get(day, [])
        working = day.isoweekday() in settings.work_days and day not in off
        window_free = meeting_hours = working_hours = 0.0
        spans = _open_spans(settings, day.isoweekday()) if working else []
        inside = [_inside(spans, m, day) if m.busy and not m.all_day else [] for m in todays]
        if working:
            open_minutes = sum(b - a for a, b in spans)
            working_hours = min(settings.hours_per_day, open_minutes / 60)
            meeting_minutes = _union_minutes(span for parts in inside for span in parts)
            meeting_hours = round(meeting_minutes / 60, 2)
            window_free = round((open_minutes - meeting_minutes) / 60, 2)
        away = next((m.title for m in todays if m.all_day and m.busy), "")
        found[day] = DayCapacity(
            day=day,
            working_hours=round(working_hours, 2),
            window_free_hours=window_free,
            meeting_hours=meeting_hours,
            event_hours=round(sum(e.hours for e in events_today), 2),
            events=tuple((e.title, e.hours) for e in events_today),
            away=away,
            meetings=tuple(todays),
            outside=tuple(m.busy and not m.all_day and not parts for m, parts in zip(todays, inside, strict=True)),
        )
    return found


def _inside(spans: list[Span], meeting: Meeting, day: date) -> list[Span]:
    """The parts of `meeting` on `day` that fall in `spans` (the window less its breaks)."""
    start, end = _minutes(meeting.start, day), _minutes(meeting.end, day)
    return [(max(a, start), min(b, end)) for a, b in spans if max(a, start) < min(b, end)]


def _open_spans(settings: CapacitySettings, weekday: int) -> list[Span]:
    """The working window of ISO `weekday` less its breaks."""
    spans = [settings.window_of(weekday)]
    for cut in settings.break_ranges():
        spans = _minus(spans, cut)
    return spans


def _day_hours(settings: CapacitySettings, weekday: int) -> float:
    return min(settings.hours_per_day, sum(b - a for a, b in _open_spans(settings, weekday)) / 60)


def nominal_day(settings: CapacitySettings) -> float:
    """The hours of a working day without meetings or events (the first work day's, if weekdays differ)."""
    return _day_hours(settings, settings.work_days[0] if settings.work_days else 1)


def nominal_week(settings: CapacitySettings) -> float:
    """The hours of a week of working days without meetings, events or days off."""
    return sum(_day_hours(settings, weekday) for weekday in settings.work_days)
