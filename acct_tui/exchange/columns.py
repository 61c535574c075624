"""The columns `acct-tui import` understands, per table, and how their cells become values.

Header names are matched case-insensitively, with "_", "-" and runs of spaces taken as one space,
so "Renewal date", "renewal_date" and "RENEWAL-DATE" are the same column. The first name of each
column is the documented one; the others are aliases seen in spreadsheets and CRM exports.
`client`, `project` and `assignee` hold names, which the import turns into ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

DATE_FORMS = "2026-12-01 or 1.12.2026"

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_AMBIGUOUS = re.compile(r"^-?\d{1,3},\d{3}$")
_COMMA_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_DOT_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3}){2,}$")
_TAG_SEPARATORS = re.compile(r"[;,|]")

Parser = Callable[[str], Any]
"""Turns a non-empty, trimmed cell into a value; raises ValueError with words for people."""


def text(cell: str) -> str:
    return cell


def day(cell: str) -> date:
    """A date written 2026-12-01 (ISO) or 1.12.2026 (day.month.year)."""
    match = _ISO_DAY.match(cell)
    if match:
        year, month, dom = (int(g) for g in match.groups())
    elif match := _DOTTED_DAY.match(cell):
        dom, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"is not a date (expected {DATE_FORMS})")
    try:
        return date(year, month, dom)
    except ValueError:
        raise ValueError("is not a real date") from None


def moment(cell: str) -> datetime:
    """A date and time: "2026-11-27 14:30" (or with T, or seconds), "27.11.2026 14:30"; a day alone is 09:00."""
    day_part, _, time_part = cell.replace("T", " ", 1).partition(" ")
    found = day(day_part)
    time_part = time_part.strip()
    if not time_part:
        return datetime(found.year, found.month, found.day, 9, 0)
    match = _TIME.match(time_part)
    if not match:
        raise ValueError(f"is not a date and time (expected {DATE_FORMS}, then a time such as 14:30)")
    hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return datetime(found.year, found.month, found.day, hour, minute, second)
    except ValueError:
        raise ValueError("is not a real time of day") from None


def number(cell: str) -> float:
    """A number; "%" and spaces as thousands separators are ignored. A dot is a decimal point; a
    single comma is a decimal comma unless three digits follow it ("1,500" is refused as ambiguous)."""
    value = cell.removesuffix("%").replace("\u00a0", "").replace(" ", "").replace("'", "")
    if "," in value and "." in value:
        thousands = "," if value.rfind(",") < value.rfind(".") else "."
        value = value.replace(thousands, "").replace(",", ".")
    elif _AMBIGUOUS.match(value):
        raise ValueError("is ambiguous: write 1500 or 1.5")
    elif _COMMA_THOUSANDS.match(value) or _DOT_THOUSANDS.match(value):
        value = value.replace(",", "").replace(".", "")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        raise ValueError("is not a number") from None


def whole(cell: str) -> int:
    value = number(cell)
    if not value.is_integer():
        raise ValueError("must be a whole number")
    return int(value)


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


def choice(cell: str) -> str:
    """One of a closed list (tier, stage, kind...): "Follow up" and "follow-up" mean follow_up."""
    return "_".join(cell.casefold().replace("-", " ").split())


def header_key(name: str) -> str:
    """How a header name is compared: case-insensitive, "_" and "-" as spaces, spaces collapsed."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


@dataclass(frozen=True, slots=True)
class Column:
    """One importable column: the record field it fills and the header names that mean it."""

    field: str
    names: tuple[str, ...]
    parse: Parser = text
    required: bool = False

    @property
    def name(self) -> str:
        """The documented header name."""
        return self.names[0]


REFERENCES = {"client": "client_id", "project": "project_id", "assignee": "assignee_id"}
"""Columns that name a record of another table, and the id field they fill."""

