"""The forward schedule, hour by hour: capacity, attention reservations, placement, splitting, pins.

TODAY is Friday 27 November 2026. The schedule's days are Fri 27 (the only day of ISO week 48
in it), Mon 30 Nov to Fri 4 Dec (week 49), Mon 7 to Thu 10 Dec (week 50): ten working days, each
of 8 h by default, then 30 more working days of lookahead. One project in Kickoff asks 4 h a week
here (`FOUR`, for round numbers): 0.8 h on each 8 h day of a 40 h week.
"""

from __future__ import annotations

from datetime import date, datetime

from acct_tui.domain.enums import Stage, TaskKind, TaskStatus
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.records import Client, Contact, StaffMember, Task
from acct_tui.domain.schedule import Schedule, build_schedule, calendar_window, schedule_days
from acct_tui.domain.settings import Settings
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project

MON, TUE, WED, THU, FRI = day(3), day(4), day(5), day(6), day(7)
ACME = Client(id=1, name="Acme")
KICKOFF = project(1, 1, Stage.KICKOFF)
FOUR = {"stages": {"attention_hours": {"kickoff": 4.0}}}


def hours_by_day(schedule: Schedule, what: str) -> dict[date, float]:
    return {d.date: getattr(d, what) for d in schedule.days}


def parts(schedule: Schedule, task_id: int) -> list[tuple[date, float]]:
    return [(part.day, part.hours) for part in schedule.plans[task_id].parts]


def test_the_days_are_today_then_working_days() -> None:
    days = schedule_days(TODAY, Settings())
    assert days[:10] == [TODAY, MON, TUE, WED, THU, FRI, day(10), day(11), day(12), day(13)]
    assert len(days) == 40  # 10 shown, 30 of lookahead
    saturday = schedule_days(day(1), Settings())
    assert saturday[:2] == [day(1), MON]  # a Saturday is still day 1, with no capacity
    # The calendar is read from four ISO weeks before this one to the end of the schedule.
    assert calendar_window(TODAY, Settings()) == (date(2026, 10, 26), days[-1])


def test_an_empty_book_has_free_days() -> None:
    found = build_schedule(make_book(), TODAY)
    assert [d.capacity_hours for d in found.days] == [8.0] * 10
    assert [d.free_hours for d in found.days] == [8.0] * 10
    assert all(d.utilisation == 0 for d in found.days)
    assert found.plans == {}


def test_attention_is_reserved_each_day_and_a_clients_task_uses_it_up() -> None:
    # T1 (3 h, Acme) fits today: it takes Acme's 0.8 h reserved today first (and would take the rest
    # of week 48, which has no other day here), so today holds 3 h, not 3 + 0.8.
    task = Task(id=1, title="Plan", client_id=1, project_id=1, due=MON, estimate_hours=3.0)
    found = build_schedule(make_book(ACME, KICKOFF, task, **FOUR), TODAY)
    assert parts(found, 1) == [(TODAY, 3.0)]
    assert hours_by_day(found, "attention_hours")[TODAY] == 0.0
    assert hours_by_day(found, "scheduled_hours")[TODAY] == 3.0
    assert [d.attention_hours for d in found.days[1:6]] == [0.8] * 5  # week 49 keeps its 4 h
    assert found.attention.weekly_hours == 4.0


def test_a_clients_task_uses_the_attention_of_its_whole_week() -> None:
    # 2 h on Monday (its start date): Monday's 0.8 h, then 1.2 h of the 3.2 h left for the rest of
    # the week; the 2 h left spread over Tuesday to Friday, 0.5 h a day: the week still holds
    # Acme's 4 h in all (2 h of the task and 2 h of attention).
    task = Task(id=1, title="Workshop prep", client_id=1, due=FRI, start_on=MON, estimate_hours=2.0)
    found = build_schedule(make_book(ACME, KICKOFF, task, **FOUR), TODAY)
    assert parts(found, 1) == [(MON, 2.0)]
    attention = hours_by_day(found, "attention_hours")
    assert [attention[d] for d in (MON, TUE, WED, THU, FRI)] == [0.0, 0.5, 0.5, 0.5, 0.5]
    assert sum(attention[d] for d in (MON, TUE, WED, THU, FRI)) + 2.0 == 4.0


