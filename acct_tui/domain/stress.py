"""The stress index: 0-100 as the sum of named parts, each with its points and a sentence of why.

Each part turns one count (or the week's utilisation, or the weekly hours) into whole points,
at most its maximum (`settings.stress`); the maxima add up to at most 100, so the index is the
plain sum of the parts. It is an indicator to plan with, not a diagnosis (README).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from acct_tui.domain.settings import StressSettings
from acct_tui.domain.wording import fmt_hours, named, percent, plural, whole
from acct_tui.domain.worked import WorkedWeek


class Band(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True, slots=True)
class StressPart:
    name: str
    points: int
    max_points: int
    why: str


@dataclass(frozen=True, slots=True)
class Stress:
    total: int
    """The sum of the parts' points, 0-100."""
    parts: tuple[StressPart, ...]
    band: Band


def _num(value: float) -> str:
    return f"{value:g}"


def utilisation_part(settings: StressSettings, load: float, capacity: float, fraction: float) -> StressPart:
    """Points grow in a straight line from `utilisation_from` to `utilisation_full` of the week."""
    low, full, most = settings.utilisation_from, settings.utilisation_full, settings.utilisation_max
    share = min(1.0, max(0.0, (fraction - low) / (full - low)))
    points = whole(most * share)
    where = (
        f"This week's load is {fmt_hours(load)} against {fmt_hours(capacity)} of capacity ({percent(fraction)}%)"
        if capacity > 0
        else f"This week's load is {fmt_hours(load)} with no capacity at all"
    )
    rule = f"points start above {percent(low)}% and reach {most} at {percent(full)}%"
    if 0 < share < 1:
        rule += (
            f": {most} × ({percent(fraction)}% − {percent(low)}%) / ({percent(full)}% − {percent(low)}%)"
            f" = {most * share:.2f}"
        )
    return StressPart("utilisation", points, most, f"{where}; {rule}: {points} points.")


def counted_part(
    name: str,
    things: Sequence[str],
    *,
    counted: tuple[str, str],
    each: float,
    most: int,
    allowed: int = 0,
) -> StressPart:
    """`each` point for every one of `things` beyond the first `allowed`, at most `most`.

    `counted` names what is counted, in the singular and the plural.
    """
    over = max(0, len(things) - allowed)
    points = whole(min(most, each * over))
    if not things:
        return StressPart(name, 0, most, f"No {counted[1]}: 0 points.")
    fine = f" ({allowed} are fine)" if allowed else ""
    rule = f"{_num(each)} points for each one over {allowed}" if allowed else f"{_num(each)} points each"
    listed = f"{plural(len(things), *counted)}{fine}: {named(things)}"
    return StressPart(name, points, most, f"{listed}; {rule}, at most {most}: {points} points.")


def long_hours_part(settings: StressSettings, weeks: Sequence[WorkedWeek]) -> StressPart:
    """`long_hours_points` when the average hours worked a week reach the threshold.

    `weeks` are the hours worked in the last four ISO weeks (`worked.worked_weeks`); a week with
    nothing recorded is left out, since it shows no work rather than no hours. Estimates of
    demand never count here: only what was done (WHO/ILO's 55 hours are hours worked).
    """
    most, threshold = settings.long_hours_points, settings.long_hours_threshold
    counted = [week for week in weeks if week.recorded]
    if not counted:
        return StressPart(
            "long hours",
            0,
            most,
            "No hours worked are recorded for the last 4 weeks (activities, meetings, tasks done): 0 points.",
        )
    average = sum(week.hours for week in counted) / len(counted)
    listed = ", ".join(f"{week.week[-3:]} {fmt_hours(week.hours)}" for week in counted)
    reached = average >= threshold
    points = most if reached else 0
    verdict = "at or above" if reached else "below"
    return StressPart(
        "long hours",
        points,
        most,
        f"Hours worked as the book and calendar show them (activities and meetings, tasks done) in the last "
        f"{plural(len(counted), 'week')} ({listed}): {fmt_hours(average)} a week on average, "
        f"{verdict} {_num(threshold)} h: {points} points.",
    )


def band(total: int, settings: StressSettings) -> Band:
    if total >= settings.red_at:
        return Band.RED
    if total >= settings.amber_at:
        return Band.AMBER
    return Band.GREEN


def stress(parts: Sequence[StressPart], settings: StressSettings) -> Stress:
    total = sum(part.points for part in parts)
    return Stress(total=total, parts=tuple(parts), band=band(total, settings))


@dataclass(frozen=True, slots=True)
class Counted:
    """What the counted parts count, each thing named for the part's sentence (most pressing first)."""

    promises_at_risk: Sequence[str]
    kickoffs: Sequence[str]
    clients_today: Sequence[str]
    late_follow_ups: Sequence[str]
    quiet_clients: Sequence[str]


def stress_index(
    settings: StressSettings,
    week_load: float,
    week_capacity: float,
    week_utilisation: float,
    counted: Counted,
    worked: Sequence[WorkedWeek],
) -> Stress:
    """The index and its seven parts, in a fixed order."""
    s = settings
    table = (
        ("promises at risk", counted.promises_at_risk,
         ("promise to a client the schedule finishes late", "promises to clients the schedule finishes late"),
         s.overdue_each, s.overdue_max, 0),
        ("parallel kickoffs", counted.kickoffs, ("project in Kickoff", "projects in Kickoff at once"),
         s.kickoff_each, s.kickoff_max, s.kickoffs_allowed),
        ("context switches", counted.clients_today, ("client touched today", "clients touched today"),
         s.client_switch_each, s.client_switch_max, s.clients_per_day_allowed),
        ("late follow-ups", counted.late_follow_ups,
         ("delegated task past its follow-up date", "delegated tasks past their follow-up date"),
         s.follow_up_each, s.follow_up_max, 0),
        ("quiet clients", counted.quiet_clients, ("client past its touch cadence", "clients past their touch cadence"),
         s.quiet_client_each, s.quiet_client_max, 0),
    )  # fmt: skip
    return stress(
        [
            utilisation_part(s, week_load, week_capacity, week_utilisation),
            *(
                counted_part(name, things, counted=words, each=each, most=most, allowed=allowed)
                for name, things, words, each, most, allowed in table
            ),
            long_hours_part(s, worked),
        ],
        s,
    )
