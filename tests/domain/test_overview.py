"""What the main screen lists: client rows, the board's columns, and their cheap updates."""

from __future__ import annotations

from acct_tui.domain import overview
from acct_tui.domain.edits import move_project
from acct_tui.domain.enums import Stage
from acct_tui.store.repository import Repository
from tests.conftest import TODAY


def test_client_rows_on_the_demo_book(demo_repo: Repository) -> None:
    rows = {row.client.name: row for row in overview.client_rows(demo_repo.book, TODAY)}
    lotus = rows["Lotus Retail Group"]
    # key tier: cadence 30 days; the last activity was 33 days ago, but its "Follow-up call after
    # 30 days" was done 4 days ago: a touch too
    assert (lotus.cadence_days, lotus.days_since_touch(TODAY), lotus.quiet) == (30, 4, False)
    assert rows["Delta Steelworks"].quiet is False  # dormant clients are never flagged
    assert rows["Mekong Logistics"].renewal_needs_mark is True  # renews in 45 days, no mark
    assert rows["Silverline Credit Union"].discount_flagged is True  # 5% -> 10% -> 15% at its renewals
    assert [row.client.name for row in overview.client_rows(demo_repo.book, TODAY)][:2] == [
        "Apex Cloud Systems",
        "BluePeak Software",
    ]


def test_narrowing_filters_the_board_and_a_move_updates_it_like_a_full_recompute(demo_repo: Repository) -> None:
    book = demo_repo.book
    columns = overview.board(book)
    mekong = next(c.id for c in book.clients.values() if c.name == "Mekong Logistics")
    narrowed = overview.for_client(columns, mekong)
    assert {card.project.title for cards in narrowed.values() for card in cards} == {
        "Fleet tracking integration",
        "Warehouse scanner upgrade",
    }
    project = next(p for p in book.projects.values() if p.title == "Warehouse scanner upgrade")
    moved = demo_repo.projects.update(move_project(project, Stage.NEGOTIATION, TODAY))
    assert overview.with_moved(columns, moved) == overview.board(demo_repo.book)
