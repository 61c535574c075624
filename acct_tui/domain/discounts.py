"""The discount guard: bands, stacked discounts, the money given away, and discounts that creep up.

Management dislikes unreasonably large discounts, and a rigid "no discount" helps nobody
(docs/domain.md): so a discount up to `fine_up_to` (10%) needs nothing, above it needs a reason, and
above `approval_above` (20%) is marked "needs approval" until someone approved it (who and when).
The bands apply to a client's combined discount: its contract discount and every active stacked
discount, combined as 1 - (1 - d1)(1 - d2)...
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from acct_tui.domain.book import Book, Problem
from acct_tui.domain.records import Client, Discount, Record, Renewal
from acct_tui.domain.renewals import THREE_MONTHS
from acct_tui.domain.settings import DiscountSettings

CREEP_RENEWALS = 2
"""A discount that rose at each of the last this-many renewals is flagged as creeping up."""


def combine(percents: Iterable[float]) -> float:
    """Stacked discounts as one percentage: 1 - (1 - d1)(1 - d2)...; 10% and 5% make 14.5%."""
    kept = 1.0
    for pct in percents:
        kept *= 1 - pct / 100
    return round((1 - kept) * 100, 4)


def given_away(contract_value: float, combined_pct: float) -> float:
    """Money given away a year: the contract value is what the client pays after the discount, so the
    list price is value / (1 - d) and the discount is value x d / (1 - d)."""
    if combined_pct >= 100:
        return 0.0
    fraction = combined_pct / 100
    return round(contract_value * fraction / (1 - fraction), 2)


@dataclass(frozen=True, slots=True)
class ClientDiscount:
    """One client's discounts as the guard sees them."""

    client: Client
    stacked: tuple[Discount, ...]
    combined_pct: float
    given_away: float
    needs_reason: tuple[str, ...]
    """The discounts (by name) that need a reason and have none."""
    needs_approval: bool
    creeping: bool

    @property
    def flagged(self) -> bool:
        return bool(self.needs_reason) or self.needs_approval or self.creeping


def creeping(client: Client) -> bool:
    """The discount rose at each of the last CREEP_RENEWALS renewals."""
    steps = [r.discount_pct for r in client.renewals[-(CREEP_RENEWALS + 1) :]]
    return len(steps) == CREEP_RENEWALS + 1 and all(b > a for a, b in itertools.pairwise(steps))


def assess_client(client: Client, stacked: Iterable[Discount], bands: DiscountSettings, today: date) -> ClientDiscount:
    active = tuple(d for d in stacked if d.active(today))
    combined = combine([client.discount_pct, *(d.pct for d in active)])
    missing: list[str] = []
    if combined > bands.fine_up_to:
        if client.discount_pct and not client.discount_reason:
            missing.append("contract discount")
        missing += [d.name for d in active if d.pct and not d.reason]
    approved = bool(client.discount_approved_by and client.discount_approved_on)
    return ClientDiscount(
        client=client,
        stacked=active,
        combined_pct=combined,
        given_away=given_away(client.contract_value, combined),
        needs_reason=tuple(missing),
        needs_approval=combined > bands.approval_above and not approved,
        creeping=creeping(client),
    )


def stacked_by_client(book: Book) -> dict[int, list[Discount]]:
    found: dict[int, list[Discount]] = {}
    for discount in book.discounts.values():
        found.setdefault(discount.client_id, []).append(discount)
    return found


def overview(book: Book, today: date) -> list[ClientDiscount]:
    """Every client with a discount, the most money given away first."""
    stacked = stacked_by_client(book)
    bands = book.settings.discounts
    rows = [
        assess_client(client, stacked.get(client.id, ()), bands, today)
        for client in book.clients.values()
        if client.discount_pct or client.id in stacked
    ]
    rows.sort(key=lambda row: (-row.given_away, row.client.name.casefold()))
    return rows


def guard(book: Book, client_id: int, today: date) -> list[Problem]:
    """What blocks saving a client's discounts: a discount above the fine band without a reason.

    Approval is not a block: a discount above the approval band is saved and marked "needs
    approval" until who and when are filled in.
    """
    client = book.clients.get(client_id)
    if client is None:
        return []
    found = assess_client(client, stacked_by_client(book).get(client_id, ()), book.settings.discounts, today)
    fine = book.settings.discounts.fine_up_to
    # Located by record, not by name: two stacked discounts may share a name (or be called
    # "contract discount"). needs_reason is the contract discount (if named) then these, in order.
    unexplained = [d for d in found.stacked if d.pct and not d.reason] if found.needs_reason else []
    places = [("discounts", d.id, "reason", f"{client.name}'s {d.name} discount") for d in unexplained]
    if len(found.needs_reason) > len(places):
        places.insert(0, ("clients", client_id, "discount_reason", f"{client.name}'s contract discount"))
    message = (
        f"needs a reason: the combined discount of {found.combined_pct:g}% is above {fine:g}% "
        f"(say why: a volume commitment, a matched offer...)"
    )
    return [Problem(table, rid, field, message, subject) for table, rid, field, subject in places]


_DISCOUNT_FIELDS = ("discount_pct", "discount_reason")


def guard_changes(book: Book, changes: Iterable[tuple[Record | None, Record | None]], today: date) -> list[Problem]:
    """The guard for the clients whose discounts a change touches (new clients, changed discount
    fields, stacked discounts put); other edits of a client never trip over an old discount."""
    clients: set[int] = set()
    for before, after in changes:
        if isinstance(after, Discount):
            clients.add(after.client_id)
        elif isinstance(after, Client) and (
            not isinstance(before, Client) or any(getattr(before, f) != getattr(after, f) for f in _DISCOUNT_FIELDS)
        ):
            clients.add(after.id)
    return [problem for client_id in sorted(clients) for problem in guard(book, client_id, today)]


def renewed(before: Client, after: Client, today: date) -> Client:
    """When the renewal date moves on (the contract was renewed), note the renewal and its discount.

    Only a renewal date that was due within three months (or past) counts: moving one further out
    is a correction of the date, not a renewal.
    """
    if before.renewal_date is None or after.renewal_date is None or after.renewal_date <= before.renewal_date:
        return after
    if (before.renewal_date - today).days > THREE_MONTHS:
        return after
    entry = Renewal(renewed_on=min(today, before.renewal_date), discount_pct=after.discount_pct)
    return after.evolve(renewals=(*after.renewals, entry), renewal_health=None, renewal_health_on=None)
