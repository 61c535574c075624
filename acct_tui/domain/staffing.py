"""Staff room: how many hours each staff member still has, from today to a given day.

A staff member works `weekly_capacity` spread evenly over the account manager's work days (the
book knows their leave, not their calendar). Their room until a day is that capacity over the
working days left from today to that day on which they are at work (not on leave, not gone),
less the estimates of the open tasks delegated to them that are due by then (or overdue). The
week shown is the rest of this one, or next week once none of this one's working days is left.
Suggestions to delegate (`risks.Suggester`) go only to the members at work today (`members`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.capacity import is_working_day, planning_week, utilisation
from acct_tui.domain.records import StaffMember
from acct_tui.domain.wording import short_day


@dataclass(frozen=True, slots=True)
class StaffLoad:
    """A staff member's rest of the week: the capacity left and the delegated work due in it."""

    id: int
    name: str
    capacity_hours_week: float
    """Their capacity over the working days left this week (or next week's, on a weekend), today
    included, less their leave."""
    load_hours_week: float
    """Open tasks delegated to them, due by the end of the week or overdue."""
    utilisation: float
    tasks: int
    away: str = ""
    """Why they have less (or no) capacity: "on leave until Tue 1 Dec (holiday)", "left on Mon 30 Nov"."""
    next_week: bool = False
    """The figures are next week's: no working day of this one is left (a weekend)."""

    @property
    def spare_hours(self) -> float:
        return round(self.capacity_hours_week - self.load_hours_week, 2)


class StaffRoom:
    """The capacity and delegated load until any day of every staff member at work today."""

    def __init__(self, book: Book, today: date) -> None:
        self.today = today
        self.settings = book.settings.capacity
        self.members = {m.id: m for m in book.staff.values() if m.available(today)}
        self._open: defaultdict[int, list[tuple[date | None, float]]] = defaultdict(list)
        for task in book.tasks.values():
            if task.assignee_id is not None and task.is_open:
                self._open[task.assignee_id].append((task.due, task.estimate_hours))

    def days_left(self, until: date, member: StaffMember | None = None) -> int:
        """Working days from today to `until`, both included (on which `member` is at work)."""
        count, day = 0, self.today
        while day <= until:
            count += is_working_day(day, self.settings) and (member is None or member.available(day))
            day += timedelta(days=1)
        return count

    def capacity(self, member: StaffMember, until: date) -> float:
        """Their hours on the working days from today to `until` on which they are at work."""
        work_days = len(self.settings.work_days) or 5
        return round(member.weekly_capacity * self.days_left(until, member) / work_days, 2)

    def load(self, member_id: int, until: date) -> tuple[float, int]:
        """Hours and number of their open tasks due by `until` (overdue included)."""
        due = [hours for when, hours in self._open.get(member_id, ()) if when is not None and when <= until]
        return round(sum(due), 2), len(due)


def staff_loads(book: Book, today: date) -> tuple[StaffLoad, ...]:
    """Every staff member who is not gone, and any gone one who still has open work this week (next
    week, once no working day of this one is left)."""
    room = StaffRoom(book, today)
    sunday, next_week = planning_week(today, book.settings.capacity)
    work_days = len(book.settings.capacity.work_days) or 5
    found = []
    for member in book.staff.values():
        load, count = room.load(member.id, sunday)
        if member.gone(today) and not load:
            continue
        capacity = room.capacity(member, sunday)
        fraction = utilisation(load, capacity, member.weekly_capacity / work_days)
        found.append(StaffLoad(member.id, member.name, capacity, load, fraction, count, away(member, today), next_week))
    return tuple(found)


def away(member: StaffMember, today: date, ahead_days: int = 14) -> str:
    """Why a member is or will soon be away: gone, on leave now, or leave starting within `ahead_days`."""
    if member.gone(today):
        return f"left on {short_day(member.left_on)}" if member.left_on is not None else "gone"
    now = member.leave_on(today)
    if now is not None:
        return f"on leave until {short_day(now.end)}" + (f" ({now.reason})" if now.reason else "")
    soon = sorted(
        (leave for leave in member.leave if today < leave.start <= today + timedelta(days=ahead_days)),
        key=lambda leave: leave.start,
    )
    if soon:
        leave = soon[0]
        return f"on leave {short_day(leave.start)} to {short_day(leave.end)}" + (
            f" ({leave.reason})" if leave.reason else ""
        )
    if member.left_on is not None and member.left_on <= today + timedelta(days=ahead_days):
        return f"leaves on {short_day(member.left_on)}"
    return ""
