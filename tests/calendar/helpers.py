"""Reading the fixtures: one call with the tests' zone, and meetings as rows that compare plainly."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from acct_tui.calendar import CalendarRead, read_calendars

FIXTURES = Path(__file__).parent / "fixtures"
BERLIN = ZoneInfo("Europe/Berlin")

Row = tuple[str, str, str, str]
"""(start, end, title, flags): times as "2026-11-24 14:00", flags "busy"/"free" and " all-day"."""


def read(
    *names: str | Path, first: date, last: date, my_addresses: Collection[str] = (), prefilter: bool = True
) -> CalendarRead:
    paths = [name if isinstance(name, Path) else FIXTURES / name for name in names]
    return read_calendars(paths, first, last, my_addresses=my_addresses, zone=BERLIN, prefilter=prefilter)


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def rows(found: CalendarRead) -> list[Row]:
    return [
        (when(m.start), when(m.end), m.title, ("busy" if m.busy else "free") + (" all-day" if m.all_day else ""))
        for m in found.meetings
    ]


def messages(found: CalendarRead) -> list[str]:
    """Each problem as shown, with the fixtures' folder left out."""
    return [str(problem).replace(f"{FIXTURES}/", "") for problem in found.problems]
