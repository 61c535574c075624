"""The planner with a calendar: meetings read at start, read again when the file changes, a bad
file named while the planner starts anyway."""

from __future__ import annotations

from pathlib import Path

from acct_tui.demo import write_demo_calendar
from tests.conftest import TODAY
from tests.ui.conftest import running

EVENT = """BEGIN:VEVENT
UID:{uid}@test
SUMMARY:{title}
DTSTART:20261127T100000
DTEND:20261127T{end}00
END:VEVENT
"""


def calendar(*events: str) -> str:
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + "".join(events) + "END:VCALENDAR\n"


async def test_todays_meetings_take_their_time_and_a_changed_file_is_read_again(
    demo_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "work.ics"
    path.write_text(calendar(EVENT.format(uid="a", title="Board call", end="1100")))
    async with running(demo_path, calendars=(path,)) as ui:
        assert [m.title for m in ui.app.meetings] == ["Board call"]
        assert ui.main.assessment is not None and ui.main.assessment.capacity_today.meeting_hours == 1.0
        assert "Board call" in ui.text("#today-list")
        assert ui.text("#today .pane-heading").startswith("Fri 27 Nov: 1h of meetings, ")

        # The file changes (a sync tool rewrote it): the planner's check reads it again.
        path.write_text(calendar(EVENT.format(uid="a", title="Board call", end="1230")))
        ui.app._check_calendars()
        await ui.app.workers.wait_for_complete()
        await ui.settle()
        assert ui.main.assessment is not None and ui.main.assessment.capacity_today.meeting_hours == 2.5
        assert "10:00-12:30 Board call" in ui.text("#today-list")


async def test_a_bad_calendar_is_named_and_the_planner_starts_with_the_rest(demo_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261127T1\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n")
    good = write_demo_calendar(tmp_path / "demo.ics", TODAY)
    async with running(demo_path, calendars=(broken, good)) as ui:
        shown = [str(n.message) for n in ui.app._notifications]
        assert any(str(broken) in message and "line 3" in message for message in shown), shown
        assert ui.app.meetings, "the good calendar is still read"
        assert ui.app.is_running
