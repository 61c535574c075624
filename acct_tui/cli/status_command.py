"""`acct-tui status`: today's and this week's load, the stress index and the day plan.

One line fit for a shell prompt or a status bar, or with `--json` one object for scripts. The
numbers are the ones the Workload and Today panes show: both come from `domain.workload.assess`,
which reads one schedule. The book is opened read-only, without taking its lock.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from acct_tui.calendars import Calendars
from acct_tui.cli.common import (
    EXIT_OK,
    add_calendar_option,
    add_db_option,
    add_today_option,
    calendar_paths,
    described,
    open_book,
    today_of,
)
from acct_tui.domain.planner import DayPlan
from acct_tui.domain.risks import Delegate, Drop, MoveDue, Suggestion
from acct_tui.domain.wording import fmt_hours, hours_number, percent
from acct_tui.domain.workload import Assessment, assess


def register(sub: Any) -> None:
    status = sub.add_parser(
        "status",
        help="today's and this week's load, the stress index and the day plan, in one line or as JSON",
        **described(
            "Reads the book without locking it (it works while the planner has it open) and prints the "
            "numbers the planner shows: one line for a shell prompt or a status bar, or with --json one "
            "object for scripts. Exit 0; 1 for a book that is missing or cannot be read.",
            ("acct-tui status", "today 6.5/8.0 h 81% | week 112% | stress 64 | next: Call Acme"),
            ("acct-tui status --json | jq .stress_index", "one number, for a script"),
            ("acct-tui status --today fri --calendar ~/work.ics", "Friday, with your meetings"),
        ),
    )
    add_db_option(status)
    add_today_option(status)
    status.add_argument("--json", action="store_true", help="print one JSON object instead of one line")
    add_calendar_option(status)
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    today = today_of(args)
    with open_book(args, read_only=True) as repo:
        book = repo.book
    found = Calendars.of(book.settings, calendar_paths(args)).read(today, book.settings)
    for problem in found.problems:
        print(f"acct-tui: calendar: {problem}", file=sys.stderr)
    assessment = assess(book, today, found.meetings)
    plan = assessment.plan
    if args.json:
        titles = {task.id: task.title for task in book.tasks.values()}
        print(orjson.dumps(status_data(assessment, plan, titles)).decode())
    else:
        print(status_line(assessment, plan))
    return EXIT_OK


def _meter(load: float, capacity: float, fraction: float) -> str:
    return f"{percent(fraction)}%" if capacity > 0 else ("over" if load > 0 else "0%")


def status_line(assessment: Assessment, plan: DayPlan) -> str:
    """ "today 6.5/8.0 h 81% | week 112% | stress 64 (overdue 3) | next: Call Acme"."""
    a = assessment
    today = f"today {hours_number(a.load_hours_today)}/{fmt_hours(a.capacity_hours_today)}"
    parts = [
        f"{today} {_meter(a.load_hours_today, a.capacity_hours_today, a.utilisation_today)}",
        f"week {_meter(a.load_hours_week, a.capacity_hours_week, a.utilisation_week)}",
        f"stress {a.stress.total}"
        + (f" (overdue {a.overdue})" if a.overdue else "")
        + (" sustained overload" if a.sustained_overload else ""),
    ]
    if plan.items:
        parts.append(f"next: {plan.items[0].title}")
    elif plan.overflow:
        parts.append(f"next: {plan.overflow[0].title} (no room)")
    else:
        parts.append("next: nothing due")
    if plan.overflow:
        parts.append(f"{len(plan.overflow)} don't fit")
    if a.at_risk:
        parts.append(f"{len(a.at_risk)} at risk")
    return " | ".join(parts)


def _hours(value: float) -> float:
    return round(value, 2)


def _fraction(value: float) -> float:
    return round(value, 4)


def _suggestion(suggestion: Suggestion | None) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    if isinstance(suggestion, MoveDue):
        return {
            "action": suggestion.action,
            "due": suggestion.due.isoformat(),
            "free_hours": _hours(suggestion.free_hours),
            "text": suggestion.text,
        }
    if isinstance(suggestion, Drop):
        return {"action": suggestion.action, "text": suggestion.text}
    assert isinstance(suggestion, Delegate)
    return {
        "action": suggestion.action,
        "staff_id": suggestion.staff_id,
        "staff_name": suggestion.staff_name,
        "follow_up": suggestion.follow_up.isoformat(),
        "text": suggestion.text,
    }


def status_data(assessment: Assessment, plan: DayPlan, titles: dict[int, str]) -> dict[str, Any]:
    """The JSON object of `status --json`: hours to 2 decimals, utilisation as fractions to 4.

    `titles` names the tasks the days list (task id -> title)."""
    a = assessment
    return {
        "date": a.today.isoformat(),
        "week": a.week,
        "capacity_hours_today": _hours(a.capacity_hours_today),
        "load_hours_today": _hours(a.load_hours_today),
        "utilisation_today": _fraction(a.utilisation_today),
        "capacity_hours_week": _hours(a.capacity_hours_week),
        "load_hours_week": _hours(a.load_hours_week),
        "utilisation_week": _fraction(a.utilisation_week),
        "free_hours_today": _hours(plan.free_hours),
        "stress_index": a.stress.total,
        "stress_band": a.stress.band.value,
        "stress_parts": [
            {"name": part.name, "points": part.points, "max_points": part.max_points, "why": part.why}
            for part in a.stress.parts
        ],
        "sustained_overload": a.sustained_overload,
        "overdue": a.overdue,
        "plan": [
            {
                "task_id": item.task_id,
                "title": item.title,
                "client": item.client,
                "hours": _hours(item.hours),
                "urgency": item.urgency.total,
                "due": item.due.isoformat() if item.due else None,
                "ahead": item.ahead,
            }
            for item in plan.items
        ],
        "overflow": [
            {
                "task_id": row.task_id,
                "title": row.title,
                "client": row.client,
                "hours": _hours(row.hours),
                "urgency": row.urgency.total,
                "due": row.due.isoformat() if row.due else None,
                "suggestion": _suggestion(row.suggestion),
                "why": row.why,
            }
            for row in plan.overflow
        ],
        "staff": [
            {
                "staff_id": member.id,
                "name": member.name,
                "capacity_hours_week": _hours(member.capacity_hours_week),
                "load_hours_week": _hours(member.load_hours_week),
                "utilisation": _fraction(member.utilisation),
            }
            for member in a.staff
        ],
        "days": [
            {
                "date": day.date.isoformat(),
                "capacity_hours": _hours(day.capacity_hours),
                "meeting_hours": _hours(day.meeting_hours),
                "planned_hours": _hours(day.planned_hours),
                "attention_hours": _hours(day.attention_hours),
                "free_hours": _hours(day.free_hours),
                "load_hours": _hours(day.scheduled_hours),
                "utilisation": _fraction(day.utilisation),
                "tasks": [
                    {"task_id": part.task_id, "title": titles.get(part.task_id, ""), "hours": _hours(part.hours)}
                    for part in day.parts
                ],
            }
            for day in a.days
        ],
        "at_risk": [
            {
                "task_id": risk.task_id,
                "title": risk.title,
                "client": risk.client,
                "due": risk.due.isoformat(),
                "earliest": risk.earliest.isoformat() if risk.earliest else None,
                "hours": _hours(risk.hours),
                "why": risk.why,
                "suggestions": [_suggestion(option) for option in risk.suggestions],
            }
            for risk in a.at_risk
        ],
    }
