"""A synthetic calendar as Outlook exports it, of any size, for the tests and the bench.

Years of an account manager's working weeks: single meetings on most working days (with
descriptions, attendees and reminders, as Outlook writes them), a few dozen weekly series with
moved and cancelled instances, in "W. Europe Standard Time" with its VTIMEZONE block. The same
`today`, size and seed give the same text.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

_ZONE = "W. Europe Standard Time"
_VTIMEZONE = f"""BEGIN:VTIMEZONE
TZID:{_ZONE}
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
"""
_TITLES = (
    "Project review",
    "Weekly status call",
    "Kickoff workshop",
    "Contract negotiation",
    "Quarterly business review",
    "Campaign debrief",
    "Budget alignment",
    "Creative presentation",
    "Lunch with the client",
    "Internal planning",
)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PEOPLE = ("anna.schmidt", "ben.ortiz", "chen.wei", "dara.okafor", "eva.lind", "farid.haddad", "grace.hall")
_DOMAINS = ("example.com", "client-one.example", "client-two.example", "agency.example")
_DESCRIPTION = (
    "Agenda:\\n- where we stand\\n- open questions from last time\\n- next steps and owners\\n\\n"
    "Join online: https://meet.example.com/j/{n}\\nMeeting ID: {n}\\n"
    "________________________________________________________________________________\\n"
)


def _fold(line: str) -> str:
    """A content line folded at 75 characters, as RFC 5545 asks (ASCII text here)."""
    parts = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(parts) + "\r\n"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


class _Writer:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.parts: list[str] = []
        self.size = 0
        self.count = 0

    def out(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def uid(self) -> str:
        self.count += 1
        return f"040000008200E00074C5B7101A82E00800000000{self.rng.getrandbits(128):032X}{self.count:08d}"

    def address(self) -> str:
        return f"{self.rng.choice(_PEOPLE)}@{self.rng.choice(_DOMAINS)}"

    def event(self, uid: str, start: datetime, minutes: int, extra: tuple[str, ...] = ()) -> None:
        rng, out = self.rng, self.out
        out("BEGIN:VEVENT\r\n")
        for line in extra:
            out(_fold(line))
        organizer = self.address()
        out(_fold(f'ORGANIZER;CN="{organizer}":mailto:{organizer}'))
        for _ in range(rng.randint(1, 5)):
            who = self.address()
            out(_fold(f'ATTENDEE;CN="{who}";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:{who}'))
        out(_fold(f"DESCRIPTION;LANGUAGE=en-US:{_DESCRIPTION.format(n=rng.randint(10**8, 10**9))}"))
        out(_fold(f'DTEND;TZID="{_ZONE}":{_stamp(start + timedelta(minutes=minutes))}'))
        out(_fold(f'DTSTART;TZID="{_ZONE}":{_stamp(start)}'))
        out(f"DTSTAMP:{self.today:%Y%m%d}T080000Z\r\n")
        out(f"LAST-MODIFIED:{_stamp(start - timedelta(days=rng.randint(1, 30)))}Z\r\n")
        out(_fold(f"LOCATION;LANGUAGE=en-US:Room {rng.randint(1, 9)}.{rng.randint(10, 40)}"))
        out("PRIORITY:5\r\nSEQUENCE:0\r\n")
        out(_fold(f"SUMMARY;LANGUAGE=en-US:{rng.choice(_TITLES)}"))
        out("TRANSP:OPAQUE\r\n")
        out(_fold(f"UID:{uid}"))
        out("X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nX-MICROSOFT-CDO-IMPORTANCE:1\r\nX-MICROSOFT-DISALLOW-COUNTER:FALSE\r\n")
        out("X-MS-OLK-AUTOFILLLOCATION:FALSE\r\nX-MS-OLK-CONFTYPE:0\r\n")
        out("BEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n")
        out("END:VEVENT\r\n")

    def series(self, first: date, weeks: int | None) -> None:
        """A weekly meeting (`weeks` times, or without end), a few instances moved by two hours and a
        few cancelled, all within its first year."""
        rng = self.rng
        uid = self.uid()
        start = datetime.combine(first, time(rng.choice((9, 10, 11, 14, 15))))
        span = min(weeks or 52, 52)
        moved = sorted(rng.sample(range(1, span), min(span - 1, 4)))
        cancelled = sorted(w for w in rng.sample(range(1, span), min(span - 1, 3)) if w not in moved)
        rule = f"RRULE:FREQ=WEEKLY;BYDAY={_WEEKDAYS[start.weekday()]}" + (f";COUNT={weeks}" if weeks else "")
        extra = [rule]
        if cancelled:
            extra.append(f'EXDATE;TZID="{_ZONE}":' + ",".join(_stamp(start + timedelta(weeks=w)) for w in cancelled))
        self.event(uid, start, 60, tuple(extra))
        for week in moved:
            original = start + timedelta(weeks=week)
            self.event(uid, original + timedelta(hours=2), 60, (f'RECURRENCE-ID;TZID="{_ZONE}":{_stamp(original)}',))


def outlook_calendar(today: date, *, target_bytes: int = 5_000_000, seed: int = 14) -> str:
    """About `target_bytes` of calendar: one to four meetings on every working day, from a year after
    `today` back as far as the size takes it, a weekly series starting every six weeks or so, and two
    that never end (one started on the first day, one a year before `today`)."""
    writer = _Writer(seed, today)
    rng = writer.rng
    head = (
        "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
        "X-WR-CALNAME:Calendar\r\n" + _VTIMEZONE.replace("\n", "\r\n")
    )
    writer.series(today - timedelta(days=365), None)
    day = today + timedelta(days=365)
    while writer.size + len(head) < target_bytes:
        if day.weekday() < 5:
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
                start = datetime.combine(day, time(8)) + timedelta(minutes=rng.randrange(0, 9 * 60, 30))
                writer.event(writer.uid(), start, rng.choice((30, 30, 60, 60, 90, 120)))
            if (today - day).days % 45 == 0:
                writer.series(day, rng.randint(10, 80))
        day -= timedelta(days=1)
    writer.series(day, None)
    return head + "".join(writer.parts) + "END:VCALENDAR\r\n"
