"""Numbers, money amounts and dates as people and files write them: the one parser that the forms
and `acct-tui import` share, so "1,500" or "3/4/2024" mean the same wherever they are typed.

Numbers: spaces, apostrophes and underscores group thousands ("12 000", "1'234.50"); with both a
comma and a dot, the last one is the decimal point ("1.234,56", "1,234.56"); a separator that is
repeated groups thousands ("1,234,567"). One comma or dot followed by exactly three digits
("55,000", "1.500") can be a thousands separator or a decimal point: the value decides. A money
amount is written to the cent, so there it groups thousands (55,000 = 55000); for other fields
the reading the field cannot hold is dropped (an estimate of "1,500" hours is 1.5: 1500 is over
the 200 h a task may take); when both readings fit, the value is refused as ambiguous, naming
both. Anything else with one separator is a decimal ("7,5", "0,25", "12.5").

Dates: ISO (2026-12-01, also with "/" or "."), day.month.year (1.12.2026), month names
(14 Mar 2026, Mar 14, 2026), slashes or dashes with the year last (3/14/2026 or 14/3/2026: month
or day first, settled by a part over 12 or by `order`, else refused as ambiguous), and the
relative forms of the forms (today, tomorrow, +3d, +2w, fri). Times: 14:30, 9:12:05, 9:12 PM,
"T" between date and time, and a UTC offset (Z, +01:00), converted to local wall-clock time.

Pure: `today` and `now` are passed in. The one thing read from the machine is its time zone, and
only to convert a time written with a UTC offset when the caller gives no `zone`.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from types import NoneType, UnionType
from typing import Any, Literal, get_args

from pydantic import TypeAdapter, ValidationError

from acct_tui.domain.types import Money

DateOrder = Literal["mdy", "dmy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("mdy", "dmy")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DATE_HELP = "2026-12-01, 1.12.2026, 14 Mar 2026, today, tomorrow, +3d, +2w or a weekday such as fri"
TIME_HELP = "a time such as 14:30 or 2:30 PM"

# --- numbers -----------------------------------------------------------------------------------

_GROUP_MARKS = str.maketrans("", "", " \u00a0\u202f\u2009'\u2019_")
"""Characters that only ever group thousands: spaces (also no-break and thin), apostrophes, "_"."""
_NUMBER_CHARS = re.compile(r"^[0-9.,'\u2019_ \u00a0\u202f\u2009]*[0-9][0-9.,'\u2019_ \u00a0\u202f\u2009]*$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[^0-9][0-9]{3})*$")
_DIGITS = re.compile(r"^[0-9]+$")


class AmbiguousValue(ValueError):
    """A value with two readings, both possible for the field (the message names both)."""


def _plain(value: float) -> str:
    """`value` without an exponent ("0.00001", not "1e-05"), as short as it reads back exactly."""
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def number_text(value: float | int) -> str:
    """The text of a number that `parse_number` reads back as the same value, in any field: a
    plain decimal with a dot, and a fourth decimal where three would look like a thousands group
    ("1.1250", not "1.125")."""
    text = _plain(float(value)) if isinstance(value, float) else str(value)
    whole, dot, decimals = text.lstrip("-").partition(".")
    if dot and len(decimals) == 3 and len(whole) <= 3 and not whole.startswith("0"):
        text += "0"
    return text


def _readings(text: str) -> tuple[float, ...]:
    """What `text` can mean: one value, or (thousands, decimal) when one comma or dot is followed
    by exactly three digits. Raises ValueError when it is not a number."""
    value = text.strip().replace("\u2212", "-")
    sign = -1.0 if value.startswith("-") else 1.0
    raw = value[1:] if value[:1] in ("+", "-") else value
    if not _NUMBER_CHARS.match(raw):
        raise ValueError("is not a number")
    grouped = raw.translate(_GROUP_MARKS) != raw
    commas, dots = raw.count(","), raw.count(".")
    point: str | None
    if commas and dots:
        point = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif commas + dots == 1:
        point = "," if commas else "."
        whole, _, decimals = raw.partition(point)
        if len(decimals) == 3 and not grouped and 1 <= len(whole) <= 3 and not whole.startswith("0"):
            return (sign * float(whole + decimals), sign * float(f"{whole}.{decimals}"))
    else:
        point = None  # no separator, or one that repeats: it groups thousands
    whole, decimals = raw, ""
    if point is not None:
        whole, _, decimals = raw.rpartition(point)
        if point in whole:
            raise ValueError("is not a number")
    if whole and not _DIGITS.match(whole) and not _GROUPED.match(whole):
        raise ValueError("is not a number: thousands are grouped by three digits")
    if decimals and not _DIGITS.match(decimals):
        raise ValueError("is not a number")
    digits = re.sub(r"[^0-9]", "", whole) or "0"
    return (sign * float(f"{digits}.{decimals or '0'}"),)


def _ambiguous(thousands: float, decimal: float) -> AmbiguousValue:
    return AmbiguousValue(
        f"is ambiguous: {_plain(thousands)} or {_plain(decimal)}? "
        f"write {_plain(thousands)}, or {number_text(decimal)} for the decimal"
    )


def parse_number(text: str, fits: Callable[[float], bool] | None = None, *, money: bool = False) -> float:
    """A number as people write it (see the module's docstring). `fits` says whether a reading is
    a value the field can hold; `money` reads one separator before three digits as thousands.

    Raises ValueError (AmbiguousValue when both readings fit) with words for the user.
    """
    readings = _readings(text.strip().removesuffix("%"))
    if len(readings) == 1 or money:
        value = readings[0]
    else:
        fitting = [reading for reading in readings if fits is None or fits(reading)]
        if len(fitting) > 1:
            raise _ambiguous(*readings)
        value = fitting[0] if fitting else readings[0]
    if value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    return value


# --- money -------------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "¥": "JPY", "₫": "VND", "₹": "INR", "₩": "KRW",
    "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "R$": "BRL", "Fr.": "CHF", "zł": "PLN", "₺": "TRY", "฿": "THB",
}  # fmt: skip
"""Symbols written beside an amount, and the currency each one means ("$" alone is taken as USD)."""
_SYMBOLS = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CURRENCY_FIRST = re.compile(rf"^({_SYMBOLS}|[A-Za-z]{{3}}(?=[\s0-9+-]))\s*")
_CURRENCY_LAST = re.compile(rf"\s*({_SYMBOLS}|(?<=[\s0-9])[A-Za-z]{{3}})$")


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount, and the currency written with it (None if none was)."""

    value: float
    currency: str | None = None


def parse_amount(text: str) -> Amount:
    """A money amount: "EUR 48,000.00", "48.000,00 €", "$1,200", "1 200". Raises ValueError."""
    rest = text.strip()
    currencies: list[str] = []
    for pattern in (_CURRENCY_FIRST, _CURRENCY_LAST):
        match = pattern.search(rest)
        if match:
            currencies.append(CURRENCY_SYMBOLS.get(match.group(1)) or match.group(1).upper())
            rest = rest[: match.start()] + rest[match.end() :]
    if len(currencies) > 1:
        raise ValueError("names two currencies")
    return Amount(parse_number(rest, money=True), currencies[0] if currencies else None)


# --- the numbers of one record field ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberField:
    """How the text of one numeric field is read: money or not, whole or not, and the values the
    field can hold (which settle "1,500" when only one of its readings fits)."""

    money: bool = False
    whole: bool = False
    fits: Callable[[float], bool] | None = None

    def amount(self, text: str) -> Amount:
        """The value (and the currency written with it, for money) of `text`. Raises ValueError."""
        found = parse_amount(text) if self.money else Amount(parse_number(text, self.fits))
        if self.whole and not found.value.is_integer():
            raise ValueError("must be a whole number")
        return found

    def read(self, text: str) -> float | int:
        """The value of `text` (an int for a whole-number field). Raises ValueError."""
        value = self.amount(text).value
        return int(value) if self.whole else value


def number_field(cls: type[Any], name: str) -> NumberField:
    """How field `name` of the record or settings class `cls` reads a number (a field this does not
    know reads as a plain number that any reading fits)."""
    return _number_field(cls, name)  # type: ignore[arg-type]  # a class is hashable; mypy does not see it


@cache
def _number_field(cls: Any, name: str) -> NumberField:
    hint = typing.get_type_hints(cls, include_extras=True).get(name)
    options = [arg for arg in get_args(hint) if arg is not NoneType] if _is_optional(hint) else [hint]
    if len(options) != 1 or options[0] is None:
        return NumberField()
    kind = options[0]
    base = get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind
    if base not in (int, float):
        return NumberField()
    check: TypeAdapter[Any] = TypeAdapter(kind)
    whole = base is int

    def fits(value: float) -> bool:
        if whole and not value.is_integer():
            return False
        try:
            check.validate_python(int(value) if whole else value)
        except ValidationError:
            return False
        return True

    return NumberField(money=kind == Money, whole=whole, fits=fits)


def _is_optional(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, UnionType)


# --- dates -------------------------------------------------------------------------------------

_OFFSET_DAYS = re.compile(r"^([+-])\s*([0-9]{1,4})\s*([dw]?)$")
_YEAR_FIRST = re.compile(r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})$")
_DOTTED = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2}|[0-9]{4})$")
_YEAR_LAST = re.compile(r"^([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})$")
_DAY_MONTH_NAME = re.compile(r"^([0-9]{1,2})\.?[ -]([a-z]{3,9})\.?,?[ -]([0-9]{4})$")
_MONTH_NAME_DAY = re.compile(r"^([a-z]{3,9})\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})$")
_TIME = re.compile(
    r"(?:^|[ ,]+|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?\s*([aApP]\.?[mM]\.?)?"
    r"\s*([zZ]|[+-][0-9]{2}:?[0-9]{2})?$"
)
_MONTHS = {name.lower(): number for number, full in enumerate(MONTH_NAMES, start=1) for name in (full, full[:3])}
_MONTHS["sept"] = 9


