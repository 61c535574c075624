"""Dates as people type them (TODAY is Friday 2026-11-27)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from acct_tui.domain.dates import iso_week, week_monday
from acct_tui.domain.parsing import parse_day, parse_when
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        ("01.12.2026", date(2026, 12, 1)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 28)),
        ("yesterday", date(2026, 11, 26)),
        ("+3d", date(2026, 11, 30)),
        ("+3", date(2026, 11, 30)),
        ("-2d", date(2026, 11, 25)),
        ("+2w", date(2026, 12, 11)),
        ("mon", date(2026, 11, 30)),
        ("fri", date(2026, 12, 4)),  # a weekday is the next one after today
        ("Thursday", date(2026, 12, 3)),
        ("th", date(2026, 12, 3)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "soon", "2026-13-01", "31.2.2026", "+", "t", "12/01/2026"])
def test_parse_day_refuses_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="2026-12-01|not a real date"):
        parse_day(text, TODAY)


def test_parse_when() -> None:
    assert parse_when("2026-11-27 14:30", TODAY) == datetime(2026, 11, 27, 14, 30)
    assert parse_when("today 9:05", TODAY) == datetime(2026, 11, 27, 9, 5)
    assert parse_when("tomorrow", TODAY) == datetime(2026, 11, 28, 9, 0)
    with pytest.raises(ValueError, match="not a time"):
        parse_when("today 25:99", TODAY)


def test_iso_weeks() -> None:
    assert iso_week(TODAY) == "2026-W48"
    assert week_monday("2026-W48") == date(2026, 11, 23)
    assert week_monday("2027-w01") == date(2027, 1, 4)
    with pytest.raises(ValueError, match="not an ISO week"):
        week_monday("2026-48")
    with pytest.raises(ValueError, match="not a week of that year"):
        week_monday("2025-W53")
