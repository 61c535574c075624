"""One VCALENDAR's events as meetings: icalendar parses them, recurring-ical-events expands them.

The rules of what an event means for the schedule live here: which occurrences count (not
cancelled, not declined by the user), whether one blocks time, its title and attendees, and how
its times become the user's local wall-clock time. Everything read from a file is untrusted: an
event that icalendar or the expansion cannot make sense of is left out with a problem naming its
line, and a rule that would repeat too often is refused before it is expanded.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from acct_tui.calendar.problems import FileProblems
from acct_tui.calendar.scan import MAX_DATES_PER_EVENT, Block, Unit
from acct_tui.domain.meetings import Meeting

if TYPE_CHECKING:
    from icalendar import Calendar, Component

SPAN_WIDENING = timedelta(days=2)
"""The expansion is asked for the window widened by this much on each side, so that an event in
any zone whose local time touches the window is found; the exact test is made on local times."""
MAX_STEPS_PER_EVENT = 50_000
"""Repetitions the expansion may have to step through for one event, from its first one to the
end of the window (dateutil steps about 400,000 a second): more is refused, so that a
FREQ=SECONDLY rule from years ago cannot hang the planner."""
MAX_STEPS_PER_FILE = 250_000
MAX_PER_DAY = 48
"""Occurrences of one event per day of the span: more (every half hour, day and night) is a
broken or hostile rule, and the event is left out."""
TITLE_LENGTH = 200
NO_TITLE = "(no title)"
BUSY_STATUSES = frozenset({"BUSY", "OOF"})
"""Outlook's X-MICROSOFT-CDO-BUSYSTATUS values that make an all-day event busy."""

_FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
_FREQ_ORDER = tuple(_FREQ_SECONDS)
_DAYS_IN_PERIOD = {"WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
_WHITESPACE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0, DEL, C1, and the bidirectional overrides that would reorder what a terminal shows."""
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SUMMARY = re.compile(r"\nSUMMARY(?:;[^:\r\n]*)?:([^\r\n]*)", re.IGNORECASE)
_TZID = re.compile(r"\nTZID:([^\r\n]*)", re.IGNORECASE)
_X_WR_TIMEZONE = re.compile(r"\nX-WR-TIMEZONE[;:]", re.IGNORECASE)
_USED = re.compile(
    r"\n(?:UID|DTSTART|DTEND|DURATION|RRULE|RDATE|EXDATE|RECURRENCE-ID|SEQUENCE|STATUS|TRANSP|SUMMARY|ORGANIZER"
    r"|ATTENDEE|X-MICROSOFT-CDO-BUSYSTATUS)[;:][^\r\n]*(?:\r?\n[ \t][^\r\n]*)*",
    re.IGNORECASE,
)
"""The properties the reader and the expansion use: an event is given to icalendar with only these."""


@dataclass(frozen=True, slots=True)
class Window:
    """What the reader asks for: the dates (inclusive, local), the user's zone and addresses."""

    first: date
    last: date
    zone: tzinfo
    addresses: frozenset[str]

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time())

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time())

    def touches(self, start: datetime, end: datetime) -> bool:
        if end == start:  # an event without length is where it starts
            return self.start <= start < self.end
        return start < self.end and end > self.start


@dataclass
class Budget:
    """Expansion steps left for one file (see MAX_STEPS_PER_FILE)."""

    steps: int = MAX_STEPS_PER_FILE


@dataclass
class _Event:
    """One VEVENT as icalendar read it, where it is in the file, and what icalendar said of it."""

    component: Component
    block: Block
    errors: list[tuple[str | None, str]] = field(default_factory=list)


def clean_title(value: object) -> str:
    """An event's SUMMARY as shown: line breaks and tabs as spaces, control characters removed,
    at most TITLE_LENGTH characters; "(no title)" when there is none."""
    text = _CONTROL.sub("", _WHITESPACE.sub(" ", str(value) if value is not None else "")).strip()
    if len(text) > TITLE_LENGTH:
        text = text[: TITLE_LENGTH - 1].rstrip() + "…"
    return text or NO_TITLE


