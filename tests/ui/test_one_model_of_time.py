"""Every view that shows hours reads the same schedule: the Today pane's meetings and plan, the
Workload meters and the week view add up to the same figures, and say what they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Event
from acct_tui.store.repository import Repository
from acct_tui.ui.format import hours
from acct_tui.ui.screens.week import WeekScreen, WeekView, day_column
from tests.conftest import TODAY
from tests.ui.conftest import running

EVENT = """BEGIN:VEVENT
UID:{uid}@test
SUMMARY:{title}
DTSTART:2026{start}00
DTEND:2026{end}00
END:VEVENT
"""


def calendar(*events: str) -> str:
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + "".join(events) + "END:VCALENDAR\n"


def overlapping_day(path: Path) -> Path:
    """Friday 27 Nov: two meetings that overlap (10:00-11:00 and 10:30-11:30: 1.5 h together, 2 h
    added up) and one past the end of the window (17:00-18:30: 0.5 h of it before 17:30)."""
    path.write_text(
        calendar(
            EVENT.format(uid="a", title="Board call", start="1127T1000", end="1127T1100"),
            EVENT.format(uid="b", title="Pricing", start="1127T1030", end="1127T1130"),
            EVENT.format(uid="c", title="Late call", start="1127T1700", end="1127T1830"),
        )
    )
    return path


async def test_today_counts_meetings_as_the_schedule_does(demo_path: Path, tmp_path: Path) -> None:
    ics = overlapping_day(tmp_path / "work.ics")
    async with running(demo_path, calendars=(ics,)) as ui:
        found = ui.main.assessment
        assert found is not None
        # 1.5 h (the overlap counted once) + 0.5 h (inside the window) = 2 h, not 2 + 1.5 = 3.5 h
        assert found.capacity_today.meeting_hours == 2.0
        assert ui.text("#today .pane-heading").startswith("Fri 27 Nov: 2h of meetings, ")


async def test_todays_plan_heading_adds_up_to_the_workload_meter(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        found = ui.main.assessment
        assert found is not None
        day = found.schedule.days[0]
        text = ui.text("#today-list")
        # The Workload meter says "<scheduled> of <capacity>"; the plan says the same, and its parts.
        plan = f"Plan: {hours(day.scheduled_hours)} of {hours(day.capacity_hours)}, {hours(day.free_hours)} free"
        assert plan in text
        parts = [f"tasks {hours(day.task_hours)}", f"attention {hours(day.attention_hours)}"]
        if day.check_hours:
            parts.insert(1, f"checks {hours(day.check_hours)}")
        assert day.task_hours and day.attention_hours, "the demo's Friday has tasks and attention"
        assert " + ".join(parts) in text
        assert f"{hours(found.load_hours_today)} of {hours(found.capacity_hours_today)}" in ui.text("#workload-view")


TUESDAY = date(2026, 12, 1)
"""A Tuesday: four working days left in the week, so the week's hours are two-digit figures."""


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_workload_pane_cuts_nothing(tmp_path: Path, size: tuple[int, int]) -> None:
    book = write_demo_book(tmp_path / "demo.json", TUESDAY)
    async with running(book, size=size, today=TUESDAY) as ui:
        await ui.press("4")
        found = ui.main.assessment
        assert found is not None
        text = ui.text("#workload-view")
        assert "…" not in text, text
        assert f"{hours(found.load_hours_week)} of {hours(found.capacity_hours_week)}" in text
        assert len(hours(found.load_hours_week)) >= 6, "the case that was cut: 26.38h of 26.5h"
        felt = next(w for w in reversed(found.trend) if w.raw_tlx is not None)
        assert f"felt {felt.raw_tlx:g} ({felt.week[-3:]})" in text


