"""The forward schedule: every hour of the next working days, from one pass over the book.

It is the one model of time every view reads: the day plan is its first day, the chart its days,
the meters its sums, a suggestion's free hours a day's free hours, and a promise is at risk when
the schedule can only finish it after its due date. Built in this order (README, "The schedule"):

1. Days: today, then the working days after it, `schedule.horizon_days` in all that are shown
   and `schedule.lookahead_days` more that are only used to tell when a late task can be done.
   Each day's capacity comes from `capacity.day_capacities` (window, breaks, meetings, events).
2. Attention: each client's weekly stage attention (`attention.attention`), for the hours the
   account manager is at work that week, less what the client's meetings, tasks done today and
   pinned tasks of that week take, is reserved day by day in proportion to each day's capacity
   (a day full of meetings carries little of it).
3. Fixed work: today's tasks already done, and a follow-up check (`capacity.control_cost_hours`)
   for each delegated task on its follow-up date (else its due date; today once that passed), on
   the first day from then that has capacity.
4. Tasks: the account manager's own open tasks, earliest due date first (a promise kept before
   a less pressing one takes its hours; ties by urgency, then the shorter task, so more promises
   are kept, then id; undated last), each as soon as
   there is room and never before its start date. A task pinned to its date (`Task.pinned_to`: a
   meeting or presentation, or a task that starts on its due date) is put on it, room or not.
   A task longer than a day's free time is split into parts in quarter hours, of at least
   `schedule.min_chunk_hours` (a task of up to twice that is never split). A task for a client
   first uses that client's attention reservation of the day, then of its week: it *is* that
   attention, so it is never counted twice.

Pure: the book, the meetings and `today` in, the schedule out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from acct_tui.domain.attention import Attention, attention, client_meetings
from acct_tui.domain.book import Book
from acct_tui.domain.capacity import (
    ONE_DAY,
    DayCapacity,
    day_capacities,
    nominal_day,
    nominal_week,
    utilisation,
    working_days,
)
from acct_tui.domain.dates import monday_of
from acct_tui.domain.enums import TaskStatus
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.records import Task
from acct_tui.domain.settings import Settings
from acct_tui.domain.urgency import Scorer

_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Part:
    """Hours of one task placed on one day."""

    task_id: int
    day: date
    hours: float


@dataclass(frozen=True, slots=True)
class TaskPlan:
    """Where the schedule puts one of the account manager's open tasks."""

    task_id: int
    hours: float
    """The task's estimate."""
    due: date | None
    parts: tuple[Part, ...]
    pinned: bool
    """It happens on its due date, room or not (`Task.pinned_to`)."""
    placed_hours: float = field(init=False)
    done_on: date | None = field(init=False)
    """The day its last part is planned: when it will really be done (None: not within the schedule)."""
    late: bool = field(init=False)
    """Done only after its due date, or not within the schedule at all."""

    def __post_init__(self) -> None:
        placed = round(sum(part.hours for part in self.parts), 2)
        done = self.parts[-1].day if self.parts and placed >= self.hours - 0.005 else None
        if not self.parts and self.hours <= _EPS:
            done = None
        late = self.due is not None and (done is None or done > self.due)
        for name, value in (("placed_hours", placed), ("done_on", done), ("late", late)):
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Check:
    """A follow-up on delegated work: the time it takes to check on it, on the day it is due."""

    task_id: int
    day: date
    hours: float
    since: date
    """The follow-up date (before `day` when it has passed)."""