def address(value: object, params: object = None) -> str | None:
    """The lower-case e-mail of an ORGANIZER or ATTENDEE (its EMAIL parameter, else its value
    without "mailto:"), or None when it is not an e-mail address."""
    email = params.get("EMAIL") if isinstance(params, dict) else None
    text = str(email or value).strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.strip().lower()
    return text if _EMAIL.fullmatch(text) else None


def busy(component: Component, *, all_day: bool) -> bool:
    """Whether an occurrence blocks time. Outlook's X-MICROSOFT-CDO-BUSYSTATUS, where written, is
    the most precise word (an all-day event is busy when BUSY or OOF, a timed one unless FREE);
    else TRANSP: a timed event is busy unless TRANSPARENT, an all-day one only when OPAQUE."""
    outlook = str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).strip().upper()
    if outlook:
        return outlook in BUSY_STATUSES if all_day else outlook != "FREE"
    transparency = str(component.get("TRANSP", "")).strip().upper()
    return transparency == "OPAQUE" if all_day else transparency != "TRANSPARENT"


def read_unit(
    text: str, unit: Unit, window: Window, problems: FileProblems, budget: Budget, *, prefilter: bool
) -> list[Meeting]:
    """The meetings of one VCALENDAR that touch the window.

    The events the scan finds outside the window are left out before parsing (`prefilter`), or
    parsed and expanded without a word about their problems, which cannot matter to the window:
    either way the result is the same.
    """
    outside = unit.outside(window.first, window.last)
    blocks: list[Block] = []
    for block in unit.blocks:
        if block.name != "VEVENT" or block.broken or (prefilter and block.start in outside):
            continue
        if block.dates > MAX_DATES_PER_EVENT:
            if block.start not in outside:
                problems.add(
                    f"{_name(text, block)} lists {block.dates:,} RDATE and EXDATE dates, more than the "
                    f"{MAX_DATES_PER_EVENT:,} one event may have; it is left out",
                    offset=block.start,
                )
            continue
        blocks.append(block)
    if all(block.start in outside for block in blocks):
        return []  # nothing that can touch the window (a vdirsyncer folder is mostly such files)
    calendar, events = _parse(text, unit, blocks, problems)
    if calendar is None:
        return []
    mine = set(window.addresses)
    owner = address(calendar.get("X-WR-CALNAME", ""))
    if owner is not None:
        mine.add(owner)  # Google names a person's own calendar after their address
    _standard_times(text, unit, calendar, events, problems)
    reading = _Reading(text, Window(window.first, window.last, window.zone, frozenset(mine)), problems)
    meetings: list[Meeting] = []
    for group in _series(events):
        quiet = all(event.block.start in outside for event in group)
        meetings.extend(reading.series(group, budget, quiet=quiet))
    return meetings


def _name(text: str, block: Block) -> str:
    """'event "Title"' for messages, from the block's SUMMARY as written (or 'an event')."""
    found = _SUMMARY.search(text, block.start - 1, block.end)
    if found is None:
        return "an event"
    title = clean_title(found.group(1).replace("\\,", ",").replace("\\;", ";"))
    return f'event "{title if len(title) <= 60 else title[:57] + "..."}"'


def _head(text: str, unit: Unit) -> str:
    """The VCALENDAR's own lines and its VTIMEZONEs: what every event is read with.

    A VTIMEZONE named after a Windows zone that stands for an IANA zone ("W. Europe Standard
    Time" is Europe/Berlin) is left out, so that icalendar reads its times in the zone database's
    zone, as it does for a VTIMEZONE with an IANA name: the same offsets (Outlook writes the
    zone's current rules), without dateutil stepping through the VTIMEZONE's yearly rules from
    1601 for every time it converts (an eighth of the time of reading an Outlook calendar).
    """
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    parts: list[str] = []
    cursor, cuts = unit.start, sorted(unit.cut)
    for block in unit.blocks:
        parts.append(_without(text, cursor, block.start, cuts))
        if block.name == "VTIMEZONE" and not block.broken:
            found = _TZID.search(text, block.start - 1, block.inner[0][0] if block.inner else block.end)
            if found is None or found.group(1).strip().strip('"') not in WINDOWS_TO_OLSON:
                parts.append(_without(text, block.start, block.end, cuts))
        cursor = block.end
    parts.append(_without(text, cursor, unit.close, cuts))
    return "".join(parts)


