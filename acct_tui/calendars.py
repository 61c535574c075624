"""The user's calendars for the planner and `status`: which files, and their meetings for a day.

The files are the settings' `[calendar] files` and every `--calendar PATH` of the command line
(a file, or a folder of .ics files such as vdirsyncer keeps). They are only ever read. A file
that cannot be read gives a problem naming it (and the line), and the rest is still read; the
planner starts either way. The reading itself is `acct_tui.calendar`'s, imported here on use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from acct_tui.domain.schedule import calendar_window
from acct_tui.domain.settings import Settings

if TYPE_CHECKING:
    from acct_tui.calendar import CalendarRead


@dataclass(frozen=True, slots=True)
class Calendars:
    """The calendar files of one session and how to read them."""

    paths: tuple[Path, ...] = ()
    my_addresses: tuple[str, ...] = ()
    timezone: str = ""

    @classmethod
    def of(cls, settings: Settings, extra: Sequence[str | Path] = ()) -> Calendars:
        """The settings' calendar files, then the command line's, each once."""
        found: list[Path] = []
        for name in (*settings.calendar.files, *extra):
            path = Path(name).expanduser()
            if path not in found:
                found.append(path)
        return cls(tuple(found), tuple(settings.calendar.my_addresses), settings.calendar.timezone)

    def read(self, today: date, settings: Settings) -> CalendarRead:
        """Every meeting from the four weeks before this one to the end of the schedule."""
        from acct_tui.calendar.found import CalendarRead

        if not self.paths:
            return CalendarRead()
        from acct_tui.calendar import UnknownTimeZone, local_zone, read_calendars
        from acct_tui.calendar.problems import CalendarProblem

        try:
            zone = local_zone(self.timezone or None)
        except UnknownTimeZone as err:
            return CalendarRead((), (CalendarProblem(Path("settings: calendar.timezone"), None, str(err)),))
        first, last = calendar_window(today, settings)
        return read_calendars(self.paths, first, last, my_addresses=self.my_addresses, zone=zone)

    def signature(self) -> object:
        """Changes when any calendar file changes (for the planner's watch and the status cache)."""
        from acct_tui.calendar import calendar_signature

        return calendar_signature(self.paths) if self.paths else ()
