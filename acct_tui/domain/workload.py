"""Load, utilisation and stress of a day and a week, with the reason for every hour and point.

`assess(book, today)` is the one entry point: a pure function of the book (with its settings)
and the date, that reads every table at most once. The README section "Workload, stress and the
day plan" gives every formula with a worked example; in short:

- load of a period = own open tasks due in it (overdue ones count today and this week) + own
  tasks done in it + stage attention + a control cost per delegated task whose follow-up date
  (else due date) falls in it or has passed;
- stage attention: each project's weekly hours for the stage it is in today, spread over the
  working hours (a day carries capacity / a normal working week of it), less the hours of the
  project's own tasks already counted in the period: a kickoff meeting is kickoff attention, and
  counting both would count it twice;
- utilisation = load / capacity (`capacity.utilisation` says what happens at zero capacity).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from acct_tui.domain.book import Book
from acct_tui.domain.capacity import (
    ONE_DAY,
    Calendar,
    DayCapacity,
    utilisation,
    working_days,
)
from acct_tui.domain.dates import iso_week, monday_of
from acct_tui.domain.enums import Stage
from acct_tui.domain.overview import cadence_days, is_quiet, last_touches
from acct_tui.domain.records import Task, WeekRecord
from acct_tui.domain.stress import Counted, Stress, stress_index
from acct_tui.domain.trend import TrendWeek, previous_loads, recorded_weeks, sustained_overload, trend
from acct_tui.domain.wording import fmt_hours, plural, short_day

HORIZON_DAYS = 10
"""Working days in the load chart, from today; the day plan moves tasks within them."""
MAX_LOAD_HOURS = 1000.0
MAX_UTILISATION = 100.0
"""The most a WeekRecord holds (its field limits); a week is never stored above them."""


class LoadKind(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    DONE = "done"
    ATTENTION = "attention"
    CONTROL = "control"


@dataclass(frozen=True, slots=True)
class LoadItem:
    """Hours one thing asks for in a period, and why they count."""

    kind: LoadKind
    hours: float
    label: str
    why: str
    task_id: int | None = None
    client_id: int | None = None


@dataclass(frozen=True, slots=True)
class DayLoad:
    """One working day of the chart: its capacity and load."""

    date: date
    capacity_hours: float
    load_hours: float
    attention_hours: float
    """The part of the load that is stage attention."""
    utilisation: float

    @property
    def room_hours(self) -> float:
        """Hours the day still has for tasks: capacity less everything but stage attention."""
        return max(0.0, round(self.capacity_hours - self.load_hours + self.attention_hours, 2))


@dataclass(frozen=True, slots=True)
class StaffLoad:
    """A staff member's week: their capacity and the tasks delegated to them."""

    id: int
    name: str
    capacity_hours_week: float
    load_hours_week: float
    utilisation: float
    tasks: int

    @property
    def spare_hours(self) -> float:
        return round(self.capacity_hours_week - self.load_hours_week, 2)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the Workload pane and `acct-tui status` show, for one book on one day."""

    today: date
    week: str
    capacity_today: DayCapacity
    capacity_hours_today: float
    load_hours_today: float
    utilisation_today: float
    capacity_hours_week: float
    load_hours_week: float
    utilisation_week: float
    load_items_today: tuple[LoadItem, ...]
    load_items_week: tuple[LoadItem, ...]
    free_hours_today: float
    """Hours the day plan may fill: capacity less follow-up checks and tasks already done today."""
    free_why: str
    overdue: int
    """Own open tasks past their due date."""
    stress: Stress
    staff: tuple[StaffLoad, ...]
    days: tuple[DayLoad, ...]
    trend: tuple[TrendWeek, ...]
    sustained_overload: bool
    record: WeekRecord
    """The WeekRecord for the week of `today` (see `week_record`)."""


def _rounded(value: float) -> float:
    return round(value, 2)


@dataclass
class _Tally:
    """What one pass over the tasks finds for today, this week and the days ahead."""

    today: date
    week_start: date
    week_end: date
    last_day: date
    control_cost: float
    names: dict[int, str]
    staff_names: dict[int, str]
    for_client: dict[int | None, str] = field(init=False)
    """The fragment ' for Acme' of the reasons, by client id."""
    today_items: list[LoadItem] = field(default_factory=list)
    week_items: list[LoadItem] = field(default_factory=list)
    due_ahead: defaultdict[date, float] = field(default_factory=lambda: defaultdict(float))
    checks_ahead: defaultdict[date, int] = field(default_factory=lambda: defaultdict(int))
    done_today_hours: float = 0.0
    control_today_hours: float = 0.0
    overdue: int = 0
    overdue_promises: list[tuple[date, str]] = field(default_factory=list)
    late_follow_ups: list[tuple[date, str]] = field(default_factory=list)
    clients_today: set[int] = field(default_factory=set)
    staff_hours: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    staff_tasks: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))
    project_today: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    """Hours of each project's own tasks counted today (they are part of its attention)."""
    project_week: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    project_ahead: defaultdict[tuple[date, int], float] = field(default_factory=lambda: defaultdict(float))

    def __post_init__(self) -> None:
        self.for_client = {client_id: f" for {name}" for client_id, name in self.names.items()}

    def add(self, task: Task) -> None:
        if task.assignee_id is None:
            self._own(task)
        else:
            self._delegated(task, task.assignee_id)

    def _client(self, task: Task) -> str:
        return self.for_client.get(task.client_id, "")

    def _item(self, task: Task, kind: LoadKind, when: str, *, today: bool) -> None:
        hours = task.estimate_hours
        item = LoadItem(
            kind,
            hours,
            task.title,
            f"{task.title}{self.for_client.get(task.client_id, '')}: estimate {fmt_hours(hours)}, {when}",
            task.id,
            task.client_id,
        )
        self.week_items.append(item)
        if task.project_id is not None:
            self.project_week[task.project_id] += hours
            if today:
                self.project_today[task.project_id] += hours
        if today:
            self.today_items.append(item)
            if task.client_id is not None:
                self.clients_today.add(task.client_id)

    def _own(self, task: Task) -> None:
        done = task.done_on  # set exactly when the task is done (the Task validator sees to it)
        if done is not None:
            if done == self.today:
                self.done_today_hours += task.estimate_hours
                self._item(task, LoadKind.DONE, "done today", today=True)
            elif self.week_start <= done < self.today:
                self._item(task, LoadKind.DONE, f"done on {short_day(done)}", today=False)
            return
        due = task.due
        if due is None or due > self.last_day:
            return
        if due < self.today:
            late = (self.today - due).days
            self.overdue += 1
            self._item(
                task, LoadKind.OVERDUE, f"overdue since {short_day(due)} ({plural(late, 'day')} late)", today=True
            )
            if task.client_id is not None:
                self.overdue_promises.append((due, f"{task.title}{self._client(task)} ({plural(late, 'day')} late)"))
        elif due == self.today:
            self._item(task, LoadKind.DUE, "due today", today=True)
        else:
            if due <= self.week_end:
                self._item(task, LoadKind.DUE, f"due {short_day(due)}", today=False)
            self.due_ahead[due] += task.estimate_hours
            if task.project_id is not None:
                self.project_ahead[(due, task.project_id)] += task.estimate_hours

    def _delegated(self, task: Task, staff_id: int) -> None:
        if task.done_on is not None:
            if self.week_start <= task.done_on <= self.week_end:
                self._staff_task(task, staff_id)
            return
        if task.due is not None and task.due <= self.week_end:
            self._staff_task(task, staff_id)
        check = task.follow_up or task.due
        if check is None:
            return
        if check > self.today:
            self.checks_ahead[check] += 1
        if check > self.week_end:
            return
        who = self.staff_names.get(staff_id, f"staff member {staff_id}")
        if check == self.today:
            when = "is due today"
        else:
            when = f"{'was' if check < self.today else 'is'} due {short_day(check)}"
        item = LoadItem(
            LoadKind.CONTROL,
            self.control_cost,
            f"Follow-up: {task.title}",
            f"Check on {task.title}{self._client(task)}, delegated to {who}: the follow-up {when} "
            f"({fmt_hours(self.control_cost)})",
            task.id,
            task.client_id,
        )
        self.week_items.append(item)
        if check <= self.today:
            self.today_items.append(item)
            self.control_today_hours += self.control_cost
        if check < self.today:
            self.late_follow_ups.append((check, f"{task.title} ({who}, since {short_day(check)})"))

    def _staff_task(self, task: Task, staff_id: int) -> None:
        self.staff_hours[staff_id] += task.estimate_hours
        self.staff_tasks[staff_id] += 1


