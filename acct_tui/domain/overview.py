"""What the main screen lists: each client's touch and open work, and the board's project cards.

Pure functions of a Book and `today`, each one pass over the records, so the panes stay cheap on
a 1,000-client book.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from acct_tui.domain.attention import client_meetings
from acct_tui.domain.book import Book
from acct_tui.domain.discounts import assess_client, stacked_by_client
from acct_tui.domain.enums import BOARD_STAGES, ClientStatus, Stage, TaskStatus
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.money import Totals, totals
from acct_tui.domain.records import Client, Project, Task
from acct_tui.domain.renewals import THREE_MONTHS


@dataclass(frozen=True, slots=True)
class ClientRow:
    client: Client
    last_touch: date | None
    """The last day the client was touched (`last_touches`)."""
    open_tasks: int
    overdue_tasks: int
    cadence_days: int
    quiet: bool
    """Past its touch cadence: no activity for longer than `cadence_days` (dormant clients never are)."""
    renewal_needs_mark: bool = False
    """Renewing within three months and not marked on track or at risk."""
    discount_flagged: bool = False
    """The discount guard flags it: no reason, no approval, or creeping up at each renewal."""

    def days_since_touch(self, today: date) -> int | None:
        return None if self.last_touch is None else (today - self.last_touch).days


def cadence_days(client: Client, book: Book) -> int:
    """The client's own touch cadence, or its tier's default."""
    return client.cadence_days or book.settings.cadence_for(client.tier)


def last_touches(book: Book, today: date, meetings: Iterable[Meeting] = ()) -> dict[int, date]:
    """Client id -> the last day (up to `today`) the account manager touched it in any way: an
    activity logged, one of their own tasks for it done, an event with it, a calendar meeting
    with one of its contacts. Nothing dated after today is a touch (an activity logged ahead, a
    meeting a CRM export brought in before it was held): it becomes one on its day."""
    newest: dict[int, datetime] = {}
    tomorrow = datetime.combine(today + timedelta(days=1), time.min)
    for activity in book.activities.values():  # the newest time, then its day: one .date() per client
        when = activity.when
        current = newest.get(activity.client_id)
        if when < tomorrow and (current is None or when > current):
            newest[activity.client_id] = when
    found = {client_id: when.date() for client_id, when in newest.items() if when.date() > date.min}

    def touched(client_id: int, day: date) -> None:
        if day <= today and (client_id not in found or day > found[client_id]):
            found[client_id] = day

    for task in book.tasks.values():
        if task.done_on is not None and task.client_id is not None and task.assignee_id is None:
            touched(task.client_id, task.done_on)
    for event in book.events.values():
        if event.client_id is not None and event.start <= today:
            touched(event.client_id, min(event.end, today))
    for meeting, clients in client_meetings(meetings, book):
        for client_id in clients:
            touched(client_id, meeting.start.date())
    return found


def is_quiet(client: Client, last_touch: date | None, cadence: int, today: date) -> bool:
    """A client gone quiet: active or prospect, and untouched for longer than its cadence.

    A client never touched counts from the day it was added (if known).
    """
    if client.status is ClientStatus.DORMANT:
        return False
    since = last_touch or client.created_on
    return since is not None and (today - since).days > cadence


def client_rows(
    book: Book, today: date, meetings: Iterable[Meeting] = (), *, last: dict[int, date] | None = None
) -> list[ClientRow]:
    """Every client with its touch and open work, by name (`last`: the `last_touches` of `book`,
    `today` and `meetings`, when already computed)."""
    if last is None:
        last = last_touches(book, today, meetings)
    open_tasks: dict[int, int] = {}
    overdue: dict[int, int] = {}
    for task in book.tasks.values():
        if task.client_id is None or not task.is_open:
            continue
        open_tasks[task.client_id] = open_tasks.get(task.client_id, 0) + 1
        if task.due is not None and task.due < today:
            overdue[task.client_id] = overdue.get(task.client_id, 0) + 1
    stacked = stacked_by_client(book)
    bands = book.settings.discounts
    rows = []
    for client in book.clients.values():
        cadence = cadence_days(client, book)
        touched = last.get(client.id)
        flagged = bool(client.discount_pct or client.id in stacked) and (
            assess_client(client, stacked.get(client.id, ()), bands, today).flagged
        )
        rows.append(
            ClientRow(
                client=client,
                last_touch=touched,
                open_tasks=open_tasks.get(client.id, 0),
                overdue_tasks=overdue.get(client.id, 0),
                cadence_days=cadence,
                quiet=is_quiet(client, touched, cadence, today),
                renewal_needs_mark=client.renewal_date is not None
                and client.renewal_health is None
                and (client.renewal_date - today).days <= THREE_MONTHS,
                discount_flagged=flagged,
            )
        )
    rows.sort(key=lambda row: (row.client.name.casefold(), row.client.id))
    return rows


@dataclass(frozen=True, slots=True)
class ProjectCard:
    project: Project
    client_name: str
    next_task: Task | None
    """The project's open task due soonest (undated tasks last)."""
    open_tasks: int
    currency: str
    """The currency of the project's value: its client's."""

    @property
    def stage(self) -> Stage:
        return self.project.stage


