"""A calendar file that cannot be read, in part or at all: a message naming the file and the line,
the rest still read, and nothing raised. Line numbers are counted in the fixtures by hand."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from acct_tui.calendar import CalendarProblem
from acct_tui.calendar.files import MAX_FILE_BYTES
from tests.calendar.helpers import FIXTURES, messages, read, rows

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)
STILL_READ = ("2026-11-24 10:00", "2026-11-24 11:00", "Still read", "busy")


def test_a_broken_line_is_named_and_its_event_still_read() -> None:
    found = read("broken_line.ics", first=MONDAY, last=SUNDAY)
    # line 7 is "this line is not an iCalendar line", inside the first event
    assert messages(found) == ['broken_line.ics: line 7: not an iCalendar line: "this line is not an iCalendar line"']
    assert rows(found) == [("2026-11-23 09:00", "2026-11-23 10:00", "Read despite a broken line", "busy"), STILL_READ]


def test_a_bad_date_leaves_out_its_event_only() -> None:
    found = read("bad_date.ics", first=MONDAY, last=SUNDAY)
    # line 8: DTEND;TZID=Europe/Berlin:2026112
    assert messages(found) == ["bad_date.ics: line 8: DTEND: Expected time, got: 2026112; the event is left out"]
    assert rows(found) == [STILL_READ]


def test_a_file_cut_short() -> None:
    found = read("truncated.ics", first=MONDAY, last=SUNDAY)
    # line 10 opens the event the file ends in
    assert messages(found) == ["truncated.ics: line 10: BEGIN:VEVENT is never closed (is the file cut short?)"]
    assert rows(found) == [STILL_READ]


def test_a_file_that_is_not_a_calendar() -> None:
    found = read("not_ical.ics", first=MONDAY, last=SUNDAY)
    assert messages(found) == ["not_ical.ics: is not an iCalendar file (it has no BEGIN:VCALENDAR)"]
    assert found.meetings == ()


def test_a_file_that_is_not_utf8_is_read_with_the_bad_bytes_replaced() -> None:
    found = read("not_utf8.ics", first=MONDAY, last=SUNDAY)
    # line 8: SUMMARY:Caf\xe9 with Ben, in Latin-1
    assert messages(found) == ["not_utf8.ics: line 8: is not UTF-8 text (byte 0xe9); such bytes are read as \ufffd"]
    assert rows(found) == [("2026-11-23 09:00", "2026-11-23 10:00", "Caf\ufffd with Ben", "busy")]


def test_time_zones_that_cannot_be_read() -> None:
    found = read("bad_zones.ics", first=MONDAY, last=SUNDAY)
    assert messages(found) == [
        # line 4 opens a VTIMEZONE with TZOFFSETTO:+9900, which icalendar refuses (the whole file with it)
        "bad_zones.ics: line 4: the time zone cannot be read: Offset must be less than 24 hours, was +9900",
        # line 14: the first DTSTART in it; line 20: a TZID neither defined nor in the zone database
        'bad_zones.ics: line 14: time zone "Nowhere Standard Time" is neither in the file nor known; '
        "its times are read as local time",
        'bad_zones.ics: line 20: time zone "Mars/Olympus_Mons" is neither in the file nor known; '
        "its times are read as local time",
    ]
    assert rows(found) == [
        ("2026-11-23 09:00", "2026-11-23 10:00", "In a zone defined wrongly", "busy"),
        ("2026-11-24 09:00", "2026-11-24 10:00", "In a zone nobody knows", "busy"),
        ("2026-11-24 10:00", "2026-11-24 11:00", "Still read too", "busy"),
    ]


def test_structure_errors(tmp_path: Path) -> None:
    path = tmp_path / "structure.ics"
    path.write_text(
        "BEGIN:VCALENDAR\n"  # 1
        "END:VEVENT\n"  # 2: an END without its BEGIN, outside any event
        "BEGIN:VEVENT\n"  # 3
        "UID:a\n"
        "DTSTART:20261124T100000\n"
        "BEGIN:VALARM\n"  # 6: never closed before the event's END
        "TRIGGER:-PT5M\n"
        "END:VEVENT\n"  # 8
        "BEGIN:VEVENT\n"  # 9
        "UID:b\n"
        "DTSTART:20261125T100000\n"
        "DTEND:20261125T110000\n"
        "SUMMARY:Well formed\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n"
        "BEGIN:VEVENT\n"  # 16: outside the calendar
        "END:VEVENT\n"
    )
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [str(p).replace(f"{tmp_path}/", "") for p in found.problems] == [
        "structure.ics: line 2: END:VEVENT without a BEGIN:VEVENT",
        "structure.ics: line 6: BEGIN:VALARM is not closed before END:VEVENT (line 8)",
        "structure.ics: line 16: BEGIN:VEVENT outside BEGIN:VCALENDAR ... END:VCALENDAR is not read",
    ]
    assert rows(found) == [("2026-11-25 10:00", "2026-11-25 11:00", "Well formed", "busy")]


def test_missing_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    found = read(tmp_path / "gone.ics", tmp_path / "empty", FIXTURES / "week.ics", first=MONDAY, last=SUNDAY)
    assert [str(p) for p in found.problems] == [
        f"{tmp_path}/gone.ics: does not exist",
        f"{tmp_path}/empty: is a folder without .ics files",
    ]
    assert len(found.meetings) == 18  # week.ics is still read


def test_files_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    os.mkfifo(tmp_path / "pipe.ics")
    locked = tmp_path / "locked.ics"
    locked.write_text((FIXTURES / "week.ics").read_text())
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:  # root reads any file, so the refusal is simulated
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    found = read(tmp_path / "file" / "cal.ics", tmp_path / "pipe.ics", locked, first=MONDAY, last=SUNDAY)
    assert [str(p).replace(f"{tmp_path}/", "") for p in found.problems] == [
        "file/cal.ics: does not exist",
        "pipe.ics: is not a file",
        "locked.ics: cannot be read: Permission denied",
    ]


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.ics"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [p.message for p in found.problems] == ["the file is 50 MB, more than the 50 MB read"]
    # MB is 1,000,000 bytes, as the README and every message count it: 62,500,000 bytes are 62.5 MB.
    with path.open("wb") as handle:
        handle.truncate(62_500_000)
    found = read(path, first=MONDAY, last=SUNDAY)
    assert MAX_FILE_BYTES == 50_000_000
    assert [p.message for p in found.problems] == ["the file is 62.5 MB, more than the 50 MB read"]


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.ics").write_text("\n")
    assert [p.message for p in read(tmp_path / "empty.ics", first=MONDAY, last=SUNDAY).problems] == [
        "the file is empty"
    ]


def test_problems_hold_no_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[31m.ics"
    path.write_text("BEGIN:VCALENDAR\n\x1b]0;owned\x07 not a line\nEND:VCALENDAR\n")
    (problem,) = read(path, first=MONDAY, last=SUNDAY).problems
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)
    assert str(problem).endswith('line 2: not an iCalendar line: "\\x1b]0;owned\\x07 not a line"')


def test_many_problems_in_one_file_are_summed_up(tmp_path: Path) -> None:
    path = tmp_path / "noisy.ics"
    path.write_text("BEGIN:VCALENDAR\n" + "not a line\n" * 500 + "END:VCALENDAR\n")
    found = read(path, first=MONDAY, last=SUNDAY)
    assert len(found.problems) == 20
    assert str(found.problems[0]) == f'{path}: line 2: not an iCalendar line: "not a line"'
    assert found.problems[-1] == CalendarProblem(path, None, "and 481 more problems in this file")


def test_nothing_raises_for_any_fixture() -> None:
    names = sorted(p.name for p in FIXTURES.glob("*.ics"))
    found = read(*names, first=date(2020, 1, 1), last=date(2027, 12, 31))
    assert found.meetings  # every file read into one result


def test_events_with_a_bad_start_or_rule(tmp_path: Path) -> None:
    path = tmp_path / "events.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        "BEGIN:VEVENT\nUID:a\nSUMMARY:Bad start\nDTSTART:2026112X\nEND:VEVENT\n"  # DTSTART on line 6
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Bad rule\nDTSTART:20261124T100000\nRRULE:FREQ=WEEKLY;BYDAY=XX\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:c\nSUMMARY:No start\nDTEND:20261124T100000\nEND:VEVENT\n"  # opens on line 14
        "BEGIN:VEVENT\nUID:d\nSUMMARY:Good\nDTSTART:20261124T100000\nDURATION:PT30M\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [str(p).replace(f"{tmp_path}/", "") for p in found.problems] == [
        "events.ics: line 6: DTSTART: Wrong date format 2026112X; the event is left out",
        "events.ics: line 12: RRULE: Expected weekday abbreviation, got: XX; the event is left out",
        'events.ics: line 14: event "No start" has no DTSTART with a date; it is left out',
    ]
    assert rows(found) == [("2026-11-24 10:00", "2026-11-24 10:30", "Good", "busy")]
