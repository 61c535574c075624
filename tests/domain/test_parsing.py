"""The one parser of numbers, amounts and dates that the forms and the import share (TODAY is Friday 2026-11-27)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from acct_tui.domain.parsing import (
    AmbiguousDate,
    AmbiguousValue,
    Amount,
    number_field,
    number_text,
    parse_amount,
    parse_day,
    parse_number,
    parse_when,
    slashed_order,
)
from acct_tui.domain.records import Activity, Client, Event, Project, StaffMember, Task
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),  # a space groups thousands, so the comma is the decimal point
        ("1.234,56", 1234.56),  # both: the last one is the decimal point (the form read 1.23456)
        ("1,234.50", 1234.5),
        ("1,234,567", 1234567),  # a repeated separator groups thousands
        ("1.234.567", 1234567),
        ("1'234.50", 1234.5),  # Swiss
        ("12\u00a0000", 12000),  # a no-break space, as spreadsheets write it
        ("7,5%", 7.5),
        ("-3", -3),
        ("0,25", 0.25),
        ("0,500", 0.5),  # a leading 0 cannot start a thousands group: 0.5
        ("1234,567", 1234.567),  # four digits before the comma: not a thousands group
        ("12,50", 12.5),  # two decimals: a decimal comma
        (".5", 0.5),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,500", "is ambiguous: 1500 or 1.5? write 1500, or 1.5 for the decimal"),
        ("1.500", "is ambiguous: 1500 or 1.5? write 1500, or 1.5 for the decimal"),
        ("12,345", "is ambiguous: 12345 or 12.345? write 12345, or 12.3450 for the decimal"),
    ],
)
def test_one_separator_before_three_digits_is_ambiguous_alone(text: str, message: str) -> None:
    with pytest.raises(AmbiguousValue) as refused:
        parse_number(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "message"), [("ten", "is not a number"), ("1,2,3", "grouped by three"), ("1e3", "is not a number")]
)
def test_not_numbers(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


def test_the_field_decides_what_a_separator_before_three_digits_means() -> None:
    # Money is written to the cent, so three digits after the separator group thousands.
    assert number_field(Client, "contract_value").read("55,000") == 55000
    assert number_field(Project, "value").read("1.500") == 1500
    # A task takes at most 200 h: "1,500" can only be 1.5 (1500 h does not fit).
    assert number_field(Task, "estimate_hours").read("1,500") == 1.5
    # A discount is at most 100%: "12,500" can only be 12.5.
    assert number_field(Client, "discount_pct").read("12,500") == 12.5
    # A cadence is a whole number of days: "1,500" can only be 1500 (1.5 days is not whole).
    assert number_field(Client, "cadence_days").read("1,500") == 1500
    # An event takes at most 24 h a day: 2.5.
    assert number_field(Event, "hours").read("2,500") == 2.5
    # A staff member's week is at most 80 h: 37.5.
    assert number_field(StaffMember, "weekly_capacity").read("37.500") == 37.5
    # Minutes: 1000 and 1 both fit, so the value is refused, naming both.
    with pytest.raises(AmbiguousValue, match="1000 or 1"):
        number_field(Activity, "minutes").read("1,000")
    with pytest.raises(ValueError, match="must be a whole number"):
        number_field(Activity, "minutes").read("7,5")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("EUR 48,000.00", Amount(48000, "EUR")),  # a Salesforce report in a multi-currency org
        ("48.000,00 €", Amount(48000, "EUR")),
        ("$1,200", Amount(1200, "USD")),
        ("US$ 1,200.50", Amount(1200.5, "USD")),
        ("1 200 CHF", Amount(1200, "CHF")),
        ("usd48000", Amount(48000, "USD")),
        ("55,000", Amount(55000, None)),
        ("8500.50", Amount(8500.5, None)),
    ],
)
def test_amounts(text: str, amount: Amount) -> None:
    assert parse_amount(text) == amount


def test_bad_amounts() -> None:
    with pytest.raises(ValueError, match="names two currencies"):
        parse_amount("EUR 5 USD")
    with pytest.raises(ValueError, match="is not a number"):
        parse_amount("EUR lots")


def test_number_text_reads_back_as_the_same_value_in_any_field() -> None:
    assert number_text(1.125) == "1.1250"  # "1.125" could be 1125
    assert number_text(1e-05) == "0.00001"  # never an exponent
    assert number_text(1e6) == "1000000"
    assert number_text(1234.567) == "1234.567"  # four digits before the point: not ambiguous
    for value in (1.125, 0.125, 999.125, 12.5, 1e-05, 3.0, 123456.789, 0.1 + 0.2):
        assert parse_number(number_text(value), money=True) == value
        assert parse_number(number_text(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/01", date(2026, 12, 1)),  # year first: never ambiguous
        ("1.12.2026", date(2026, 12, 1)),  # dots: day first
        ("01.12.26", date(2026, 12, 1)),
        ("14 Mar 2024", date(2024, 3, 14)),
        ("14-Mar-2024", date(2024, 3, 14)),
        ("Mar 14, 2024", date(2024, 3, 14)),
        ("March 14th 2024", date(2024, 3, 14)),
        ("3/14/2024", date(2024, 3, 14)),  # 14 cannot be a month: month first
        ("14/3/2024", date(2024, 3, 14)),  # day first
        ("2024-03-14 09:12", date(2024, 3, 14)),  # a time after a date is dropped
        ("today", TODAY),
        ("+2w", date(2026, 12, 11)),
        ("fri", date(2026, 12, 4)),  # the next Friday after today
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


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
def test_what_the_forms_accept(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "soon", "2026-13-01", "31.2.2026", "+", "t", "12/01/2026"])
def test_parse_day_refuses_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="2026-12-01|not a real date"):
        parse_day(text, TODAY)


def test_what_the_forms_accept_with_a_time() -> None:
    assert parse_when("2026-11-27 14:30", TODAY) == datetime(2026, 11, 27, 14, 30)
    assert parse_when("today 9:05", TODAY) == datetime(2026, 11, 27, 9, 5)
    assert parse_when("tomorrow", TODAY) == datetime(2026, 11, 28, 9, 0)
    with pytest.raises(ValueError, match="not a time"):
        parse_when("today 25:99", TODAY)


def test_a_date_with_slashes_that_reads_both_ways() -> None:
    with pytest.raises(AmbiguousDate) as refused:
        parse_day("3/4/2024", TODAY)
    assert str(refused.value) == (
        "is ambiguous: 4 March 2024 (month first) or 3 April 2024 (day first); write 2024-03-04 or 2024-04-03"
    )
    assert parse_day("3/4/2024", TODAY, "mdy") == date(2024, 3, 4)
    assert parse_day("3/4/2024", TODAY, "dmy") == date(2024, 4, 3)
    assert parse_day("4/4/2024", TODAY) == date(2024, 4, 4)  # the same either way
    with pytest.raises(ValueError, match="is not a real date"):
        parse_day("14/3/2024", TODAY, "mdy")  # the order given, and a 14th month
    assert [slashed_order(t) for t in ("14/3/2024", "3/14/2024 9:12 AM", "3/4/2024", "2024-03-14")] == [
        "dmy",
        "mdy",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-14 09:12", datetime(2024, 3, 14, 9, 12)),  # HubSpot
        ("2024-03-14T09:12:30", datetime(2024, 3, 14, 9, 12, 30)),
        ("3/14/2024 9:12 AM", datetime(2024, 3, 14, 9, 12)),  # a Salesforce report
        ("3/14/2024, 12:05 PM", datetime(2024, 3, 14, 12, 5)),
        ("14.3.2024 18:00", datetime(2024, 3, 14, 18, 0)),
        ("today 9:05", datetime(2026, 11, 27, 9, 5)),
        ("tomorrow", datetime(2026, 11, 28, 9, 0)),  # a day alone is 09:00
    ],
)
def test_dates_and_times(text: str, expected: datetime) -> None:
    assert parse_when(text, TODAY) == expected


def test_a_time_with_a_utc_offset_is_turned_into_local_time() -> None:
    # Salesforce Data Loader writes UTC: 23:30 UTC is 06:30 the next day in Vietnam (UTC+7).
    hanoi = timezone(timedelta(hours=7))
    assert parse_when("2024-03-14T23:30:00.000Z", TODAY, zone=hanoi) == datetime(2024, 3, 15, 6, 30)
    assert parse_day("2024-03-14T23:30:00.000Z", TODAY, zone=hanoi) == date(2024, 3, 15)
    assert parse_when("2024-03-14T09:12:00+01:00", TODAY, zone=UTC) == datetime(2024, 3, 14, 8, 12)


@pytest.mark.parametrize("text", ["today 25:99", "2024-03-14 13:00 PM", "2024-03-14 9:3"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time of day"):
        parse_when(text, TODAY)
