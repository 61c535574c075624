"""Capacity per day: working days, days off, events; utilisation, including at zero capacity."""

from __future__ import annotations

from datetime import date

import pytest

from acct_tui.domain.capacity import Calendar, is_working_day, utilisation, working_days
from acct_tui.domain.records import Event
from acct_tui.domain.settings import CapacitySettings
from tests.conftest import TODAY
from tests.domain.workload_books import day

SATURDAY, SUNDAY, MONDAY = day(1), day(2), day(3)


def event(record_id: int, start: date, end: date, hours: float, title: str = "") -> Event:
    return Event(id=record_id, title=title or f"Event {record_id}", start=start, end=end, hours=hours)


def calendar(*events: Event, **settings: object) -> Calendar:
    return Calendar(CapacitySettings.model_validate(settings), events, day(-4), day(16))


def test_a_working_day_has_the_hours_of_a_day_and_a_weekend_none() -> None:
    cal = calendar()
    assert cal.hours(TODAY) == 8.0
    assert cal.hours(SATURDAY) == 0.0
    assert cal.hours(SUNDAY) == 0.0
    assert cal.day(TODAY).why == "Fri 27 Nov: a working day of 8.0 h"
    assert cal.day(SATURDAY).why == "Sat 28 Nov is not a working day: 0 h"


def test_events_take_their_hours_on_every_day_they_cover_never_below_zero() -> None:
    cal = calendar(
        event(1, TODAY, TODAY, 2.0, "Steering"),  # Friday: 8 - 2 = 6
        event(2, MONDAY, day(5), 6.0, "Expo"),  # Mon-Wed: 8 - 6 = 2, and Wednesday also...
        event(3, day(5), day(5), 5.0, "Dinner"),  # ... 8 - 6 - 5 = -3 -> 0
        event(4, SATURDAY, SATURDAY, 8.0),  # a weekend stays at 0
    )
    assert cal.hours(TODAY) == 6.0
    assert cal.day(TODAY).why == "Fri 27 Nov: 8.0 h less 2.0 h of events (Steering) = 6.0 h"
    assert [cal.hours(day(offset)) for offset in (3, 4, 5)] == [2.0, 2.0, 0.0]
    assert cal.day(day(5)).event_hours == 11.0
    assert cal.hours(SATURDAY) == 0.0
    # Monday 23 to Sunday 29 November: 4 days of 8 h, Friday 6 h.
    assert cal.hours_between(day(-4), SUNDAY) == 38.0


def test_an_event_filling_the_day_leaves_nothing() -> None:
    assert calendar(event(1, TODAY, TODAY, 8.0)).hours(TODAY) == 0.0


def test_days_off_and_work_days_come_from_the_settings() -> None:
    cal = calendar(days_off=[TODAY], work_days=[1, 2, 3, 4, 5, 6])
    assert cal.hours(TODAY) == 0.0
    assert cal.hours(SATURDAY) == 8.0  # a six-day week
    assert cal.nominal_week == 48.0
    assert calendar(work_days=[1, 2, 3, 4]).hours(TODAY) == 0.0  # a four-day week: Friday off
    assert not is_working_day(TODAY, CapacitySettings(days_off=[TODAY]))
    assert is_working_day(MONDAY, CapacitySettings(days_off=[TODAY]))


def test_working_days_skip_weekends_and_days_off() -> None:
    settings = CapacitySettings(days_off=[day(4)])  # Tuesday 1 December off
    assert working_days(SATURDAY, 3, settings) == [MONDAY, day(5), day(6)]
    assert working_days(TODAY, 1, settings) == [TODAY]
    assert working_days(TODAY, 10, CapacitySettings())[-1] == day(13)  # Thursday 10 December
    assert working_days(TODAY, 3, CapacitySettings(work_days=[])) == []


def test_the_calendar_refuses_a_day_it_does_not_cover() -> None:
    with pytest.raises(ValueError, match="outside the calendar"):
        calendar().day(day(30))


@pytest.mark.parametrize(
    ("load", "capacity", "nominal", "expected"),
    [
        (6.0, 8.0, 8.0, 0.75),
        (12.0, 8.0, 8.0, 1.5),
        (0.0, 0.0, 8.0, 0.0),  # nothing asked of a day without capacity: 0%
        (4.0, 0.0, 8.0, 1.5),  # 4 h on a day without capacity: 100% + 4/8
        (2.0, 0.0, 0.0, 3.0),  # no nominal day either: 100% + 2/1
    ],
)
def test_utilisation(load: float, capacity: float, nominal: float, expected: float) -> None:
    assert utilisation(load, capacity, nominal) == expected
