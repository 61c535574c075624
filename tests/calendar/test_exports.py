"""Calendars as Outlook, Google Calendar and Apple Calendar export them (fixtures written in their
layout: CRLF lines, folded long lines, their own X- properties, VTIMEZONE blocks, alarms).
The user's zone is Europe/Berlin: CEST (UTC+2) until Sunday 25 October 2026, then CET (UTC+1).
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from tests.calendar.helpers import FIXTURES, read, rows


def test_outlook_export_with_windows_zone_names() -> None:
    found = read("outlook.ics", first=date(2026, 10, 12), last=date(2026, 11, 8))
    assert rows(found) == [
        # WEEKLY;COUNT=10;BYDAY=TU from Tue 6 Oct 10:00 "W. Europe Standard Time" (its VTIMEZONE: the
        # last Sunday of October back to +0100): 13 Oct 10:00 CEST
        ("2026-10-13 10:00", "2026-10-13 11:00", "Weekly account review", "busy"),
        # 20 Oct: EXDATE. 27 Oct: RECURRENCE-ID 20261027T100000 moved to Wed 28 Oct 14:00-15:00
        ("2026-10-28 14:00", "2026-10-28 15:00", "Weekly account review", "busy"),
        # "Pacific Standard Time" 09:00 on 29 Oct: PDT (UTC-7, until 1 Nov) = 16:00Z = 17:00 CET
        ("2026-10-29 17:00", "2026-10-29 18:00", "Call with the Seattle office", "busy"),
        # all-day, X-MICROSOFT-CDO-BUSYSTATUS:OOF: busy
        ("2026-10-30 00:00", "2026-10-31 00:00", "Out of office", "busy all-day"),
        # all-day, BUSYSTATUS:FREE, TRANSP:TRANSPARENT: free
        ("2026-11-02 00:00", "2026-11-03 00:00", "Company anniversary", "free all-day"),
        # 3 Nov 10:00 CET: the series keeps its wall-clock time after the change
        ("2026-11-03 10:00", "2026-11-03 11:00", "Weekly account review", "busy"),
        # "Canceled: Supplier call" 3 Nov 16:00 has STATUS:CANCELLED: absent
        # BUSYSTATUS:FREE on a timed event
        ("2026-11-04 12:00", "2026-11-04 13:00", "Lunch", "free"),
        # BUSYSTATUS:TENTATIVE, TRANSP:OPAQUE: time held
        ("2026-11-05 09:00", "2026-11-05 09:30", "Maybe: supplier demo", "busy"),
    ]
    assert found.problems == ()
    review = found.meetings[0]
    # ORGANIZER;CN="Schmidt, Anna":mailto:anna.schmidt@agency.example, ATTENDEE ...:mailto:Ben.Ortiz@Client.Example
    assert review.attendees == frozenset({"anna.schmidt@agency.example", "ben.ortiz@client.example"})
    # the UID is folded over two lines in the file
    assert review.uid.startswith("040000008200E00074C5B7101A82E008") and len(review.uid) == 112


def test_google_export_with_utc_times_and_x_wr_timezone() -> None:
    found = read("google.ics", first=date(2026, 10, 19), last=date(2026, 11, 1))
    assert rows(found) == [
        # DTSTART:20261005T080000Z weekly on Mondays, X-WR-TIMEZONE:Europe/Berlin: 08:00Z is 10:00 CEST,
        # and the meeting stays at 10:00 in Berlin after the change (read in UTC it would move to 09:00)
        ("2026-10-19 10:00", "2026-10-19 10:15", "Team stand-up", "busy"),
        # "Vendor pitch" on 21 Oct: the calendar's owner (X-WR-CALNAME) attends with PARTSTAT=DECLINED
        # 12:00Z = 14:00 CEST
        ("2026-10-22 14:00", "2026-10-22 15:00", "Renewal talk with Ben", "busy"),
        # 07:00Z-09:00Z = 09:00-11:00 CEST, TRANSP:TRANSPARENT
        ("2026-10-23 09:00", "2026-10-23 11:00", "Focus time", "free"),
        ("2026-10-26 10:00", "2026-10-26 10:15", "Team stand-up", "busy"),
        # "Cancelled catch-up" 27 Oct: STATUS:CANCELLED
        ("2026-10-28 00:00", "2026-10-30 00:00", "Trade fair in Cologne", "busy all-day"),
        ("2026-10-31 00:00", "2026-11-01 00:00", "Reformation Day", "free all-day"),
    ]
    assert found.problems == ()
    renewal = found.meetings[1]
    # the attendee's address is folded in the middle ("anna.schmidt@agency.e" / " xample")
    assert renewal.attendees == frozenset({"anna.schmidt@agency.example", "ben.ortiz@client.example"})


def test_google_calendar_name_is_the_owner_only_when_it_is_an_address(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "google.ics").read_text().replace("X-WR-CALNAME:anna.schmidt@agency.example", "X-WR-CALNAME:Work")
    )
    (tmp_path / "work.ics").write_text(text)
    titles = [m.title for m in read(tmp_path / "work.ics", first=date(2026, 10, 21), last=date(2026, 10, 21)).meetings]
    assert titles == ["Vendor pitch"]  # nobody says whose decline it is
    mine = read(
        tmp_path / "work.ics",
        first=date(2026, 10, 21),
        last=date(2026, 10, 21),
        my_addresses=["Anna.Schmidt@agency.example"],
    )
    assert mine.meetings == ()


def test_apple_export_with_alarms_holding_their_own_uid_and_dtstart() -> None:
    found = read("apple.ics", first=date(2026, 10, 19), last=date(2026, 11, 1))
    assert rows(found) == [
        # 15:00-17:00 Europe/Berlin (VTIMEZONE with X-LIC-LOCATION)
        ("2026-10-23 15:00", "2026-10-23 17:00", "Quarterly review at the client", "busy"),
        # all-day, TRANSP:TRANSPARENT; its VALARM comes first, with a UID and a DTSTART of its own
        ("2026-10-26 00:00", "2026-10-27 00:00", "Holiday", "free all-day"),
    ]
    assert found.meetings[1].uid == "D1C2B3A4-F5E6-4D7C-8B9A-0F1E2D3C4B5A"
    assert found.problems == ()


def test_windows_zone_names_without_a_vtimezone(tmp_path: Path) -> None:
    """Some Exchange feeds name Windows zones without defining them: icalendar maps the names."""
    zones = ("W. Europe Standard Time", "GMT Standard Time", "Pacific Standard Time", "Eastern Standard Time")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for number, zone in enumerate((*zones, "Tokyo Standard Time")):
        lines += [
            "BEGIN:VEVENT",
            f"UID:zone-{number}",
            f"DTSTART;TZID={zone}:20261124T120000",
            f"DTEND;TZID={zone}:20261124T130000",
            f"SUMMARY:{zone}",
            "END:VEVENT",
        ]
    path = tmp_path / "exchange.ics"
    path.write_text("\n".join([*lines, "END:VCALENDAR", ""]))
    found = read(path, first=date(2026, 11, 24), last=date(2026, 11, 25))
    assert {m.title: m.start.strftime("%H:%M") for m in found.meetings} == {
        "W. Europe Standard Time": "12:00",  # Europe/Berlin
        "GMT Standard Time": "13:00",  # Europe/London, GMT in November
        "Pacific Standard Time": "21:00",  # America/Los_Angeles, PST (UTC-8): 20:00Z
        "Eastern Standard Time": "18:00",  # America/New_York, EST (UTC-5): 17:00Z
        "Tokyo Standard Time": "04:00",  # Asia/Tokyo, UTC+9: 03:00Z
    }
    assert found.problems == ()


def test_evolution_zone_names_are_read_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "evolution.ics"
    zone = "/freeassociation.sourceforge.net/Europe/Helsinki"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Ximian//NONSGML Evolution Calendar//EN\nBEGIN:VEVENT\nUID:e\n"
        f"SUMMARY:Evolution\nDTSTART;TZID={zone}:20261124T100000\nDTEND;TZID={zone}:20261124T110000\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = read(path, first=date(2026, 11, 24), last=date(2026, 11, 24))
    # 10:00 in Helsinki (EET, UTC+2) is 09:00 CET
    assert rows(found) == [("2026-11-24 09:00", "2026-11-24 10:00", "Evolution", "busy")]
    assert [str(w.message) for w in caught] == []