def next_open_tasks(tasks: Iterable[Task]) -> dict[int, tuple[Task, int]]:
    """Project id -> (its open task due soonest, its number of open tasks)."""
    found: dict[int, tuple[Task, int]] = {}
    done = TaskStatus.DONE
    for task in tasks:
        project_id = task.project_id
        if project_id is None or task.status is done:  # `not task.is_open`, without the call
            continue
        current = found.get(project_id)
        if current is None:
            found[project_id] = (task, 1)
            continue
        best, count = current
        due, best_due = task.due or date.max, best.due or date.max
        if due < best_due or (due == best_due and task.id < best.id):
            best = task
        found[project_id] = (best, count + 1)
    return found


def board(book: Book, client_id: int | None = None) -> dict[Stage, list[ProjectCard]]:
    """The board's columns: projects per stage (of one client, or all), biggest value first."""
    columns: dict[Stage, list[ProjectCard]] = {stage: [] for stage in BOARD_STAGES}
    next_tasks = next_open_tasks(book.tasks.values())
    for project in book.projects.values():
        if project.stage not in columns or (client_id is not None and project.client_id != client_id):
            continue
        client = book.clients.get(project.client_id)
        task, count = next_tasks.get(project.id, (None, 0))
        name, currency = (client.name, client.currency) if client else ("?", book.settings.currency)
        columns[project.stage].append(ProjectCard(project, name, task, count, currency))
    for cards in columns.values():
        cards.sort(key=_card_order)
    return columns


def _card_order(card: ProjectCard) -> tuple[float, str, int]:
    """Biggest value first, then by title."""
    return (-card.project.value, card.project.title.casefold(), card.project.id)


def with_moved(columns: dict[Stage, list[ProjectCard]], project: Project) -> dict[Stage, list[ProjectCard]]:
    """The board after `project` changed stage: its card moves column, everything else stays (the
    cheap update shown at once; the next full `board` gives the same columns)."""
    old = next(
        ((stage, card) for stage, cards in columns.items() for card in cards if card.project.id == project.id), None
    )
    if old is None:
        return columns
    stage, card = old
    moved = dataclasses.replace(card, project=project)
    result = dict(columns)
    result[stage] = [c for c in columns[stage] if c.project.id != project.id]
    if project.stage in result:
        target = list(result[project.stage])
        bisect.insort(target, moved, key=_card_order)
        result[project.stage] = target
    return result


def open_value(columns: dict[Stage, list[ProjectCard]]) -> Totals:
    """The value of the open projects on the board, per currency."""
    return totals((c.currency, c.project.value) for stage, cards in columns.items() if stage.is_open for c in cards)


def done_today(book: Book, today: date, client_id: int | None = None) -> list[Task]:
    """Own tasks done today (of one client, or all), by id."""
    return sorted(
        (
            t
            for t in book.tasks.values()
            if t.done_on == today and t.assignee_id is None and (client_id is None or t.client_id == client_id)
        ),
        key=lambda t: t.id,
    )


def for_client(columns: dict[Stage, list[ProjectCard]], client_id: int | None) -> dict[Stage, list[ProjectCard]]:
    """The board's columns showing only `client_id`'s projects (all of them for None)."""
    if client_id is None:
        return columns
    return {stage: [c for c in cards if c.project.client_id == client_id] for stage, cards in columns.items()}
