"""Prospects and the word "no": the deals in play, the win/loss record per quarter, and earnings.

A deal is won when its project enters Kickoff from Prospect or Negotiation, and stays won while it
goes on (Delivery, Support, Completed): moved back to Prospect or Negotiation it is in play again,
and once Lost it is lost, not won too. It is lost when it enters Lost. Both are read from the
projects' stage history, so the record needs no bookkeeping.
Earnings (optional, settings.earnings): commission on the value of deals won, and a bonus for each
new client (a client whose first deal was won in the period). A deal's value is in its client's
currency, so values, commissions and totals are kept per currency (`money.Totals`); the bonus is in
the book's currency.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Stage
from acct_tui.domain.money import Totals, totals
from acct_tui.domain.records import Project

_BEFORE_KICKOFF = (Stage.PROSPECT, Stage.NEGOTIATION)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def first_day(quarter: str) -> date:
    """ "2026-Q3" -> 1 July 2026."""
    year, number = quarter.split("-Q")
    return date(int(year), 3 * (int(number) - 1) + 1, 1)


def won_on(project: Project) -> date | None:
    """The day the deal was won, if it is won now: the last time it entered Kickoff straight from
    Prospect or Negotiation, unless it is back in one of them or Lost since."""
    if project.stage in _BEFORE_KICKOFF or project.stage is Stage.LOST:
        return None
    won = None
    for earlier, later in itertools.pairwise(project.stage_history):
        if later.stage is Stage.KICKOFF and earlier.stage in _BEFORE_KICKOFF:
            won = later.entered
    return won


def lost_on(project: Project) -> date | None:
    """The day the deal was lost: it is Lost, since the day it entered Lost."""
    return project.entered(Stage.LOST) if project.stage is Stage.LOST else None


def currency_of(book: Book, project: Project) -> str:
    """A project's value is in its client's currency."""
    client = book.clients.get(project.client_id)
    return client.currency if client is not None else book.settings.currency


@dataclass(frozen=True, slots=True)
class Quarter:
    quarter: str
    won: int
    won_value: Totals
    lost: int
    lost_value: Totals

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


def win_loss(book: Book, quarters: int, today: date) -> list[Quarter]:
    """The last `quarters` quarters (oldest first) with deals won and lost and their value."""
    labels = []
    start = quarter_start(today)
    for _ in range(quarters):
        labels.append(quarter_of(start))
        start = quarter_start(start - timedelta(days=1))
    won: dict[str, list[tuple[str, float]]] = {label: [] for label in labels}
    lost: dict[str, list[tuple[str, float]]] = {label: [] for label in labels}
    for project in book.projects.values():
        for day, tally in ((won_on(project), won), (lost_on(project), lost)):
            if day is not None and quarter_of(day) in tally:
                tally[quarter_of(day)].append((currency_of(book, project), project.value))
    return [
        Quarter(label, len(won[label]), totals(won[label]), len(lost[label]), totals(lost[label]))
        for label in reversed(labels)
    ]


def lost_since(book: Book, since: date) -> list[Project]:
    """Deals lost on or after `since`, the latest first."""
    deals = [(day, p) for p in book.projects.values() if (day := lost_on(p)) is not None and day >= since]
    deals.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    return [project for _, project in deals]


def pipeline(book: Book, deals: list[Project]) -> Totals:
    """The value of `deals`, per currency."""
    return totals((currency_of(book, p), p.value) for p in deals)


def in_play(book: Book) -> list[Project]:
    """Open prospects and negotiations, the next meeting soonest (undated last)."""
    deals = [p for p in book.projects.values() if p.stage in _BEFORE_KICKOFF]
    deals.sort(key=lambda p: (p.next_meeting_on or date.max, -p.value, p.id))
    return deals


@dataclass(frozen=True, slots=True)
class Earnings:
    period: str
    won_value: Totals
    commission: Totals
    new_clients: int
    bonus: float
    currency: str
    """The book's currency, that of the bonus."""

    @property
    def total(self) -> Totals:
        """Commission per currency, with the bonus added in the book's currency."""
        found = dict(self.commission)
        if self.bonus:
            found[self.currency] = round(found.get(self.currency, 0.0) + self.bonus, 2)
        return found


def earnings(book: Book, start: date, end: date, period: str) -> Earnings:
    """Commission on deals won in [start, end] and the bonus for clients whose first deal was won then."""
    settings = book.settings.earnings
    won_deals: list[tuple[str, float]] = []
    first_win: dict[int, date] = {}
    for project in book.projects.values():
        won = won_on(project)
        if won is None:
            continue
        if start <= won <= end:
            won_deals.append((currency_of(book, project), project.value))
        first_win[project.client_id] = min(won, first_win.get(project.client_id, won))
    new_clients = sum(1 for day in first_win.values() if start <= day <= end)
    won_value = totals(won_deals)
    return Earnings(
        period,
        won_value,
        {currency: round(value * settings.commission_pct / 100, 2) for currency, value in won_value.items()},
        new_clients,
        round(new_clients * settings.bonus_per_new_client, 2),
        book.settings.currency,
    )


def month_and_quarter(book: Book, today: date) -> tuple[Earnings, Earnings]:
    month_start = today.replace(day=1)
    return (
        earnings(book, month_start, today, f"{today:%B %Y}"),
        earnings(book, quarter_start(today), today, quarter_of(today)),
    )


def competitor_map(book: Book) -> dict[str, list[tuple[int, str, str]]]:
    """Each competitor (by name, case-insensitive) -> the clients it is present at: (client id, threat, note)."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    names: dict[str, str] = {}
    for competitor in book.competitors.values():
        key = competitor.name.casefold()
        names.setdefault(key, competitor.name)
        found.setdefault(names[key], []).append((competitor.client_id, competitor.threat.value, competitor.note))
    return dict(sorted(found.items(), key=lambda item: (-len(item[1]), item[0].casefold())))