async def test_the_week_view_shows_five_working_days_at_80_columns_and_wraps_titles(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.press("W")
        assert isinstance(ui.screen, WeekScreen)
        view = ui.screen.query_one(WeekView)
        assert view.columns_shown == 5
        text = ui.text("#week-view")
        days = ui.main.assessment.days if ui.main.assessment else ()
        assert [f"{d.date:%a %d %b}" in text for d in days[:6]] == [True] * 5 + [False]
        assert "…" not in text, "titles wrap in their column instead of being cut"
        await ui.press("right")
        assert view.first == 1 and f"{days[5].date:%a %d %b}" in ui.text("#week-view")
        scroll = ui.screen.query_one("#week-scroll")
        await ui.press("pagedown")
        assert scroll.scroll_y > 0, "a tall day scrolls with the keys"


WEEK_CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:gym@test
SUMMARY:Gym
DTSTART:20261130T110000
DTEND:20261130T120000
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:release@test
SUMMARY:Release
DTSTART:20261130T160000
DTEND:20261201T100000
END:VEVENT
BEGIN:VEVENT
UID:offsite@test
SUMMARY:Offsite
DTSTART;VALUE=DATE:20261202
DTEND;VALUE=DATE:20261203
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""


async def test_the_week_view_says_free_away_late_and_clips_a_meeting_past_midnight(
    demo_path: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "week.ics"
    ics.write_text(WEEK_CALENDAR)
    async with running(demo_path, calendars=(ics,)) as ui:
        found = ui.main.assessment
        assert found is not None
        book = ui.app.repo.book

        def column(day: date) -> list[str]:
            scheduled = found.schedule.day(day)
            assert scheduled is not None
            return [line.plain for line in day_column(scheduled, book, False)]

        monday, tuesday, wednesday = column(date(2026, 11, 30)), column(date(2026, 12, 1)), column(date(2026, 12, 2))
        assert "11:00-12:00 Gym (free)" in monday
        assert "16:00-24:00 Release" in monday and "00:00-10:00 Release" in tuesday
        assert "away: Offsite" in wednesday
        assert not any("Offsite" in line for line in wednesday if line != "away: Offsite"), wednesday
        # A task placed after its due date says so in words, not only in red.
        late = [
            (part.day, book.tasks[part.task_id].title)
            for day in found.days
            for part in day.parts
            if (due := book.tasks[part.task_id].due) is not None and due < part.day
        ]
        assert late, "the demo has overdue tasks, placed from today"
        day, title = late[0]
        assert any(line.startswith("! ") and line.endswith(f"{title} late") for line in column(day)), column(day)


async def test_todays_book_events_show_beside_the_meetings_and_take_their_hours(demo_path: Path) -> None:
    with Repository.open(demo_path, today=TODAY) as repo:
        repo.events.add(Event(title="Trade fair", start=TODAY, end=TODAY, hours=3.0))
    async with running(demo_path) as ui:
        found = ui.main.assessment
        assert found is not None
        assert found.capacity_today.event_hours == 3.0  # the schedule counts it
        # the demo's Friday has no meetings: an 8 h day less the 3 h fair leaves 5 h of capacity
        assert found.capacity_hours_today == 5.0
        lines = [line.strip() for line in ui.lines("#today-list")]
        assert lines[:2] == ["Events (1)", "event 3h Trade fair"]
        assert ui.text("#today .pane-heading").startswith("Fri 27 Nov: 3h of events, ")


SATURDAY = date(2026, 12, 5)


async def test_on_a_saturday_nothing_overflows_staff_show_next_week_and_the_plan_names_monday(
    tmp_path: Path,
) -> None:
    book = write_demo_book(tmp_path / "demo.json", SATURDAY)
    async with running(book, today=SATURDAY) as ui:
        found = ui.main.assessment
        assert found is not None
        assert found.plan.overflow == (), "a day off has no plan to overflow"
        lines = [line.strip() for line in ui.lines("#today-list")]
        assert "Sat 5 Dec is not a working day: the plan starts on Mon 7 Dec" in lines
        assert ui.text("#today .pane-heading").startswith("Sat 05 Dec: not a working day")
        assert not any(line.startswith(("Does not fit", "Plan:")) for line in lines), lines
        # Staff: no working day of this week is left, so their room is next week's (5 days of 40 h).
        minh = next(s for s in found.staff if s.name == "Minh Nguyen")
        assert (minh.capacity_hours_week, minh.next_week) == (40.0, True)
        assert "Minh 1h/0h" not in ui.text("#workload-view")
        await ui.press("D")
        assert any(
            line.startswith("Minh Nguyen · ") and " of 40h next week " in line for line in ui.lines("#list-rows")
        )


async def test_a_week_view_opened_before_the_calendar_is_read_shows_it_once_read(
    demo_path: Path, tmp_path: Path
) -> None:
    """The calendar is read in a worker after the first frame: a week view (or the at-risk list)
    opened meanwhile shows the panes' schedule once the recompute with the meetings ends."""
    ics = overlapping_day(tmp_path / "work.ics")
    async with running(demo_path, calendars=(ics,)) as ui:
        meetings = ui.app.meetings
        assert meetings
        ui.app.meetings = ()  # as before the calendar was read
        ui.main.refresh_panes()
        await ui.press("W")
        assert isinstance(ui.screen, WeekScreen)
        assert "Board call" not in ui.text("#week-view")
        ui.app.meetings = meetings  # the read ends: the app recomputes the panes in a worker
        ui.app.schedule.recompute()
        await ui.app.workers.wait_for_complete()
        await ui.settle()
        assert isinstance(ui.screen, WeekScreen)
        assert "Board call" in ui.text("#week-view")
        shown = ui.screen.query_one(WeekView).assessment
        assert shown is ui.main.assessment  # the panes' schedule, not one of its own


async def test_a_meeting_outside_the_working_window_is_listed_as_costing_nothing(
    demo_path: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "evening.ics"
    ics.write_text(calendar(EVENT.format(uid="e", title="NY client call", start="1127T1800", end="1127T1900")))
    async with running(demo_path, calendars=(ics,)) as ui:
        found = ui.main.assessment
        assert found is not None and found.capacity_today.meeting_hours == 0.0  # 18:00 is after 17:30
        assert "18:00-19:00 NY client call (outside your hours)" in " ".join(ui.text("#today-list").split())
        assert "of meetings" not in ui.text("#today .pane-heading")
        friday = found.schedule.day(TODAY)
        assert friday is not None
        column = [line.plain for line in day_column(friday, ui.app.repo.book, True)]
        assert "18:00-19:00 NY client call (outside your hours)" in column


async def test_the_meetings_heading_says_how_many_of_them_are_free(demo_path: Path, tmp_path: Path) -> None:
    ics = tmp_path / "free.ics"
    free = EVENT.format(uid="g", title="Gym", start="1127T0800", end="1127T0900").replace(
        "END:VEVENT", "TRANSP:TRANSPARENT\nEND:VEVENT"
    )
    ics.write_text(calendar(free, EVENT.format(uid="p", title="Pricing", start="1127T1030", end="1127T1130")))
    async with running(demo_path, calendars=(ics,)) as ui:
        # the demo's own calendar is not passed: Gym (free) and Pricing are today's two meetings
        assert "Meetings (2, 1 free)" in ui.text("#today-list")
