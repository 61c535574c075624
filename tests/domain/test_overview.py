"""What the main screen lists: client rows, the board's columns, and their cheap updates."""

from __future__ import annotations

from datetime import date, datetime

from acct_tui.domain import overview
from acct_tui.domain.book import Book
from acct_tui.domain.edits import move_project
from acct_tui.domain.enums import Stage, TaskStatus
from acct_tui.domain.records import Activity, Client, Project, StaffMember, Task
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


def test_a_card_carries_its_clients_currency_and_the_open_value_is_per_currency() -> None:
    book = Book(
        clients={1: Client(id=1, name="Acme"), 2: Client(id=2, name="Yankee Co", currency="USD")},
        projects={
            1: Project(id=1, client_id=1, title="Portal", value=50_000, stage=Stage.KICKOFF),
            2: Project(id=2, client_id=2, title="Dashboards", value=120_000, stage=Stage.NEGOTIATION),
            3: Project(id=3, client_id=1, title="Done", value=9_000, stage=Stage.COMPLETED),  # not open
        },
    )
    columns = overview.board(book)
    assert [(c.project.title, c.currency) for c in columns[Stage.NEGOTIATION]] == [("Dashboards", "USD")]
    assert overview.open_value(columns) == {"EUR": 50_000, "USD": 120_000}


def test_done_today_narrows_to_a_client() -> None:
    done = {"status": TaskStatus.DONE, "done_on": TODAY}
    book = Book(
        clients={1: Client(id=1, name="Acme"), 2: Client(id=2, name="Beta")},
        staff={1: StaffMember(id=1, name="Minh")},
        tasks={
            1: Task(id=1, title="Acme's", client_id=1, **done),
            2: Task(id=2, title="Beta's", client_id=2, **done),
            3: Task(id=3, title="Minh's", client_id=1, assignee_id=1, **done),  # delegated: not mine
            4: Task(id=4, title="Yesterday", client_id=1, status=TaskStatus.DONE, done_on=date(2026, 11, 26)),
        },
    )
    assert [t.id for t in overview.done_today(book, TODAY)] == [1, 2]
    assert [t.id for t in overview.done_today(book, TODAY, 2)] == [2]


def test_an_activity_dated_after_today_is_no_touch_until_its_day() -> None:
    """Before: a call logged (or imported from a CRM) for next week made the client look touched."""
    book = Book(
        clients={1: Client(id=1, name="Acme", created_on=date(2026, 1, 5))},  # standard tier: cadence 60 days
        activities={
            1: Activity(id=1, client_id=1, when=datetime(2026, 9, 1, 10, 0), summary="Held"),
            2: Activity(id=2, client_id=1, when=datetime(2026, 12, 3, 9, 0), summary="Booked for next week"),
            3: Activity(id=3, client_id=1, when=datetime(2026, 11, 27, 23, 30), summary="Late today"),
        },
    )
    assert overview.last_touches(book, TODAY) == {1: TODAY}  # 23:30 today is today
    del book.activities[3]
    (row,) = overview.client_rows(book, TODAY)
    assert (row.last_touch, row.days_since_touch(TODAY), row.quiet) == (date(2026, 9, 1), 87, True)  # 87 > 60
    assert overview.last_touches(book, date(2026, 12, 3)) == {1: date(2026, 12, 3)}
