"""Recurring tasks: the next date of a rule, the next task of a series, and the rule in words.

A recurring task (`Task.repeat`) that is done makes the next one of its series (`rules.repeated`,
for every way in). Its due date is the rule's next date after the done task's due date (after the
day it was done when there is none), skipping dates that had already passed when it was done, so
a weekly report done three weeks late is due next week, not three times in the past:

- days, weeks: every N days or weeks from the due date; weeks on a weekday: that weekday of the
  week N weeks on (`Repeat.weekday`);
- months: the same day N months on, or the rule's day of the month; in a shorter month, its
  last day (the 31st is 30 April, 28 or 29 February), and the next one is the 31st again.

The next task is the done one again, open: the same title, client, project, kind, estimate,
priority, assignee and notes, its start and follow-up dates as far before its due date as they
were, made today. A series ends at the last day a book may hold (`dates.LATEST`): a rule whose
next task would be due, start or follow up after it makes none, and the done task keeps its
rule. Pure: the task and the dates in, the next task out.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from pydantic import ValidationError

from acct_tui.domain.dates import LATEST, monday_of
from acct_tui.domain.enums import RepeatUnit, TaskStatus
from acct_tui.domain.errors import field_errors
from acct_tui.domain.records import Repeat, Task

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MAX_STEPS = 10_000


def _add_months(day: date, months: int, day_of_month: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if year > date.max.year:
        return date.max
    return date(year, month + 1, min(day_of_month, calendar.monthrange(year, month + 1)[1]))


def next_due(repeat: Repeat, due: date | None, done_on: date) -> date:
    """The rule's next date after `due` (else after `done_on`) that is after `done_on` too."""
    base = due or done_on
    if repeat.unit is RepeatUnit.MONTHS:
        day_of_month = repeat.day_of_month or base.day
        steps = 1
        found = _add_months(base, repeat.every, day_of_month)
        while found <= done_on and steps < _MAX_STEPS:
            steps += 1
            found = _add_months(base, repeat.every * steps, day_of_month)
        return found
    period = repeat.every * (7 if repeat.unit is RepeatUnit.WEEKS else 1)
    first = base + timedelta(days=period)
    if repeat.unit is RepeatUnit.WEEKS and repeat.weekday is not None:
        first = monday_of(base) + timedelta(days=period + repeat.weekday - 1)
    if first > done_on:
        return first
    return first + timedelta(days=period * ((done_on - first).days // period + 1))


def next_task(task: Task, today: date) -> Task | None:
    """The next task of the series of the done recurring `task` (with its rule), made on `today`;
    None when the series has reached the last day a book may hold."""
    repeat = task.repeat
    if repeat is None:
        raise ValueError(f"task {task.title!r} does not repeat")
    done_on = task.done_on or today
    due = next_due(repeat, task.due, done_on)
    if repeat.unit is RepeatUnit.MONTHS and repeat.day_of_month is None:
        # the series keeps its day: after 31 January (28 February), 31 March, not 28 March
        repeat = Repeat(every=repeat.every, unit=repeat.unit, day_of_month=(task.due or done_on).day)
    shift = due - (task.due or done_on)
    start_on = task.start_on + shift if task.start_on is not None and task.due is not None else None
    follow_up = task.follow_up + shift if task.follow_up is not None and task.due is not None else None
    if max(due, start_on or due, follow_up or due) > LATEST:
        return None
    return task.evolve(
        id=0,
        status=TaskStatus.OPEN,
        due=due,
        done_on=None,
        start_on=start_on,
        follow_up=follow_up,
        created_on=today,
        repeat=repeat,
    )


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def repeat_text(repeat: Repeat) -> str:
    """The rule in words: "every week", "every 2 weeks on Monday", "every month on the 31st"."""
    unit = repeat.unit.value.removesuffix("s")
    text = f"every {unit}" if repeat.every == 1 else f"every {repeat.every} {repeat.unit.value}"
    if repeat.weekday is not None:
        text += f" on {_WEEKDAYS[repeat.weekday - 1].capitalize()}"
    if repeat.day_of_month is not None:
        text += f" on the {_ordinal(repeat.day_of_month)}"
    return text


_RULE = re.compile(
    r"^(?:(?P<word>daily|weekly|monthly)|every\s+(?:(?P<every>\d+)\s+)?(?P<unit>day|week|month)s?)"
    r"(?:\s+on\s+(?:the\s+)?(?P<on>[a-z]+|\d{1,2}(?:st|nd|rd|th)?))?$"
)
_WORDS = {"daily": RepeatUnit.DAYS, "weekly": RepeatUnit.WEEKS, "monthly": RepeatUnit.MONTHS}


def parse_repeat(text: str) -> Repeat | None:
    """A rule as a person types it (and `repeat_text` writes it): "weekly", "every 2 weeks on mon",
    "monthly on the 15th", "every 3 days"; "" or "never" is None. Raises ValueError for anything else."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if cleaned in ("", "never", "no", "none"):
        return None
    match = _RULE.match(cleaned)
    if match is None:
        raise ValueError(
            "is not a repeat rule: use daily, weekly, monthly, every 2 weeks on Monday, every month on the 15th"
        )
    unit = _WORDS[match["word"]] if match["word"] else RepeatUnit(f"{match['unit']}s")
    every = int(match["every"] or 1)
    on = match["on"]
    weekday = day_of_month = None
    if on is not None:
        if unit is RepeatUnit.WEEKS and not on[0].isdigit():
            weekday = next((i for i, name in enumerate(_WEEKDAYS, 1) if len(on) >= 2 and name.startswith(on)), None)
            if weekday is None:
                raise ValueError(f"{on!r} is not a weekday")
        elif unit is RepeatUnit.MONTHS and on[0].isdigit():
            day_of_month = int(re.sub(r"\D", "", on))
        else:
            raise ValueError("a rule in weeks is on a weekday, a rule in months on a day (the 15th)")
    try:
        return Repeat(every=every, unit=unit, weekday=weekday, day_of_month=day_of_month)
    except ValidationError as err:  # every 0 days, the 32nd
        raise ValueError(f"is not a repeat rule ({field_errors(err)[0]})") from None
