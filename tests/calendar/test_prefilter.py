"""The scan that leaves out events outside the window before icalendar parses them changes
nothing: reading with and without it gives the same meetings and the same problems."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acct_tui.calendar.sample import outlook_calendar
from tests.calendar.helpers import FIXTURES, read, rows
from tests.conftest import TODAY

WINDOWS = [
    (TODAY - timedelta(days=28), TODAY + timedelta(days=21)),  # the planner's
    (date(2026, 10, 22), date(2026, 10, 29)),  # the end of summer time
    (date(2026, 11, 23), date(2026, 11, 29)),
    (date(2026, 1, 1), date(2026, 1, 1)),
    (date(2019, 6, 1), date(2020, 6, 30)),
]


def test_same_result_on_every_fixture() -> None:
    names = sorted(p.name for p in FIXTURES.glob("*.ics"))
    for first, last in WINDOWS:
        for name in names:
            fast = read(name, first=first, last=last, my_addresses=["me@agency.example"])
            assert fast == read(name, first=first, last=last, my_addresses=["me@agency.example"], prefilter=False), name


def test_same_result_on_years_of_an_outlook_calendar(tmp_path: Path) -> None:
    path = tmp_path / "outlook.ics"
    path.write_text(outlook_calendar(TODAY, target_bytes=2_000_000), newline="")
    for first, last in WINDOWS[:2]:
        fast = read(path, first=first, last=last)
        assert fast.meetings  # the windows hold meetings, so the comparison says something
        assert fast == read(path, first=first, last=last, prefilter=False)


ZONES = (
    ";TZID=Pacific/Kiritimati",
    ";TZID=Etc/GMT+12",
    "",  # floating
    "Z",
    ";TZID=Europe/Berlin",
    ";TZID=America/New_York",
    ";TZID=Pacific/Kiritimati",  # UTC+14: its dates run up to a day ahead of Berlin's
    ";TZID=Etc/GMT+12",  # UTC-12: up to a day behind
    ";TZID=W. Europe Standard Time",
)
RULES = (
    None,
    None,
    None,
    "FREQ=DAILY;COUNT=15",
    "FREQ=WEEKLY;COUNT=6;BYDAY=MO,TH",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=MONTHLY;COUNT=3",
    "UNTIL",
)
FIRST = date(2026, 11, 1)
"""The windows start around here; events are placed around the window's edges."""


def test_the_zones_furthest_from_the_users_still_touch_the_window(tmp_path: Path) -> None:
    """The scan reads dates as written: an event dated the day after the window, in the zone
    furthest ahead, can be inside it in the user's zone, and so can one dated the day before."""
    path = tmp_path / "edges.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        # Kiritimati is UTC+14: 2 Nov 05:00 there is 1 Nov 15:00Z, 16:00 in Berlin (CET)
        "BEGIN:VEVENT\nUID:ahead\nSUMMARY:Ahead\nDTSTART;TZID=Pacific/Kiritimati:20261102T050000\n"
        "DTEND;TZID=Pacific/Kiritimati:20261102T053000\nEND:VEVENT\n"
        # Etc/GMT+12 is UTC-12: 31 Oct 20:00-20:30 there is 1 Nov 08:00Z, 09:00 in Berlin
        "BEGIN:VEVENT\nUID:behind\nSUMMARY:Behind\nDTSTART;TZID=Etc/GMT+12:20261031T200000\n"
        "DTEND;TZID=Etc/GMT+12:20261031T203000\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    found = read(path, first=FIRST, last=FIRST)
    assert rows(found) == [
        ("2026-11-01 09:00", "2026-11-01 09:30", "Behind", "busy"),
        ("2026-11-01 16:00", "2026-11-01 16:30", "Ahead", "busy"),
    ]
    assert found == read(path, first=FIRST, last=FIRST, prefilter=False)


@st.composite
def events(draw: st.DrawFn, number: int, days: int) -> str:
    """One VEVENT (and sometimes a moved instance of it) around a window of `days` + 1 days from
    FIRST, in any zone, with or without an alarm that has dates and a UID of its own."""
    edge = draw(st.sampled_from([None, 0, (days + 1) * 24]))  # near the window's start or end, or anywhere
    hours = draw(st.integers(-30 * 24, (days + 30) * 24)) if edge is None else edge + draw(st.integers(-36, 36))
    start = datetime.combine(FIRST, datetime.min.time()) + timedelta(hours=hours)
    all_day = draw(st.booleans())
    zone = draw(st.sampled_from(ZONES))
    uid = f"e{draw(st.integers(0, number))}"  # now and then two events share a UID

    def stamp(moment: datetime) -> str:
        if all_day:
            return f";VALUE=DATE:{moment:%Y%m%d}"
        if zone == "Z":
            return f":{moment:%Y%m%dT%H%M%S}Z"
        return f"{zone}:{moment:%Y%m%dT%H%M%S}"

    alarm = ["BEGIN:VALARM", "UID:alarm", "TRIGGER:-PT5M", "DTSTART:20200101T000000", "ACTION:DISPLAY", "END:VALARM"]
    lines = ["BEGIN:VEVENT"]
    alarm_first = draw(st.sampled_from([None, True, False]))
    if alarm_first:
        lines += alarm
    lines += [f"UID:{uid}", f"SUMMARY:Event {number}", f"DTSTART{stamp(start)}"]
    length = draw(st.sampled_from([None, timedelta(0), timedelta(minutes=30), timedelta(hours=5), timedelta(days=3)]))
    if length is not None:
        lines.append(f"DTEND{stamp(start + (max(length, timedelta(days=1)) if all_day else length))}")
    rule = draw(st.sampled_from(RULES))
    if rule == "UNTIL":
        rule = f"FREQ=DAILY;UNTIL={(start + timedelta(days=12)):%Y%m%d}T235959Z"
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    if draw(st.booleans()):
        lines.append(f"RDATE{stamp(start + timedelta(days=draw(st.integers(-30, 30))))}")
    if alarm_first is False:
        lines += alarm
    lines.append("END:VEVENT")
    if rule is not None and draw(st.booleans()):  # the second repetition moved, or cancelled
        original = start + timedelta(days=1 if "DAILY" in rule else 7 if "WEEKLY" in rule else 31)
        moved = original + timedelta(days=draw(st.integers(-20, 20)))
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"RECURRENCE-ID{stamp(original)}", f"DTSTART{stamp(moved)}"]
        lines += [*(["STATUS:CANCELLED"] if draw(st.booleans()) else []), "SUMMARY:Moved", "END:VEVENT"]
    return "\n".join(lines)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[str, int]:
    days = draw(st.integers(0, 20))
    count = draw(st.integers(1, 12))
    body = [draw(events(number, days)) for number in range(count)]
    return "BEGIN:VCALENDAR\nVERSION:2.0\n" + "\n".join(body) + "\nEND:VCALENDAR\n", days


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calendar=calendars())
def test_same_result_on_any_calendar(tmp_path: Path, calendar: tuple[str, int]) -> None:
    text, days = calendar
    path = tmp_path / "any.ics"
    path.write_text(text)
    last = FIRST + timedelta(days=days)
    assert read(path, first=FIRST, last=last) == read(path, first=FIRST, last=last, prefilter=False)