_ID = Column("id", ("id",), whole)
_CLIENT_NAMES = (
    "client", "company", "account", "client name", "company name", "account name", "organisation", "organization",
)  # fmt: skip
_NOTES = Column("notes", ("notes", "note", "comments", "comment"))
_CREATED = Column("created_on", ("created on", "created", "since"), day)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "clients": (
        _ID,
        Column("name", ("name", *_CLIENT_NAMES), required=True),
        Column("tier", ("tier", "client tier"), choice),
        Column("status", ("status", "client status"), choice),
        Column("industry", ("industry", "sector")),
        Column("contract_value", ("contract value", "annual value", "acv", "value"), number),
        Column("currency", ("currency",)),
        Column("renewal_date", ("renewal date", "renewal", "renews on"), day),
        Column("discount_pct", ("discount pct", "discount", "discount %", "discount percent"), number),
        Column("discount_reason", ("discount reason",)),
        Column("discount_approved_by", ("discount approved by", "approved by")),
        Column("discount_approved_on", ("discount approved on", "approved on"), day),
        Column("cadence_days", ("cadence days", "cadence", "touch cadence"), whole),
        Column("tags", ("tags", "labels"), tags),
        _NOTES,
        Column("created_on", ("created on", "created", "client since", "since"), day),
    ),
    "contacts": (
        _ID,
        Column("client", _CLIENT_NAMES, required=True),
        Column("name", ("name", "contact", "contact name", "full name", "person"), required=True),
        Column("role", ("role", "title", "job title", "position")),
        Column("email", ("email", "e mail", "mail", "email address")),
        Column("phone", ("phone", "telephone", "tel", "mobile", "phone number")),
        Column("primary", ("primary", "primary contact", "main contact"), yes_no),
        _NOTES,
    ),
    "projects": (
        _ID,
        Column("client", _CLIENT_NAMES, required=True),
        Column("title", ("title", "project", "project name", "name", "deal"), required=True),
        Column("value", ("value", "deal value", "amount", "project value"), number),
        Column("stage", ("stage", "phase", "pipeline stage"), choice),
        _NOTES,
        _CREATED,
    ),
    "tasks": (
        _ID,
        Column("client", _CLIENT_NAMES),
        Column("project", ("project", "project name", "project title")),
        Column("title", ("title", "task", "name", "subject"), required=True),
        Column("kind", ("kind", "type", "task type"), choice),
        Column("due", ("due", "due date", "deadline", "due on"), day),
        Column("estimate_hours", ("estimate hours", "estimate", "hours", "effort"), number),
        Column("priority", ("priority", "prio"), choice),
        Column("status", ("status",), choice),
        Column("assignee", ("assignee", "assigned to", "delegated to", "owner", "staff")),
        Column("follow_up", ("follow up", "follow up on", "follow up date"), day),
        Column("done_on", ("done on", "completed on", "done date"), day),
        _NOTES,
        _CREATED,
    ),
    "activities": (
        _ID,
        Column("client", _CLIENT_NAMES, required=True),
        Column("project", ("project", "project name", "project title")),
        Column("when", ("when", "date", "date time", "datetime", "time", "timestamp"), moment, required=True),
        Column("summary", ("summary", "subject", "description", "what", "note", "notes"), required=True),
        Column("kind", ("kind", "type", "activity type"), choice),
        Column("minutes", ("minutes", "duration", "duration min", "duration minutes", "mins"), whole),
    ),
}
"""Every importable table's columns, in the order the README lists them."""

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": ("name",),
    "contacts": ("client_id", "name"),
    "projects": ("client_id", "title"),
    "tasks": ("client_id", "project_id", "title", "due"),
    "activities": ("client_id", "when", "summary"),
}
"""What makes a row the same record as one already in the book (when there is no id column)."""

LABEL_FIELDS = {"clients": "name", "contacts": "name", "projects": "title", "tasks": "title", "activities": "summary"}
"""The column a message about a whole row (a duplicate, say) points at."""


def header_index(table: str) -> dict[str, Column]:
    """Every accepted header name of `table` (as `header_key` gives it) and its column."""
    return {header_key(name): column for column in COLUMNS[table] for name in column.names}