def test_a_meeting_with_a_clients_contact_uses_its_attention_and_takes_capacity() -> None:
    contact = Contact(id=1, client_id=1, name="Ana", email="Ana@Acme.example")
    meeting = Meeting(
        datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 11), "Acme sync", attendees=frozenset({"ana@acme.example"})
    )
    found = build_schedule(make_book(ACME, KICKOFF, contact, **FOUR), TODAY, [meeting])
    monday = found.day(MON)
    assert monday is not None
    # 8 h less the 1 h meeting = 7 h. The meeting is 1 h of Acme's 4 h of week 49: 3 h are left to
    # spread over the week by capacity (7 + 8 x 4 = 39 h): Monday 3 x 7/39 = 0.54 h, Tuesday
    # (3 - 0.54) x 8/32 = 0.61 h, and so on; the week holds 4 h in all, the meeting included.
    assert (monday.capacity_hours, monday.meeting_hours, monday.attention_hours) == (7.0, 1.0, 0.54)
    week = [d.attention_hours for d in found.days[1:6]]
    assert week == [0.54, 0.61, 0.62, 0.61, 0.62]
    assert round(sum(week) + 1.0, 2) == 4.0


def test_attention_follows_the_hours_at_work() -> None:
    # An expo takes 6 h of Monday: 2 h at work, so Monday carries 4 h x 2/40 = 0.2 h of attention.
    from acct_tui.domain.records import Event

    expo = Event(id=1, title="Expo", start=MON, end=MON, hours=6.0)
    found = build_schedule(make_book(ACME, KICKOFF, expo, **FOUR), TODAY)
    assert (found.days[1].capacity_hours, found.days[1].attention_hours) == (2.0, 0.2)


def test_overdue_tasks_are_placed_as_soon_as_there_is_room_not_all_on_today() -> None:
    # Earliest due first: A (Tue 24) 5 h today; B (Wed 25) 3 h today and 2 h Monday; C (Thu 26) 5 h Monday.
    book = make_book(
        Task(id=1, title="A", due=day(-3), estimate_hours=5.0),
        Task(id=2, title="B", due=day(-2), estimate_hours=5.0),
        Task(id=3, title="C", due=day(-1), estimate_hours=5.0),
    )
    found = build_schedule(book, TODAY)
    assert parts(found, 1) == [(TODAY, 5.0)]
    assert parts(found, 2) == [(TODAY, 3.0), (MON, 2.0)]
    assert parts(found, 3) == [(MON, 5.0)]
    assert [found.plans[i].done_on for i in (1, 2, 3)] == [TODAY, MON, MON]
    assert all(found.plans[i].late for i in (1, 2, 3))  # overdue: late whenever they are done
    assert hours_by_day(found, "scheduled_hours")[TODAY] == 8.0
    assert hours_by_day(found, "scheduled_hours")[MON] == 7.0


def test_a_task_longer_than_the_free_time_is_split_but_short_ones_are_not() -> None:
    book = make_book(
        Task(id=1, title="Long", due=MON, estimate_hours=7.3),
        Task(id=2, title="One hour", due=TUE, estimate_hours=1.0),  # 0.7 h left today: waits for Monday
        Task(id=3, title="Half hour", due=TUE, estimate_hours=0.5),  # fits in the 0.7 h left
        Task(id=4, title="Report", due=WED, estimate_hours=12.0),
    )
    found = build_schedule(book, TODAY)
    assert parts(found, 1) == [(TODAY, 7.3)]
    assert parts(found, 2) == [(MON, 1.0)]
    assert parts(found, 3) == [(TODAY, 0.5)]
    # Monday has 7 h left after "One hour", Tuesday the rest: a part never leaves less than 0.5 h
    assert parts(found, 4) == [(MON, 7.0), (TUE, 5.0)]
    assert found.plans[4].done_on == TUE and not found.plans[4].late


