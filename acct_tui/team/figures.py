"""What a head of accounts sees of one account manager's book, computed by the domain (pure).

Per person: this and next week's utilisation, the stress index with its 12-week trend and the
sustained-overload warning, the promises at risk (overdue, and those the schedule cannot finish
in time), the renewals within 90 days at risk (marked at risk, or not marked at all), the
discounts awaiting approval, and the clients gone quiet. `risk` orders the team: the stress
index, plus 20 for sustained overload, 5 for each promise at risk, 3 for each renewal at risk,
2 for each discount waiting and 1 for each quiet client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.dates import monday_of
from acct_tui.domain.discounts import overview
from acct_tui.domain.enums import RenewalHealth
from acct_tui.domain.overview import client_rows
from acct_tui.domain.renewals import radar
from acct_tui.domain.workload import assess

RENEWAL_DAYS = 90


@dataclass(frozen=True, slots=True)
class Waiting:
    """A client whose discount waits for approval."""

    client_id: int
    client: str
    combined_pct: float


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    source: str
    utilisation_week: float
    utilisation_next_week: float
    stress_index: int
    stress_trend: tuple[int | None, ...]
    """The last 12 ISO weeks' index, oldest first (None: a week without a record)."""
    sustained_overload: bool
    promises_at_risk: tuple[str, ...]
    renewals_at_risk: tuple[str, ...]
    discounts_waiting: tuple[Waiting, ...]
    quiet_clients: tuple[str, ...]

    @property
    def risk(self) -> float:
        return (
            self.stress_index
            + 20 * self.sustained_overload
            + 5 * len(self.promises_at_risk)
            + 3 * len(self.renewals_at_risk)
            + 2 * len(self.discounts_waiting)
            + len(self.quiet_clients)
        )


@dataclass(frozen=True, slots=True)
class Workload:
    """The figures of a person's time (one place: the schedule may replace what gives them)."""

    utilisation_week: float
    utilisation_next_week: float
    stress_index: int
    stress_trend: tuple[int | None, ...]
    sustained_overload: bool
    promises_at_risk: tuple[str, ...]


def workload(book: Book, today: date) -> Workload:
    """This and next week's utilisation, the stress index and trend, the promises at risk (overdue
    ones among them), from the person's schedule (their calendar is theirs: not read here)."""
    found = assess(book, today, suggest=False)
    next_monday = monday_of(today) + timedelta(days=7)
    next_week = [d for d in found.days if next_monday <= d.date < next_monday + timedelta(days=7)]
    capacity = sum(d.capacity_hours for d in next_week)
    scheduled = sum(d.scheduled_hours for d in next_week)
    return Workload(
        utilisation_week=found.utilisation_week,
        utilisation_next_week=round(scheduled / capacity, 4) if capacity else 0.0,
        stress_index=found.stress.total,
        stress_trend=tuple(week.stress_index for week in found.trend),
        sustained_overload=found.sustained_overload,
        promises_at_risk=tuple(_promise(risk.title, risk.client, risk.due) for risk in found.at_risk),
    )


def _promise(title: str, client: str, due: date) -> str:
    return f"{title} ({client + ', ' if client else ''}due {due:%d %b})"


def person(book: Book, name: str, source: str, today: date) -> Person:
    """The roll-up's figures of one book."""
    work = workload(book, today)
    renewals = tuple(
        f"{row.client.name} ({row.days} days, {'at risk' if row.client.renewal_health else 'not marked'})"
        for row in radar(book, today)
        if row.days <= RENEWAL_DAYS and row.client.renewal_health in (RenewalHealth.AT_RISK, None)
    )
    waiting = tuple(
        Waiting(found.client.id, found.client.name, found.combined_pct)
        for found in overview(book, today)
        if found.needs_approval
    )
    quiet = tuple(row.client.name for row in client_rows(book, today) if row.quiet)
    return Person(
        name=name,
        source=source,
        utilisation_week=work.utilisation_week,
        utilisation_next_week=work.utilisation_next_week,
        stress_index=work.stress_index,
        stress_trend=work.stress_trend,
        sustained_overload=work.sustained_overload,
        promises_at_risk=work.promises_at_risk,
        renewals_at_risk=renewals,
        discounts_waiting=waiting,
        quiet_clients=quiet,
    )
