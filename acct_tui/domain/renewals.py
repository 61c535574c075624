"""The renewal radar: contracts renewing in the next six months, and those that need a health mark.

At three months before a renewal the account manager must say whether it is on track or at risk;
a client inside that window without a mark is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.records import Client

SIX_MONTHS = 183
THREE_MONTHS = 91


@dataclass(frozen=True, slots=True)
class RenewalRow:
    client: Client
    days: int
    """Days until the renewal (negative: overdue, the contract ran out)."""

    @property
    def within_three_months(self) -> bool:
        return self.days <= THREE_MONTHS

    @property
    def needs_mark(self) -> bool:
        """Inside three months and not yet marked on track or at risk."""
        return self.within_three_months and self.client.renewal_health is None


def radar(book: Book, today: date) -> list[RenewalRow]:
    """Clients renewing within six months (and renewals already past), soonest first."""
    horizon = today + timedelta(days=SIX_MONTHS)
    rows = [
        RenewalRow(client, (client.renewal_date - today).days)
        for client in book.clients.values()
        if client.renewal_date is not None and client.renewal_date <= horizon
    ]
    rows.sort(key=lambda row: (row.days, row.client.name.casefold()))
    return rows