def _without(text: str, start: int, end: int, cuts: list[tuple[int, int]]) -> str:
    pieces, cursor = [], start
    for cut_start, cut_end in cuts:
        if start <= cut_start < end:
            pieces.append(text[cursor:cut_start])
            cursor = cut_end
    pieces.append(text[cursor:end])
    return _line_ended("".join(pieces))


def _line_ended(piece: str) -> str:
    return piece if not piece or piece.endswith("\n") else piece + "\r\n"


def _body(text: str, block: Block) -> str:
    """An event as icalendar is given it: only the properties the reader uses, without its
    alarms (an Outlook event is mostly its description, and icalendar parses every line)."""
    lines = ["BEGIN:VEVENT\r\n"]
    for start, end in block.own_parts():
        lines.extend(found.group(0)[1:] + "\r\n" for found in _USED.finditer(text, start - 1, end))
    lines.append("END:VEVENT\r\n")
    return "".join(lines)


def _parse(text: str, unit: Unit, blocks: list[Block], problems: FileProblems) -> tuple[Calendar | None, list[_Event]]:
    """icalendar's reading of the unit's head and of `blocks`. When the whole does not parse, each
    part is tried alone, so that one bad event or time zone does not cost the rest."""
    from icalendar import Calendar

    _quiet_guesses()
    head, bodies = _head(text, unit), [_body(text, block) for block in blocks]
    try:
        calendar = Calendar.from_ical(head + "".join(bodies) + "END:VCALENDAR\r\n")
    except Exception:  # icalendar raises several kinds on a broken file: each part is tried below
        return _parse_apart(text, unit, bodies, blocks, problems)
    found = [component for component in calendar.subcomponents if component.name == "VEVENT"]
    if len(found) != len(blocks):
        return _parse_apart(text, unit, bodies, blocks, problems)
    calendar.subcomponents = [component for component in calendar.subcomponents if component.name != "VEVENT"]
    return calendar, [_Event(c, block, list(c.errors)) for c, block in zip(found, blocks, strict=True)]


def _quiet_guesses() -> None:
    """icalendar warns when it reads "/freeassociation.sourceforge.net/Europe/Helsinki" (Evolution,
    Lightning) as Europe/Helsinki: a right guess, and a warning would be written over the planner's
    screen."""
    try:
        from icalendar.error import GloballyUniqueTZIDGuessed
    except ImportError:  # an icalendar that does not guess
        return
    warnings.filterwarnings("ignore", category=GloballyUniqueTZIDGuessed)


def _parse_apart(
    text: str, unit: Unit, bodies: list[str], blocks: list[Block], problems: FileProblems
) -> tuple[Calendar | None, list[_Event]]:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(_head(text, unit) + "END:VCALENDAR\r\n")
    except Exception as error:
        for block in unit.blocks:
            if block.name == "VTIMEZONE" and not block.broken:
                try:
                    Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{text[block.start : block.end]}END:VCALENDAR\r\n")
                except Exception as zone_error:
                    problems.add(f"the time zone cannot be read: {_reason(zone_error)}", offset=block.start)
                    block.broken = True
        try:
            calendar = Calendar.from_ical(_head(text, unit) + "END:VCALENDAR\r\n")
        except Exception:
            problems.add(f"the calendar cannot be read: {_reason(error)}", offset=unit.start)
            return None, []
    head = _head(text, unit)
    events: list[_Event] = []
    for body, block in zip(bodies, blocks, strict=True):
        try:
            alone = [
                c for c in Calendar.from_ical(head + body + "END:VCALENDAR\r\n").subcomponents if c.name == "VEVENT"
            ]
        except Exception as error:
            problems.add(f"{_name(text, block)} cannot be read: {_reason(error)}; it is left out", offset=block.start)
            continue
        if len(alone) == 1:
            events.append(_Event(alone[0], block, list(alone[0].errors)))
    return calendar, events


