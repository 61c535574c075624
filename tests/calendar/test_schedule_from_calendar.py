"""A calendar file, read and planned: the hours each day keeps for tasks, worked out by hand.

week.ics is the hand-built week of Monday 23 to Sunday 29 November 2026 (tests/calendar/
test_meetings.py lists its meetings in local time). The default working day is 09:00-17:30 less
the 12:30-13:00 lunch: 8 h.
"""

from __future__ import annotations

from datetime import date

from acct_tui.domain.capacity import day_capacities
from acct_tui.domain.enums import Stage
from acct_tui.domain.overview import last_touches
from acct_tui.domain.records import Client, Contact, Task
from acct_tui.domain.schedule import build_schedule
from acct_tui.domain.settings import Settings
from tests.calendar.helpers import read
from tests.domain.workload_books import make_book, project

MONDAY = date(2026, 11, 23)
DAYS = [date(2026, 11, 23 + n) for n in range(5)]
ME = "Me@Agency.example"


def test_each_day_keeps_the_hours_its_meetings_leave() -> None:
    meetings = read("week.ics", first=MONDAY, last=date(2026, 11, 29), my_addresses=[ME]).meetings
    caps = day_capacities(Settings().capacity, (), meetings, DAYS)
    # Mon: the 08:45 check-in is before the window (0); "Lunch and learn" 12:00-12:30 is before the
    #      break (0.5 h); the birthday is a free all-day event: 8 - 0.5 = 7.5 h.
    # Tue: the workshop 11:30-19:00 takes 11:30-12:30 and 13:00-17:30 (5.5 h); the moved planning
    #      14:00-15:00 lies inside it (counted once): 8 - 5.5 = 2.5 h.
    # Wed: the New York call 15:00-16:00 (09:00 EST): 8 - 1 = 7 h; the cancelled planning is gone.
    # Thu and Fri: the trade fair, all-day and marked busy: away, 0 h (Thursday's dentist at 16:30,
    # 0.5 h, and Friday's planning 09:30-10:30, budget review 11:00-11:45 and client lunch
    # 14:00-15:00, 2.75 h, are still counted as meetings).
    assert [caps[day].meeting_hours for day in DAYS] == [0.5, 5.5, 1.0, 0.5, 2.75]
    assert [caps[day].hours for day in DAYS] == [7.5, 2.5, 7.0, 0.0, 0.0]
    assert caps[DAYS[3]].away == "Trade fair"


def test_tasks_go_where_the_calendar_leaves_room() -> None:
    meetings = read("week.ics", first=MONDAY, last=date(2026, 11, 29), my_addresses=[ME]).meetings
    # A 12 h report due Friday, from Monday: 7.5 h Monday, 2.5 h Tuesday, 2 h Wednesday (done
    # Wednesday, on time); the trade fair leaves Thursday and Friday without room.
    book = make_book(Task(id=1, title="Report", due=date(2026, 11, 27), estimate_hours=12.0))
    schedule = build_schedule(book, MONDAY, meetings)
    assert [(part.day.day, part.hours) for part in schedule.plans[1].parts] == [(23, 7.5), (24, 2.5), (25, 2.0)]
    assert not schedule.plans[1].late


def test_a_meeting_with_a_clients_contact_touches_it_and_uses_its_attention() -> None:
    meetings = read("week.ics", first=MONDAY, last=date(2026, 11, 29), my_addresses=[ME]).meetings
    # Ben, a contact of Acme's, attends the weekly planning: its moved instance (Tuesday) lists no
    # attendees, so only Friday's, 09:30-10:30, is time with Acme. Acme's Kickoff asks 3 h a week;
    # the trade fair leaves 24 h at work: a pool of 3 x 24/40 = 1.8 h, less Friday's meeting (1 h):
    # 0.8 h spread by capacity (7.5, 2.5, 7 h): Monday 0.8 x 7.5/17 = 0.35 h, Tuesday
    # 0.45 x 2.5/9.5 = 0.12 h, Wednesday the 0.33 h left.
    book = make_book(
        Client(id=1, name="Acme"),
        Contact(id=1, client_id=1, name="Ben", email="ben.ortiz@client.example"),
        project(1, 1, Stage.KICKOFF, entered=-10),
    )
    schedule = build_schedule(book, MONDAY, meetings)
    attention = {d.date.day: d.attention_hours for d in schedule.days[:5]}
    assert (attention[23], attention[24], attention[25]) == (0.35, 0.12, 0.33)
    assert last_touches(book, date(2026, 11, 27), meetings) == {1: date(2026, 11, 27)}  # Friday's planning too
