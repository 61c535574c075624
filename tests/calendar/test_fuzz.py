"""Mangled calendars (lines cut, dropped, swapped, or junk added, from every fixture): reading one
never raises, never needs the reader's last-resort message, and the prefilter changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.calendar.helpers import FIXTURES, read

TEXTS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.ics"))]
JUNK = [
    b"BEGIN:VEVENT",
    b"END:VEVENT",
    b"END:VCALENDAR",
    b"BEGIN:VTIMEZONE",
    b"TZOFFSETFROM:+2500",
    b"DTSTART:1",
    b"DTSTART;TZID=Nowhere:20261124T100000",
    b"RECURRENCE-ID;RANGE=THISANDFUTURE:20261124T100000",
    b"RRULE:FREQ=YEARLY;BYSETPOS=400;BYMONTHDAY=31;BYMONTH=2",
    b"RRULE:FREQ=MONTHLY;BYDAY=5FR;COUNT=999999",
    b"RDATE;VALUE=PERIOD:20261124T100000/20261123T100000",
    b"EXDATE:never",
    b"DURATION:P-1D",
    b"X-WR-TIMEZONE:Nope/Nope",
    b"ATTENDEE;PARTSTAT=DECLINED:mailto:",
    b"\x00\xff\x1b[2J",
    b" a stray continuation",
]


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(TEXTS)).split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        match draw(st.sampled_from(["insert", "delete", "cut", "swap", "append"])):
            case "insert":
                lines.insert(at, draw(st.sampled_from(JUNK)))
            case "delete" if len(lines) > 2:
                del lines[at]
            case "cut":
                lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
            case "swap":
                other = draw(st.integers(0, len(lines) - 1))
                lines[at], lines[other] = lines[other], lines[at]
            case _:
                lines[at] += draw(st.sampled_from(JUNK))
    return b"\n".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mangled())
def test_a_mangled_calendar_is_read_as_far_as_it_can_be(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "mangled.ics"
    path.write_bytes(data)
    first, last = date(2026, 10, 1), date(2026, 12, 31)
    found = read(path, first=first, last=last)
    assert not [p for p in found.problems if "cannot be read (" in p.message]
    assert found == read(path, first=first, last=last, prefilter=False)
