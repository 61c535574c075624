"""What `acct-tui status` prints, from the Workload and Today panes' numbers; and the planner's way to cache it.

Both outputs come from `domain.workload.assess` and `domain.planner.day_plan`: one line fit for a
shell prompt or a status bar, or one JSON object for scripts. `outputs` gives them, as printed;
the status cache (cache.py) keeps them. `record_after_save` lets the planner write them after a
save, from the numbers it has just computed for the saved book, so that the next `acct-tui
status` is answered from the cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from acct_tui.domain.planner import DayPlan
from acct_tui.domain.risks import Delegate, Drop, MoveDue, Suggestion
from acct_tui.domain.wording import fmt_hours, hours_number, percent
from acct_tui.domain.workload import Assessment
from acct_tui.status import cache

if TYPE_CHECKING:
    from acct_tui.domain.book import Book
    from acct_tui.domain.settings import Settings
    from acct_tui.store.repository import Repository


VARIANTS = ("line", "json")


def outputs(book: Book, assessment: Assessment, variants: Sequence[str] = VARIANTS) -> dict[str, str]:
    """Each output variant of `variants` as `acct-tui status` prints it: "line" (the default) and
    "json" (--json), for the `assessment` of `book` (the line's may be made with `suggest=False`)."""
    plan = assessment.plan
    found = {}
    if "line" in variants:
        found["line"] = status_line(assessment, plan) + "\n"
    if "json" in variants:
        titles = {task.id: task.title for task in book.tasks.values()}
        found["json"] = orjson.dumps(status_data(assessment, plan, titles)).decode() + "\n"
    return found


def calendar_inputs(settings: Settings, paths: Sequence[Path]) -> list[cache.InputFile] | None:
    """The calendar files (and folders) `paths` as they are now, for the status cache, with the
    system's time zone file they are read in; [] without calendars. None if the status cannot be
    cached: a file that cannot be looked at, or a calendar the settings name relative to the
    current folder (another folder would mean another file)."""
    from acct_tui.calendar.files import calendar_files
    from acct_tui.calendar.zones import SYSTEM_ZONE_FILE

    if not paths:
        return []
    if any(not Path(name).expanduser().is_absolute() for name in settings.calendar.files):
        return None
    found = [cache.observe(str(SYSTEM_ZONE_FILE))]
    for path in paths:
        if path.is_dir():  # each folder too: a file added anywhere under it changes one's signature
            found += [cache.observe_folder(folder) for folder, _, _ in os.walk(path)]
        files, _ = calendar_files(path)
        found += [cache.observe(str(file)) for file in files or ([] if path.is_dir() else [path])]
    return None if None in found else [f for f in found if f is not None]


def record_after_save(
    repo: Repository,
    revision: tuple[int, int],
    book: Book,
    today: date,
    assessment: Assessment,
    settings: cache.InputFile,
    *,
    named: Sequence[str] = (),
    inputs: Sequence[cache.InputFile] = (),
) -> bool:
    """Cache the status of `today` after the planner saved the book's `revision`.

    `book` is that revision (the snapshot the planner computed from) and `assessment` what the
    planner computed from it; `settings` is the settings file as the planner read it
    (`SettingsFile.as_read`); `named` the calendar files its command line named (`--calendar`),
    `inputs` the calendar files as the planner read them (`calendar_inputs(...)`, taken before the
    read). Call it off the UI thread: it reads and hashes the book file (about 14 ms at 1,000
    clients). Writes nothing (False) if the book changed since that save, in memory or on disk, or
    if the cache folder cannot be written.
    """
    if not revision == repo.saved_revision == repo.revision:
        return False
    book_read = cache.observe(str(repo.path))
    if book_read is None or repo.reload_needed():
        return False
    request = cache.Request(str(repo.path), today.isoformat(), named)
    return cache.store(request, [book_read, settings, *inputs], outputs(book, assessment))


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
        parts.append("next: nothing planned today")  # not "nothing due": tasks may be overdue (on a day off)
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
