"""A calendar file's text read without parsing it: its components, their lines, their broken lines.

icalendar parses about 2 MB a second, so a 5 MB export of years of meetings would take seconds
to read for a window of a few weeks. This scan finds, with a few regular expressions over the
whole text, each top-level component of each VCALENDAR, and for each event the few properties
that say when it is (UID, DTSTART, DTEND, and whether it repeats or is moved). The reader then
gives icalendar only the time zones and the events that may touch the window, and names the line
of any problem. An event is judged to be outside the window only when nothing about it could
bring it in (see `Unit.outside`); everything else goes to icalendar.

The scan works on the text after one leading newline (`scan_text`), so that every line, the
first one too, starts after a "\\n": the patterns anchor on it, which is several times faster
than `^` with re.MULTILINE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from acct_tui.calendar.problems import FileProblems

MARGIN = timedelta(days=4)
"""How far outside the window an event's dates, as written, must be for the scan to leave it out:
the date of one moment differs by two days at most between two zones (UTC-12 and UTC+14 are 26
hours apart), and the scan reads dates without their zones."""

MAX_DATES_PER_EVENT = 10_000
"""RDATE and EXDATE values one event may list; more is a broken or hostile file (each value costs
icalendar an object), and the event is left out."""

_MARK = re.compile(r"\n(BEGIN|END):([^\r\n]*)", re.IGNORECASE)
_BROKEN = re.compile(r"\n(?![ \t]|[A-Za-z0-9-]+[;:]|\r?\n|\r?\Z)([^\r\n]*)")
"""A line that is neither a continuation, nor `NAME;...` or `NAME:...`, nor empty."""
_FACTS = (
    r"\n(UID|DTSTART|DTEND|DURATION|RRULE|RDATE|EXDATE|RECURRENCE-ID)"
    r"((?:;(?:[^\":\r\n]+|\"[^\"\r\n]*\")*)?):([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)"
)
_FACTS_UPPER = re.compile(_FACTS)
_FACTS_ANY_CASE = re.compile(_FACTS, re.IGNORECASE)
"""Names are case-insensitive, but every producer writes them in capitals, and the exact pattern
is twice as fast: the other is used only for a file with a line starting in lower case."""
_LOWER_NAME = re.compile(r"\n[a-z]")
_FOLD = re.compile(r"\r?\n[ \t]")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?")
_WEEKDAY = re.compile(r"(?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*")
_COUNTED = {
    "DAILY": frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"}),
    "WEEKLY": frozenset({"BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST"}),
}
"""Rules whose every period (day, week) holds at least one repetition, whatever their BY parts
here: COUNT repetitions then end within COUNT periods."""


def scan_text(text: str) -> str:
    """The form of a file's text that the scan and the reader work on (see the module docstring)."""
    return "\n" + text


@dataclass(slots=True)
class Block:
    """One top-level component of a VCALENDAR: its name and where it is in the scan text."""

    name: str
    start: int
    """Offset of the first character of its BEGIN line."""
    end: int = -1
    """Offset just after its END line (with the line's newline)."""
    inner: list[tuple[int, int]] = field(default_factory=list)
    """Nested components (VALARM, a VTIMEZONE's STANDARD and DAYLIGHT): their properties are not its own."""
    broken: bool = False
    """Its BEGIN and END lines do not match up (already reported): it is not read."""
    uid: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    """DTEND's date, when it has one."""
    unsure: bool = False
    """Something about its dates the scan cannot bound (a DURATION, an unreadable date, a rule
    without an end): it always goes to icalendar."""
    rules: list[str] = field(default_factory=list)
    rdates: list[str] = field(default_factory=list)
    dates: int = 0
    """How many RDATE and EXDATE values it lists."""

    def own_parts(self) -> list[tuple[int, int]]:
        """Where its own lines are: its text less the nested components'."""
        parts, cursor = [], self.start
        for start, end in self.inner:
            parts.append((cursor, start))
            cursor = end
        parts.append((cursor, self.end))
        return parts

    def days(self) -> tuple[date, date] | None:
        """The first and last day anything of it can happen on, as written (None: cannot tell)."""
        if self.unsure or self.first_day is None or self.dates > MAX_DATES_PER_EVENT:
            return None
        length = (self.last_day - self.first_day) if self.last_day is not None else timedelta(days=1)
        if length < timedelta(0):
            return None  # ends before it starts: icalendar has the last word (and reports it)
        earliest, latest = self.first_day, self.first_day + length
        for rule in self.rules:
            last = _rule_end(rule, self.first_day)
            if last is None:
                return None
            latest = max(latest, last + length)
        for value in self.rdates:
            for part in value.split(","):
                when, _, until = part.partition("/")
                day, end = _day(when), _day(until) if until else None
                if day is None or (until and end is None):
                    return None  # a period with a duration, or a bad date
                earliest, latest = min(earliest, day), max(latest, end or day + length)
        return earliest, latest