def _reason(error: BaseException | str) -> str:
    """A library's complaint as a short message (its first line, at most 200 characters)."""
    lines = str(error).strip().splitlines()
    first = lines[0] if lines else type(error).__name__
    return first if len(first) <= 200 else first[:197] + "..."


def _standard_times(text: str, unit: Unit, calendar: Calendar, events: list[_Event], problems: FileProblems) -> None:
    """Google writes UTC times and names the calendar's zone in X-WR-TIMEZONE: x-wr-timezone moves
    them into that zone, so that a weekly 10:00 stays at 10:00 across a change of summer time."""
    zone_name = calendar.get("X-WR-TIMEZONE")
    if zone_name is None or not events:
        return
    import x_wr_timezone
    from icalendar import Calendar

    holder = Calendar()
    for key, value in calendar.items():
        holder[key] = value
    for event in events:
        holder.add_component(event.component)
    try:
        converted = x_wr_timezone.to_standard(holder)
    except Exception:  # an unknown zone name (zoneinfo raises one of several kinds)
        found = _X_WR_TIMEZONE.search(text, unit.start - 1, unit.close)
        problems.add(
            f'X-WR-TIMEZONE names an unknown time zone "{zone_name}"; its times are read as written',
            offset=found.start() + 1 if found else unit.start,
        )
        return
    for event, component in zip(events, converted.subcomponents, strict=True):
        event.component = component


def _series(events: list[_Event]) -> Iterator[list[_Event]]:
    """The events grouped by UID (a recurring event and its moved instances), in file order."""
    groups: dict[object, list[_Event]] = {}
    for event in events:
        uid = event.component.get("UID")
        groups.setdefault(str(uid) if uid is not None else id(event), []).append(event)
    yield from groups.values()


