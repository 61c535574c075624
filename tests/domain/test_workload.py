"""Load, utilisation and the assessment: every hour worked out by hand (see `small_book`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acct_tui.domain.enums import Stage, TaskStatus
from acct_tui.domain.records import Client, Event, SelfCheck, StaffMember, Task, WeekRecord
from acct_tui.domain.workload import LoadItem, LoadKind, assess, week_record
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project, small_book


def kinds_and_hours(items: tuple[LoadItem, ...]) -> list[tuple[str, int | None, float]]:
    return [(item.kind.value, item.task_id, item.hours) for item in items]


def test_an_empty_book_has_capacity_and_nothing_else() -> None:
    found = assess(make_book(), TODAY)
    assert (found.capacity_hours_today, found.load_hours_today, found.utilisation_today) == (8.0, 0.0, 0.0)
    assert (found.capacity_hours_week, found.load_hours_week, found.utilisation_week) == (40.0, 0.0, 0.0)
    assert found.load_items_today == found.load_items_week == ()
    assert found.free_hours_today == 8.0
    assert found.overdue == 0
    assert found.stress.total == 0
    assert [part.points for part in found.stress.parts] == [0] * 7
    assert found.staff == ()
    assert [d.date for d in found.days] == [day(n) for n in (0, 3, 4, 5, 6, 7, 10, 11, 12, 13)]
    assert found.week == "2026-W48"
    assert not found.sustained_overload


def test_today_counts_due_overdue_and_done_tasks_checks_and_attention() -> None:
    found = assess(small_book(), TODAY)
    # T1 due today 2 + T2 overdue 1.5 + T5 done today 0.5 + D1's late check 0.25
    # + attention 7.25 * 8/40 = 1.45, less P1's 1.2 covered by its own task T1 = 0.25
    assert found.load_hours_today == 4.5
    assert found.capacity_hours_today == 8.0
    assert found.utilisation_today == 4.5 / 8.0
    assert kinds_and_hours(found.load_items_today) == [
        ("due", 1, 2.0),
        ("overdue", 2, 1.5),
        ("done", 5, 0.5),
        ("control", 11, 0.25),
        ("attention", None, 0.0),  # Kickoff: 1 project x 6 h x 8/40 = 1.2, all covered by T1 (2 h)
        ("attention", None, 0.2),  # Support: 1 x 1 h x 8/40
        ("attention", None, 0.05),  # Completed 30 days ago: 1 x 0.25 h x 8/40
    ]
    assert found.overdue == 1
    assert found.free_hours_today == 7.25  # 8 - 0.25 check - 0.5 done today
    assert found.free_why == "8.0 h of capacity − 0.25 h of follow-up checks − 0.5 h of tasks done today = 7.25 h"


def test_every_item_says_why_with_its_numbers() -> None:
    whys = {item.task_id: item.why for item in assess(small_book(), TODAY).load_items_week if item.task_id}
    assert whys[1] == "Kickoff workshop for Acme: estimate 2.0 h, due today"
    assert whys[2] == "Send minutes for Acme: estimate 1.5 h, overdue since Wed 25 Nov (2 days late)"
    assert whys[6] == "Expenses: estimate 1.0 h, done on Tue 24 Nov"
    assert whys[11] == ("Check on Draft contract for Acme, delegated to Sam: the follow-up was due Thu 26 Nov (0.25 h)")
    assert whys[12] == "Check on Check invoices for Beta, delegated to Kim: the follow-up is due Sat 28 Nov (0.25 h)"
    attention = [i.why for i in assess(small_book(), TODAY).load_items_today if i.kind is LoadKind.ATTENTION]
    assert attention[0] == (
        "1 project in Kickoff × 6.0 h a week = 6.0 h a week; today has 8.0 h of a 40.0 h working week: "
        "6.0 h × 8.0 h / 40.0 h = 1.2 h, less 1.2 h of their own tasks counted above = 0.0 h"
    )
    week = [i.why for i in assess(small_book(), TODAY).load_items_week if i.kind is LoadKind.ATTENTION]
    assert week[0].endswith("6.0 h × 40.0 h / 40.0 h = 6.0 h, less 2.0 h of their own tasks counted above = 4.0 h")
    assert week[1] == (
        "1 project in Support × 1.0 h a week = 1.0 h a week; this week has 40.0 h of a 40.0 h working week: "
        "1.0 h × 40.0 h / 40.0 h = 1.0 h"
    )


def test_the_week_counts_its_whole_iso_week() -> None:
    found = assess(small_book(), TODAY)
    # T1 2 + T2 1.5 + T3 (Sunday) 1 + T5 0.5 + T6 (done Tuesday) 1 + D1 0.25 + D2 0.25
    # + attention 7.25 less T1's 2 h (P1's own task) = 5.25
    assert found.load_hours_week == 11.75
    assert found.capacity_hours_week == 40.0
    assert found.utilisation_week == 11.75 / 40
    task_ids = {item.task_id for item in found.load_items_week}
    assert task_ids == {1, 2, 3, 5, 6, 11, 12, None}  # not T4 (Monday), T7 (last week), T8 (undated), D3


def test_the_days_ahead_carry_their_own_tasks_checks_and_attention() -> None:
    days = assess(small_book(), TODAY).days
    friday, monday, tuesday, wednesday = days[:4]
    assert (friday.load_hours, friday.room_hours) == (4.5, 3.75)  # room: 8 - (4.5 - 0.25)
    assert (monday.date, monday.load_hours, monday.room_hours) == (day(3), 4.45, 5.0)  # T4 3 + attention 1.45
    assert (tuesday.load_hours, tuesday.room_hours) == (1.7, 7.75)  # D3's check 0.25 + 1.45
    assert (wednesday.load_hours, wednesday.attention_hours, wednesday.utilisation) == (1.45, 1.45, 1.45 / 8)


def test_staff_load_is_their_delegated_work_due_this_week() -> None:
    staff = assess(small_book(), TODAY).staff
    sam, kim = staff
    assert (sam.name, sam.capacity_hours_week, sam.load_hours_week, sam.tasks) == ("Sam", 40.0, 0.0, 0)  # D1 due 2 Dec
    assert (kim.name, kim.load_hours_week, kim.utilisation, kim.spare_hours) == ("Kim", 2.0, 0.1, 18.0)  # D2


def test_inactive_staff_show_only_while_they_still_have_work() -> None:
    book = make_book(
        StaffMember(id=1, name="Gone", active=False),
        StaffMember(id=2, name="Left", active=False),
        Task(id=1, title="Handover", due=TODAY, estimate_hours=3.0, assignee_id=2),
    )
    (left,) = assess(book, TODAY).staff
    assert (left.name, left.capacity_hours_week, left.load_hours_week) == ("Left", 0.0, 3.0)
    assert left.utilisation == 1 + 3.0 / 40.0  # no capacity: 100% + 3 h of a 40 h week


def test_a_weekend_has_no_capacity_and_its_load_reads_over() -> None:
    book = make_book(Task(id=1, title="Late", due=day(-1), estimate_hours=4.0))
    saturday = assess(book, day(1))
    assert (saturday.capacity_hours_today, saturday.load_hours_today) == (0.0, 4.0)
    assert saturday.utilisation_today == 1.5  # 100% + 4 h of an 8 h day
    assert saturday.free_hours_today == 0.0
    assert saturday.capacity_today.why == "Sat 28 Nov is not a working day: 0 h"
    assert saturday.days[0].date == day(3)  # the chart starts on Monday


def test_an_event_filling_the_day_leaves_no_capacity_and_no_attention() -> None:
    book = make_book(
        Client(id=1, name="Acme"),
        project(1, 1, Stage.DELIVERY),
        Event(id=1, title="Expo", start=TODAY, end=TODAY, hours=8.0),
    )
    found = assess(book, TODAY)
    assert (found.capacity_hours_today, found.load_hours_today, found.utilisation_today) == (0.0, 0.0, 0.0)
    assert found.capacity_hours_week == 32.0
    assert found.load_hours_week == 2.4  # Delivery 3 h a week x 32/40


def test_a_day_off_in_the_settings() -> None:
    book = make_book(Task(id=1, title="Report", due=TODAY, estimate_hours=2.0), capacity={"days_off": [TODAY]})
    found = assess(book, TODAY)
    assert found.capacity_hours_today == 0.0
    assert found.utilisation_today == 1.25  # 100% + 2/8
    assert found.capacity_hours_week == 32.0
    assert TODAY not in [d.date for d in found.days]


def test_all_tasks_done_leaves_only_this_weeks_done_work() -> None:
    book = make_book(
        Task(id=1, title="A", due=day(-1), estimate_hours=2.0, status=TaskStatus.DONE, done_on=day(-1)),
        Task(id=2, title="B", due=day(-20), estimate_hours=3.0, status=TaskStatus.DONE, done_on=day(-20)),
    )
    found = assess(book, TODAY)
    assert (found.load_hours_today, found.load_hours_week, found.overdue) == (0.0, 2.0, 0)


def test_week_record_holds_the_weeks_numbers_and_keeps_the_self_check() -> None:
    fresh = week_record(small_book(), TODAY)
    assert fresh == WeekRecord(
        id=0, week="2026-W48", stress_index=9, utilisation=0.2938, load_hours=11.75, capacity_hours=40.0
    )
    check = SelfCheck(mental=60, physical=10, temporal=70, performance=30, effort=50, frustration=40)
    stored = WeekRecord(id=7, week="2026-W48", stress_index=50, self_check=check)
    updated = week_record(small_book(stored), TODAY)
    assert (updated.id, updated.self_check, updated.stress_index) == (7, check, 9)


def test_week_record_stays_within_the_records_limits() -> None:
    tasks = [Task(id=n, title=f"Huge {n}", due=TODAY, estimate_hours=200.0) for n in range(1, 7)]
    record = week_record(make_book(*tasks, capacity={"hours_per_day": 0.1}), TODAY)
    # 1200 h against 0.5 h of capacity: utilisation 2400 and load 1200, kept at the record's limits.
    assert (record.utilisation, record.load_hours) == (100.0, 1000.0)


def test_the_demo_book_at_today(demo_repo: Repository) -> None:
    """The demo book on Friday 27 November 2026, checked by hand against data/demo_book.json.

    Attention: 18 projects are open or completed less than 90 days ago: Prospect 4 (8, 18, 20, 24)
    x 1.5 + Negotiation 3 (6, 14, 22) x 3 + Kickoff 3 (1, 5, 11) x 6 + Delivery 1 (13) x 3 + Support
    4 (2, 4, 7, 9) x 1 + Completed 3 (3, 10, 16) x 0.25 = 40.75 h a week (12, 15, 17, 19 and 25 were
    completed 100 or more days ago; 21 and 23 are Lost), so 8.15 h on a full day.
    Today holds 5 h due today (tasks 1, 11, 30, 50), 3.75 h overdue (6, 27, 33, 51) and 2 late
    follow-up checks (8, 13) of 0.25 h; attention 8.15 h less the projects' own tasks counted today:
    P1 1.2 (task 1), P11 0.5 (30), P6 0.6 (11), P14 0.6 (33), P2 0.2 (6), P10 0.05 (27) = 3.15 h,
    leaves 5.0 h: 5 + 3.75 + 0.5 + 5.0 = 14.25 h.
    The week: today's 8.75 h of tasks + 3 h due Saturday (2, 46) + 3 h due Sunday (7, 48) + 1.5 h done
    Monday (28, 36) + 6 checks (8, 13; 20, 35 Saturday; 5, 32 Sunday) 1.5 h = 17.75 h of tasks and checks;
    attention 40.75 h less the projects' own tasks this week: P1 3.5 (1, 2), P11 0.5 (30), P6 1.5
    (11), P14 2 (33), P22 1.5 (46), P24 1.5 of task 48's 2, P13 1 (36), P2 1 of 2 (6, 7), P10 0.25
    of 0.75 (27, 28) = 12.75 h, leaves 28 h: 17.75 + 28 = 45.75 h of 40 h.
    """
    found = assess(demo_repo.book, TODAY)
    assert (found.capacity_hours_today, found.load_hours_today) == (8.0, 14.25)
    assert (found.capacity_hours_week, found.load_hours_week) == (40.0, 45.75)
    attention = [(i.label, i.hours) for i in found.load_items_today if i.kind is LoadKind.ATTENTION]
    assert attention == [
        ("Prospect attention", 1.2),  # 6 x 8/40, no own task today
        ("Negotiation attention", 0.6),  # 1.8 less P6's 0.6 (task 11) and P14's 0.6 (task 33)
        ("Kickoff attention", 1.9),  # 3.6 less P1's 1.2 (task 1) and P11's 0.5 (task 30)
        ("Delivery attention", 0.6),
        ("Support attention", 0.6),  # 0.8 less P2's 0.2 (task 6)
        ("Completed attention", 0.1),  # 0.15 less P10's 0.05 (task 27)
    ]
    week = [i.hours for i in found.load_items_week if i.kind is LoadKind.ATTENTION]
    assert week == [4.5, 4.0, 14.0, 2.0, 3.0, 0.5]  # 6 - 1.5, 9 - 5, 18 - 4, 3 - 1, 4 - 1, 0.75 - 0.25
    assert found.overdue == 4
    assert found.free_hours_today == 7.5  # 8 - 2 checks x 0.25
    # utilisation 114%: 25 x (114.375 - 80) / 40 = 21.48 (21); 3 overdue promises, 6, 27 and 33 (12);
    # 3 kickoffs (5); 6 clients today: Saigon, Nordlicht, Lotus, Orion and Silverline by their tasks,
    # Mekong by today's call (2); 2 late follow-ups, 8 and 13 (6); Lotus quiet for 33 days (2);
    # W45 42 + W46 47.2 + W47 44.8 (the recorded weeks) + W48 45.75 = 44.94 h a week < 55 h (0)
    assert [part.points for part in found.stress.parts] == [21, 12, 5, 2, 6, 2, 0]
    assert found.stress.total == 48
    assert [(s.name, s.load_hours_week) for s in found.staff] == [
        ("Minh Nguyen", 2.0),  # tasks 13 and 35
        ("Sara Kovacs", 9.0),  # tasks 8, 20 and 32
        ("Tom Becker", 0.0),  # tasks 5, 25 and 44 are due after Sunday
    ]
    monday = found.days[1]
    # tasks 17, 21, 29, 34 (6.5 h) + checks of 25 and 44 (0.5 h) + attention 8.15 less P5 1.2, P11 1.2,
    # P14 0.6 and P7 0.2 covered by those tasks = 4.95 h
    assert (monday.date, monday.load_hours, monday.attention_hours) == (date(2026, 11, 30), 11.95, 4.95)
    expo = [d for d in found.days if d.date in (date(2026, 12, 8), date(2026, 12, 9), date(2026, 12, 10))]
    assert [d.capacity_hours for d in expo] == [0.0, 0.0, 0.0]
    assert expo[1].load_hours == 6.0  # the site visit in Hamburg (task 14) is due during the expo


def test_the_numbers_are_the_same_through_a_saved_book(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "book.json", today=TODAY) as repo:
        client = repo.clients.add(Client(name="Acme"))
        repo.tasks.add(Task(title="Call", client_id=client.id, due=TODAY, estimate_hours=1.5))
        assert assess(repo.book, TODAY).load_hours_today == 1.5


def test_a_projects_own_tasks_ahead_are_part_of_its_attention_that_day() -> None:
    # P1 (Kickoff, 6 h a week) gets a 0.5 h task on Monday: Monday carries 1.45 h of attention,
    # of which P1's 1.2 h is covered 0.5 h by that task: 3 (T4) + 0.5 + (1.45 - 0.5) = 4.45 h.
    extra = Task(id=20, title="Prep", client_id=1, project_id=1, due=day(3), estimate_hours=0.5)
    monday = assess(small_book(extra), TODAY).days[1]
    assert (monday.load_hours, monday.attention_hours) == (4.45, 0.95)
