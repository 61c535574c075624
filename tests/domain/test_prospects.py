"""Prospects and the word "no": wins and losses read from stage history, by quarter; earnings.

TODAY is Friday 27 November 2026, in 2026-Q4 (1 October to 31 December).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from acct_tui.domain.edits import stage_move
from acct_tui.domain.enums import Stage, Threat
from acct_tui.domain.prospects import (
    Quarter,
    competitor_map,
    earnings,
    in_play,
    lost_on,
    month_and_quarter,
    quarter_of,
    quarter_start,
    win_loss,
    won_on,
)
from acct_tui.domain.records import Client, Competitor, Project, StageEntry
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project

EARNINGS: dict[str, Any] = {"earnings": {"enabled": True, "commission_pct": 5, "bonus_per_new_client": 1000}}


def deal(record_id: int, client_id: int, *moves: tuple[Stage, date], value: float = 0.0, **fields: Any) -> Project:
    """A project that went through `moves` (stage, day entered), in order."""
    history = tuple(StageEntry(stage=stage, entered=entered) for stage, entered in moves)
    return Project(
        id=record_id,
        client_id=client_id,
        title=f"Deal {record_id}",
        value=value,
        stage=moves[-1][0],
        stage_history=history,
        **fields,
    )


P, N, K, D, S, L = Stage.PROSPECT, Stage.NEGOTIATION, Stage.KICKOFF, Stage.DELIVERY, Stage.SUPPORT, Stage.LOST


@pytest.mark.parametrize(
    ("day_", "quarter", "start"),
    [
        (TODAY, "2026-Q4", date(2026, 10, 1)),
        (date(2026, 1, 1), "2026-Q1", date(2026, 1, 1)),
        (date(2026, 3, 31), "2026-Q1", date(2026, 1, 1)),
        (date(2026, 4, 1), "2026-Q2", date(2026, 4, 1)),
        (date(2026, 9, 30), "2026-Q3", date(2026, 7, 1)),
        (date(2025, 12, 31), "2025-Q4", date(2025, 10, 1)),
    ],
)
def test_quarters(day_: date, quarter: str, start: date) -> None:
    assert (quarter_of(day_), quarter_start(day_)) == (quarter, start)


def test_a_deal_is_won_when_it_enters_kickoff_straight_from_prospect_or_negotiation() -> None:
    assert won_on(deal(1, 1, (P, day(-20)), (N, day(-10)), (K, day(-3)), (D, day(-1)))) == day(-3)
    assert won_on(deal(2, 1, (P, day(-20)), (K, day(-4)))) == day(-4)
    assert won_on(deal(3, 1, (K, day(-20)))) is None  # started in Kickoff: nothing was won
    assert won_on(deal(4, 1, (P, day(-20)), (D, day(-10)), (K, day(-5)))) is None  # back from Delivery
    assert won_on(deal(5, 1, (N, day(-20)), (L, day(-10)), (K, day(-5)))) is None  # from Lost: a reopening
    assert won_on(deal(6, 1, (P, day(-20)), (N, day(-15)))) is None  # still in play
    assert won_on(deal(7, 1, (P, day(-20)), (K, day(-15)), (D, day(-10)), (K, day(-5)))) == day(-15)  # the first
    assert won_on(Project(id=8, client_id=1, title="No history", stage=K)) is None
    # Before: won for ever once it had entered Kickoff, so a deal later lost counted as won and lost.
    assert won_on(deal(9, 1, (P, day(-20)), (K, day(-10)), (N, day(-8)))) is None  # back in play
    assert won_on(deal(10, 1, (P, day(-20)), (K, day(-10)), (N, day(-8)), (L, day(-2)))) is None  # then lost
    assert won_on(deal(11, 1, (N, day(-20)), (K, day(-10)), (N, day(-8)), (K, day(-3)))) == day(-3)  # won again


def test_a_deal_is_lost_on_the_day_it_last_entered_lost_while_it_stays_lost() -> None:
    assert lost_on(deal(1, 1, (P, day(-20)), (N, day(-10)), (L, day(-2)))) == day(-2)
    assert lost_on(deal(2, 1, (P, day(-20)), (L, day(-12)), (P, day(-9)), (L, day(-1)))) == day(-1)
    assert lost_on(deal(3, 1, (N, day(-20)), (L, day(-10)), (N, day(-5)))) is None  # revived
    assert lost_on(deal(4, 1, (P, day(-20)))) is None


def quarter_book() -> list[Project]:
    return [
        deal(1, 1, (P, date(2026, 10, 20)), (K, date(2026, 11, 2)), value=10_000),  # won Q4
        deal(2, 2, (N, date(2026, 9, 1)), (K, date(2026, 10, 1)), (D, date(2026, 11, 1)), value=5_000),  # won Q4
        deal(3, 3, (P, date(2026, 9, 1)), (L, date(2026, 9, 30)), value=8_000),  # lost Q3 (its last day)
        deal(4, 1, (P, date(2026, 7, 1)), (N, date(2026, 8, 1)), (K, date(2026, 8, 15)), value=2_500),  # won Q3
        deal(5, 2, (P, date(2025, 12, 1)), (K, date(2025, 12, 31)), value=99),  # won 2025-Q4: too old
        deal(6, 3, (P, date(2026, 1, 5)), (L, date(2026, 2, 10)), value=1_000),  # lost Q1
        deal(7, 3, (P, date(2026, 11, 1)), (N, date(2026, 11, 20)), value=40_000),  # in play: neither
        deal(8, 3, (K, date(2026, 11, 3)), value=70_000),  # created in Kickoff: not a win
    ]


def test_win_loss_by_quarter_oldest_first_values_per_currency() -> None:
    clients = (Client(id=1, name="Client 1"), Client(id=2, name="Client 2", currency="USD"), Client(id=3, name="C 3"))
    book = make_book(*clients, *quarter_book())
    assert win_loss(book, 4, TODAY) == [
        Quarter("2026-Q1", won=0, won_value={}, lost=1, lost_value={"EUR": 1_000.0}),
        Quarter("2026-Q2", won=0, won_value={}, lost=0, lost_value={}),
        Quarter("2026-Q3", won=1, won_value={"EUR": 2_500.0}, lost=1, lost_value={"EUR": 8_000.0}),
        # deal 1, 10,000 EUR, and client 2's deal 2, 5,000 USD: never added together
        Quarter("2026-Q4", won=2, won_value={"EUR": 10_000.0, "USD": 5_000.0}, lost=0, lost_value={}),
    ]
    rates = [q.win_rate for q in win_loss(book, 4, TODAY)]
    assert rates == [0.0, None, 0.5, 1.0]  # 0 of 1; nothing closed; 1 of 2; 2 of 2
    assert win_loss(book, 1, TODAY) == [Quarter("2026-Q4", 2, {"EUR": 10_000.0, "USD": 5_000.0}, 0, {})]
    # five quarters back reach 2025-Q4 and client 2's 99 USD
    assert win_loss(book, 5, TODAY)[0] == Quarter("2025-Q4", 1, {"USD": 99.0}, 0, {})
    assert win_loss(book, 0, TODAY) == []


def test_in_play_orders_by_next_meeting_then_value_undated_last() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        project(1, 1, P, value=1_000, next_meeting_on=day(5)),
        project(2, 1, N, value=500, next_meeting_on=day(2)),
        project(3, 1, P, value=5_000),
        project(4, 1, P, value=9_000),
        project(5, 1, P, value=3_000, next_meeting_on=day(5)),  # same day as 1, bigger: first
        project(6, 1, K, next_meeting_on=day(1)),  # won already
        project(7, 1, L, next_meeting_on=day(1)),  # lost
        project(8, 1, N, value=9_000),  # same value as 4: by id
        project(9, 1, P, next_meeting_on=day(-3)),  # a meeting that is past still sorts first
    )
    assert [p.id for p in in_play(book)] == [9, 2, 5, 1, 4, 8, 3]


def earnings_book() -> list[Client | Project]:
    return [
        *(Client(id=i, name=f"Client {i}") for i in (1, 2, 3, 4)),
        deal(1, 1, (P, date(2026, 10, 25)), (K, date(2026, 11, 10)), value=20_000),  # client 1's first win
        deal(2, 2, (P, date(2026, 2, 1)), (K, date(2026, 3, 1)), value=7_000),  # client 2 won in March
        deal(3, 2, (N, date(2026, 11, 2)), (K, date(2026, 11, 20)), value=10_000),  # ... and again now
        deal(4, 3, (P, date(2026, 9, 1)), (K, date(2026, 10, 15)), value=4_000),  # client 3: in October
        deal(5, 4, (N, date(2026, 10, 1)), (L, date(2026, 11, 5)), value=50_000),  # lost: earns nothing
        deal(6, 4, (P, date(2026, 11, 25)), value=30_000),  # in play: earns nothing
    ]


def test_earnings_this_month_and_this_quarter() -> None:
    book = make_book(*earnings_book(), **EARNINGS)
    month, quarter = month_and_quarter(book, TODAY)
    # November: deals 1 and 3 won, 20,000 + 10,000 = 30,000; 5% = 1,500; one new client (1), 1,000
    assert (month.period, month.won_value, month.commission, month.new_clients, month.bonus, month.total) == (
        "November 2026",
        {"EUR": 30_000.0},
        {"EUR": 1_500.0},
        1,
        1_000.0,
        {"EUR": 2_500.0},
    )
    # Q4: deals 1, 3 and 4, 34,000; 5% = 1,700; new clients 1 and 3 (2 won first in March): 2,000
    assert (
        quarter.period,
        quarter.won_value,
        quarter.commission,
        quarter.new_clients,
        quarter.bonus,
        quarter.total,
    ) == ("2026-Q4", {"EUR": 34_000.0}, {"EUR": 1_700.0}, 2, 2_000.0, {"EUR": 3_700.0})


def test_earnings_over_any_period_bounds_included() -> None:
    book = make_book(*earnings_book(), **EARNINGS)
    october = earnings(book, date(2026, 10, 1), date(2026, 10, 31), "October 2026")
    # deal 4 only: 4,000 x 5% = 200; client 3 is new; client 1's first win is in November
    assert (october.won_value, october.commission, october.new_clients, october.bonus, october.total) == (
        {"EUR": 4_000.0},
        {"EUR": 200.0},
        1,
        1_000.0,
        {"EUR": 1_200.0},
    )
    one_day = earnings(book, date(2026, 11, 10), date(2026, 11, 10), "10 November")
    assert (one_day.won_value, one_day.new_clients, one_day.total) == ({"EUR": 20_000.0}, 1, {"EUR": 2_000.0})
    march = earnings(book, date(2026, 3, 1), date(2026, 3, 31), "March 2026")
    assert (march.won_value, march.commission, march.new_clients, march.total) == (
        {"EUR": 7_000.0},
        {"EUR": 350.0},
        1,
        {"EUR": 1_350.0},
    )


def test_earnings_keep_each_currency_and_add_the_bonus_in_the_books() -> None:
    usd = Client(id=5, name="Client 5", currency="USD")
    won = deal(7, 5, (P, date(2026, 11, 2)), (K, date(2026, 11, 12)), value=8_000)
    month, _ = month_and_quarter(make_book(*earnings_book(), usd, won, **EARNINGS), TODAY)
    # November: 30,000 EUR and 8,000 USD won; 5% of each; clients 1 and 5 are new: 2 x 1,000 EUR
    assert (month.won_value, month.commission, month.total) == (
        {"EUR": 30_000.0, "USD": 8_000.0},
        {"EUR": 1_500.0, "USD": 400.0},
        {"EUR": 3_500.0, "USD": 400.0},
    )


def test_earnings_are_zero_with_the_default_settings() -> None:
    found = earnings(make_book(*earnings_book()), date(2026, 11, 1), TODAY, "November 2026")
    assert (found.won_value, found.commission, found.new_clients, found.bonus, found.total) == (
        {"EUR": 30_000.0},
        {"EUR": 0},
        1,
        0,
        {"EUR": 0},
    )


def test_competitor_map_groups_names_case_blind_most_clients_first() -> None:
    book = make_book(
        *(Client(id=i, name=f"Client {i}") for i in (1, 2, 3)),
        Competitor(id=1, client_id=1, name="Rival Co", threat=Threat.HIGH, note="cheaper"),
        Competitor(id=2, client_id=2, name="rival co", threat=Threat.LOW),
        Competitor(id=3, client_id=3, name="RIVAL CO", note="knows the CFO"),
        Competitor(id=4, client_id=1, name="Zeta"),
        Competitor(id=5, client_id=3, name="beta", threat=Threat.LOW),
        Competitor(id=6, client_id=2, name="Alpha", threat=Threat.HIGH),
        Competitor(id=7, client_id=1, name="Beta", threat=Threat.HIGH),
        Competitor(id=8, client_id=3, name="alpha"),
    )
    found = competitor_map(book)
    # Rival Co at 3 clients; Alpha and beta at 2 each (by name, case-blind); Zeta at 1.
    # Each group is shown with the spelling of its first record.
    assert list(found) == ["Rival Co", "Alpha", "beta", "Zeta"]
    assert found["Rival Co"] == [(1, "high", "cheaper"), (2, "low", ""), (3, "medium", "knows the CFO")]
    assert found["Alpha"] == [(2, "high", ""), (3, "medium", "")]
    assert found["beta"] == [(3, "low", ""), (1, "high", "")]
    assert found["Zeta"] == [(1, "medium", "")]
    assert competitor_map(make_book()) == {}


def test_a_deal_won_through_the_repository_counts_this_quarter_and_undo_takes_it_back(repo: Repository) -> None:
    repo.set_settings(EARNINGS)
    client = repo.clients.add(Client(name="Acme"))
    prospect = repo.projects.add(
        Project(
            client_id=client.id,
            title="Portal",
            value=12_000,
            stage=N,
            stage_history=(StageEntry(stage=P, entered=day(-20)), StageEntry(stage=N, entered=day(-6))),
        )
    )
    assert [p.id for p in in_play(repo.book)] == [prospect.id]

    edit = stage_move(prospect, K, datetime(2026, 11, 27, 16, 0), repo.settings)
    repo.put_all(edit.records, edit.label)
    won = repo.projects.get(prospect.id)
    assert won is not None
    assert won_on(won) == TODAY
    assert in_play(repo.book) == []
    assert win_loss(repo.book, 1, TODAY) == [Quarter("2026-Q4", 1, {"EUR": 12_000.0}, 0, {})]
    month, _ = month_and_quarter(repo.book, TODAY)
    assert (month.commission, month.new_clients, month.total) == ({"EUR": 600.0}, 1, {"EUR": 1_600.0})  # 5% + 1,000

    assert repo.undo() == "Move project to Kickoff"
    assert repo.projects.get(prospect.id) == prospect
    assert repo.activities.all() == []
    assert win_loss(repo.book, 1, TODAY) == [Quarter("2026-Q4", 0, {}, 0, {})]
