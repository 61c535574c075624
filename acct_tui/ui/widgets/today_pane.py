"""The Today pane: today's meetings and events, the day plan in order, what does not fit, the promises at
risk, and what is done. All of it is the schedule's first day (`domain.workload.assess`).

The line under the list says why the highlighted task is where it is (its urgency, or the
suggestion for a task that does not fit); `s` accepts the suggestion; on a promise at risk `r`
renegotiates it, `a` delegates it and `X` drops it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.book import Book
from acct_tui.domain.overview import done_today
from acct_tui.domain.planner import DayPlan, PlanSuggestion
from acct_tui.domain.records import Task
from acct_tui.domain.risks import Risk
from acct_tui.domain.schedule import Schedule, ScheduledDay
from acct_tui.domain.wording import short_day
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import due_label, hours, meeting_note, meeting_time
from acct_tui.ui.widgets.fixed_text import FixedText
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList

RowKind = Literal["heading", "meeting", "plan", "overflow", "risk", "done"]


@dataclass(frozen=True, slots=True)
class TodayRow:
    kind: RowKind
    title: str
    task_id: int = 0
    client: str = ""
    hours: float = 0.0
    due: date | None = None
    urgency: float = 0.0
    why: str = ""
    suggestion: PlanSuggestion | None = None
    risk: Risk | None = None
    """The promise at risk this task is, if it is one (r, a and X act on it)."""
    note: str = ""
    """A short word after the title: "part", or the day a late task can really be done."""

    @property
    def key(self) -> tuple[str, int | str]:
        """A task's row is the task's, planned, late or done (the cursor stays on it when x moves it)."""
        return ("task", self.task_id) if self.task_id else (self.kind, self.title)


def day_breakdown(day: ScheduledDay) -> str:
    """What the day's scheduled hours are made of, as the Workload meter counts them."""
    parts = [
        ("tasks", day.task_hours),
        ("checks", day.check_hours),
        ("done", day.done_hours),
        ("attention", day.attention_hours),
    ]
    return " + ".join(f"{name} {hours(value)}" for name, value in parts if value)


def plan_rows(
    plan: DayPlan,
    day: ScheduledDay,
    done: list[Task],
    clients: dict[int, str],
    risks: tuple[Risk, ...] = (),
    narrowed: str = "",
    next_day: date | None = None,
) -> list[TodayRow]:
    """The pane's rows: meetings, the plan (the schedule's `day`, with what its hours are made of),
    the overflow, the promises at risk later, the tasks done today (none of them: an empty working
    day). `narrowed` names the client the plan is narrowed to; `next_day` is the schedule's next
    working day, named on a day that is not one."""
    meetings, events = day.capacity.meetings, day.capacity.events
    risk_of = {risk.task_id: risk for risk in risks}
    overflowing = {o.task_id for o in plan.overflow}
    planned = {i.task_id for i in plan.items}
    # a late task the plan finishes today is in the plan (marked !), not "at risk later" as well
    later = [r for r in risks if r.task_id not in overflowing and not (r.task_id in planned and r.earliest == day.date)]
    working = bool(day.capacity.working_hours)
    if working and not (plan.items or plan.overflow or done or later or meetings or events):
        return []
    rows: list[TodayRow] = []
    if meetings or events:
        kinds = " and ".join(name for name, there in (("Meetings", meetings), ("events", events)) if there)
        free = sum(not m.busy for m in meetings)
        count = f"{len(meetings) + len(events)}" + (f", {free} free" if free else "")
        rows.append(TodayRow("heading", f"{kinds.capitalize()} ({count})"))
        rows += [
            TodayRow("meeting", m.title, why=meeting_time(m, day.date), note=meeting_note(m, outside))
            for m, outside in zip(meetings, day.capacity.outside, strict=True)
        ]
        rows += [TodayRow("meeting", title, why=f"event {hours(event_hours)}") for title, event_hours in events]
    resumes = f": the plan starts on {short_day(next_day)}" if next_day is not None else ""
    if not working:
        rows.append(TodayRow("heading", f"{short_day(day.date)} is not a working day{resumes}"))
    elif day.capacity.away:
        rows.append(TodayRow("heading", f"Away all day ({day.capacity.away}){resumes}"))
    else:
        rows.append(
            TodayRow(
                "heading",
                f"Plan: {hours(day.scheduled_hours)} of {hours(day.capacity_hours)}, {hours(day.free_hours)} free",
            )
        )
    if breakdown := day_breakdown(day):
        rows.append(TodayRow("heading", f"  {breakdown}"))
    if narrowed and plan.items:
        rows.append(TodayRow("heading", f"  shown: the tasks of {narrowed}, {hours(plan.planned_hours)}"))
    for i in plan.items:
        row = TodayRow("plan", i.title, i.task_id, i.client, i.hours, i.due, i.urgency.total, i.urgency.why)
        rows.append(dataclasses.replace(row, risk=risk_of.get(i.task_id), note="part" if i.part else ""))
    if not plan.items and working and not day.capacity.away:
        rows.append(
            TodayRow(
                "heading",
                f"  nothing planned for {narrowed}" if narrowed else "  nothing planned: no open task has room today",
            )
        )
    if plan.overflow:
        rows.append(TodayRow("heading", f"Does not fit ({len(plan.overflow)}): s accepts the suggestion"))
        for o in plan.overflow:
            row = TodayRow("overflow", o.title, o.task_id, o.client, o.hours, o.due, o.urgency.total, o.why)
            rows.append(dataclasses.replace(row, suggestion=o.suggestion, risk=risk_of.get(o.task_id)))
    if later:
        title = "At risk later" if working else "At risk"
        rows.append(TodayRow("heading", f"{title} ({len(later)}): r renegotiate · a delegate · X drop"))
        for r in later:
            note = f"→ {short_day(r.earliest)}" if r.earliest else "→ no room"
            rows.append(TodayRow("risk", r.title, r.task_id, r.client, r.hours, r.due, why=r.why, risk=r, note=note))
    if done:
        rows.append(TodayRow("heading", f"Done today ({len(done)}): x reopens"))
        rows += [
            TodayRow("done", t.title, t.id, clients.get(t.client_id or 0, ""), t.estimate_hours, t.due) for t in done
        ]
    return rows


