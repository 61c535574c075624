"""The assessment: one road from the book and the calendar to every number the planner shows.

`assess(book, today, meetings)` takes each step once, each a pure function of the one before:

    settings + events + meetings -> capacity per day        (capacity.day_capacities)
    + stage attention + tasks    -> the schedule            (schedule.build_schedule)
    schedule                     -> promises at risk        (risks.promises_at_risk)
    schedule + risks             -> the day plan            (planner.day_plan)
    schedule                     -> utilisation of today and this week, the staff's room
    book + calendar              -> hours worked            (worked.worked_weeks)
    all of it                    -> the stress index        (stress.stress_index), the trend

so the Workload and Today panes, the week view, `acct-tui status` and the report cannot disagree.
Utilisation is scheduled hours (planned work and reserved attention) over capacity; "this week"
is the working days of the ISO week from today on. Every hour and point comes with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from acct_tui.domain.attention import client_meetings
from acct_tui.domain.book import Book
from acct_tui.domain.capacity import ONE_DAY, DayCapacity, nominal_day, nominal_week, utilisation
from acct_tui.domain.dates import iso_week, monday_of
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.overview import cadence_days, is_quiet, last_touches
from acct_tui.domain.planner import DayPlan, day_plan
from acct_tui.domain.records import WeekRecord
from acct_tui.domain.risks import Risk, promises_at_risk
from acct_tui.domain.schedule import Schedule, ScheduledDay, build_schedule
from acct_tui.domain.staffing import StaffLoad, staff_loads
from acct_tui.domain.stress import Counted, Stress, stress_index
from acct_tui.domain.trend import TrendWeek, recorded_weeks, sustained_overload, trend
from acct_tui.domain.wording import fmt_hours, plural, short_day
from acct_tui.domain.worked import WorkedWeek, worked_weeks

MAX_LOAD_HOURS = 1000.0
MAX_UTILISATION = 100.0
"""The most a WeekRecord holds (its field limits); a week is never stored above them."""


class LoadKind(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CHECK = "check"
    ATTENTION = "attention"


@dataclass(frozen=True, slots=True)
class LoadItem:
    """Hours one thing takes in a period, and why they count."""

    kind: LoadKind
    hours: float
    label: str
    why: str
    task_id: int | None = None
    client_id: int | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the Workload and Today panes, the week view and `acct-tui status` show, for one day."""

    today: date
    week: str
    schedule: Schedule
    plan: DayPlan
    at_risk: tuple[Risk, ...]
    capacity_today: DayCapacity
    capacity_hours_today: float
    load_hours_today: float
    """Today's scheduled hours: planned work and reserved attention."""
    utilisation_today: float
    capacity_hours_week: float
    load_hours_week: float
    utilisation_week: float
    load_items_today: tuple[LoadItem, ...]
    load_items_week: tuple[LoadItem, ...]
    free_hours_today: float
    free_why: str
    overdue: int
    """Own open tasks past their due date."""
    stress: Stress
    staff: tuple[StaffLoad, ...]
    worked: tuple[WorkedWeek, ...]
    trend: tuple[TrendWeek, ...]
    sustained_overload: bool
    record: WeekRecord
    """The WeekRecord for the week of `today` (see `week_record`)."""
    last_touches: dict[int, date]
    """Client id -> the last day it was touched (`overview.last_touches`): read by the quiet
    clients here and by the Clients pane's rows."""

    @property
    def days(self) -> tuple[ScheduledDay, ...]:
        """The schedule's days: the 10-day chart, the week view and `status --json`'s `days`."""
        return self.schedule.days

    @property
    def week_days(self) -> tuple[ScheduledDay, ...]:
        """The days of "this week": the schedule's days of the ISO week of today."""
        sunday = monday_of(self.today) + timedelta(days=6)
        return tuple(day for day in self.schedule.days if day.date <= sunday)


def _rounded(value: float) -> float:
    return round(value, 2)


