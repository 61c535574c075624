"""How numbers, dates, stages and search hits look on screen: short, aligned, the same in every pane."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from textual.content import Content

from acct_tui.domain.discounts import ClientDiscount
from acct_tui.domain.enums import Priority, Stage, Tier
from acct_tui.domain.meetings import Meeting

STAGE_COLOURS: dict[Stage, str] = {
    Stage.PROSPECT: "#9aa8b5",
    Stage.NEGOTIATION: "#e0b040",
    Stage.KICKOFF: "#ef7a6a",
    Stage.DELIVERY: "#66aef0",
    Stage.SUPPORT: "#4fc1c0",
    Stage.COMPLETED: "#8fc46a",
    Stage.LOST: "#808890",
}
"""Chosen to stay apart from each other and readable on dark and light, in 256 colours too."""

TIER_MARKS: dict[Tier, str] = {Tier.STRATEGIC: "S", Tier.KEY: "K", Tier.STANDARD: "·"}
PRIORITY_MARKS: dict[Priority, str] = {Priority.HIGH: "H", Priority.MEDIUM: "M", Priority.LOW: "L"}


def hours(value: float) -> str:
    """1.5 -> "1.5h", 2.0 -> "2h", 0.25 -> "0.25h"."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "h"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def due_label(due: date | None, today: date) -> str:
    """A due date relative to today, in at most 9 cells: "today", "3d late", "Fri", "12 Dec"."""
    if due is None:
        return "no date"
    days = (due - today).days
    if days < 0:
        return f"{-days}d late"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return due.strftime("%a")
    if due.year == today.year:
        return f"{due.day} {due.strftime('%b')}"
    return f"{due.day} {due.strftime('%b %y')}"  # "13 Jan 27": an ISO date would not fit its 9 cells


def ago(days: int | None) -> str:
    """Days since something: "today", "3d", "5w", "never"."""
    if days is None:
        return "never"
    if days <= 0:
        return "today"
    if days < 70:
        return f"{days}d"
    return f"{days // 7}w"


def long_date(day: date | None) -> str:
    return day.strftime("%a %d %b %Y") if day else "—"


def discount_flags(row: ClientDiscount) -> list[tuple[str, str]]:
    """What the discount guard flags for a client, each with its style."""
    found = []
    if row.needs_reason:
        found.append((f"needs a reason ({', '.join(row.needs_reason)})", "bold $error"))
    if row.needs_approval:
        found.append(("needs approval", "bold $warning"))
    if row.creeping:
        found.append(("rose at each of the last renewals", "$warning"))
    return found


def marked(text: str, marks: tuple[tuple[int, int], ...], style: str = "bold $accent") -> Content:
    """User text (never markup) with the spans a search matched in `style`."""
    content = Content(text)
    for start, end in marks:
        content = content.stylize(style, start, end)
    return content


def fitting(width: int, *lines: Content) -> Content:
    """The first of `lines` (fullest first, shortest last) that fits in `width` cells; the last one
    if none does (the list then cuts it)."""
    return next((line for line in lines if line.cell_length <= width), lines[-1])


def meeting_note(meeting: Meeting, outside: bool) -> str:
    """What a meeting shown beside the plan costs when it costs nothing: "(free)", or "(outside
    your hours)" for a busy one with none of its time in the working window."""
    if not meeting.busy:
        return "(free)"
    return "(outside your hours)" if outside else ""


def meeting_time(meeting: Meeting, day: date) -> str:
    """A meeting's time on `day`, clipped to the day: "14:00-14:45", "all day"; a meeting from
    16:00 to 10:00 the next morning reads "16:00-24:00" on its first day and "00:00-10:00" on the next."""
    if meeting.all_day:
        return "all day"
    midnight = datetime.combine(day, time.min)
    start = max(meeting.start, midnight)
    end = min(meeting.end, midnight + timedelta(days=1))
    return f"{start:%H:%M}-" + ("24:00" if end.date() > day else f"{end:%H:%M}")
