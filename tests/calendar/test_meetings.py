"""What a calendar's events mean for the schedule: occurrences, busy or free, local times, titles.

The fixture week.ics is hand-built for the week of Monday 23 to Sunday 29 November 2026; the
user's zone is Europe/Berlin (CET, UTC+1, all that week). Every expected time below is worked out
from the fixture's lines in the comment beside it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tests.calendar.helpers import messages, read, rows

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)
ME = "Me@Agency.example"

WEEK = [
    # all-day, DTSTART;VALUE=DATE:20261123 and no DTEND: one day; no TRANSP: free
    ("2026-11-23 00:00", "2026-11-24 00:00", "Colleague's birthday", "free all-day"),
    # DAILY;COUNT=5 from Mon 08:45 Berlin, EXDATE Wed 25: Mon, Tue, Thu, Fri
    ("2026-11-23 08:45", "2026-11-23 09:00", "Daily check-in", "busy"),
    # RDATE 20261123T120000 and 20261129T120000 Berlin (DTSTART 16 Nov is before the week), 30 min each
    ("2026-11-23 12:00", "2026-11-23 12:30", "Lunch and learn", "busy"),
    ("2026-11-24 08:45", "2026-11-24 09:00", "Daily check-in", "busy"),
    # across lunch and past the end of the day: the reader gives the times as written
    ("2026-11-24 11:30", "2026-11-24 19:00", "Workshop across lunch and past the end of the day", "busy"),
    # WEEKLY MO,WE,FR 09:30: Monday's instance moved (RECURRENCE-ID 20261123T093000) to Tue 14:00-15:00
    ("2026-11-24 14:00", "2026-11-24 15:00", "Weekly planning (moved)", "busy"),
    # ... Wednesday's instance cancelled (an override with STATUS:CANCELLED): absent
    # America/New_York without a VTIMEZONE: 09:00 EST (UTC-5) = 14:00 UTC = 15:00 CET
    ("2026-11-25 15:00", "2026-11-25 16:00", "Call with New York", "busy"),
    # DTSTART;VALUE=DATE:20261126, DTEND 20261128, TRANSP:OPAQUE: two days, busy
    ("2026-11-26 00:00", "2026-11-28 00:00", "Trade fair", "busy all-day"),
    # TRANSP:TRANSPARENT
    ("2026-11-26 08:00", "2026-11-26 08:30", "Commute", "free"),
    ("2026-11-26 08:45", "2026-11-26 09:00", "Daily check-in", "busy"),
    # floating 16:30 (no TZID, no Z): the user's own wall-clock time
    ("2026-11-26 16:30", "2026-11-26 17:00", "Dentist", "busy"),
    ("2026-11-27 08:45", "2026-11-27 09:00", "Daily check-in", "busy"),
    ("2026-11-27 09:30", "2026-11-27 10:30", "Weekly planning", "busy"),
    # DURATION:PT45M from 11:00; SUMMARY "[b]Budget[/b]\nreview<ESC>[31m": the newline a space, ESC gone
    ("2026-11-27 11:00", "2026-11-27 11:45", "[b]Budget[/b] review[31m", "busy"),
    # 13:00Z = 14:00 CET
    ("2026-11-27 14:00", "2026-11-27 15:00", "Client lunch", "busy"),
    # no SUMMARY, no DTEND nor DURATION on a timed event: no length (RFC 5545)
    ("2026-11-27 17:00", "2026-11-27 17:00", "(no title)", "busy"),
    ("2026-11-29 12:00", "2026-11-29 12:30", "Lunch and learn", "busy"),
]
# not there: the VTODO, "Last year's review" (March 2025), and "Declined review" (declined by ME)


def test_a_week_of_meetings_in_local_time() -> None:
    found = read("week.ics", first=MONDAY, last=SUNDAY, my_addresses=[ME])
    assert rows(found) == WEEK
    assert found.problems == ()


def test_a_declined_meeting_counts_only_for_someone_else() -> None:
    # ATTENDEE;PARTSTAT=DECLINED:mailto:ME@agency.example, compared without case and "mailto:"
    names = [row[2] for row in rows(read("week.ics", first=MONDAY, last=SUNDAY))]
    assert names.count("Declined review") == 1
    assert "Declined review" not in [
        row[2] for row in rows(read("week.ics", first=MONDAY, last=SUNDAY, my_addresses=[ME]))
    ]
    assert "Declined review" not in [
        row[2] for row in rows(read("week.ics", first=MONDAY, last=SUNDAY, my_addresses=["mailto:ME@AGENCY.EXAMPLE"]))
    ]


def test_attendees_are_lower_case_addresses_of_organizer_and_attendees() -> None:
    found = read("week.ics", first=date(2026, 11, 27), last=date(2026, 11, 27))
    planning = next(m for m in found.meetings if m.title == "Weekly planning")
    # ORGANIZER mailto:Anna@Agency.Example, ATTENDEE MAILTO:Ben.Ortiz@Client.Example
    assert planning.attendees == frozenset({"anna@agency.example", "ben.ortiz@client.example"})
    assert planning.uid == "weekly-1"
    assert planning.source.endswith("week.ics")


def test_every_occurrence_touching_the_window_and_no_other() -> None:
    # Thursday 26 only: the trade fair (26-27) and Tuesday's workshop are the edges
    found = read("week.ics", first=date(2026, 11, 26), last=date(2026, 11, 26), my_addresses=[ME])
    assert rows(found) == [row for row in WEEK if row[0].startswith("2026-11-26")]
    # Friday 27: the trade fair, which began on Thursday, still touches it
    friday = rows(read("week.ics", first=date(2026, 11, 27), last=date(2026, 11, 27), my_addresses=[ME]))
    assert friday[0] == ("2026-11-26 00:00", "2026-11-28 00:00", "Trade fair", "busy all-day")
    assert [row for row in friday[1:] if not row[0].startswith("2026-11-27")] == []


def test_meetings_are_sorted_by_start() -> None:
    found = read("week.ics", "dst.ics", first=date(2026, 10, 22), last=SUNDAY)
    starts = [m.start for m in found.meetings]
    assert starts == sorted(starts)
    assert found.meetings[0].start == datetime(2026, 10, 22, 10, 0)


def test_the_end_of_summer_time_in_europe() -> None:
    """Sunday 25 October 2026, 03:00 CEST becomes 02:00 CET; New York stays on EDT until 1 November."""
    found = read("dst.ics", first=date(2026, 10, 22), last=date(2026, 10, 29))
    by_title: dict[str, list[str]] = {}
    for start, end, title, _ in rows(found):
        by_title.setdefault(title, []).append(f"{start[8:10]} {start[11:]}-{end[11:]}")
    # TZID=Europe/Berlin 10:00 daily: 10:00 local every day, before and after the change
    assert by_title["Berlin 10:00"] == [f"{day} 10:00-10:30" for day in range(22, 30)]
    # 09:00Z daily: 11:00 CEST (UTC+2) to Saturday 24, then 10:00 CET (UTC+1)
    assert by_title["UTC 09:00"] == [f"{day} 11:00-11:30" for day in (22, 23, 24)] + [
        f"{day} 10:00-10:30" for day in range(25, 30)
    ]
    # 10:00 EDT (UTC-4) = 14:00Z: 16:00 CEST to Saturday 24, then 15:00 CET
    assert by_title["New York 10:00"] == [f"{day} 16:00-16:30" for day in (22, 23, 24)] + [
        f"{day} 15:00-15:30" for day in range(25, 30)
    ]


def test_a_title_is_capped_at_200_characters(tmp_path: Path) -> None:
    path = tmp_path / "long.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:long\nDTSTART:20261124T100000\n"
        f"DTEND:20261124T110000\nSUMMARY:{'x' * 300}\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    (meeting,) = read(path, first=MONDAY, last=SUNDAY).meetings
    assert meeting.title == "x" * 199 + "…"
    assert messages(read(path, first=MONDAY, last=SUNDAY)) == []
