"""Prospects and the word "no": the deals in play, the win/loss record per quarter, and earnings.

A deal is won when its project enters Kickoff from Prospect or Negotiation, and lost when it
enters Lost; both are read from the projects' stage history, so the record needs no bookkeeping.
Earnings (optional, settings.earnings): commission on the value of deals won, and a bonus for each
new client (a client whose first deal was won in the period).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Project

_BEFORE_KICKOFF = (Stage.PROSPECT, Stage.NEGOTIATION)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def won_on(project: Project) -> date | None:
    """The day the deal was won: it entered Kickoff straight from Prospect or Negotiation."""
    history = project.stage_history
    for earlier, later in itertools.pairwise(history):
        if later.stage is Stage.KICKOFF and earlier.stage in _BEFORE_KICKOFF:
            return later.entered
    return None


def lost_on(project: Project) -> date | None:
    return project.entered(Stage.LOST) if project.stage is Stage.LOST else None


@dataclass(frozen=True, slots=True)
class Quarter:
    quarter: str
    won: int
    won_value: float
    lost: int
    lost_value: float

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
    tally = {label: [0, 0.0, 0, 0.0] for label in labels}
    for project in book.projects.values():
        won = won_on(project)
        if won is not None and quarter_of(won) in tally:
            row = tally[quarter_of(won)]
            row[0] += 1
            row[1] += project.value
        lost = lost_on(project)
        if lost is not None and quarter_of(lost) in tally:
            row = tally[quarter_of(lost)]
            row[2] += 1
            row[3] += project.value
    return [Quarter(label, int(t[0]), t[1], int(t[2]), t[3]) for label, t in reversed(list(tally.items()))]


def in_play(book: Book) -> list[Project]:
    """Open prospects and negotiations, the next meeting soonest (undated last)."""
    deals = [p for p in book.projects.values() if p.stage in _BEFORE_KICKOFF]
    deals.sort(key=lambda p: (p.next_meeting_on or date.max, -p.value, p.id))
    return deals


@dataclass(frozen=True, slots=True)
class Earnings:
    period: str
    won_value: float
    commission: float
    new_clients: int
    bonus: float

    @property
    def total(self) -> float:
        return round(self.commission + self.bonus, 2)


def earnings(book: Book, start: date, end: date, period: str) -> Earnings:
    """Commission on deals won in [start, end] and the bonus for clients whose first deal was won then."""
    settings = book.settings.earnings
    won_value = 0.0
    first_win: dict[int, date] = {}
    for project in book.projects.values():
        won = won_on(project)
        if won is None:
            continue
        if start <= won <= end:
            won_value += project.value
        first_win[project.client_id] = min(won, first_win.get(project.client_id, won))
    new_clients = sum(1 for day in first_win.values() if start <= day <= end)
    return Earnings(
        period,
        won_value,
        round(won_value * settings.commission_pct / 100, 2),
        new_clients,
        round(new_clients * settings.bonus_per_new_client, 2),
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