class _Items:
    """The reasons behind the hours of a set of days, in words."""

    def __init__(self, book: Book, schedule: Schedule) -> None:
        self.book = book
        self.today = schedule.today
        self.schedule = schedule
        self.names = {client.id: client.name for client in book.clients.values()}
        self.staff = {member.id: member.name for member in book.staff.values()}

    def _for(self, client_id: int | None) -> str:
        name = self.names.get(client_id) if client_id is not None else None
        return f" for {name}" if name else ""

    def _due(self, due: date | None) -> str:
        if due is None:
            return "no due date"
        if due < self.today:
            return f"overdue since {short_day(due)} ({plural((self.today - due).days, 'day')} late)"
        if due == self.today:
            return "due today"
        return f"due {short_day(due)}"

    def items(self, days: Iterable[ScheduledDay], period: str) -> list[LoadItem]:
        days = tuple(days)
        book, found = self.book, []
        several = len(days) > 1
        for day in days:
            on = f" on {short_day(day.date)}" if several else ""
            for task_id in day.done_task_ids:
                task = book.tasks[task_id]
                found.append(LoadItem(LoadKind.DONE, task.estimate_hours, task.title,
                                      f"{task.title}{self._for(task.client_id)}: done today, estimate "
                                      f"{fmt_hours(task.estimate_hours)}", task.id, task.client_id))  # fmt: skip
            for part in day.parts:
                task = book.tasks[part.task_id]
                plan = self.schedule.plans[task.id]
                share = "" if part.hours >= task.estimate_hours - 0.005 else f" of its {fmt_hours(task.estimate_hours)}"
                pinned = ", pinned to its date" if plan.pinned else ""
                hours = f"{fmt_hours(part.hours)}{share}{on}"
                why = f"{task.title}{self._for(task.client_id)}: {hours}, {self._due(task.due)}{pinned}"
                found.append(LoadItem(LoadKind.PLANNED, part.hours, task.title, why, task.id, task.client_id))
            for check in day.checks:
                task = book.tasks[check.task_id]
                who = self.staff.get(task.assignee_id or 0, "a staff member")
                when = "is due today" if check.since == day.date else f"was due {short_day(check.since)}"
                if check.since > self.today:
                    when = f"is due {short_day(check.since)}"
                why = (f"Check on {task.title}{self._for(task.client_id)}, delegated to {who}: the follow-up {when} "
                       f"({fmt_hours(check.hours)})")  # fmt: skip
                found.append(LoadItem(LoadKind.CHECK, check.hours, f"Follow-up: {task.title}", why, task.id,
                                      task.client_id))  # fmt: skip
        found += self._attention(days, period)
        return found

    def _attention(self, days: tuple[ScheduledDay, ...], period: str) -> list[LoadItem]:
        """One item per client: its weekly attention, what the period reserved of it, what its work took."""
        clients = self.schedule.attention.clients
        left: dict[int, float] = {}
        reserved: dict[int, float] = {}
        for day in days:
            for client_id, hours in day.attention_by_client:
                left[client_id] = left.get(client_id, 0.0) + hours
            for client_id, hours in day.reserved_by_client:
                reserved[client_id] = reserved.get(client_id, 0.0) + hours
        stages = self.book.settings.stages
        found = []
        for client_id, client in clients.items():
            share, kept = _rounded(reserved.get(client_id, 0.0)), _rounded(left.get(client_id, 0.0))
            weekly = stages.attention_hours
            parts = " + ".join(
                f"{plural(count, 'project')} in {stages.label(stage)} × {fmt_hours(weekly.get(stage, 0.0))}"
                for stage, count in client.stages
            )
            name = self.names.get(client_id, "")
            why = (
                f"{name or f'client {client_id}'}: {parts} = {fmt_hours(client.weekly_hours)} a week, less what its "
                f"meetings and its done and pinned tasks take, spread over the week's free hours: {period} reserves "
                f"{fmt_hours(share)}"
            )
            if share - kept > 0.005:
                why += f", less {fmt_hours(_rounded(share - kept))} its tasks planned then take = {fmt_hours(kept)}"
            found.append(LoadItem(LoadKind.ATTENTION, kept, f"Attention: {name}", why, None, client_id))
        return found


def _clients_today(book: Book, schedule: Schedule, meetings: Iterable[tuple[Meeting, frozenset[int]]]) -> list[str]:
    """Clients touched today: tasks planned or done today, activities and events today, meetings with them."""
    today = schedule.today
    first = schedule.days[0]
    ids = {book.tasks[p.task_id].client_id for p in first.parts}
    ids |= {book.tasks[t].client_id for t in first.done_task_ids}
    start = datetime.combine(today, time.min)
    ids |= {a.client_id for a in book.activities.values() if start <= a.when < start + ONE_DAY}
    ids |= {e.client_id for e in book.events.values() if e.client_id is not None and e.covers(today)}
    for meeting, clients in meetings:
        if meeting.start.date() == today:
            ids |= clients
    names = {client.id: client.name for client in book.clients.values()}
    return sorted(names.get(cid, f"client {cid}") for cid in ids if cid is not None)