@dataclass(frozen=True, slots=True)
class ScheduledDay:
    """One day of the schedule: its capacity and everything put into it."""

    capacity: DayCapacity
    attention_hours: float
    """Stage attention still reserved on the day (what the clients' tasks and meetings left of it)."""
    attention_by_client: tuple[tuple[int, float], ...]
    """(client id, hours still reserved) for each client with attention left on the day."""
    reserved_by_client: tuple[tuple[int, float], ...]
    """(client id, hours reserved) when the day began, before its work used any of it."""
    parts: tuple[Part, ...]
    checks: tuple[Check, ...]
    done_hours: float
    """Hours of tasks already done (today only)."""
    done_task_ids: tuple[int, ...]
    nominal_hours: float
    """A normal working day's hours, to read utilisation on a day without capacity."""
    task_hours: float = field(init=False)
    check_hours: float = field(init=False)
    planned_hours: float = field(init=False)
    """Tasks placed on the day, follow-up checks, and tasks already done."""
    scheduled_hours: float = field(init=False)
    """Everything the day holds: planned work and reserved attention."""

    def __post_init__(self) -> None:
        # Worked out once: every view reads these, and a big book's day holds hundreds of parts.
        tasks = round(sum(part.hours for part in self.parts), 2)
        checks = round(sum(check.hours for check in self.checks), 2)
        planned = round(tasks + checks + self.done_hours, 2)
        for name, value in (
            ("task_hours", tasks),
            ("check_hours", checks),
            ("planned_hours", planned),
            ("scheduled_hours", round(planned + self.attention_hours, 2)),
        ):
            object.__setattr__(self, name, value)

    @property
    def date(self) -> date:
        return self.capacity.day

    @property
    def capacity_hours(self) -> float:
        return self.capacity.hours

    @property
    def meeting_hours(self) -> float:
        return self.capacity.meeting_hours

    @property
    def free_hours(self) -> float:
        return max(0.0, round(self.capacity_hours - self.scheduled_hours, 2))

    @property
    def utilisation(self) -> float:
        return utilisation(self.scheduled_hours, self.capacity_hours, self.nominal_hours)

    @property
    def over(self) -> bool:
        return self.scheduled_hours > self.capacity_hours + 0.005


@dataclass(frozen=True, slots=True)
class Schedule:
    today: date
    days: tuple[ScheduledDay, ...]
    """Today and the working days after it: the horizon that every view shows."""
    beyond: tuple[ScheduledDay, ...]
    """The lookahead days after the horizon (only to tell when a late task can be done)."""
    plans: dict[int, TaskPlan]
    """Every own open task by id (placed or not)."""
    attention: Attention

    by_date: dict[date, ScheduledDay] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_date", {d.date: d for d in (*self.days, *self.beyond)})

    def day(self, day: date) -> ScheduledDay | None:
        return self.by_date.get(day)

    @property
    def last_day(self) -> date:
        """The last day the schedule fills (the end of the lookahead)."""
        return (self.beyond or self.days)[-1].date


def schedule_days(today: date, settings: Settings) -> list[date]:
    """Today, then working days: `horizon_days` in all, then `lookahead_days` more."""
    wanted = settings.schedule.horizon_days + settings.schedule.lookahead_days
    return [today, *working_days(today + ONE_DAY, wanted - 1, settings.capacity)]


def calendar_window(today: date, settings: Settings) -> tuple[date, date]:
    """The days the calendar is read for: the four ISO weeks before this one (hours worked, the
    clients touched) to the last day the schedule fills."""
    return monday_of(today) - timedelta(weeks=4), schedule_days(today, settings)[-1]