def _naive_utc(moment: datetime | date) -> datetime:
    """A date or time as naive UTC (as written, when floating): only for estimating steps."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time())
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def steps(rule: Any, start: datetime | date, until: datetime) -> int:
    """An upper bound of the repetitions dateutil steps through for `rule` (an icalendar vRecur)
    from `start` to `until` (naive UTC): the periods of its FREQ times what its BY parts expand
    each period to. Filters (BYMONTH on a daily rule...) only lower the true figure."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in _FREQ_SECONDS:
        return 0  # the expansion refuses it and says why
    interval = int((rule.get("INTERVAL") or [1])[0])  # at least 1: `_stuck` refused the others
    end = until
    rule_until = (rule.get("UNTIL") or [None])[0]
    if isinstance(rule_until, date):
        end = min(end, _naive_utc(rule_until))
    seconds = max(0.0, (end - _naive_utc(start)).total_seconds())
    periods = int(seconds // (_FREQ_SECONDS[freq] * interval)) + 1
    rank, per_period = _FREQ_ORDER.index(freq), 1
    for part, rank_below in (("BYSECOND", 0), ("BYMINUTE", 1), ("BYHOUR", 2)):
        if rank > rank_below:
            per_period *= max(1, len(rule.get(part) or ()))
    if freq in _DAYS_IN_PERIOD and any(rule.get(part) for part in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")):
        per_period *= _DAYS_IN_PERIOD[freq]
    elif freq == "YEARLY":
        per_period *= max(1, len(rule.get("BYMONTH") or ()))
    total = periods * per_period
    count = (rule.get("COUNT") or [None])[0]
    if isinstance(count, int) and not any(str(key).upper().startswith("BY") for key in rule):
        total = min(total, max(count, 0))
    return total


def _stuck(rule: Any) -> str | None:
    """The INTERVAL of a rule that never reaches its next date (0 or below: dateutil would loop
    for ever), as written; None for a rule that moves on."""
    value = (rule.get("INTERVAL") or [1])[0]
    try:
        return None if int(value) >= 1 else str(value)
    except (TypeError, ValueError):
        return str(value)


def _rule_problem(group: list[_Event], starts: list[datetime | date | None]) -> str:
    """What dateutil says is wrong with the first of the group's rules it refuses ("" if none):
    recurring_ical_events, retrying a refused rule another way, raises a misleading error
    ("UNTIL parameter is missing" for BYSETPOS=0)."""
    from dateutil.rrule import rrulestr

    for event, start in zip(group, starts, strict=True):
        recur: Any  # icalendar's vRecur, a dict that writes itself back as the RRULE's text
        for recur in _rules(event.component):
            try:
                rrulestr(recur.to_ical().decode(), dtstart=_naive_utc(start) if start is not None else None)
            except Exception as error:  # ValueError mostly; dateutil is not strict about its kinds
                return f"RRULE: {_reason(error)}"
            count = (recur.get("COUNT") or [1])[0]
            if isinstance(count, int) and count < 1:  # dateutil takes it; RFC 5545 wants a positive COUNT
                return f"RRULE: COUNT must be at least 1 (got {count})"
    return ""


def _rules(component: Component) -> list[dict[str, Any]]:
    """The RRULEs icalendar could read (a broken one is left to the expansion, which refuses it)."""
    rules = _get(component, "RRULE")
    if rules is None:
        return []
    return [rule for rule in (rules if isinstance(rules, list) else [rules]) if isinstance(rule, dict)]


def _start(component: Component) -> datetime | date | None:
    """DTSTART's date or time, or None when it has none icalendar could read."""
    try:
        value = _get(component, "DTSTART").dt
    except Exception:  # missing (AttributeError on None), or broken (icalendar's BrokenCalendarProperty)
        return None
    return value if isinstance(value, date) else None


def _get(component: Component, name: str) -> Any:
    """A property of an untrusted component, as whatever icalendar made of it (checked by the caller)."""
    return component.get(name)


def _values(component: Component, *names: str) -> Iterable[Any]:
    for name in names:
        value = _get(component, name)
        if value is not None:
            yield from value if isinstance(value, list) else [value]


class _Reading:
    """Turns one VCALENDAR's events into meetings, reporting what it cannot read."""

    def __init__(self, text: str, window: Window, problems: FileProblems) -> None:
        self.text = text
        self.window = window
        self.problems = problems
        self.unknown_zones: set[str] = set()
        self.span_start = window.start - SPAN_WIDENING
        self.span_end = window.end + SPAN_WIDENING

    def line_of(self, block: Block, name: str) -> int:
        """The line of `block`'s first `name` property (its BEGIN line if it has none)."""
        found = re.compile(rf"\n{re.escape(name)}[;:]", re.IGNORECASE).search(self.text, block.start - 1, block.end)
        return self.problems.line_of(found.start() + 1 if found else block.start)

    def report_errors(self, group: list[_Event], suffix: str = "") -> bool:
        """icalendar's complaints about the group's properties, each on its line; whether there were any."""
        for event in group:
            for name, message in event.errors:
                if name is not None:  # a line icalendar could not split was reported by the scan
                    self.problems.add(f"{name}: {_reason(message)}{suffix}", line=self.line_of(event.block, name))
        return any(name is not None for event in group for name, _ in event.errors)

    def refuse(self, group: list[_Event], message: str, *, quiet: bool) -> list[Meeting]:
        if not quiet:
            self.problems.add(
                f"{_name(self.text, group[0].block)} {message}; it is left out", offset=group[0].block.start
            )
        return []

    def series(self, group: list[_Event], budget: Budget, *, quiet: bool) -> list[Meeting]:
        """The meetings of one event and its moved instances. `quiet`: its problems are not
        reported (the scan found it outside the window, see `read_unit`)."""
        import recurring_ical_events
        from icalendar import Calendar

        starts = [_start(event.component) for event in group]
        if any(start is None for start in starts):
            if quiet or self.report_errors(group, "; the event is left out"):
                return []
            return self.refuse(group, "has no DTSTART with a date", quiet=quiet)
        stuck = next((value for event in group for rule in _rules(event.component) if (value := _stuck(rule))), None)
        if stuck is not None:
            return self.refuse(
                group, f"repeats with an INTERVAL of {stuck}, which must be a whole number of at least 1", quiet=quiet
            )
        until, most = _naive_utc(self.span_end), MAX_PER_DAY * (self.span_end - self.span_start).days
        needed = crowd = 0
        for event, start in zip(group, starts, strict=True):
            assert start is not None
            for rule in _rules(event.component):
                needed += steps(rule, start, until)
                if not any(str(key).upper().startswith("BY") for key in rule):  # then every step is one
                    crowd += steps(rule, max(_naive_utc(start), _naive_utc(self.span_start)), until)
        if needed > min(MAX_STEPS_PER_EVENT, budget.steps):
            limit = MAX_STEPS_PER_EVENT if needed > MAX_STEPS_PER_EVENT else budget.steps
            return self.refuse(
                group,
                f"repeats too often to be read (about {needed:,} times from its start to {self.window.last}, "
                f"more than the {limit:,} left to read)",
                quiet=quiet,
            )
        too_often = f"happens more than {MAX_PER_DAY} times a day"
        if crowd > most:
            return self.refuse(group, too_often, quiet=quiet)
        budget.steps -= needed
        holder = Calendar()
        for event in group:
            holder.add_component(event.component)
        try:
            occurrences = recurring_ical_events.of(holder).between(self.span_start, self.span_end)
        except Exception as error:  # the expansion raises many kinds on bad input
            if quiet or self.report_errors(group, "; the event is left out"):
                return []
            why = _rule_problem(group, starts) or _reason(error)
            return self.refuse(group, f"cannot be read: {why}", quiet=quiet)
        if len(occurrences) > most:
            return self.refuse(group, too_often, quiet=quiet)
        meetings = [meeting for meeting in map(self.meeting, occurrences) if meeting is not None]
        if occurrences and not quiet:
            self.report_errors(group)
            self.report_unknown_zones(group)
        return meetings

    def local(self, value: datetime | date) -> datetime:
        """`value` as naive local wall-clock time: aware times converted to the user's zone,
        floating times taken as local, dates as their midnight."""
        if not isinstance(value, datetime):
            return datetime.combine(value, time())
        if value.tzinfo is None:
            return value
        return value.astimezone(self.window.zone).replace(tzinfo=None)

    def report_unknown_zones(self, group: list[_Event]) -> None:
        """A TZID that neither a VTIMEZONE of the file nor the zone database defines: icalendar
        reads such times as floating, so they are taken as local time (said once per zone)."""
        for event in group:
            for name in ("DTSTART", "DTEND"):
                prop = _get(event.component, name)
                tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
                value = getattr(prop, "dt", None)
                if tzid and isinstance(value, datetime) and value.tzinfo is None and tzid not in self.unknown_zones:
                    self.unknown_zones.add(tzid)
                    self.problems.add(
                        f'time zone "{tzid}" is neither in the file nor known; its times are read as local time',
                        line=self.line_of(event.block, name),
                    )

    def meeting(self, component: Component) -> Meeting | None:
        """One occurrence as a meeting, or None: cancelled, declined, or outside the window."""
        if str(component.get("STATUS", "")).strip().upper() == "CANCELLED" or self.declined(component):
            return None
        start_prop, end_prop = _get(component, "DTSTART"), _get(component, "DTEND")
        all_day = not isinstance(start_prop.dt, datetime)
        start = self.local(start_prop.dt)
        end = self.local(end_prop.dt) if end_prop is not None else start
        if all_day and end <= start:
            end = start + timedelta(days=1)
        if not self.window.touches(start, end):
            return None
        uid = component.get("UID")
        return Meeting(
            start=start,
            end=end,
            title=clean_title(component.get("SUMMARY")),
            all_day=all_day,
            busy=busy(component, all_day=all_day),
            attendees=frozenset(
                found
                for prop in _values(component, "ORGANIZER", "ATTENDEE")
                if (found := address(prop, getattr(prop, "params", None))) is not None
            ),
            uid=_CONTROL.sub("", str(uid)) if uid is not None else "",
            source=str(self.problems.path),
        )

    def declined(self, component: Component) -> bool:
        """Whether one of the user's addresses attends with PARTSTAT=DECLINED."""
        if not self.window.addresses:
            return False
        for prop in _values(component, "ATTENDEE"):
            params = getattr(prop, "params", {})
            if str(params.get("PARTSTAT", "")).upper() == "DECLINED" and address(prop, params) in self.window.addresses:
                return True
        return False
