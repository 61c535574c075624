"""Stage attention: the hours a week each client's projects ask of the account manager.

Every open project asks `stages.attention_hours` of its stage a week (docs/domain.md: a kickoff far
more than a project in support); Lost asks nothing and Completed only for
`stages.completed_attention_days` after it entered Completed. A client asks the sum of its
projects. The schedule reserves that time, spread over the week's days in proportion to the hours
the account manager is at work and free of fixed work, and lets the client's own tasks and meetings use
the reservation up: a kickoff workshop *is* kickoff attention, so it is never counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Stage
from acct_tui.domain.meetings import Meeting


@dataclass(frozen=True, slots=True)
class ClientAttention:
    """What one client's projects ask a week, and which stages that comes from."""

    client_id: int
    weekly_hours: float
    stages: tuple[tuple[Stage, int], ...]
    """(stage, number of the client's projects in it), in stage order."""


@dataclass(frozen=True, slots=True)
class Attention:
    clients: dict[int, ClientAttention]
    kickoffs: tuple[str, ...]
    """Titles of the projects in Kickoff (the stress index counts them)."""

    @property
    def weekly_hours(self) -> float:
        return round(sum(c.weekly_hours for c in self.clients.values()), 2)


def attention(book: Book, today: date) -> Attention:
    """Each client's weekly attention, from the stage each of its projects is in today."""
    stages = book.settings.stages
    hours: defaultdict[int, float] = defaultdict(float)
    counts: defaultdict[int, defaultdict[Stage, int]] = defaultdict(lambda: defaultdict(int))
    kickoffs: list[str] = []
    for project in book.projects.values():
        stage = project.stage
        if stage is Stage.LOST:
            continue
        if stage is Stage.COMPLETED:
            entered = project.entered(Stage.COMPLETED)
            if entered is None or (today - entered).days >= stages.completed_attention_days:
                continue
        elif stage is Stage.KICKOFF:
            kickoffs.append(project.title)
        weekly = stages.attention_hours.get(stage, 0.0)
        if weekly:
            hours[project.client_id] += weekly
            counts[project.client_id][stage] += 1
    clients = {
        client_id: ClientAttention(
            client_id,
            round(hours[client_id], 2),
            tuple((s, counts[client_id][s]) for s in Stage if s in counts[client_id]),
        )
        for client_id in hours
    }
    return Attention(clients, tuple(kickoffs))


def clients_by_address(book: Book) -> dict[str, frozenset[int]]:
    """Lower-case e-mail address -> the clients whose contact it is."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    for contact in book.contacts.values():
        if contact.email:
            found[contact.email.casefold()].add(contact.client_id)
    return {address: frozenset(ids) for address, ids in found.items()}


def meeting_clients(meeting: Meeting, addresses: dict[str, frozenset[int]]) -> frozenset[int]:
    """The clients a meeting is with: those whose contacts attend it."""
    found: set[int] = set()
    for address in meeting.attendees:
        found |= addresses.get(address, frozenset())
    return frozenset(found)


def client_meetings(meetings: Iterable[Meeting], book: Book) -> list[tuple[Meeting, frozenset[int]]]:
    """Every meeting with at least one client's contact, and those clients."""
    addresses = clients_by_address(book)
    if not addresses:
        return []
    found = []
    for meeting in meetings:
        clients = meeting_clients(meeting, addresses)
        if clients:
            found.append((meeting, clients))
    return found
