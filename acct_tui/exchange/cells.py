"""How one CSV cell becomes a value: by its column's kind, with the domain's one parser.

Numbers and dates are read by `acct_tui.domain.parsing`, as the planner's forms read them, so a
number is read as its field can hold it (money to the cent; "1,500" hours is 1.5) and a date
with slashes by the file's date order. Each reader raises ValueError with words for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from acct_tui.domain.parsing import DateOrder, number_field, parse_day, parse_number, parse_when
from acct_tui.domain.records import TABLES
from acct_tui.exchange.columns import Column, choice
from acct_tui.exchange.crm import crm_done, crm_kind, crm_status, salesforce_opportunity

_TAG_SEPARATORS = re.compile(r"[;,|]")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?$")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}


def yes_no(cell: str) -> bool:
    value = cell.casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError("must be yes or no")


def tags(cell: str) -> tuple[str, ...]:
    """Tags separated by ";", "," or "|"."""
    return tuple(tag.strip() for tag in _TAG_SEPARATORS.split(cell) if tag.strip())


def record_id(cell: str) -> int:
    """An id of a record of this book: a whole number, as acct-tui's CSV export writes it."""
    if not cell.isascii() or not cell.isdigit():
        raise ValueError(
            "is not an acct-tui id (a whole number, as in a CSV export of this book); "
            'another program\'s ids go in a column mapped to "crm_id" with --map'
        )
    return int(cell)


def minutes_of(cell: str) -> int:
    """A duration: "1:30" (hours and minutes), "0:05:30" (with seconds), or a number of minutes."""
    match = _CLOCK.match(cell.strip())
    if match is None:
        value = parse_number(cell)
        if value < 0:
            raise ValueError("must be at least 0")
        return round(value)
    hours, minutes, seconds = match.groups()
    if hours is None:  # "1:30": hours and minutes
        return int(minutes) * 60 + int(seconds)
    return int(hours) * 60 + int(minutes) + (int(seconds) + 30) // 60


def json_value(cell: str) -> Any:
    try:
        return orjson.loads(cell)
    except orjson.JSONDecodeError:
        raise ValueError("is not JSON (as acct-tui's CSV export writes this column)") from None


@dataclass(frozen=True, slots=True)
class CellReader:
    """Reads the cells of one file for one table."""

    table: str
    today: date
    order: DateOrder | None
    external_id: Callable[[str], str]
    """A CRM id of the file -> the external id it is."""

    def read(self, column: Column, cell: str) -> Any:
        """The value of a non-empty, trimmed `cell`; for a money field an Amount (with its currency)."""
        kind = column.kind
        if kind == "text":
            return cell
        if kind in ("id", "ref"):
            return record_id(cell)
        if kind == "day":
            return parse_day(cell, self.today, self.order)
        if kind == "moment":
            return parse_when(cell, self.today, None, self.order)
        if kind == "number":
            reader = number_field(TABLES[self.table], column.field)
            return reader.amount(cell) if reader.money else reader.read(cell)
        if kind == "yes_no":
            return yes_no(cell)
        if kind == "tags":
            return tags(cell)
        if kind == "choice":
            return choice(cell)
        if kind == "json":
            return json_value(cell)
        if kind == "duration":
            return minutes_of(cell)
        if kind == "seconds":
            return round(parse_number(cell) / 60)
        if kind == "crm_id":
            first = re.split(r"[;,]", cell)[0].strip()
            return self.external_id(first)
        if kind == "sf_what":  # a task's related record: an opportunity is its project, the rest is not
            return self.external_id(cell) if salesforce_opportunity(cell) else None
        if kind == "crm_status":
            return crm_status(cell)
        if kind == "crm_done":
            return crm_done(cell)
        return crm_kind(cell)
