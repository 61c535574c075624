"""Capacity: working windows, breaks, meetings inside the window, events and days away, by hand."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from acct_tui.domain.capacity import (
    day_capacities,
    is_working_day,
    nominal_day,
    nominal_week,
    planning_week,
    utilisation,
    working_days,
)
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.records import Event
from acct_tui.domain.settings import CapacitySettings, Settings
from tests.conftest import TODAY
from tests.domain.workload_books import day

DEFAULT = Settings().capacity


def at(offset: int, start: str, end: str, **fields: object) -> Meeting:
    """A meeting on TODAY + offset from `start` to `end` ("HH:MM")."""
    when = day(offset)
    return Meeting(
        start=datetime.combine(when, time.fromisoformat(start)),
        end=datetime.combine(when, time.fromisoformat(end)),
        title=str(fields.pop("title", f"Meeting {start}")),
        **fields,  # type: ignore[arg-type]
    )


def capacity_of(
    *meetings: Meeting, settings: CapacitySettings = DEFAULT, events: tuple[Event, ...] = (), on: date = TODAY
):
    return day_capacities(settings, events, meetings, [on])[on]


def test_a_working_day_is_its_window_less_its_breaks_and_a_weekend_has_none() -> None:
    # 09:00-17:30 is 8.5 h, less the 12:30-13:00 lunch: 8 h
    friday = capacity_of()
    assert (friday.working_hours, friday.hours, friday.meeting_hours, friday.presence_hours) == (8.0, 8.0, 0.0, 8.0)
    assert friday.why == "Fri 27 Nov: a working day of 8.0 h"
    saturday = capacity_of(on=day(1))
    assert (saturday.working_hours, saturday.hours) == (0.0, 0.0)
    assert saturday.why == "Sat 28 Nov is not a working day: 0 h"
    assert nominal_day(DEFAULT) == 8.0
    assert nominal_week(DEFAULT) == 40.0


def test_only_the_part_of_a_meeting_inside_the_window_and_outside_the_breaks_takes_time() -> None:
    across_lunch = at(0, "12:00", "14:00")  # 12:00-12:30 and 13:00-14:00: 1.5 h
    past_the_end = at(0, "17:00", "18:30")  # 17:00-17:30: 0.5 h
    before_work = at(0, "07:30", "08:45")  # before 09:00: nothing
    found = capacity_of(across_lunch, past_the_end, before_work)
    assert found.meeting_hours == 2.0
    assert found.hours == 6.0  # 8 - 2
    assert found.why == "Fri 27 Nov: a working day of 8.0 h, less 2.0 h of meetings: 6.0 h for tasks and attention"
    assert len(found.meetings) == 3  # all three are the day's meetings, shown in the week view
    # By start: before work (07:30) takes none of the window, the other two some of it.
    assert [m.title for m in found.meetings] == ["Meeting 07:30", "Meeting 12:00", "Meeting 17:00"]
    assert found.outside == (True, False, False)


def test_a_meeting_in_a_break_on_a_day_off_or_marked_free_is_not_outside_unless_busy_and_timed() -> None:
    in_lunch = at(0, "12:30", "13:00")  # the whole break: none of the window
    free_evening = at(0, "19:00", "20:00", busy=False)  # free: costs nothing, but it is "free", not "outside"
    assert capacity_of(in_lunch, free_evening).outside == (True, False)
    assert capacity_of(at(1, "10:00", "11:00"), on=day(1)).outside == (True,)  # Saturday: no window at all


def test_overlapping_meetings_count_once_and_free_ones_not_at_all() -> None:
    first = at(0, "10:00", "11:00")
    second = at(0, "10:30", "11:30")  # together 10:00-11:30: 1.5 h
    free = at(0, "14:00", "16:00", busy=False)  # marked free in the calendar: 0 h
    assert capacity_of(first, second, free).meeting_hours == 1.5


def test_a_busy_all_day_event_leaves_nothing_and_a_free_one_changes_nothing() -> None:
    off = Meeting(datetime(2026, 11, 27), datetime(2026, 11, 28), "Out of office", all_day=True, busy=True)
    found = capacity_of(off)
    assert (found.hours, found.presence_hours, found.away) == (0.0, 0.0, "Out of office")
    assert found.why == "Fri 27 Nov: away all day (Out of office): 0 h"
    holiday = Meeting(datetime(2026, 11, 27), datetime(2026, 11, 28), "Thanksgiving (US)", all_day=True, busy=False)
    assert capacity_of(holiday).hours == 8.0


def test_a_window_longer_than_the_day_absorbs_meetings_first() -> None:
    # 08:00-18:00 less 12:00-13:00 is 9 h of window, but only 8 h of work: 2 h of meetings leave 7 h
    # of window, and the day holds min(8, 7) = 7 h for tasks and attention.
    settings = CapacitySettings(window="08:00-18:00", breaks=["12:00-13:00"])
    found = capacity_of(at(0, "09:00", "11:00"), settings=settings)
    assert (found.working_hours, found.window_free_hours, found.meeting_hours, found.hours) == (8.0, 7.0, 2.0, 7.0)
    one_hour = capacity_of(at(0, "09:00", "10:00"), settings=settings)
    assert one_hour.hours == 8.0  # 9 h of window less 1 h still holds the 8 h day


def test_a_weekday_may_have_its_own_window() -> None:
    # Friday 09:00-13:00 less the 12:30-13:00 lunch: 3.5 h; Monday keeps 8 h
    settings = CapacitySettings(windows={"fri": "09:00-13:00"})
    assert capacity_of(settings=settings).hours == 3.5
    assert capacity_of(settings=settings, on=day(3)).hours == 8.0


def test_events_take_their_hours_on_every_day_they_cover_never_below_zero() -> None:
    expo = Event(id=1, title="Expo", start=day(-1), end=day(3), hours=6.0)
    dinner = Event(id=2, title="Dinner", start=TODAY, end=TODAY, hours=3.0)
    found = capacity_of(at(0, "09:00", "10:00"), events=(expo, dinner))
    # 8 - 1 h meeting = 7, less 9 h of events: 0, never below
    assert (found.event_hours, found.hours, found.events) == (9.0, 0.0, (("Expo", 6.0), ("Dinner", 3.0)))
    # at work, minus the events, the meeting included: 8 - 9 -> 0
    assert found.presence_hours == 0.0
    monday = capacity_of(events=(expo,), on=day(3))
    assert (monday.hours, monday.presence_hours) == (2.0, 2.0)
    assert (
        monday.why == "Mon 30 Nov: a working day of 8.0 h, less 6.0 h of events (Expo): 2.0 h for tasks and attention"
    )


def test_days_off_and_work_days_come_from_the_settings() -> None:
    settings = CapacitySettings(work_days=[1, 2, 3, 4], days_off=[day(3)], hours_per_day=6.0)
    assert not is_working_day(TODAY, settings)  # a Friday, not a work day here
    assert not is_working_day(day(3), settings)  # a day off
    assert is_working_day(day(4), settings)
    assert capacity_of(settings=settings, on=day(4)).hours == 6.0  # at most hours_per_day
    assert nominal_week(settings) == 24.0


def test_working_days_skip_weekends_and_days_off() -> None:
    settings = CapacitySettings(days_off=[day(4)])
    assert working_days(TODAY, 4, settings) == [TODAY, day(3), day(5), day(6)]


@pytest.mark.parametrize(
    ("load", "capacity", "nominal", "expected"),
    [
        (4.0, 8.0, 8.0, 0.5),
        (12.0, 8.0, 8.0, 1.5),
        (0.0, 0.0, 8.0, 0.0),
        (4.0, 0.0, 8.0, 1.5),  # no capacity: 100% plus the load as a share of a normal day
    ],
)
def test_utilisation(load: float, capacity: float, nominal: float, expected: float) -> None:
    assert utilisation(load, capacity, nominal) == expected


def test_the_settings_refuse_a_window_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        Settings.layered({"capacity": {"window": "18:00-09:00"}})
    with pytest.raises(ValueError, match="span of the day"):
        Settings.layered({"capacity": {"breaks": ["lunch"]}})


def test_the_week_being_planned_is_this_one_until_its_last_working_day_then_the_next() -> None:
    settings = CapacitySettings()
    sunday, next_sunday = date(2026, 11, 29), date(2026, 12, 6)
    assert planning_week(TODAY, settings) == (sunday, False)  # Friday: today is left
    assert planning_week(date(2026, 11, 28), settings) == (next_sunday, True)  # Saturday
    assert planning_week(sunday, settings) == (next_sunday, True)
    assert planning_week(date(2026, 11, 23), settings) == (sunday, False)  # Monday
    # Friday a day off: nothing of the week is left from Friday on.
    assert planning_week(TODAY, CapacitySettings(days_off=[TODAY])) == (next_sunday, True)