def _rule_end(rule: str, start: date) -> date | None:
    """The last day a RRULE value can repeat on, when the rule itself says: its UNTIL, or COUNT
    periods of a daily or weekly rule; None for an endless or otherwise unbounded rule."""
    parts = dict(part.partition("=")[::2] for part in _FOLD.sub("", rule).strip().upper().split(";"))
    if "UNTIL" in parts:
        return _day(parts["UNTIL"])
    freq, count = parts.get("FREQ", ""), parts.get("COUNT", "")
    allowed = _COUNTED.get(freq)
    if allowed is None or not count.isdigit() or len(count) > 6:
        return None
    extra = set(parts) - {"FREQ", "COUNT", "INTERVAL"}
    interval = parts.get("INTERVAL", "1")
    if extra - allowed or not interval.isdigit() or len(interval) > 4 or int(interval) < 1:
        return None
    if "BYDAY" in parts and not _WEEKDAY.fullmatch(parts["BYDAY"]):
        return None
    period = timedelta(days=1 if freq == "DAILY" else 7)
    try:
        return start + period * (int(count) * int(interval) + 1)
    except OverflowError:
        return None


@dataclass(slots=True)
class Unit:
    """One VCALENDAR of a file (most files have one)."""

    start: int
    close: int = -1
    """Offset of its END:VCALENDAR line (the text's end if it has none)."""
    blocks: list[Block] = field(default_factory=list)
    cut: list[tuple[int, int]] = field(default_factory=list)
    """Lines left out of what icalendar reads (already reported): a broken line, an END without its BEGIN."""

    def outside(self, first: date, last: date) -> set[int]:
        """The events (by `start`) that clearly cannot touch `first`..`last`: every event with
        their UID (a recurring event and its moved instances) has all its days, as written, more
        than MARGIN away from the window."""
        groups: dict[str | int, list[Block]] = {}
        for block in self.blocks:
            if block.name == "VEVENT" and not block.broken:
                groups.setdefault(block.uid if block.uid is not None else block.start, []).append(block)
        low, high = first - MARGIN, last + MARGIN
        found: set[int] = set()
        for blocks in groups.values():
            spans = [block.days() for block in blocks]
            if all(span is not None and (span[1] < low or span[0] > high) for span in spans):
                found.update(block.start for block in blocks)
        return found


def scan(text: str, problems: FileProblems) -> list[Unit]:
    """The VCALENDARs of `text` (in scan form) and their components; structure problems and
    broken lines go to `problems`."""
    units = _structure(text, problems)
    for found in _BROKEN.finditer(text):
        line, at = found.group(1), found.start() + 1
        shown = line if len(line) <= 60 else line[:57] + "..."
        problems.add(f'not an iCalendar line: "{shown}"', offset=at)
        for unit in units:
            if unit.start <= at < unit.close:  # icalendar refuses the whole calendar for such a line
                unit.cut.append((at, _line_end(text, found.end())))
    facts = _FACTS_ANY_CASE if _LOWER_NAME.search(text) else _FACTS_UPPER
    for unit in units:
        _event_facts(text, unit, facts)
    return units