def build_schedule(book: Book, today: date, meetings: Iterable[Meeting] = ()) -> Schedule:
    """The schedule of the next working days (see the module docstring for every rule)."""
    settings = book.settings
    days = schedule_days(today, settings)
    meetings = tuple(meetings)
    caps_by_day = day_capacities(settings.capacity, book.events.values(), meetings, days)
    caps = [caps_by_day[day] for day in days]
    index_of = {day: index for index, day in enumerate(days)}
    found = attention(book, today)

    # Work fixed to a day before any task is placed: meetings with clients, tasks done today,
    # follow-up checks, and tasks pinned to their date.
    given: list[defaultdict[int, float]] = [defaultdict(float) for _ in days]
    """Hours each client gets on each day from fixed work: it uses up that client's week first."""
    for meeting, clients in client_meetings(meetings, book):
        index = index_of.get(meeting.start.date())
        if index is not None and meeting.busy and not meeting.all_day:
            for client_id in clients:
                given[index][client_id] += meeting.hours / len(clients)
    planned = [0.0] * len(days)
    parts: list[list[Part]] = [[] for _ in days]
    checks: list[list[Check]] = [[] for _ in days]
    done_hours, done_ids = 0.0, []
    own_open: list[Task] = []
    control = settings.capacity.control_cost_hours
    for task in book.tasks.values():
        if task.assignee_id is None:
            if task.status is not TaskStatus.DONE:
                own_open.append(task)
            elif task.done_on == today:
                done_hours += task.estimate_hours
                done_ids.append(task.id)
                if task.client_id is not None:
                    given[0][task.client_id] += task.estimate_hours
        elif task.status is not TaskStatus.DONE and control:
            since = task.follow_up or task.due
            if since is None:
                continue
            index = _first_with_capacity(caps, days, max(since, today))
            if index is not None:
                planned[index] += control
                checks[index].append(Check(task.id, days[index], control, since))
    planned[0] += done_hours
    pinned_ids: set[int] = set()
    placed: dict[int, list[Part]] = {}
    for task in own_open:
        day = task.pinned_to
        if day is None or day < today or day not in index_of:
            continue
        index = index_of[day]
        pinned_ids.add(task.id)
        planned[index] += task.estimate_hours
        if task.client_id is not None:
            given[index][task.client_id] += task.estimate_hours
        part = Part(task.id, day, round(task.estimate_hours, 2))
        parts[index].append(part)
        placed[task.id] = [part]

    score = Scorer(book, today)
    queue = sorted(
        (t for t in own_open if t.id not in pinned_ids),
        key=lambda t: (t.due or date.max, -score(t).total, t.estimate_hours, t.id),
    )
    left = {task.id: task.estimate_hours for task in queue}
    start_of = {task.id: max(today, task.start_on or today) for task in queue}
    min_chunk = settings.schedule.min_chunk_hours
    pools = _Pools(days, [max(0.0, cap.hours - fixed) for cap, fixed in zip(caps, planned, strict=True)], caps, found,
                   nominal_week(settings.capacity))  # fmt: skip
    for index, work in enumerate(given):
        for client_id, hours in work.items():
            pools.take(index, client_id, hours)
    reserved: list[dict[int, float]] = []
    opened: list[dict[int, float]] = []
    by_client: defaultdict[int, list[Task]] = defaultdict(list)
    for task in queue:
        if task.client_id is not None:
            by_client[task.client_id].append(task)

    def place(task: Task, index: int, day: date, room: float, shares: dict[int, float]) -> float:
        """Put what fits of `task` on the day; returns the room left."""
        hours = left[task.id]
        own = shares.get(task.client_id, 0.0) if task.client_id is not None else 0.0
        chunk = _chunk(hours, max(0.0, room) + own, min_chunk)
        if not chunk:
            return room
        room -= chunk - pools.give(shares, task.client_id, chunk)
        planned[index] += chunk
        left[task.id] = hours - chunk
        part = Part(task.id, day, round(chunk, 2))
        parts[index].append(part)
        placed.setdefault(task.id, []).append(part)
        return room

    # With less room than the smallest task and than the smallest part of a split one, nothing fits.
    least = min(min((task.estimate_hours for task in queue), default=0.0), min_chunk)
    head = 0  # the queue's tasks before it are all placed
    for index, day in enumerate(days):
        shares = pools.open_day(index)
        opened.append(dict(shares))
        room = caps[index].hours - planned[index] - sum(shares.values())
        while head < len(queue) and left[queue[head].id] <= _EPS:
            head += 1
        for position in range(head, len(queue)):  # while the day has room for any task, earliest due first
            if room < least - _EPS or room <= _EPS:
                break
            task = queue[position]
            if left[task.id] > _EPS and start_of[task.id] <= day:
                room = place(task, index, day, room, shares)
        # Then only a client's own reservation has room: its tasks use it, client by client (with no
        # room left, one client's tasks cannot take another's hours, so the order between them is moot).
        for client_id in [c for c, hours in shares.items() if hours > _EPS]:
            for task in by_client.get(client_id, ()):
                if shares[client_id] <= _EPS:
                    break
                if left[task.id] > _EPS and start_of[task.id] <= day:
                    room = place(task, index, day, room, shares)
        pools.close_day(index, shares)
        reserved.append(shares)

    plans = {
        task.id: TaskPlan(task.id, task.estimate_hours, task.due, tuple(placed.get(task.id, ())), task.id in pinned_ids)
        for task in own_open
    }
    day_hours = nominal_day(settings.capacity)
    scheduled = [
        ScheduledDay(
            capacity=caps[index],
            attention_hours=round(sum(reserved[index].values()), 2),
            attention_by_client=tuple(
                (client_id, round(hours, 2)) for client_id, hours in reserved[index].items() if hours > 0.005
            ),
            reserved_by_client=tuple((client_id, hours) for client_id, hours in opened[index].items() if hours),
            parts=tuple(parts[index]),
            checks=tuple(checks[index]),
            done_hours=round(done_hours, 2) if index == 0 else 0.0,
            done_task_ids=tuple(done_ids) if index == 0 else (),
            nominal_hours=day_hours,
        )
        for index in range(len(days))
    ]
    horizon = settings.schedule.horizon_days
    return Schedule(today, tuple(scheduled[:horizon]), tuple(scheduled[horizon:]), plans, found)


