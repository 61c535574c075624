"""Staff leave and leaving: capacity less the days away, no delegation to whoever is away or gone.

TODAY is Friday 27 November 2026. Sam works 40 h a week over the default five work days: 8 h a day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from acct_tui.domain.enums import Priority, TaskKind
from acct_tui.domain.records import Leave, StaffMember, Task
from acct_tui.domain.risks import Delegate
from acct_tui.domain.staffing import StaffRoom, away, staff_loads
from acct_tui.domain.workload import assess
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book

MON, TUE, WED, THU, FRI = day(3), day(4), day(5), day(6), day(7)
WEDNESDAY = day(-2)


def sam(**fields: Any) -> StaffMember:
    return StaffMember(id=1, name="Sam", **{"weekly_capacity": 40.0, **fields})


def test_leave_takes_its_working_days_out_of_the_room() -> None:
    member = sam(leave=(Leave(start=MON, end=TUE, reason="holiday"),))
    room = StaffRoom(make_book(member), TODAY)
    # Friday 27 to Friday 4 Dec: Fri, Mon, Tue, Wed, Thu, Fri = 6 working days; less Mon and Tue: 4 x 8 h
    assert room.days_left(FRI) == 6
    assert room.days_left(FRI, member) == 4
    assert room.capacity(member, FRI) == 32.0
    # a leave over a weekend costs only its working days: Sat 28 to Mon 30 is Monday alone, 4 days left
    weekend = sam(leave=(Leave(start=day(1), end=MON),))
    assert StaffRoom(make_book(weekend), TODAY).capacity(weekend, FRI) == 40.0


def test_the_weeks_staff_load_counts_the_days_at_work() -> None:
    book = make_book(
        sam(leave=(Leave(start=TODAY, end=TODAY, reason="sick"),)),
        StaffMember(id=2, name="Kim", weekly_capacity=20.0, leave=(Leave(start=day(-1), end=day(-1)),)),
        StaffMember(id=3, name="Lou", weekly_capacity=40.0, left_on=TODAY),
        StaffMember(id=4, name="Max", weekly_capacity=40.0, left_on=day(-10)),
        Task(id=1, title="A", due=TODAY, estimate_hours=6.0, assignee_id=1),
        Task(id=2, title="B", due=TODAY, estimate_hours=3.0, assignee_id=3),  # still Lou's: shown
    )
    loads = {load.name: load for load in staff_loads(book, WEDNESDAY)}
    # From Wednesday: Sam is away Friday, so Wed + Thu = 2 x 8 h = 16 h; Kim is away Thursday:
    # Wed + Fri of 20 h a week = 2 x 4 h = 8 h; Lou leaves on Friday: Wed + Thu = 16 h.
    assert (loads["Sam"].capacity_hours_week, loads["Sam"].load_hours_week) == (16.0, 6.0)
    assert loads["Sam"].away == "on leave Fri 27 Nov to Fri 27 Nov (sick)"
    assert loads["Kim"].capacity_hours_week == 8.0
    assert loads["Kim"].away == "on leave Thu 26 Nov to Thu 26 Nov"
    assert (loads["Lou"].capacity_hours_week, loads["Lou"].away) == (16.0, "leaves on Fri 27 Nov")
    assert "Max" not in loads  # gone before this week, nothing open
    today = {load.name: load for load in staff_loads(book, TODAY)}
    assert (today["Sam"].capacity_hours_week, today["Sam"].away) == (0.0, "on leave until Fri 27 Nov (sick)")
    assert (today["Lou"].capacity_hours_week, today["Lou"].load_hours_week) == (0.0, 3.0)
    assert today["Lou"].away == "left on Fri 27 Nov"


def test_nobody_on_leave_or_gone_is_offered_delegated_work() -> None:
    # today's 8 h, and more urgent: the report does not fit
    big = Task(id=1, title="Big", due=TODAY, estimate_hours=8.0, priority=Priority.HIGH)
    report = Task(id=2, title="Report", due=TODAY, estimate_hours=2.0, kind=TaskKind.DOCUMENT)

    def delegate_to(*staff: StaffMember) -> str | None:
        risk = next((r for r in assess(make_book(*staff, big, report), TODAY).at_risk if r.task_id == 2), None)
        assert risk is not None
        found = risk.delegate
        assert found is None or isinstance(found, Delegate)
        return found.staff_name if found else None

    assert delegate_to(sam()) == "Sam"
    assert delegate_to(sam(leave=(Leave(start=TODAY, end=MON),))) is None  # away today
    assert delegate_to(sam(left_on=TODAY)) is None
    assert delegate_to(sam(active=False)) is None
    # Kim would have more room (8 h today) but is away today; Sam, with 10 h a week (2 h today), is asked
    kim = StaffMember(id=2, name="Kim", weekly_capacity=40.0, leave=(Leave(start=TODAY, end=TODAY),))
    assert delegate_to(sam(weekly_capacity=10.0), kim) == "Sam"
    assert delegate_to(sam(weekly_capacity=5.0), kim) is None  # 1 h today: not the report's 2 h
    # back today from a leave: asked again
    assert delegate_to(sam(leave=(Leave(start=day(-3), end=day(-1)),))) == "Sam"


def test_gone_and_away() -> None:
    member = sam(left_on=MON, leave=(Leave(start=day(20), end=day(25)),))
    assert (member.gone(TODAY), member.gone(MON), member.available(TODAY), member.available(MON)) == (
        False,
        True,
        True,
        False,
    )
    assert away(member, TODAY) == "leaves on Mon 30 Nov"
    assert away(sam(leave=(Leave(start=day(20), end=day(25)),)), TODAY) == ""  # further than two weeks
    assert away(sam(active=False), TODAY) == "gone"


def test_a_leave_ends_on_or_after_its_start_and_old_staff_records_still_validate() -> None:
    with pytest.raises(ValidationError, match="ends"):
        Leave(start=TUE, end=MON)
    old = StaffMember(id=1, name="Sam")  # a record without the new fields, as older books hold them
    assert (old.leave, old.left_on, old.available(date(2030, 1, 1))) == ((), None, True)