@dataclass(frozen=True, slots=True)
class _Attention:
    """Weekly attention hours of each project, for the stage it is in today."""

    weekly: dict[int, tuple[Stage, float]]
    """Project id -> (its stage, the stage's hours a week)."""
    kickoffs: list[str]

    def items(
        self, book: Book, capacity: float, nominal_week: float, period: str, covered: dict[int, float]
    ) -> list[LoadItem]:
        """One item per stage: its projects' attention for the period, less their tasks counted above."""
        share = capacity / nominal_week if nominal_week else 0.0
        weekly_hours = self.weekly
        stages: dict[Stage, list[int]] = defaultdict(list)
        for project_id, (stage, _) in self.weekly.items():
            stages[stage].append(project_id)
        found = []
        for stage in Stage:
            members = stages.get(stage)
            per = book.settings.stages.attention_hours.get(stage, 0.0)
            if not members or not per:
                continue
            gross = tasks = 0.0
            for project_id in members:  # a project's attention in the period, and the part its tasks cover
                hours = weekly_hours[project_id][1] * share
                gross += hours
                part = covered.get(project_id)
                if part:  # min(hours, 0.0) adds nothing
                    tasks += min(hours, part)
            gross, tasks = _rounded(gross), _rounded(tasks)
            net = _rounded(gross - tasks)
            label = book.settings.stages.label(stage)
            weekly = per * len(members)
            why = (
                f"{plural(len(members), 'project')} in {label} × {fmt_hours(per)} a week = {fmt_hours(weekly)} a week; "
                f"{period} has {fmt_hours(capacity)} of a {fmt_hours(nominal_week)} working week: "
                f"{fmt_hours(weekly)} × {fmt_hours(capacity)} / {fmt_hours(nominal_week)} = {fmt_hours(gross)}"
            )
            if tasks:
                why += f", less {fmt_hours(tasks)} of their own tasks counted above = {fmt_hours(net)}"
            found.append(LoadItem(LoadKind.ATTENTION, net, f"{label} attention", why))
        return found

    def ahead(self, share: float, covered: dict[int, float]) -> float:
        """Attention on a day ahead (`share` of a week), less each project's own tasks due that day.

        `covered` holds those tasks' hours by project id. This runs for every project on every day
        of the chart, so the loop is kept plain; the sum is taken in project order either way.
        """
        total = 0.0
        if not covered:
            for _, weekly in self.weekly.values():
                total += weekly * share  # hours - min(hours, 0.0) is hours
            return _rounded(total)
        for project_id, (_, weekly) in self.weekly.items():
            hours = weekly * share
            part = covered.get(project_id)
            total += hours - min(hours, part) if part else hours
        return _rounded(total)


