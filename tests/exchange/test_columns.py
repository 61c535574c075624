"""How cells become values, and the column names of each table."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from acct_tui.exchange.columns import COLUMNS, choice, day, header_key, moment, number, tags, whole, yes_no


def test_no_header_name_means_two_columns() -> None:
    for table, columns in COLUMNS.items():
        names = [header_key(name) for column in columns for name in column.names]
        assert len(names) == len(set(names)), table


def test_header_names_compare_loosely() -> None:
    assert header_key("  Renewal_DATE ") == header_key("renewal-date") == "renewal date"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1.234,50", 1234.5),
        ("1,234.50", 1234.5),
        ("1,234,567", 1234567),
        ("1.234.567", 1234567),
        ("7,5%", 7.5),
        ("-3", -3),
        ("0,25", 0.25),
    ],
)
def test_numbers(cell: str, value: float) -> None:
    assert number(cell) == value


@pytest.mark.parametrize(
    ("cell", "message"), [("1,500", "is ambiguous"), ("ten", "is not a number"), ("1,2,3", "is not")]
)
def test_bad_numbers(cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        number(cell)


def test_dates_and_times() -> None:
    assert day("2026-12-01") == day("1.12.2026") == date(2026, 12, 1)
    assert moment("2026-11-27T14:30:15") == datetime(2026, 11, 27, 14, 30, 15)
    assert moment("27.11.2026 8:05") == datetime(2026, 11, 27, 8, 5)
    assert moment("27.11.2026") == datetime(2026, 11, 27, 9, 0)
    for bad in ("2026-13-01", "12/01/2026", "20261201", "2026-W48-1"):
        with pytest.raises(ValueError):
            day(bad)
    with pytest.raises(ValueError, match="is not a real time of day"):
        moment("2026-11-27 25:00")


def test_other_kinds() -> None:
    assert whole("30") == 30
    with pytest.raises(ValueError, match="must be a whole number"):
        whole("2.5")
    assert (yes_no("Yes"), yes_no("x"), yes_no("FALSE")) == (True, True, False)
    with pytest.raises(ValueError, match="must be yes or no"):
        yes_no("maybe")
    assert tags("a; b,c | d") == ("a", "b", "c", "d")
    assert choice("Follow-up") == choice(" follow  up ") == "follow_up"
