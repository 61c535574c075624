"""Staff room: how many hours each staff member still has, from today to a given day.

A staff member works `weekly_capacity` spread evenly over the account manager's work days (the
book does not know their calendar). Their room until a day is that capacity over the working
days left from today to that day, less the estimates of the open tasks delegated to them that
are due by then (or overdue). Suggestions to delegate take hours from it as they are made, so
two suggestions never promise the same hours.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.capacity import is_working_day, utilisation
from acct_tui.domain.dates import monday_of
from acct_tui.domain.records import StaffMember


@dataclass(frozen=True, slots=True)
class StaffLoad:
    """A staff member's rest of the week: the capacity left and the delegated work due in it."""

    id: int
    name: str
    capacity_hours_week: float
    """Their capacity over the working days left this week, today included."""
    load_hours_week: float
    """Open tasks delegated to them, due by the end of the week or overdue."""
    utilisation: float
    tasks: int

    @property
    def spare_hours(self) -> float:
        return round(self.capacity_hours_week - self.load_hours_week, 2)


class StaffRoom:
    """Every active staff member's room until any day, with the hours suggestions have taken."""

    def __init__(self, book: Book, today: date) -> None:
        self.today = today
        self.settings = book.settings.capacity
        self.members = {m.id: m for m in book.staff.values() if m.active}
        self._open: defaultdict[int, list[tuple[date | None, float]]] = defaultdict(list)
        for task in book.tasks.values():
            if task.assignee_id is not None and task.is_open:
                self._open[task.assignee_id].append((task.due, task.estimate_hours))
        self._taken: defaultdict[int, float] = defaultdict(float)

    def days_left(self, until: date) -> int:
        """Working days from today to `until`, both included."""
        count, day = 0, self.today
        while day <= until:
            count += is_working_day(day, self.settings)
            day += timedelta(days=1)
        return count

    def capacity(self, member: StaffMember, until: date) -> float:
        work_days = len(self.settings.work_days) or 5
        return round(member.weekly_capacity * self.days_left(until) / work_days, 2)

    def load(self, member_id: int, until: date) -> tuple[float, int]:
        """Hours and number of their open tasks due by `until` (overdue included)."""
        due = [hours for when, hours in self._open.get(member_id, ()) if when is not None and when <= until]
        return round(sum(due), 2), len(due)

    def spare(self, member: StaffMember, until: date) -> float:
        return round(self.capacity(member, until) - self.load(member.id, until)[0] - self._taken[member.id], 2)

    def best(self, hours: float, until: date) -> tuple[StaffMember, float] | None:
        """The member with the most room until `until` (lowest id among equals), if they have `hours`."""
        ranked = sorted(((self.spare(m, until), -m.id, m) for m in self.members.values()), reverse=True)
        if not ranked or ranked[0][0] < hours:
            return None
        spare, _, member = ranked[0]
        return member, spare

    def take(self, member_id: int, hours: float) -> None:
        self._taken[member_id] += hours


def staff_loads(book: Book, today: date) -> tuple[StaffLoad, ...]:
    """Every active staff member, and any inactive one who still has open work this week."""
    room = StaffRoom(book, today)
    sunday = monday_of(today) + timedelta(days=6)
    work_days = len(book.settings.capacity.work_days) or 5
    found = []
    for member in book.staff.values():
        load, count = room.load(member.id, sunday)
        if not member.active and not load:
            continue
        capacity = room.capacity(member, sunday) if member.active else 0.0
        fraction = utilisation(load, capacity, member.weekly_capacity / work_days)
        found.append(StaffLoad(member.id, member.name, capacity, load, fraction, count))
    return tuple(found)