class _Pools:
    """Each client's attention still to give in each ISO week, spread over the week's days to come.

    A week's pool is the client's weekly hours for the hours the account manager is at work in
    that week's days of the schedule (an expo or a day away asks less). The schedule goes through
    the days in order; the client's work fixed to a day (its meetings, tasks done today, tasks
    pinned to their date) takes from its week's pool first; then each day reserves the pool's
    share for that day, by the day's room (its capacity less the work fixed to it: pinned tasks,
    follow-up checks, tasks done today) over that of the week's days left (a day full of meetings
    or pinned work takes little of it), and the client's tasks placed that day use the day's reservation
    first, then the pool of the rest of its week: a client's tasks and meetings *are* its
    attention, so they are never counted on top of it.
    """

    def __init__(
        self,
        days: Sequence[date],
        room: Sequence[float],
        caps: Sequence[DayCapacity],
        found: Attention,
        week_hours: float,
    ) -> None:
        self.weeks = [monday_of(day) for day in days]
        self.room = list(room)
        self.room_left: defaultdict[date, float] = defaultdict(float)
        presence: defaultdict[date, float] = defaultdict(float)
        for week, hours, cap in zip(self.weeks, room, caps, strict=True):
            self.room_left[week] += hours
            presence[week] += cap.presence_hours
        self.pool: dict[tuple[int, date], float] = {}
        for client in found.clients.values():
            per_hour = client.weekly_hours / week_hours if week_hours else 0.0
            for week, hours in presence.items():
                self.pool[(client.client_id, week)] = per_hour * hours
        self.clients = list(found.clients)
        self._later: dict[int, float] = {}

    def open_day(self, index: int) -> dict[int, float]:
        """Each client's reservation for the day (what is left of it after the day is the day's attention)."""
        week = self.weeks[index]
        total = self.room_left[week]
        share = self.room[index] / total if total > _EPS else 0.0
        shares: dict[int, float] = {}
        self._later = {}
        for client_id in self.clients:
            pool = self.pool.get((client_id, week), 0.0)
            if pool > _EPS:
                shares[client_id] = round(pool * share, 2)  # hundredths, as shown: sums stay exact
                self._later[client_id] = max(0.0, pool - shares[client_id])
        return shares

    def take(self, index: int, client_id: int, hours: float) -> None:
        """Work for `client_id` fixed to day `index` (a meeting, a pinned or done task) uses up its
        week's pool before the week is spread over its days."""
        key = (client_id, self.weeks[index])
        if key in self.pool:
            self.pool[key] = max(0.0, self.pool[key] - hours)

    def give(self, shares: dict[int, float], client_id: int | None, hours: float) -> float:
        """`hours` of work for `client_id` today: it uses the day's reservation first, then the
        rest of the week's pool. Returns how much came out of the day's reservation."""
        if client_id is None or client_id not in shares:
            return 0.0
        own = min(hours, shares[client_id])
        shares[client_id] -= own
        if hours - own > _EPS:
            self._later[client_id] = max(0.0, self._later[client_id] - (hours - own))
        return own

    def close_day(self, index: int, shares: dict[int, float]) -> None:
        week = self.weeks[index]
        for client_id, later in self._later.items():
            self.pool[(client_id, week)] = later
        self.room_left[week] -= self.room[index]
        for client_id in [c for c, hours in shares.items() if hours <= _EPS]:
            del shares[client_id]


def _chunk(left: float, free: float, min_chunk: float) -> float:
    """How much of a task with `left` hours to go fits in `free` hours: all of it, or a part in
    quarter hours of at least `min_chunk` that leaves at least `min_chunk` for later (a task of
    up to twice that is never split); 0 when nothing fits."""
    if free >= left - _EPS:
        return left
    if left <= 2 * min_chunk + _EPS:
        return 0.0
    chunk = math.floor(min(free, left - min_chunk) * 4 + _EPS) / 4
    return chunk if chunk >= min_chunk - _EPS else 0.0


def _first_index(days: Sequence[date], start: date) -> int:
    """The index of the first day on or after `start` (len(days) if there is none)."""
    for index, day in enumerate(days):
        if day >= start:
            return index
    return len(days)


def _first_with_capacity(caps: Sequence[DayCapacity], days: Sequence[date], start: date) -> int | None:
    for index in range(_first_index(days, start), len(days)):
        if caps[index].hours > 0:
            return index
    return None