class AmbiguousDate(ValueError):
    """A date with slashes that reads both month first and day first (3/4/2026)."""


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _real(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise ValueError(f"is not a real date ({err})") from None


def _long(day: date) -> str:
    """14 March 2026, in every locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def slashed_order(text: str) -> DateOrder | None:
    """The order a date with slashes settles by itself: "14/3/2026" is day first, "3/14/2026"
    month first; None when it settles nothing (3/4/2026, 2026-03-14, or not such a date)."""
    match = _YEAR_LAST.match(_split_time(text)[0])
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def _slashed(match: re.Match[str], order: DateOrder | None) -> date:
    first, second, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
    found = order or slashed_order(match.group(0))
    if found is None and first != second:
        month_first = _real(year, first, second)
        day_first = _real(year, second, first)
        raise AmbiguousDate(
            f"is ambiguous: {_long(month_first)} (month first) or {_long(day_first)} (day first); "
            f"write {month_first.isoformat()} or {day_first.isoformat()}"
        )
    if found == "dmy":
        return _real(year, second, first)
    return _real(year, first, second)


def _relative(value: str, today: date) -> date | None:
    if value in ("today", "tod", "now"):
        return today
    if value in ("tomorrow", "tom", "tmr"):
        return today + timedelta(days=1)
    if value == "yesterday":
        return today - timedelta(days=1)
    if match := _OFFSET_DAYS.match(value):
        sign, number, unit = match.groups()
        days = int(number) * (7 if unit == "w" else 1)
        try:
            return today + timedelta(days=days if sign == "+" else -days)
        except OverflowError:
            raise ValueError("is too far away") from None
    if len(value) >= 2:
        for index, name in enumerate(WEEKDAYS):
            if name.startswith(value) and (len(value) >= 3 or value in ("mo", "tu", "we", "th", "fr", "sa", "su")):
                ahead = (index - today.weekday()) % 7 or 7
                return today + timedelta(days=ahead)
    return None


def _day_only(written: str, today: date, order: DateOrder | None) -> date:
    """The date part of a text: a date without a time."""
    value = " ".join(written.lower().split())
    found = _relative(value, today)
    if found is not None:
        return found
    if match := _YEAR_FIRST.match(value):
        return _real(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    if match := _DOTTED.match(value):
        return _real(_year(match.group(3)), int(match.group(2)), int(match.group(1)))
    if match := _YEAR_LAST.match(value):
        return _slashed(match, order)
    if (match := _DAY_MONTH_NAME.match(value)) and match.group(2) in _MONTHS:
        return _real(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    if (match := _MONTH_NAME_DAY.match(value)) and match.group(1) in _MONTHS:
        return _real(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    raise ValueError(f"is not a date: use {DATE_HELP}")


def _split_time(text: str) -> tuple[str, re.Match[str] | None]:
    """The date part of `text` and the time at its end, if it has one."""
    value = text.strip()
    match = _TIME.search(value)
    if match is None:
        return value, None
    return value[: match.start()].rstrip(" ,"), match


def _clock(match: re.Match[str], day: date, zone: tzinfo | None) -> datetime:
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f"is not a time of day: {hour} {meridiem.upper()} is no hour")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        raise ValueError(f"is not a time of day: use {TIME_HELP}") from None
    offset = match.group(5)
    if offset is None:
        return moment
    utc_offset = "+00:00" if offset in ("z", "Z") else f"{offset[:3]}:{offset[-2:]}"
    aware = datetime.fromisoformat(moment.isoformat() + utc_offset)
    return aware.astimezone(zone).replace(tzinfo=None)


def parse_day(text: str, today: date, order: DateOrder | None = None, zone: tzinfo | None = None) -> date:
    """A date from what a person types or a file holds (see the module's docstring). A time after
    it is allowed and dropped, after a UTC offset is converted to `zone` (default: the machine's).

    `order` settles dates with slashes that read both ways; without it they are refused
    (AmbiguousDate). Raises ValueError with a message that lists the accepted forms.
    """
    day_part, time = _split_time(text)
    day = _day_only(day_part, today, order)
    if time is not None and time.group(5) is not None:
        return _clock(time, day, zone).date()
    return day


def parse_when(
    text: str,
    today: date,
    now: datetime | None = None,
    order: DateOrder | None = None,
    zone: tzinfo | None = None,
) -> datetime:
    """A date and time: "2026-11-27 14:30", "3/14/2026 9:12 AM", "2026-11-27T14:30:00Z" (in local
    time: `zone`, by default the machine's), "today 9:00", "now", or a day alone (at 09:00)."""
    if text.strip().lower() == "now":
        return (now or datetime.combine(today, datetime.min.time())).replace(second=0, microsecond=0)
    day_part, time = _split_time(text)
    if time is None and re.search(r"[0-9]:[0-9]", text):
        raise ValueError("is not a time of day: use 2026-11-27 14:30 or today 9:00")
    day = _day_only(day_part, today, order)
    if time is None:
        return datetime.combine(day, datetime.min.time()).replace(hour=9)
    return _clock(time, day, zone)