def _quiet_clients(book: Book, today: date, last: dict[int, date]) -> list[str]:
    """Clients past their touch cadence, the quietest first (the rule is `overview.is_quiet`)."""
    found: list[tuple[date, str]] = []
    for client in book.clients.values():
        cadence = cadence_days(client, book)
        since = last.get(client.id) or client.created_on
        if since is not None and is_quiet(client, last.get(client.id), cadence, today):
            found.append((since, f"{client.name} ({plural((today - since).days, 'day')}, cadence {cadence})"))
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]


def _late_follow_ups(book: Book, today: date) -> list[str]:
    staff = {member.id: member.name for member in book.staff.values()}
    found = []
    for task in book.tasks.values():
        check = task.follow_up or task.due
        if task.assignee_id is not None and task.is_open and check is not None and check < today:
            who = staff.get(task.assignee_id, f"staff member {task.assignee_id}")
            found.append((check, f"{task.title} ({who}, since {short_day(check)})"))
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]


def assess(book: Book, today: date, meetings: Iterable[Meeting] = (), *, suggest: bool = True) -> Assessment:
    """The schedule of the days ahead and everything read from it, with every reason (the ways out
    of each promise at risk too, unless not `suggest`)."""
    settings = book.settings
    meetings = tuple(meetings)
    schedule = build_schedule(book, today, meetings)
    risks = promises_at_risk(book, schedule, suggest=suggest)
    first = schedule.days[0]
    free_why = (
        f"{fmt_hours(first.capacity_hours)} of capacity − {fmt_hours(first.attention_hours)} of attention − "
        f"{fmt_hours(first.check_hours)} of follow-up checks − {fmt_hours(first.done_hours)} done − "
        f"{fmt_hours(first.task_hours)} of planned tasks = {fmt_hours(first.free_hours)}"
    )
    plan = day_plan(book, schedule, risks, free_why)

    sunday = monday_of(today) + timedelta(days=6)
    week_days = [day for day in schedule.days if day.date <= sunday]
    capacity_week = _rounded(sum(day.capacity_hours for day in week_days))
    load_week = _rounded(sum(day.scheduled_hours for day in week_days))
    week_nominal = nominal_week(settings.capacity)
    utilisation_week = utilisation(load_week, capacity_week, week_nominal)
    explain = _Items(book, schedule)

    with_clients = client_meetings(meetings, book)
    touches = last_touches(book, today, meetings)
    at_risk_names = [
        f"{risk.title} for {risk.client} (due {short_day(risk.due)}, "
        + (f"done {short_day(risk.earliest)})" if risk.earliest else "no room in the schedule)")
        for risk in risks
        if risk.client_id is not None
    ]
    counted = Counted(
        promises_at_risk=at_risk_names,
        kickoffs=list(schedule.attention.kickoffs),
        clients_today=_clients_today(book, schedule, with_clients),
        late_follow_ups=_late_follow_ups(book, today),
        quiet_clients=_quiet_clients(book, today, touches),
    )
    worked = tuple(worked_weeks(book, today, meetings))
    index = stress_index(settings.stress, load_week, capacity_week, utilisation_week, counted, worked)
    records = recorded_weeks(book)
    week = iso_week(today)
    record = _week_record(records.get(week), week, index.total, utilisation_week, load_week, capacity_week)
    weeks = trend(records, today, record)
    overdue = sum(1 for plan_ in schedule.plans.values() if plan_.due is not None and plan_.due < today)
    return Assessment(
        today=today,
        week=week,
        schedule=schedule,
        plan=plan,
        at_risk=risks,
        capacity_today=first.capacity,
        capacity_hours_today=first.capacity_hours,
        load_hours_today=first.scheduled_hours,
        utilisation_today=utilisation(first.scheduled_hours, first.capacity_hours, nominal_day(settings.capacity)),
        capacity_hours_week=capacity_week,
        load_hours_week=load_week,
        utilisation_week=utilisation_week,
        load_items_today=tuple(explain.items([first], "today")),
        load_items_week=tuple(explain.items(week_days, "the rest of this week")),
        free_hours_today=first.free_hours,
        free_why=free_why,
        overdue=overdue,
        stress=index,
        staff=staff_loads(book, today),
        worked=worked,
        trend=weeks,
        sustained_overload=sustained_overload(weeks, settings.stress.sustained_above),
        record=record,
        last_touches=touches,
    )


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


def week_record(book: Book, today: date, meetings: Iterable[Meeting] = ()) -> WeekRecord:
    """The WeekRecord to store for the ISO week of `today`.

    If the book already has one for that week, this is that record (same id, same self-check)
    with the numbers brought up to date: the UI replaces it (or adds it when its id is 0), and can
    skip the write when it equals the stored one.
    """
    return assess(book, today, meetings).record
