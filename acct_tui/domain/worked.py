"""Hours worked: what the book and the calendar show was really done in a week, never estimates of demand.

A week's hours worked are the time of the activities logged in it (calls, meetings, e-mails with
their minutes) and of the calendar meetings held in it, counted once where they overlap, plus the
estimates of the account manager's own tasks done in it (a done task is the best record of the
time it took). Timeline entries the planner writes itself (a task done, a stage move) are not
counted again. The "long hours" part of the stress index reads these (WHO/ILO: 55 hours a week
worked or more).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.dates import iso_week, monday_of
from acct_tui.domain.enums import ActivityKind
from acct_tui.domain.meetings import Meeting

LONG_HOURS_WEEKS = 4
"""The long-hours part looks at the four ISO weeks before the current one."""
_AUTOMATIC = frozenset({ActivityKind.TASK_DONE, ActivityKind.STAGE_MOVE})


@dataclass(frozen=True, slots=True)
class WorkedWeek:
    week: str
    """ISO week, "2026-W48"."""
    timed_hours: float
    """Activities and meetings, overlaps counted once."""
    task_hours: float
    """Own tasks done in the week (their estimates)."""
    meetings: int
    activities: int
    tasks: int

    @property
    def hours(self) -> float:
        return round(self.timed_hours + self.task_hours, 2)

    @property
    def recorded(self) -> bool:
        """Whether the week has anything recorded at all (a week with nothing is no evidence of 0 hours)."""
        return bool(self.meetings or self.activities or self.tasks)


def _union_hours(spans: list[tuple[datetime, datetime]]) -> float:
    total = timedelta()
    reach: datetime | None = None
    for start, end in sorted(spans):
        if reach is not None and end <= reach:
            continue
        begin = start if reach is None or start > reach else reach
        total += end - begin
        reach = end
    return total.total_seconds() / 3600


def worked_weeks(book: Book, today: date, meetings: Iterable[Meeting] = ()) -> list[WorkedWeek]:
    """The hours worked in each of the `LONG_HOURS_WEEKS` ISO weeks before the week of `today`, oldest first."""
    this_monday = monday_of(today)
    first = this_monday - timedelta(weeks=LONG_HOURS_WEEKS)
    spans: defaultdict[date, list[tuple[datetime, datetime]]] = defaultdict(list)
    counts: defaultdict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    tasks: defaultdict[date, float] = defaultdict(float)
    for activity in book.activities.values():
        day = activity.when.date()
        if first <= day < this_monday and activity.kind not in _AUTOMATIC:
            week = monday_of(day)
            counts[week][1] += 1
            if activity.minutes:
                spans[week].append((activity.when, activity.when + timedelta(minutes=activity.minutes)))
    for meeting in meetings:
        day = meeting.start.date()
        if first <= day < this_monday and meeting.busy and not meeting.all_day and meeting.end > meeting.start:
            week = monday_of(day)
            counts[week][0] += 1
            spans[week].append((meeting.start, meeting.end))
    for task in book.tasks.values():
        done = task.done_on
        if done is not None and first <= done < this_monday and task.assignee_id is None:
            week = monday_of(done)
            counts[week][2] += 1
            tasks[week] += task.estimate_hours
    found = []
    for back in range(LONG_HOURS_WEEKS, 0, -1):
        monday = this_monday - timedelta(weeks=back)
        meetings_n, activities_n, tasks_n = counts.get(monday, [0, 0, 0])
        found.append(
            WorkedWeek(
                iso_week(monday),
                round(_union_hours(spans.get(monday, [])), 2),
                round(tasks.get(monday, 0.0), 2),
                meetings_n,
                activities_n,
                tasks_n,
            )
        )
    return found