def _attention(book: Book, today: date) -> _Attention:
    """Each project costs its stage's weekly hours; Lost costs nothing; Completed costs only for a while."""
    stages = book.settings.stages
    weekly: dict[int, tuple[Stage, float]] = {}
    kickoffs: list[str] = []
    for project in book.projects.values():
        stage = project.stage
        if stage is Stage.LOST:
            continue
        if stage is Stage.COMPLETED:
            entered = project.entered(Stage.COMPLETED)
            if entered is None or (today - entered).days >= stages.completed_attention_days:
                continue
        elif stage is Stage.KICKOFF:
            kickoffs.append(project.title)
        weekly[project.id] = (stage, stages.attention_hours.get(stage, 0.0))
    return _Attention(weekly, kickoffs)


def _activity_clients(book: Book, today: date) -> set[int]:
    """Clients with an activity logged today or an event today."""
    start = datetime.combine(today, time.min)
    end = start + ONE_DAY
    found = {activity.client_id for activity in book.activities.values() if start <= activity.when < end}
    found.update(e.client_id for e in book.events.values() if e.client_id is not None and e.covers(today))
    return found


def _quiet_clients(book: Book, today: date) -> list[str]:
    """Clients past their touch cadence, the quietest first (the rule is `overview.is_quiet`)."""
    last = last_touches(book)
    found: list[tuple[date, str]] = []
    for client in book.clients.values():
        cadence = cadence_days(client, book)
        since = last.get(client.id) or client.created_on
        if since is not None and is_quiet(client, last.get(client.id), cadence, today):
            found.append((since, f"{client.name} ({plural((today - since).days, 'day')}, cadence {cadence})"))
    return _oldest_first(found)


def _oldest_first(things: list[tuple[date, str]]) -> list[str]:
    return [text for _, text in sorted(things, key=lambda pair: pair[0])]


def _staff(book: Book, tally: _Tally, nominal_week: float) -> tuple[StaffLoad, ...]:
    """Every active staff member, and any inactive one who still has delegated work this week."""
    found = []
    for member in book.staff.values():
        load = _rounded(tally.staff_hours.get(member.id, 0.0))
        if not member.active and not load:
            continue
        capacity = member.weekly_capacity if member.active else 0.0
        found.append(
            StaffLoad(
                member.id,
                member.name,
                capacity,
                load,
                utilisation(load, capacity, nominal_week),
                tally.staff_tasks.get(member.id, 0),
            )
        )
    return tuple(found)


