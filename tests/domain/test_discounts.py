"""The discount guard: every percentage and every sum of money worked out by hand.

Default bands: up to 10% is fine, above 10% needs a reason, above 20% also needs an approval.
TODAY is Friday 27 November 2026.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from acct_tui.domain.book import Problem
from acct_tui.domain.discounts import (
    assess_client,
    combine,
    creeping,
    given_away,
    guard,
    guard_changes,
    overview,
    renewed,
)
from acct_tui.domain.enums import RenewalHealth
from acct_tui.domain.records import Client, Discount, Renewal
from acct_tui.domain.settings import DiscountSettings
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book

BANDS = DiscountSettings()
WHY = "(say why: a volume commitment, a matched offer...)"


def needs_reason(combined: str) -> str:
    return f"needs a reason: the combined discount of {combined}% is above 10% {WHY}"


def renewals(*percents: float) -> tuple[Renewal, ...]:
    """One renewal a year, ending 2026, with these discounts (oldest first)."""
    start = 2026 - len(percents) + 1
    return tuple(Renewal(renewed_on=date(start + i, 1, 31), discount_pct=p) for i, p in enumerate(percents))


# --- combine and given_away ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("percents", "expected"),
    [
        ([10, 5], 14.5),  # 1 - 0.90 x 0.95 = 1 - 0.855 = 0.145
        ([20, 20], 36.0),  # 1 - 0.8 x 0.8 = 1 - 0.64
        ([10, 10, 10], 27.1),  # 1 - 0.9^3 = 1 - 0.729
        ([12.5], 12.5),  # one discount is itself
        ([], 0.0),  # nothing kept off: 1 - 1
        ([0, 0], 0.0),
        ([100], 100.0),  # 1 - 0
        ([100, 30], 100.0),  # 1 - 0 x 0.7
        ([50, 50], 75.0),  # 1 - 0.5 x 0.5: stacking never simply adds up to 100
    ],
)
def test_combine_stacks_discounts_multiplicatively(percents: list[float], expected: float) -> None:
    assert combine(percents) == expected


@pytest.mark.parametrize(
    ("value", "pct", "expected"),
    [
        (90_000, 10, 10_000.0),  # list price 90,000 / 0.9 = 100,000; given away 100,000 - 90,000
        (85_500, 14.5, 14_500.0),  # list 85,500 / 0.855 = 100,000; 85,500 x 0.145 / 0.855
        (80_000, 20, 20_000.0),  # list 80,000 / 0.8 = 100,000
        (100, 15, 17.65),  # 100 x 0.15 / 0.85 = 17.647... rounded to cents
        (50_000, 0, 0.0),  # no discount, nothing given away
        (0, 25, 0.0),  # no contract value, nothing given away
        (50_000, 100, 0.0),  # free: the list price is unknowable, so 0 rather than a division by zero
    ],
)
def test_given_away_is_the_discount_on_the_list_price(value: float, pct: float, expected: float) -> None:
    assert given_away(value, pct) == expected


# --- assess_client -------------------------------------------------------------------------


def test_a_discount_at_the_fine_band_needs_nothing() -> None:
    found = assess_client(Client(id=1, name="Acme", discount_pct=10, contract_value=90_000), (), BANDS, TODAY)
    assert found.combined_pct == 10.0
    assert found.given_away == 10_000.0  # 90,000 x 0.1 / 0.9
    assert found.needs_reason == ()  # 10% is not above 10%
    assert found.needs_approval is False
    assert found.creeping is False
    assert found.flagged is False


def test_just_above_the_fine_band_needs_a_reason_for_the_contract_discount() -> None:
    found = assess_client(Client(id=1, name="Acme", discount_pct=10.5), (), BANDS, TODAY)
    assert found.needs_reason == ("contract discount",)
    assert found.needs_approval is False
    assert found.flagged is True
    with_reason = assess_client(
        Client(id=1, name="Acme", discount_pct=10.5, discount_reason="three-year commitment"), (), BANDS, TODAY
    )
    assert with_reason.needs_reason == ()
    assert with_reason.flagged is False


def test_every_discount_without_a_reason_is_named_once_the_combination_is_above_the_band() -> None:
    client = Client(id=1, name="Acme", discount_pct=8, contract_value=87_400)
    loyalty = Discount(id=1, client_id=1, name="Loyalty", pct=5)
    found = assess_client(client, [loyalty], BANDS, TODAY)
    assert found.combined_pct == 12.6  # 1 - 0.92 x 0.95 = 1 - 0.874
    assert found.given_away == 12_600.0  # list 87,400 / 0.874 = 100,000; 87,400 x 0.126 / 0.874
    assert found.needs_reason == ("contract discount", "Loyalty")
    assert found.stacked == (loyalty,)


def test_a_contract_discount_with_a_reason_leaves_only_the_stacked_ones_unexplained() -> None:
    client = Client(id=1, name="Acme", discount_pct=8, discount_reason="volume")
    stacked = [
        Discount(id=1, client_id=1, name="Loyalty", pct=5),
        Discount(id=2, client_id=1, name="Volume", pct=3, reason="over 1,000 seats"),
        Discount(id=3, client_id=1, name="Zero", pct=0),  # 0% needs no reason
    ]
    found = assess_client(client, stacked, BANDS, TODAY)
    assert found.combined_pct == 15.222  # 1 - 0.92 x 0.95 x 0.97 x 1 = 1 - 0.84778
    assert found.needs_reason == ("Loyalty",)


def test_no_contract_discount_names_only_the_stacked_ones() -> None:
    stacked = [Discount(id=1, client_id=1, name="Fair", pct=6), Discount(id=2, client_id=1, name="Campaign", pct=5)]
    found = assess_client(Client(id=1, name="Acme"), stacked, BANDS, TODAY)
    assert found.combined_pct == 10.7  # 1 - 1 x 0.94 x 0.95 = 1 - 0.893
    assert found.needs_reason == ("Fair", "Campaign")


def test_discounts_without_reasons_are_fine_while_the_combination_stays_in_the_band() -> None:
    found = assess_client(
        Client(id=1, name="Acme", discount_pct=5), [Discount(id=1, client_id=1, name="Loyalty", pct=4)], BANDS, TODAY
    )
    assert found.combined_pct == 8.8  # 1 - 0.95 x 0.96 = 1 - 0.912
    assert found.needs_reason == ()


@pytest.mark.parametrize(
    ("pct", "approved_by", "approved_on", "needs_approval"),
    [
        (20, "", None, False),  # at the approval band, not above it
        (25, "", None, True),
        (25, "Dana (sales director)", None, True),  # who without when is not an approval
        (25, "", date(2026, 11, 20), True),  # when without who neither
        (25, "Dana (sales director)", date(2026, 11, 20), False),
    ],
)
def test_above_the_approval_band_needs_who_and_when(
    pct: float, approved_by: str, approved_on: date | None, needs_approval: bool
) -> None:
    client = Client(
        id=1,
        name="Acme",
        discount_pct=pct,
        discount_reason="matched an offer",
        discount_approved_by=approved_by,
        discount_approved_on=approved_on,
    )
    found = assess_client(client, (), BANDS, TODAY)
    assert found.needs_reason == ()
    assert found.needs_approval is needs_approval
    assert found.flagged is needs_approval


def test_stacked_discounts_push_the_combination_into_the_approval_band() -> None:
    client = Client(id=1, name="Acme", discount_pct=15, discount_reason="volume")
    found = assess_client(
        client, [Discount(id=1, client_id=1, name="Fair", pct=10, reason="met at the fair")], BANDS, TODAY
    )
    assert found.combined_pct == 23.5  # 1 - 0.85 x 0.9 = 1 - 0.765
    assert found.needs_reason == ()
    assert found.needs_approval is True


def test_only_discounts_active_today_count() -> None:
    client = Client(id=1, name="Acme", discount_pct=5, contract_value=10_000)
    future = Discount(id=1, client_id=1, name="From Monday", pct=20, since=day(3))
    ended = Discount(id=2, client_id=1, name="Ended yesterday", pct=20, until=day(-1))
    ends_today = Discount(id=3, client_id=1, name="Ends today", pct=5, since=day(-60), until=TODAY)
    starts_today = Discount(id=4, client_id=1, name="Starts today", pct=5, since=TODAY)
    found = assess_client(client, [future, ended, ends_today, starts_today], BANDS, TODAY)
    assert found.stacked == (ends_today, starts_today)
    assert found.combined_pct == 14.2625  # 1 - 0.95 x 0.95 x 0.95 = 1 - 0.857375
    assert found.needs_reason == ("contract discount", "Ends today", "Starts today")
    # Monday the first one starts and the two that ran today are over: 1 - 0.95 x 0.8 = 24%
    monday = assess_client(client, [future, ended, ends_today, starts_today], BANDS, day(3))
    assert monday.stacked == (future, starts_today)
    assert monday.combined_pct == 27.8  # 1 - 0.95 x 0.8 x 0.95 = 1 - 0.722
    assert monday.needs_approval is True


def test_the_bands_come_from_the_settings() -> None:
    tight = DiscountSettings(fine_up_to=5, approval_above=8)
    found = assess_client(Client(id=1, name="Acme", discount_pct=9), (), tight, TODAY)
    assert found.needs_reason == ("contract discount",)
    assert found.needs_approval is True


# --- creeping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ((5, 7, 9), True),  # rose at each of the last two renewals: 5 -> 7 -> 9
        ((10, 5, 7, 9), True),  # only the last three count
        ((5, 7, 7), False),  # the last renewal kept it level
        ((5, 9, 7), False),
        ((9, 7, 5), False),
        ((5, 7, 9, 8), False),  # the last renewal brought it down
        ((7, 9), False),  # two renewals are one rise, not two
        ((), False),
    ],
)
def test_creeping_needs_a_rise_at_each_of_the_last_two_renewals(history: tuple[float, ...], expected: bool) -> None:
    assert creeping(Client(id=1, name="Acme", discount_pct=9, renewals=renewals(*history))) is expected


def test_a_creeping_discount_is_flagged_even_inside_the_fine_band() -> None:
    client = Client(id=1, name="Acme", discount_pct=6, renewals=renewals(2, 4, 6))
    found = assess_client(client, (), BANDS, TODAY)
    assert (found.needs_reason, found.needs_approval, found.creeping, found.flagged) == ((), False, True, True)


# --- overview ------------------------------------------------------------------------------


def test_overview_lists_clients_with_a_discount_most_money_given_away_first() -> None:
    book = make_book(
        Client(id=1, name="Alpha", contract_value=90_000, discount_pct=10),  # 10,000 given away
        Client(id=2, name="Beta", contract_value=85_500, discount_pct=10, discount_reason="volume"),
        Client(id=3, name="Gamma", contract_value=500_000),  # no discount at all: not listed
        Client(id=4, name="delta", contract_value=40_000),  # only a stacked discount that ended
        Client(id=5, name="Epsilon", contract_value=1_000, discount_pct=25, discount_reason="pilot"),
        Client(id=6, name="alpha two", contract_value=90_000, discount_pct=10),  # ties with Alpha
        Discount(id=1, client_id=2, name="Loyalty", pct=5, reason="ten years"),
        Discount(id=2, client_id=4, name="Launch", pct=15, until=day(-1)),
    )
    rows = overview(book, TODAY)
    # Beta: 10% and 5% = 14.5%, 85,500 x 0.145 / 0.855 = 14,500; Alpha and alpha two 10,000 each (by name);
    # Epsilon: 1,000 x 0.25 / 0.75 = 333.33; delta: nothing active, 0
    assert [(r.client.id, r.combined_pct, r.given_away) for r in rows] == [
        (2, 14.5, 14_500.0),
        (1, 10.0, 10_000.0),
        (6, 10.0, 10_000.0),
        (5, 25.0, 333.33),
        (4, 0.0, 0.0),
    ]
    assert [(r.needs_reason, r.needs_approval) for r in rows] == [
        ((), False),
        ((), False),
        ((), False),
        ((), True),
        ((), False),
    ]
    assert rows[0].stacked == (book.discounts[1],)
    assert rows[4].stacked == ()


# --- guard and guard_changes ---------------------------------------------------------------


def test_guard_locates_each_missing_reason_on_its_record() -> None:
    book = make_book(
        Client(id=1, name="Acme", discount_pct=8),
        Discount(id=3, client_id=1, name="Loyalty", pct=5),
        Discount(id=4, client_id=1, name="Volume", pct=2, reason="1,000 seats"),
    )
    # 1 - 0.92 x 0.95 x 0.98 = 1 - 0.85652 = 14.348%
    assert guard(book, 1, TODAY) == [
        Problem("clients", 1, "discount_reason", needs_reason("14.348")),
        Problem("discounts", 3, "reason", needs_reason("14.348")),
    ]


def test_guard_names_each_of_two_stacked_discounts_with_the_same_name() -> None:
    """Two campaigns both called "Campaign": each is its own record with its own missing reason."""
    book = make_book(
        Client(id=1, name="Acme"),
        Discount(id=3, client_id=1, name="Campaign", pct=6),
        Discount(id=4, client_id=1, name="Campaign", pct=5),
    )
    # 1 - 0.94 x 0.95 = 10.7%
    assert guard(book, 1, TODAY) == [
        Problem("discounts", 3, "reason", needs_reason("10.7")),
        Problem("discounts", 4, "reason", needs_reason("10.7")),
    ]


def test_a_stacked_discount_named_like_the_contract_discount_is_located_on_itself() -> None:
    book = make_book(
        Client(id=1, name="Acme", discount_pct=8, discount_reason="volume"),
        Discount(id=3, client_id=1, name="contract discount", pct=5),
    )
    assert guard(book, 1, TODAY) == [Problem("discounts", 3, "reason", needs_reason("12.6"))]


def test_guard_passes_approval_cases_and_unknown_clients() -> None:
    book = make_book(Client(id=1, name="Acme", discount_pct=30, discount_reason="strategic entry"))
    assert guard(book, 1, TODAY) == []  # needs approval, but that is a mark, not a block
    assert guard(book, 99, TODAY) == []


def test_guard_uses_the_books_bands() -> None:
    client = Client(id=1, name="Acme", discount_pct=15)
    assert guard(make_book(client, discounts={"fine_up_to": 15}), 1, TODAY) == []
    assert guard(make_book(client, discounts={"fine_up_to": 12}), 1, TODAY) == [
        Problem("clients", 1, "discount_reason", f"needs a reason: the combined discount of 15% is above 12% {WHY}")
    ]


def test_guard_changes_checks_only_clients_whose_discounts_change() -> None:
    """The changes are (before, after) pairs; the book already holds the after state, as in a change."""
    old = Client(id=1, name="Legacy", discount_pct=15)  # from before the guard: no reason

    def checked(after: Client, before: Client | None = old) -> list[Problem]:
        return guard_changes(make_book(after), [(before, after)], TODAY)

    edited = old.evolve(notes="new contact person", tags=("vip",), discount_approved_by="Dana")
    assert checked(edited) == []  # an unrelated edit is never refused
    assert checked(old.evolve(discount_pct=16)) == [Problem("clients", 1, "discount_reason", needs_reason("16"))]
    assert checked(old.evolve(discount_pct=16, discount_reason="matched an offer")) == []
    assert checked(old.evolve(discount_reason=" "), old.evolve(discount_reason="was explained")) == [
        Problem("clients", 1, "discount_reason", needs_reason("15"))
    ]
    assert checked(old, None) == [Problem("clients", 1, "discount_reason", needs_reason("15"))]  # new: checked
    fine = Client(id=1, name="Fine", discount_pct=5)
    assert checked(fine.evolve(discount_pct=10), fine) == []  # 10% is not above 10%
    assert guard_changes(make_book(old), [], TODAY) == []


def test_guard_changes_checks_the_client_of_a_stacked_discount_put_but_not_one_deleted() -> None:
    client = Client(id=1, name="Acme", discount_pct=8, discount_reason="volume")
    loyalty = Discount(id=3, client_id=1, name="Loyalty", pct=5)
    book = make_book(client, loyalty)
    problem = Problem("discounts", 3, "reason", needs_reason("12.6"))  # 1 - 0.92 x 0.95
    assert guard_changes(book, [(None, loyalty)], TODAY) == [problem]
    assert guard_changes(book, [(loyalty, loyalty)], TODAY) == [problem]
    assert guard_changes(book, [(loyalty, None)], TODAY) == []
    # a client edit that leaves the discount fields alone does not look at its stacked discounts
    assert guard_changes(book, [(client, client.evolve(industry="retail"))], TODAY) == []


def test_guard_changes_reports_clients_in_id_order() -> None:
    one = Client(id=1, name="One", discount_pct=11)
    two = Client(id=2, name="Two", discount_pct=12)
    book = make_book(one, two)
    assert guard_changes(book, [(None, two), (None, one)], TODAY) == [
        Problem("clients", 1, "discount_reason", needs_reason("11")),
        Problem("clients", 2, "discount_reason", needs_reason("12")),
    ]


# --- renewed -------------------------------------------------------------------------------


def test_moving_the_renewal_date_on_records_the_renewal_and_clears_the_health_mark() -> None:
    before = Client(
        id=1,
        name="Acme",
        discount_pct=12,
        renewal_date=date(2026, 12, 31),
        renewals=renewals(8, 10),
        renewal_health=RenewalHealth.AT_RISK,
        renewal_health_on=day(-10),
    )
    after = renewed(before, before.evolve(renewal_date=date(2027, 12, 31), discount_pct=14), TODAY)
    # renewed early (today, before the old date): the renewal is dated today, with the new 14%
    assert after.renewals == (*renewals(8, 10), Renewal(renewed_on=TODAY, discount_pct=14))
    assert (after.renewal_date, after.discount_pct) == (date(2027, 12, 31), 14)
    assert (after.renewal_health, after.renewal_health_on) == (None, None)
    assert creeping(after)  # 8 -> 10 -> 14


def test_a_renewal_recorded_late_is_dated_on_the_old_renewal_date() -> None:
    before = Client(id=1, name="Acme", discount_pct=5, renewal_date=day(-12))  # Sunday 15 November
    after = renewed(before, before.evolve(renewal_date=date(2027, 11, 15)), TODAY)
    assert after.renewals == (Renewal(renewed_on=date(2026, 11, 15), discount_pct=5),)


def test_no_renewal_unless_the_date_moves_later() -> None:
    before = Client(id=1, name="Acme", renewal_date=date(2027, 3, 1), renewal_health=RenewalHealth.ON_TRACK)
    for after in (
        before.evolve(notes="same date"),
        before.evolve(renewal_date=date(2027, 2, 1)),  # earlier: a correction
        before.evolve(renewal_date=None),  # cleared
    ):
        assert renewed(before, after, TODAY) is after
    undated = Client(id=1, name="Acme")
    first = undated.evolve(renewal_date=date(2027, 3, 1))
    assert renewed(undated, first, TODAY) is first  # a first renewal date is not a renewal


# --- through the repository ----------------------------------------------------------------


def test_the_repository_refuses_a_discount_above_the_band_without_a_reason(repo: Repository, book_path: Path) -> None:
    on_disk = book_path.read_bytes()
    with pytest.raises(ChangeRejected) as caught:
        repo.clients.add(Client(name="Acme", discount_pct=15, contract_value=85_000))
    assert caught.value.fields == {"discount_reason": needs_reason("15")}
    [problem] = caught.value.problems
    assert re.fullmatch(rf"clients record \d+, field discount_reason: {re.escape(needs_reason('15'))}", problem)
    assert repo.clients.all() == []
    assert not repo.can_undo
    assert book_path.read_bytes() == on_disk

    saved = repo.clients.add(Client(name="Acme", discount_pct=15, discount_reason="three-year deal"))
    assert repo.clients.get(saved.id) == saved
    assert book_path.read_bytes() != on_disk
    with Repository.open(book_path, read_only=True) as reread:
        assert [(c.name, c.discount_pct, c.discount_reason) for c in reread.clients.all()] == [
            ("Acme", 15.0, "three-year deal")
        ]


def test_the_repository_saves_a_discount_that_needs_approval(repo: Repository) -> None:
    saved = repo.clients.add(
        Client(name="Acme", discount_pct=25, discount_reason="matched an offer", contract_value=75_000)
    )
    [row] = overview(repo.book, TODAY)
    assert row.client == saved
    assert (row.needs_reason, row.needs_approval, row.given_away) == ((), True, 25_000.0)  # 75,000 x 0.25 / 0.75


def test_the_repository_refuses_a_stacked_discount_without_a_reason(repo: Repository, book_path: Path) -> None:
    client = repo.clients.add(Client(name="Acme", discount_pct=8, discount_reason="volume"))
    discounts = repo.table(Discount)
    on_disk = book_path.read_bytes()
    with pytest.raises(ChangeRejected) as caught:
        discounts.add(Discount(client_id=client.id, name="Loyalty", pct=5))
    assert caught.value.fields == {"reason": needs_reason("12.6")}  # 1 - 0.92 x 0.95
    assert discounts.all() == []
    assert book_path.read_bytes() == on_disk
    assert repo.undo_label == "Add client"

    small = discounts.add(Discount(client_id=client.id, name="Welcome", pct=2))  # 1 - 0.92 x 0.98 = 9.84%: fine
    assert discounts.all() == [small]
    with pytest.raises(ChangeRejected):
        discounts.update(small.evolve(pct=3))  # 1 - 0.92 x 0.97 = 10.76%
    assert discounts.get(small.id) == small
    # Loyalty has its reason, but with it the combination is 1 - 0.92 x 0.98 x 0.95 = 14.348%,
    # and Welcome, fine until now, needs one too: the problem is located on Welcome.
    with pytest.raises(ChangeRejected) as caught:
        discounts.add(Discount(client_id=client.id, name="Loyalty", pct=5, reason="ten years"))
    assert caught.value.problems == [f"discounts record {small.id}, field reason: {needs_reason('14.348')}"]
    assert discounts.all() == [small]
    explained = discounts.update(small.evolve(reason="first order"))
    loyalty = discounts.add(Discount(client_id=client.id, name="Loyalty", pct=5, reason="ten years"))
    assert discounts.all() == [explained, loyalty]
    [row] = overview(repo.book, TODAY)
    assert (row.combined_pct, row.needs_reason, row.stacked) == (14.348, (), (explained, loyalty))


def test_the_repository_lets_an_old_discount_be_while_other_fields_change(repo: Repository) -> None:
    # A client saved under looser bands, then the bands were tightened: its 15% has no reason.
    repo.set_settings({"discounts": {"fine_up_to": 20}})
    old = repo.clients.add(Client(name="Legacy", discount_pct=15))
    repo.set_settings({})
    assert guard(repo.book, old.id, TODAY) == [Problem("clients", old.id, "discount_reason", needs_reason("15"))]

    edited = repo.clients.update(old.evolve(notes="moved offices", renewal_date=date(2027, 6, 30)))
    assert repo.clients.get(old.id) == edited
    with pytest.raises(ChangeRejected) as caught:
        repo.clients.update(edited.evolve(discount_pct=14))
    assert set(caught.value.fields) == {"discount_reason"}
    assert repo.clients.get(old.id) == edited


def test_correcting_a_renewal_date_far_ahead_is_not_a_renewal() -> None:
    # 1 March 2027 is 94 days after TODAY: more than 91, so moving it to 1 April 2027 corrects the
    # date; 26 February 2027 (91 days ahead) is inside the window, so moving it on is a renewal.
    far = Client(id=1, name="Acme", renewal_date=date(2027, 3, 1), renewal_health=RenewalHealth.ON_TRACK)
    moved = far.evolve(renewal_date=date(2027, 4, 1))
    assert renewed(far, moved, TODAY) is moved
    near = far.evolve(renewal_date=date(2027, 2, 26))
    assert renewed(near, near.evolve(renewal_date=date(2028, 2, 26)), TODAY).renewals == (
        Renewal(renewed_on=TODAY, discount_pct=0),
    )


def test_a_new_contract_value_alone_does_not_trip_over_an_old_discount(book_path: Path) -> None:
    # 15% without a reason can only be in a book written before the bands were tightened
    with Repository.open(book_path, today=TODAY) as repo:
        repo.set_settings({"discounts": {"fine_up_to": 20}})
        client = repo.clients.add(Client(name="Acme", discount_pct=15, contract_value=1000))
        repo.set_settings({})
        assert repo.clients.update(client.evolve(contract_value=2000)).contract_value == 2000
        with pytest.raises(ChangeRejected):
            repo.clients.update(client.evolve(discount_pct=16))
