"""The demo book with its calendar, and a generated person's book, read as a busy, normal fortnight
whatever the weekday they are opened on: most working days between 70% and 110%, a few over,
a handful of promises at risk (the demo has four overdue by design)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from acct_tui.calendars import Calendars
from acct_tui.demo import write_demo_book, write_demo_calendar
from acct_tui.domain.workload import Assessment, assess
from acct_tui.generate import PERSON, write_generated_book
from acct_tui.store.repository import Repository

MONDAY = date(2026, 11, 30)
WEEKDAYS = [MONDAY + timedelta(days=n) for n in range(5)]


def _normal(assessment: Assessment) -> tuple[int, int]:
    """(working days read between 70% and 110%, working days): a day away (no capacity) is not one."""
    working = [day for day in assessment.days if day.capacity_hours > 0]
    return sum(0.7 <= day.utilisation <= 1.1 for day in working), len(working)


@pytest.mark.parametrize("today", WEEKDAYS, ids=lambda d: f"{d:%a}")
def test_the_demo_reads_as_a_busy_normal_fortnight(tmp_path: Path, today: date) -> None:
    repo = Repository.open(write_demo_book(tmp_path / "demo.json", today), read_only=True, today=today)
    found = Calendars.of(repo.settings, [write_demo_calendar(tmp_path / "demo.ics", today)]).read(today, repo.settings)
    assert found.problems == ()
    assessment = assess(repo.book, today, found.meetings)
    normal, working = _normal(assessment)
    assert working == 9  # ten working days, the last at a trade fair
    assert normal >= 7
    assert any(day.over for day in assessment.days)  # the day at Vina Textiles' factory
    assert 12 <= sum(day.meeting_hours for day in assessment.days) <= 22  # about 8 h of meetings a week
    assert 4 <= len(assessment.at_risk) <= 10  # four overdue by design
    assert 25 <= assessment.stress.total <= 55


@pytest.mark.parametrize("today", WEEKDAYS, ids=lambda d: f"{d:%a}")
def test_a_generated_persons_book_reads_as_a_busy_normal_fortnight(tmp_path: Path, today: date) -> None:
    path = write_generated_book(tmp_path / "person.json", clients=15, seed=1, today=today, shape=PERSON)
    assessment = assess(Repository.open(path, read_only=True, today=today).book, today)
    normal, working = _normal(assessment)
    assert normal >= working - 2
    assert len(assessment.at_risk) <= 6
    assert assessment.stress.total <= 45