def assess(book: Book, today: date) -> Assessment:
    """The day's and the week's capacity, load, utilisation and stress, with every reason."""
    settings = book.settings
    week_start = monday_of(today)
    week_end = week_start + timedelta(days=6)
    horizon = working_days(today, HORIZON_DAYS, settings.capacity)
    last_day = max(week_end, horizon[-1]) if horizon else week_end
    calendar = Calendar(settings.capacity, book.events.values(), week_start, last_day)
    nominal_week = calendar.nominal_week

    tally = _Tally(
        today=today,
        week_start=week_start,
        week_end=week_end,
        last_day=last_day,
        control_cost=settings.capacity.control_cost_hours,
        names={client.id: client.name for client in book.clients.values()},
        staff_names={member.id: member.name for member in book.staff.values()},
    )
    own, delegated = tally._own, tally._delegated
    for task in book.tasks.values():  # `tally.add`, without a call per task
        assignee = task.assignee_id
        if assignee is None:
            own(task)
        else:
            delegated(task, assignee)
    attention = _attention(book, today)

    capacity_today = calendar.day(today)
    capacity_week = _rounded(calendar.hours_between(week_start, week_end))
    today_items = tally.today_items + attention.items(
        book, capacity_today.hours, nominal_week, "today", tally.project_today
    )
    week_items = tally.week_items + attention.items(book, capacity_week, nominal_week, "this week", tally.project_week)
    load_today = _rounded(sum(item.hours for item in today_items))
    load_week = _rounded(sum(item.hours for item in week_items))
    utilisation_today = utilisation(load_today, capacity_today.hours, calendar.nominal_day)
    utilisation_week = utilisation(load_week, capacity_week, nominal_week)
    control_today, done_today = _rounded(tally.control_today_hours), _rounded(tally.done_today_hours)
    free_today = max(0.0, _rounded(capacity_today.hours - control_today - done_today))
    free_why = (
        f"{fmt_hours(capacity_today.hours)} of capacity − {fmt_hours(control_today)} of follow-up checks − "
        f"{fmt_hours(done_today)} of tasks done today = {fmt_hours(free_today)}"
    )

    covered_ahead: dict[date, dict[int, float]] = defaultdict(dict)  # day -> project -> its tasks due that day
    for (when, project_id), hours in tally.project_ahead.items():
        covered_ahead[when][project_id] = hours
    days = []
    for day in horizon:
        if day == today:
            days.append(DayLoad(day, capacity_today.hours, load_today, _attention_of(today_items), utilisation_today))
            continue
        capacity = calendar.hours(day)
        share = attention.ahead(capacity / nominal_week, covered_ahead.get(day, {})) if nominal_week else 0.0
        load = _rounded(tally.due_ahead.get(day, 0.0) + tally.checks_ahead.get(day, 0) * tally.control_cost + share)
        days.append(DayLoad(day, capacity, load, share, utilisation(load, capacity, calendar.nominal_day)))

    records = recorded_weeks(book)
    week = iso_week(today)
    counted = Counted(
        overdue_promises=_oldest_first(tally.overdue_promises),
        kickoffs=attention.kickoffs,
        clients_today=sorted(
            tally.names.get(cid, f"client {cid}") for cid in tally.clients_today | _activity_clients(book, today)
        ),
        late_follow_ups=_oldest_first(tally.late_follow_ups),
        quiet_clients=_quiet_clients(book, today),
    )
    weekly_loads = [*previous_loads(records, today), (week, load_week)]
    index = stress_index(settings.stress, load_week, capacity_week, utilisation_week, counted, weekly_loads)
    record = _week_record(records.get(week), week, index.total, utilisation_week, load_week, capacity_week)
    weeks = trend(records, today, record)
    return Assessment(
        today=today,
        week=week,
        capacity_today=capacity_today,
        capacity_hours_today=capacity_today.hours,
        load_hours_today=load_today,
        utilisation_today=utilisation_today,
        capacity_hours_week=capacity_week,
        load_hours_week=load_week,
        utilisation_week=utilisation_week,
        load_items_today=tuple(today_items),
        load_items_week=tuple(week_items),
        free_hours_today=free_today,
        free_why=free_why,
        overdue=tally.overdue,
        stress=index,
        staff=_staff(book, tally, nominal_week),
        days=tuple(days),
        trend=weeks,
        sustained_overload=sustained_overload(weeks, settings.stress.sustained_above),
        record=record,
    )


def _attention_of(items: list[LoadItem]) -> float:
    return _rounded(sum(item.hours for item in items if item.kind is LoadKind.ATTENTION))


def _week_record(
    existing: WeekRecord | None, week: str, index: int, fraction: float, load: float, capacity: float
) -> WeekRecord:
    return WeekRecord(
        id=existing.id if existing else 0,
        week=week,
        stress_index=index,
        utilisation=round(min(fraction, MAX_UTILISATION), 4),
        load_hours=min(load, MAX_LOAD_HOURS),
        capacity_hours=min(capacity, MAX_LOAD_HOURS),
        self_check=existing.self_check if existing else None,
    )


def week_record(book: Book, today: date) -> WeekRecord:
    """The WeekRecord to store for the ISO week of `today`.

    If the book already has one for that week, this is that record (same id, same self-check)
    with the numbers brought up to date: the UI replaces it (or adds it when its id is 0), and can
    skip the write when it equals the stored one.
    """
    return assess(book, today).record