_MARKS = {"plan": ("  ", ""), "overflow": ("↷ ", "$warning"), "risk": ("! ", "$error"), "done": ("✓ ", "$success")}


class TodayPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("today")

    def __init__(self, today: date, *, id: str = "today") -> None:
        super().__init__("Today", id=id)
        self.today = today
        self._rows: list[TodayRow] = []
        self._tasks: dict[int, Task] = {}

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield FixedText(id="today-why", classes="pane-footnote")

    def body(self) -> Widget:
        return RecordList[TodayRow](
            self._line,
            key=lambda row: row.key,
            selectable=lambda row: row.kind not in ("heading", "meeting"),
            empty="Nothing to do today: n adds a task.",
            classes="pane-body",
            id="today-list",
        )

    @property
    def rows(self) -> RecordList[TodayRow]:
        return self.query_one("#today-list", RecordList)

    def _line(self, row: TodayRow, width: int) -> Content:
        if row.kind == "heading":
            return Content(row.title)
        if row.kind == "meeting":
            title = Content(row.title).stylize("dim" if row.note else "")
            return Content.assemble((f"  {row.why:>11} ", "dim"), title, (f" {row.note}" if row.note else "", "dim"))
        late = row.due is not None and row.due < self.today and row.kind != "done"
        mark = ("! ", "$error") if row.kind == "plan" and row.risk is not None else _MARKS[row.kind]
        when = "done" if row.kind == "done" else due_label(row.due, self.today)
        return Content.assemble(
            mark,
            (f"{when:>8} ", "bold $error" if late else "dim"),
            Content(row.title).stylize("strike dim" if row.kind == "done" else "bold" if late else ""),
            (f" {row.note}" if row.note else "", "$warning" if row.kind == "risk" else "dim"),
            (f"  {row.client}" if row.client else "", "dim"),
            (f"  {hours(row.hours)}", "dim"),
        )

    def show(
        self,
        book: Book,
        plan: DayPlan,
        risks: tuple[Risk, ...],
        schedule: Schedule,
        client_id: int | None = None,
        follow: int | None = None,
    ) -> None:
        """Draw the day `plan` (already narrowed to `client_id`, if given), the tasks done today,
        `risks` (the promises at risk of that client, or all) and the `schedule`'s first day (today);
        the cursor goes to task `follow` if it is listed."""
        self._tasks = book.tasks
        clients = {c.id: c.name for c in book.clients.values()}
        narrowed = clients.get(client_id, "") if client_id is not None else ""
        day = schedule.days[0]
        next_day = schedule.days[1].date if len(schedule.days) > 1 else None
        done = done_today(book, self.today, client_id)
        self._rows = plan_rows(plan, day, done, clients, risks, narrowed, next_day)
        free = (
            f"{self.today:%a %d %b}: "
            + (f"{hours(day.meeting_hours)} of meetings, " if day.meeting_hours else "")
            + (f"{hours(day.capacity.event_hours)} of events, " if day.capacity.event_hours else "")
            + (f"{hours(day.free_hours)} free" if day.capacity.working_hours else "not a working day")
        )
        self.set_heading(Content.assemble((free, "bold"), ("  (w in Workload says why)", "dim")))
        self.apply_filter(follow)

    def apply_filter(self, follow: int | None = None) -> None:
        text = self.filter_text
        rows = self._rows
        if text:
            rows = [r for r in rows if r.kind != "heading" and text in f"{r.title} {r.client}".casefold()]
        self.rows.empty_text = self.no_match("task") if text else "Nothing to do today: n adds a task."
        self.rows.set_rows(rows, follow=("task", follow) if follow is not None else None)
        self._show_why(self.rows.current)

    @on(RecordList.Highlighted, "#today-list")
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        self._show_why(event.row)

    def _show_why(self, row: TodayRow | None) -> None:
        why = self.query_one("#today-why", FixedText)
        if row is None or not row.why:
            why.update("")
        elif row.kind == "overflow":
            why.update(Content.assemble(("↷ ", "$warning"), Content(row.why)))
        elif row.kind in ("risk", "meeting"):
            why.update(Content.assemble(("! " if row.kind == "risk" else "", "$error"), Content(row.why)))
        else:
            why.update(Content.assemble((f"urgency {row.urgency:g}: ", "bold"), Content(row.why).stylize("dim")))

    def show_toggled(self, task: Task) -> None:
        """Show a task just marked done (or reopened) at once; the plan is recomputed right after."""
        kind: RowKind = "plan" if task.is_open else "done"
        rows = [
            dataclasses.replace(r, kind=kind) if r.task_id == task.id and r.kind != "heading" else r for r in self._rows
        ]
        self._rows = rows
        self.apply_filter()

    @property
    def current(self) -> TodayRow | None:
        return self.rows.current

    @property
    def current_task(self) -> Task | None:
        row = self.rows.current
        return self._tasks.get(row.task_id) if row is not None else None
