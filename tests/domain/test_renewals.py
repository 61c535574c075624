"""The renewal radar: six months ahead (183 days), a health mark due inside three months (91 days).

TODAY is Friday 27 November 2026: 183 days on is Saturday 29 May 2027 (3 days to 30 November,
+31 December, +31 January, +28 February, +31 March, +30 April = 154, +29 May = 183), and 91
days on is Friday 26 February 2027 (3 + 31 + 31 = 65, +26 February = 91).
"""

from __future__ import annotations

from datetime import date

from acct_tui.domain.discounts import renewed
from acct_tui.domain.enums import RenewalHealth
from acct_tui.domain.records import Client, Renewal
from acct_tui.domain.renewals import SIX_MONTHS, THREE_MONTHS, radar
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book


def test_the_windows_are_six_and_three_months() -> None:
    assert (SIX_MONTHS, THREE_MONTHS) == (183, 91)
    assert (day(183), day(91)) == (date(2027, 5, 29), date(2027, 2, 26))


def test_radar_lists_renewals_within_six_months_soonest_first_past_ones_included() -> None:
    book = make_book(
        Client(id=1, name="Lapsed", renewal_date=day(-5)),  # ran out on Sunday 22 November
        Client(id=2, name="Beta", renewal_date=day(30)),
        Client(id=3, name="Edge of three", renewal_date=date(2027, 2, 26), renewal_health=RenewalHealth.ON_TRACK),
        Client(id=4, name="Just outside three", renewal_date=date(2027, 2, 27)),
        Client(id=5, name="Edge of six", renewal_date=date(2027, 5, 29)),
        Client(id=6, name="Too far", renewal_date=date(2027, 5, 30)),  # 184 days
        Client(id=7, name="No date"),
        Client(id=8, name="alpha", renewal_date=day(30)),  # same day as Beta: by name, case-blind
        Client(id=9, name="Today", renewal_date=TODAY, renewal_health=RenewalHealth.AT_RISK),
        Client(id=10, name="Long gone", renewal_date=date(2024, 11, 27)),  # 730 days ago: still listed
    )
    rows = radar(book, TODAY)
    assert [(row.client.id, row.days) for row in rows] == [
        (10, -730),  # 2025 has 365 days, 2026 too
        (1, -5),
        (9, 0),
        (8, 30),
        (2, 30),
        (3, 91),
        (4, 92),
        (5, 183),
    ]
    assert [row.within_three_months for row in rows] == [True, True, True, True, True, True, False, False]
    # inside three months and unmarked; 3 and 9 are marked; 4 and 5 are not due a mark yet
    assert [row.client.id for row in rows if row.needs_mark] == [10, 1, 8, 2]


def test_radar_of_a_book_without_renewal_dates_is_empty() -> None:
    assert radar(make_book(Client(id=1, name="Acme")), TODAY) == []


def test_a_renewal_through_the_repository_leaves_the_radar_and_the_mark_is_asked_again(repo: Repository) -> None:
    client = repo.clients.add(
        Client(
            name="Acme",
            discount_pct=8,
            renewal_date=day(20),
            renewal_health=RenewalHealth.ON_TRACK,
            renewal_health_on=day(-30),
        )
    )
    [row] = radar(repo.book, TODAY)
    assert (row.days, row.needs_mark) == (20, False)

    # Renewed today for a year, at 9%: the form builds the record with `renewed`.
    after = renewed(client, client.evolve(renewal_date=date(2027, 12, 17), discount_pct=9), TODAY)
    saved = repo.clients.update(after)
    assert saved.renewals == (Renewal(renewed_on=TODAY, discount_pct=9),)
    assert saved.renewal_health is None
    assert radar(repo.book, TODAY) == []  # 385 days away
    # Next September it is back inside three months (2027-12-17 less 91 days = 2027-09-17), and unmarked.
    [row] = radar(repo.book, date(2027, 9, 17))
    assert (row.days, row.needs_mark) == (91, True)

    assert repo.undo() == "Edit client"
    assert repo.clients.get(client.id) == client