def _line_end(text: str, end: int) -> int:
    """The offset after the newline that ends the line whose content ends at `end`."""
    if text.startswith("\r\n", end):
        return end + 2
    if text.startswith("\n", end):
        return end + 1
    return end


def _structure(text: str, problems: FileProblems) -> list[Unit]:
    units: list[Unit] = []
    stack: list[tuple[str, int]] = []  # (name, offset of its BEGIN line)
    unit: Unit | None = None
    block: Block | None = None
    inner_start = 0
    outside_reported = False
    for mark in _MARK.finditer(text):
        at = mark.start() + 1
        kind, name = mark.group(1).upper(), mark.group(2).strip().upper()
        if kind == "BEGIN":
            depth = len(stack)
            if depth == 0:
                unit = Unit(at) if name == "VCALENDAR" else None
                if unit is not None:
                    units.append(unit)
                elif not outside_reported:
                    problems.add(f"BEGIN:{name} outside BEGIN:VCALENDAR ... END:VCALENDAR is not read", offset=at)
                    outside_reported = True
            elif depth == 1 and unit is not None:
                block = Block(name, at)
                unit.blocks.append(block)
            elif depth == 2:
                inner_start = at
            stack.append((name, at))
            continue
        after = _line_end(text, mark.end())
        if all(open_name != name for open_name, _ in stack):
            problems.add(f"END:{name} without a BEGIN:{name}", offset=at)
            if len(stack) == 1 and unit is not None:
                unit.cut.append((at, after))
            elif block is not None:
                block.broken = True
            continue
        while stack:
            open_name, open_at = stack.pop()
            depth, matched = len(stack), open_name == name
            if not matched:
                problems.add(
                    f"BEGIN:{open_name} is not closed before END:{name} (line {problems.line_of(at)})", offset=open_at
                )
            if depth == 0 and unit is not None:
                unit.close, unit = at, None
            elif depth == 1 and block is not None:
                block.end = after if matched else at
                block.broken = block.broken or not matched
                block = None
            elif depth == 2 and block is not None:
                block.inner.append((inner_start, after if matched else at))
                block.broken = block.broken or not matched
            if matched:
                break
    if stack:
        name, at = stack[1] if len(stack) > 1 else stack[0]
        problems.add(f"BEGIN:{name} is never closed (is the file cut short?)", offset=at)
        if block is not None:
            block.end, block.broken = len(text), True
        if unit is not None:
            unit.close = len(text)
    return units


def _day(value: str) -> date | None:
    found = _DATE.fullmatch(value.strip())
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _event_facts(text: str, unit: Unit, facts: re.Pattern[str]) -> None:
    """Fill in each event's UID, written dates and repetitions from one pass over the unit's text."""
    events = [block for block in unit.blocks if block.name == "VEVENT" and not block.broken]
    if not events:
        return
    index, event, days = 0, events[0], dict[str, date | None]()
    for found in facts.finditer(text, events[0].start - 1, events[-1].end):
        at = found.start() + 1
        while event.end <= at:
            index += 1
            if index == len(events):
                return
            event = events[index]
        if at < event.start or (event.inner and at >= event.inner[0][0] and any(a <= at < b for a, b in event.inner)):
            continue  # a property of a nested component (an alarm's UID or DTSTART)
        name, value = found.group(1, 3)
        name = name.upper()
        if name == "UID":
            if event.uid is None:
                event.uid = _FOLD.sub("", value).replace("\\", "").strip()
        elif name == "DTSTART" or name == "DTEND":
            day = days[value] if value in days else days.setdefault(value, _day(value))
            if day is None or (event.first_day if name == "DTSTART" else event.last_day) is not None:
                event.unsure = True  # unreadable, or written twice
            elif name == "DTSTART":
                event.first_day = day
            else:
                event.last_day = day
        elif name == "RRULE":
            event.rules.append(value)
        elif name == "RDATE" or name == "EXDATE":
            event.dates += value.count(",") + 1
            if name == "RDATE":
                event.rdates.append(_FOLD.sub("", value))
        elif name == "DURATION" or "THISANDFUTURE" in found.group(2).upper():
            event.unsure = True
