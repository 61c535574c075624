"""Untrusted calendars cannot hang the planner or fill its memory: a rule that repeats too often
and an event with too many dates are refused with a message naming them; the rest is read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acct_tui.calendar.events import MAX_STEPS_PER_EVENT, MAX_STEPS_PER_FILE
from tests.calendar.helpers import messages, read, rows

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)
STILL_READ = ("2026-11-24 10:00", "2026-11-24 11:00", "Still read", "busy")


def test_endless_rules_are_refused() -> None:
    found = read("endless.ics", first=MONDAY, last=SUNDAY)
    assert messages(found) == [
        # FREQ=SECONDLY from 1 Jan 2020 00:00Z to the span's end, 1 Dec 2026 23:00Z (the window's end,
        # 30 Nov 00:00 CET, widened by two days): 2,526 days and 23 hours = 218,332,800 s, + 1
        'endless.ics: line 4: event "Every second" repeats too often to be read (about 218,332,801 times '
        f"from its start to 2026-11-29, more than the {MAX_STEPS_PER_EVENT:,} left to read); it is left out",
        # FREQ=MINUTELY from Mon 23 Nov: 1,440 a day
        'endless.ics: line 10: event "Every minute" happens more than 48 times a day; it is left out',
    ]
    assert rows(found) == [STILL_READ]


def test_a_filtered_rule_is_counted_after_expansion(tmp_path: Path) -> None:
    """FREQ=MINUTELY;BYHOUR=9;BYMINUTE=0 is once a day: its steps are minutes, its repetitions few."""
    path = tmp_path / "daily.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:m\nDTSTART:20261123T090000\nDTEND:20261123T091500\n"
        "RRULE:FREQ=MINUTELY;BYHOUR=9;BYMINUTE=0\nSUMMARY:Nine o'clock\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [row[0] for row in rows(found)] == [f"2026-11-{day} 09:00" for day in range(23, 30)]
    assert found.problems == ()


def test_the_file_has_a_budget_for_all_its_rules_together(tmp_path: Path) -> None:
    """Each daily rule from 1900 steps about 46,000 days (under the limit for one event): the file's
    budget refuses the ones past MAX_STEPS_PER_FILE, and says so for each."""
    events = "".join(
        f"BEGIN:VEVENT\nUID:old-{n}\nDTSTART:19000101T{n:02d}0000\nDTEND:19000101T{n:02d}3000\n"
        f"RRULE:FREQ=DAILY\nSUMMARY:Since 1900 ({n})\nEND:VEVENT\n"
        for n in range(10)
    )
    path = tmp_path / "old.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n")
    found = read(path, first=MONDAY, last=MONDAY)
    # 1 Jan 1900 to 25 Nov 2026 (Monday 24:00 CET + 2 days): 46,349 days, so 5 rules fit in 250,000
    assert MAX_STEPS_PER_FILE // 46_350 == 5
    assert [m.title for m in found.meetings] == [f"Since 1900 ({n})" for n in range(5)]
    assert len(found.problems) == 5
    assert "more than the 18,2" in found.problems[0].message  # what was left of the budget


def test_a_million_rdates_are_refused_before_parsing(tmp_path: Path) -> None:
    dates = ",".join(["20260301T090000Z"] * 1_000_000)
    path = tmp_path / "rdates.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\n"
        f"BEGIN:VEVENT\nUID:many\nDTSTART:20260101T000000Z\nDTEND:20260101T010000Z\nRDATE:{dates}\n"
        "SUMMARY:A million dates\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:good\nDTSTART;TZID=Europe/Berlin:20261124T100000\n"
        "DTEND;TZID=Europe/Berlin:20261124T110000\nSUMMARY:Still read\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [str(p).replace(f"{tmp_path}/", "") for p in found.problems] == [
        'rdates.ics: line 3: event "A million dates" lists 1,000,000 RDATE and EXDATE dates, more than the '
        "10,000 one event may have; it is left out"
    ]
    assert rows(found) == [STILL_READ]


def test_a_rule_that_never_moves_on_is_refused(tmp_path: Path) -> None:
    """INTERVAL=0 (or below) never reaches its next date: dateutil would loop for ever, its list of
    dates growing, so the rule is refused before it is expanded."""
    rules = ("FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=0;COUNT=5", "FREQ=DAILY;INTERVAL=-1")
    rules += ("FREQ=DAILY;INTERVAL=x",)
    events = "".join(
        f"BEGIN:VEVENT\nUID:r{n}\nDTSTART:20261123T{9 + n:02d}0000Z\nDTEND:20261123T{9 + n:02d}3000Z\n"
        f"RRULE:{rule}\nSUMMARY:Rule {n}\nEND:VEVENT\n"
        for n, rule in enumerate(rules)
    )
    path = tmp_path / "still.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}"
        "BEGIN:VEVENT\nUID:good\nDTSTART;TZID=Europe/Berlin:20261124T100000\n"
        "DTEND;TZID=Europe/Berlin:20261124T110000\nSUMMARY:Still read\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    found = read(path, first=MONDAY, last=SUNDAY)
    said = [str(p).replace(f"{tmp_path}/", "") for p in found.problems]
    # each VEVENT is 7 lines from line 3; INTERVAL=x is a rule icalendar cannot read at all
    assert said == [
        f'still.ics: line {3 + 7 * n}: event "Rule {n}" repeats with an INTERVAL of {value}, which must be '
        "a whole number of at least 1; it is left out"
        for n, value in enumerate(("0", "0", "-1"))
    ] + ["still.ics: line 28: RRULE: Expected int, got: x; the event is left out"]
    assert rows(found) == [STILL_READ]


def test_a_rule_dateutil_refuses_is_named_in_its_words(tmp_path: Path) -> None:
    """Before: recurring_ical_events, retrying the rule another way, said "UNTIL parameter is
    missing" of BYSETPOS=0, BYHOUR=25 and COUNT=-5."""
    events = "".join(
        f"BEGIN:VEVENT\nUID:r{n}\nDTSTART:20261123T090000Z\nDTEND:20261123T093000Z\nRRULE:FREQ=DAILY;{part}\n"
        f"SUMMARY:Rule {n}\nEND:VEVENT\n"
        for n, part in enumerate(("BYSETPOS=0", "BYHOUR=25", "COUNT=-5"))
    )
    path = tmp_path / "bad-rules.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n")
    found = read(path, first=MONDAY, last=SUNDAY)
    assert [str(p).replace(f"{tmp_path}/", "") for p in found.problems] == [
        'bad-rules.ics: line 3: event "Rule 0" cannot be read: RRULE: bysetpos must be between 1 and 366, '
        "or between -366 and -1; it is left out",
        'bad-rules.ics: line 10: event "Rule 1" cannot be read: RRULE: hour must be in 0..23; it is left out',
        'bad-rules.ics: line 17: event "Rule 2" cannot be read: RRULE: COUNT must be at least 1 (got -5); '
        "it is left out",
    ]
