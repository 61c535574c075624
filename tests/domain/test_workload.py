"""The assessment: meters, reasons, staff, touches and the week's record, read from one schedule
(every hour worked out by hand: see `small_book`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from acct_tui.domain.enums import ActivityKind, TaskStatus
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.records import Activity, Client, Contact, Event, SelfCheck, StaffMember, Task, WeekRecord
from acct_tui.domain.workload import LoadItem, assess, week_record
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, small_book

MON, TUE = day(3), day(4)
WEDNESDAY = day(-2)


def kinds_and_hours(items: tuple[LoadItem, ...]) -> list[tuple[str, int | None, float]]:
    return [(item.kind.value, item.task_id or item.client_id, item.hours) for item in items]


def test_an_empty_book_has_capacity_and_nothing_else() -> None:
    found = assess(make_book(), TODAY)
    assert (found.capacity_hours_today, found.load_hours_today, found.utilisation_today) == (8.0, 0.0, 0.0)
    # This week is what is left of it: Friday.
    assert (found.capacity_hours_week, found.load_hours_week, found.utilisation_week) == (8.0, 0.0, 0.0)
    assert found.load_items_today == found.load_items_week == ()
    assert found.free_hours_today == 8.0
    assert (found.overdue, found.at_risk, found.stress.total) == (0, (), 0)
    assert found.staff == ()
    assert [d.date for d in found.days] == [day(n) for n in (0, 3, 4, 5, 6, 7, 10, 11, 12, 13)]
    assert found.week == "2026-W48"
    assert not found.sustained_overload


def test_today_is_the_first_day_of_the_schedule() -> None:
    found = assess(small_book(), TODAY)
    assert (found.capacity_hours_today, found.load_hours_today, found.utilisation_today) == (8.0, 8.0, 1.0)
    assert kinds_and_hours(found.load_items_today) == [
        ("done", 5, 0.5),
        ("planned", 1, 2.0),  # pinned: a meeting on its date
        ("planned", 2, 1.5),
        ("planned", 3, 1.0),
        ("planned", 8, 2.75),
        ("check", 11, 0.25),
        ("attention", 1, 0.0),  # Acme: the week's 0.6 h, all of it taken by its workshop
        ("attention", 2, 0.0),  # Beta: 0.15 h, taken by the call done today
    ]
    assert found.overdue == 1
    assert found.free_hours_today == 0.0
    assert found.free_why == (
        "8.0 h of capacity − 0.0 h of attention − 0.25 h of follow-up checks − 0.5 h done − 7.25 h of planned "
        "tasks = 0.0 h"
    )
    monday = found.days[1]
    # Acme's 3 h week is spread by each day's room after its fixed work: Monday 8 - 3 (Beta's review,
    # pinned) - 0.25 (Kim's check) = 4.75 h of the week's 4.75 + 4 x 8 = 36.75 h: 3 x 4.75 / 36.75 = 0.39 h.
    assert (monday.planned_hours, monday.attention_hours, monday.scheduled_hours) == (4.5, 0.39, 4.89)


def test_every_item_says_why_with_its_numbers() -> None:
    items = assess(small_book(), TODAY).load_items_today
    whys = {(item.kind.value, item.task_id or item.client_id): item.why for item in items}
    assert whys[("planned", 1)] == "Kickoff workshop for Acme: 2.0 h, due today, pinned to its date"
    assert whys[("planned", 2)] == "Send minutes for Acme: 1.5 h, overdue since Wed 25 Nov (2 days late)"
    assert whys[("planned", 8)] == "Someday: 2.75 h of its 4.0 h, no due date"
    assert whys[("check", 11)] == (
        "Check on Draft contract for Acme, delegated to Sam: the follow-up was due Thu 26 Nov (0.25 h)"
    )
    assert whys[("attention", 1)] == (
        "Acme: 1 project in Kickoff × 3.0 h = 3.0 h a week, less what its meetings and its done and pinned tasks "
        "take, spread over the week's free hours: today reserves 0.0 h"  # the week's 0.6 h, all in the workshop
    )


def test_this_week_is_its_working_days_from_today_on() -> None:
    # On Wednesday 25 November the week is Wednesday to Friday: 24 h.
    found = assess(make_book(Task(id=1, title="Deck", due=day(0), estimate_hours=30.0)), WEDNESDAY)
    assert [d.date for d in found.week_days] == [WEDNESDAY, day(-1), TODAY]
    assert found.capacity_hours_week == 24.0
    assert found.load_hours_week == 24.0  # 8 h a day; the other 6 h go to Monday
    assert found.utilisation_week == 1.0
    assert [(r.task_id, r.earliest) for r in found.at_risk] == [(1, MON)]


def test_staff_room_counts_the_working_days_left_in_the_week() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam", weekly_capacity=40.0),
        StaffMember(id=2, name="Old", weekly_capacity=40.0, active=False),
        StaffMember(id=3, name="Gone", weekly_capacity=40.0, active=False),
        Task(id=1, title="A", due=TODAY, estimate_hours=6.0, assignee_id=1),
        Task(id=2, title="B", due=day(10), estimate_hours=9.0, assignee_id=1),  # next week: not this one
        Task(id=3, title="C", due=day(-1), estimate_hours=2.0, assignee_id=2),  # overdue, still theirs
    )
    loads = {member.name: member for member in assess(book, WEDNESDAY).staff}
    # Wednesday to Friday: 3 of 5 days of 40 h = 24 h; due by Sunday: A 6 h.
    assert (loads["Sam"].capacity_hours_week, loads["Sam"].load_hours_week, loads["Sam"].spare_hours) == (
        24.0,
        6.0,
        18.0,
    )
    assert (loads["Old"].capacity_hours_week, loads["Old"].load_hours_week) == (0.0, 2.0)
    assert "Gone" not in loads  # inactive, nothing open


def test_a_client_touched_today_in_any_way_is_not_quiet() -> None:
    acme = Client(id=1, name="Acme", cadence_days=7, created_on=day(-60))
    beta = Client(id=2, name="Beta", cadence_days=7, created_on=day(-60))
    gamma = Client(id=3, name="Gamma", cadence_days=7, created_on=day(-60))
    delta = Client(id=4, name="Delta", cadence_days=7, created_on=day(-60))
    contact = Contact(id=1, client_id=1, name="Ana", email="ana@acme.example")
    met = Meeting(
        datetime(2026, 11, 27, 15), datetime(2026, 11, 27, 16), "Acme", attendees=frozenset({"ana@acme.example"})
    )
    done = Task(id=1, title="Call", client_id=2, status=TaskStatus.DONE, done_on=TODAY)
    expo = Event(id=1, title="Expo", start=TODAY, end=TODAY, hours=4.0, client_id=3)
    found = assess(make_book(acme, beta, gamma, delta, contact, done, expo), TODAY, [met])
    quiet = next(p for p in found.stress.parts if p.name == "quiet clients")
    assert quiet.why.startswith("1 client past its touch cadence: Delta (60 days, cadence 7)")
    switches = next(p for p in found.stress.parts if p.name == "context switches")
    assert switches.why.startswith("3 clients touched today (5 are fine): Acme, Beta, Gamma")


def test_long_hours_are_the_hours_the_book_and_calendar_show_worked() -> None:
    # Week 47 (16-22 Nov): a 60-minute call at 10:00 Monday, a meeting 10:30-12:00 the same day
    # (together 10:00-12:00: 2 h), a task done (estimate 3 h) and its automatic timeline entry (not
    # counted again): 5 h. Weeks 44 to 46 have nothing recorded and are left out.
    call = Activity(
        id=1, client_id=1, when=datetime(2026, 11, 16, 10), summary="Call", kind=ActivityKind.CALL, minutes=60
    )
    auto = Activity(
        id=2, client_id=1, when=datetime(2026, 11, 17, 9), summary="Done: X", kind=ActivityKind.TASK_DONE, minutes=180
    )
    done = Task(id=1, title="X", client_id=1, status=TaskStatus.DONE, done_on=day(-10), estimate_hours=3.0)
    meeting = Meeting(datetime(2026, 11, 16, 10, 30), datetime(2026, 11, 16, 12), "Review")
    found = assess(make_book(Client(id=1, name="Acme"), call, auto, done), TODAY, [meeting])
    assert [(w.week, w.hours) for w in found.worked] == [
        ("2026-W44", 0.0),
        ("2026-W45", 0.0),
        ("2026-W46", 0.0),
        ("2026-W47", 5.0),
    ]
    long_hours = found.stress.parts[-1]
    assert long_hours.points == 0
    assert long_hours.why == (
        "Hours worked as the book and calendar show them (activities and meetings, tasks done) in the last "
        "1 week (W47 5.0 h): 5.0 h a week on average, below 55 h: 0 points."
    )
    many = [
        Activity(id=10 + n, client_id=1, when=datetime(2026, 11, 16 + n, 7), summary="Long day", minutes=12 * 60)
        for n in range(5)
    ]  # five 12 h days in week 47: 60 h, plus the task's 3 h
    assert assess(make_book(Client(id=1, name="Acme"), done, *many), TODAY).stress.parts[-1].points == 10


def test_week_record_holds_the_weeks_numbers_and_keeps_the_self_check() -> None:
    check = SelfCheck(mental=60, physical=10, temporal=80, performance=30, effort=70, frustration=50)
    stored = WeekRecord(id=4, week="2026-W48", stress_index=1, self_check=check)
    record = week_record(small_book(stored), TODAY)
    assert (record.id, record.week, record.self_check) == (4, "2026-W48", check)
    assert (record.load_hours, record.capacity_hours, record.utilisation) == (8.0, 8.0, 1.0)
    assert record.stress_index == assess(small_book(stored), TODAY).stress.total


def test_week_record_stays_within_the_records_limits() -> None:
    # A Saturday with 200 h done: no capacity, so 100% plus 200 h as a share of a 40 h week
    book = make_book(Task(id=1, title="Weekend", status=TaskStatus.DONE, done_on=day(1), estimate_hours=200.0))
    record = week_record(book, day(1))
    assert record.utilisation == 6.0  # 1 + 200 / 40
    assert record.load_hours == 200.0


def test_the_numbers_are_the_same_through_a_saved_book(tmp_path: Path) -> None:
    book = small_book()
    repo = Repository.open(tmp_path / "book.json", today=TODAY)
    with repo, repo.change("Copy", as_stored=True) as tx:  # the book's records as they are
        for record in book.records():
            tx.put(record)
    with Repository.open(tmp_path / "book.json", today=TODAY, read_only=True) as reopened:
        assert assess(reopened.book, TODAY).stress == assess(book, TODAY).stress
        assert assess(reopened.book, TODAY).days == assess(book, TODAY).days
