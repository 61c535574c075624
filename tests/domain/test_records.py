"""Model validation: trimmed and bounded text, real dates, sane numbers, consistent records."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Stage, TaskStatus
from acct_tui.domain.errors import field_errors
from acct_tui.domain.records import Activity, Client, Contact, Event, Project, StageEntry, Task, WeekRecord


def errors_of(call: object, **kwargs: object) -> list[str]:
    with pytest.raises(ValidationError) as info:
        call(**kwargs)  # type: ignore[operator]
    return [str(e) for e in field_errors(info.value)]


def test_text_is_trimmed_and_tags_deduplicated() -> None:
    client = Client(name="  Acme  ", industry=" Banking ", tags=("vip", "VIP", "retail"))
    assert client.name == "Acme"
    assert client.industry == "Banking"
    assert client.tags == ("vip", "retail")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"name": ""}, "name: is required"),
        ({"name": "   "}, "name: is required"),
        ({"name": "x" * 201}, "name: is too long (at most 200 characters)"),
        ({"name": "a\x1b[31mred"}, "name: must be one line, without control characters"),
        ({"name": "two\nlines"}, "name: must be one line, without control characters"),
        ({"name": "A", "discount_pct": 101}, "discount_pct: must be at most 100"),
        ({"name": "A", "contract_value": -1}, "contract_value: must be at least 0"),
        ({"name": "A", "contract_value": float("nan")}, "contract_value: must be a finite number"),
        ({"name": "A", "renewal_date": "2026-02-30"}, "renewal_date: is not a date (expected YYYY-MM-DD)"),
        ({"name": "A", "tier": "gold"}, "tier: must be one of: strategic, key or standard"),
        ({"name": "A", "currency": "euro"}, "currency: is not a three-letter currency code (such as EUR)"),
        ({"name": "A", "cadence_days": 0}, "cadence_days: must be at least 1"),
        ({"name": "A", "colour": "red"}, "colour: is not a known field"),
    ],
)
def test_client_rejects_bad_values_with_a_message_naming_the_field(kwargs: dict[str, object], expected: str) -> None:
    assert expected in errors_of(Client, **kwargs)


def test_notes_keep_newlines_but_refuse_escape_sequences() -> None:
    assert Client(name="A", notes="line one\nline two\tindented").notes == "line one\nline two\tindented"
    assert "notes: must not contain control characters" in errors_of(Client, name="A", notes="bad\x07bell")


def test_contact_email_and_phone_are_checked() -> None:
    assert Contact(client_id=1, name="Hoa", email="hoa@scb.example", phone="+84 28 3910-1000").email
    assert "email: is not an e-mail address (expected name@example.com)" in errors_of(
        Contact, client_id=1, name="Hoa", email="not-an-email"
    )
    assert "phone: may hold only digits, spaces and + ( ) . / -" in errors_of(
        Contact, client_id=1, name="Hoa", phone="call me"
    )


def test_every_date_of_a_record_is_within_the_years_the_planner_can_count_from() -> None:
    """Before: an event ending on 9999-12-31 (imported, or typed) passed every check, then its
    export and the week view overflowed counting the day after; a repeating task due then could
    not be marked done. 1900-01-01 to 2999-12-31 leaves centuries of room either side."""
    assert "end: must be at most 2999-12-31" in errors_of(
        Event, title="Expo", start=date(2999, 12, 30), end=date(9999, 12, 31)
    )
    assert "due: must be at most 2999-12-31" in errors_of(Task, title="Far", due=date(3000, 1, 1))
    assert "start: must be at least 1900-01-01" in errors_of(
        Event, title="Old", start=date(1899, 12, 31), end=date(1900, 1, 1)
    )
    assert "when: must be at most 2999-12-31T23:59:59.999999" in errors_of(
        Activity, client_id=1, when=datetime(3000, 1, 1), summary="Later"
    )
    assert Task(title="Edge", due=date(2999, 12, 31)).due == date(2999, 12, 31)
    assert Event(title="Edge", start=date(1900, 1, 1), end=date(1900, 1, 1)).start == date(1900, 1, 1)


def test_a_stored_task_is_done_exactly_when_it_has_a_done_date() -> None:
    # A record may be built either way (a change dates it: tests/domain/test_rules.py); a book may not hold it.
    undated = Task(id=1, title="T", status=TaskStatus.DONE)
    dated_open = Task(id=2, title="T", done_on=date(2026, 1, 1))
    done = Task(id=3, title="T", status=TaskStatus.DONE, done_on=date(2026, 1, 1))
    book = Book.model_construct(tasks={1: undated, 2: dated_open, 3: done})
    assert [str(p) for p in book.problems()] == [
        "tasks record 1, field done_on: a done task needs the date it was done",
        "tasks record 2, field done_on: only a done task has a done date",
    ]
    assert done.is_open is False


def test_follow_up_is_only_for_delegated_tasks() -> None:
    message = "a follow-up date is for delegated tasks: choose an assignee or clear it"
    assert message in errors_of(Task, title="T", follow_up=date(2026, 12, 1))
    assert Task(title="T", assignee_id=2, follow_up=date(2026, 12, 1)).is_delegated


def test_estimate_hours_are_bounded() -> None:
    assert "estimate_hours: must be at most 200" in errors_of(Task, title="T", estimate_hours=1e9)


def test_project_stage_history_must_match_stage_and_go_forward() -> None:
    history = (StageEntry(stage=Stage.PROSPECT, entered=date(2026, 1, 1)),)
    assert "stage is kickoff but the last stage history entry is prospect" in errors_of(
        Project, client_id=1, title="P", stage=Stage.KICKOFF, stage_history=history
    )
    backwards = (
        StageEntry(stage=Stage.PROSPECT, entered=date(2026, 2, 1)),
        StageEntry(stage=Stage.KICKOFF, entered=date(2026, 1, 1)),
    )
    [message] = errors_of(Project, client_id=1, title="P", stage=Stage.KICKOFF, stage_history=backwards)
    assert "goes back in time" in message
    project = Project(client_id=1, title="P", stage=Stage.PROSPECT, stage_history=history)
    assert project.entered(Stage.PROSPECT) == date(2026, 1, 1)
    assert project.entered(Stage.KICKOFF) is None


def test_event_ends_after_it_starts() -> None:
    assert "end: ends (2026-12-01) before it starts (2026-12-02)" in errors_of(
        Event, title="Expo", start=date(2026, 12, 2), end=date(2026, 12, 1)
    )
    assert Event(title="Expo", start=date(2026, 12, 1), end=date(2026, 12, 3)).covers(date(2026, 12, 2))


def test_activity_needs_a_summary_and_a_naive_time() -> None:
    assert "summary: is required" in errors_of(Activity, client_id=1, when=datetime(2026, 1, 1, 9), summary=" ")
    assert errors_of(Activity, client_id=1, when="2026-01-01T09:00:00+02:00", summary="x")


def test_week_record_needs_an_iso_week() -> None:
    assert "week: is not an ISO week (expected 2026-W48)" in errors_of(WeekRecord, week="2026-48")
    assert WeekRecord(week="2026-W48").display == "2026-W48"


def test_evolve_validates_again() -> None:
    client = Client(name="Acme")
    assert client.evolve(name="Beta").name == "Beta"
    with pytest.raises(ValidationError):
        client.evolve(name="")


def test_book_refuses_dangling_references() -> None:
    with pytest.raises(ValidationError) as info:
        Book(clients={1: Client(id=1, name="A")}, tasks={1: Task(id=1, title="T", project_id=9)})
    assert "tasks record 1, field project_id: refers to project 9, which does not exist" in str(info.value)


def test_book_refuses_a_task_whose_client_disagrees_with_its_project() -> None:
    clients = {1: Client(id=1, name="A"), 2: Client(id=2, name="B")}
    projects = {1: Project(id=1, client_id=1, title="P")}
    with pytest.raises(ValidationError) as info:
        Book(clients=clients, projects=projects, tasks={1: Task(id=1, title="T", client_id=2, project_id=1)})
    assert "its project 1 belongs to client 1" in str(info.value)


def test_book_refuses_an_id_that_disagrees_with_its_key() -> None:
    with pytest.raises(ValidationError) as info:
        Book(clients={1: Client(id=2, name="A")})
    assert "clients record 1, field id: is 2 but the record is stored as 1" in str(info.value)