def test_never_before_its_start_date_and_undated_work_last() -> None:
    book = make_book(
        Task(id=1, title="Later", due=THU, start_on=TUE, estimate_hours=2.0),
        Task(id=2, title="Someday", estimate_hours=6.0),
        Task(id=3, title="Dated", due=THU, estimate_hours=6.0),
    )
    found = build_schedule(book, TODAY)
    assert parts(found, 1) == [(TUE, 2.0)]
    assert parts(found, 3) == [(TODAY, 6.0)]
    assert parts(found, 2) == [(TODAY, 2.0), (MON, 4.0)]
    assert not found.plans[2].late  # no due date, never late


def test_a_meeting_task_is_held_on_its_date_even_when_the_day_is_full() -> None:
    book = make_book(
        Task(id=1, title="Steering meeting", due=MON, estimate_hours=3.0, kind=TaskKind.MEETING),
        Task(id=2, title="Workshop", due=MON, start_on=MON, estimate_hours=6.0),  # starts on its due day: pinned too
        Task(id=3, title="Notes", due=WED, estimate_hours=8.0),
    )
    found = build_schedule(book, TODAY)
    assert parts(found, 1) == [(MON, 3.0)]
    assert parts(found, 2) == [(MON, 6.0)]
    assert found.plans[1].pinned and found.plans[2].pinned
    monday = found.day(MON)
    assert monday is not None and monday.over  # 9 h of pinned work on an 8 h day
    assert monday.utilisation == 9.0 / 8.0
    # "Notes" is not pinned: today has the room
    assert parts(found, 3) == [(TODAY, 8.0)]


def test_follow_up_checks_go_on_the_first_working_day_from_their_date() -> None:
    book = make_book(
        StaffMember(id=1, name="Sam"),
        Task(id=1, title="Late check", follow_up=day(-2), due=day(9), assignee_id=1),  # passed: today
        Task(id=2, title="Weekend check", follow_up=day(1), assignee_id=1),  # Saturday: Monday
        Task(id=3, title="Due check", due=TUE, assignee_id=1),  # no follow-up: its due date
        Task(id=4, title="Done", follow_up=TUE, assignee_id=1, status=TaskStatus.DONE, done_on=day(-1)),
    )
    found = build_schedule(book, TODAY)
    checks = {d.date: [c.task_id for c in d.checks] for d in found.days if d.checks}
    assert checks == {TODAY: [1], MON: [2], TUE: [3]}
    assert found.days[0].check_hours == 0.25
    assert found.plans == {}  # delegated work is not the account manager's to schedule


def test_tasks_done_today_count_today_and_use_their_clients_attention() -> None:
    done = Task(id=1, title="Call", client_id=1, due=TODAY, estimate_hours=0.5, status=TaskStatus.DONE, done_on=TODAY)
    found = build_schedule(make_book(ACME, KICKOFF, done, **FOUR), TODAY)
    first = found.days[0]
    assert (first.done_hours, first.done_task_ids) == (0.5, (1,))
    assert first.attention_hours == 0.3  # 0.8 reserved, 0.5 of it given in the call
    assert first.scheduled_hours == 0.8


def test_a_task_that_cannot_fit_in_the_schedule_has_no_day() -> None:
    settings = {"schedule": {"horizon_days": 5, "lookahead_days": 0}}
    book = make_book(Task(id=1, title="Huge", due=MON, estimate_hours=60.0), **settings)
    found = build_schedule(book, TODAY)
    assert found.plans[1].placed_hours == 40.0  # five days of 8 h
    assert found.plans[1].done_on is None and found.plans[1].late
    assert found.last_day == THU
