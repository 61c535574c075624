"""The columns `acct-tui import` understands, per table: the record field each fills, and its kind.

Header names are matched case-insensitively, with "_", "-" and runs of spaces taken as one space,
so "Renewal date", "renewal_date" and "RENEWAL-DATE" are the same column. The first name of each
column is the documented one; the others are aliases seen in spreadsheets. Every field of every
record has a column named after it, so a CSV export (`acct-tui export --format csv`) imports back
whole. A few columns fill no field of their own: `client`, `project` and `assignee` hold names
(the import turns them into ids), `first name` and `last name` make the name, and CRM exports add
theirs (`acct_tui.exchange.crm`).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Any, Literal, get_args

from acct_tui.domain.book import REFERENCES as BOOK_REFERENCES
from acct_tui.domain.records import TABLES

Kind = Literal[
    "text", "id", "ref", "day", "moment", "number", "yes_no", "tags", "choice", "json", "duration", "seconds",
    "crm_id", "crm_status", "crm_kind", "crm_done", "sf_what",
]  # fmt: skip
"""How a cell becomes a value (`acct_tui.exchange.cells`)."""


def header_key(name: str) -> str:
    """How a header name is compared: case-insensitive, "_" and "-" as spaces, spaces collapsed."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


def choice(cell: str) -> str:
    """One of a closed list (tier, stage, kind...): "Follow up" and "follow-up" mean follow_up."""
    return "_".join(cell.casefold().replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Column:
    """One importable column: the field it fills, the header names that mean it, and its kind."""

    field: str
    names: tuple[str, ...]
    kind: Kind = "text"
    required: bool = False

    @property
    def name(self) -> str:
        """The documented header name."""
        return self.names[0]


NAME_REFERENCES = {"client": "client_id", "project": "project_id", "assignee": "assignee_id"}
"""Columns that name a record of another table, and the id field they fill."""

CRM_REFERENCES = {"client_crm_id": "client_id", "project_crm_id": "project_id"}
"""Columns that give the CRM's id of a record of another table, and the id field they fill."""

NAME_PARTS = ("first_name", "last_name")
"""Columns joined into the name ("Ana" and "Silva": "Ana Silva")."""

VIRTUAL = {
    "client": "the client's name",
    "project": "the project's title",
    "assignee": "the staff member's name",
    "first_name": "the first name, joined with the last name into the name",
    "last_name": "the last name",
    "crm_id": "the CRM's id of the record (kept as its external id)",
    "client_crm_id": "the CRM's id of the client",
    "project_crm_id": "the CRM's id of the project",
    "deal_status": "open, won or lost",
    "closed_on": "the day a deal was won or lost",
    "details": "more text for the summary (a call's notes)",
    "time_of_day": "the time, when the date is in a column of its own",
    "ends": "the time it ended (its minutes are the time from its start)",
    "done": "whether it was done: a planned (to do) or cancelled activity is left out",
}
"""Columns that fill no record field of their own, and what they hold."""

_CLIENT_NAMES = (
    "client", "company", "account", "client name", "company name", "account name", "organisation", "organization",
)  # fmt: skip
_NOTES = ("notes", "note", "comments", "comment", "description")
_CREATED = ("created on", "created", "since", "create date", "created date")
_FIRST = Column("first_name", ("first name", "firstname", "given name"))
_LAST = Column("last_name", ("last name", "lastname", "surname", "family name"))

_ALIASES: dict[str, tuple[Column, ...]] = {
    "clients": (
        Column("name", ("name", *_CLIENT_NAMES), required=True),
        Column("tier", ("tier", "client tier"), "choice"),
        Column("status", ("status", "client status"), "choice"),
        Column("industry", ("industry", "sector")),
        Column("contract_value", ("contract value", "annual value", "acv", "value"), "number"),
        Column("currency", ("currency",)),
        Column("renewal_date", ("renewal date", "renewal", "renews on"), "day"),
        Column("discount_pct", ("discount pct", "discount", "discount %", "discount percent"), "number"),
        Column("discount_reason", ("discount reason",)),
        Column("discount_approved_by", ("discount approved by", "approved by")),
        Column("discount_approved_on", ("discount approved on", "approved on"), "day"),
        Column("cadence_days", ("cadence days", "cadence", "touch cadence"), "number"),
        Column("tags", ("tags", "labels"), "tags"),
        Column("notes", _NOTES),
        Column("created_on", (*_CREATED, "client since"), "day"),
    ),
    "contacts": (
        Column("client", _CLIENT_NAMES, required=True),
        Column("name", ("name", "contact", "contact name", "full name", "person"), required=True),
        _FIRST,
        _LAST,
        Column("role", ("role", "title", "job title", "position")),
        Column("email", ("email", "e mail", "mail", "email address")),
        Column("phone", ("phone", "telephone", "tel", "phone number", "work phone", "business phone")),
        Column("mobile", ("mobile", "mobile phone", "cell", "cell phone", "mobile number")),
        Column("primary", ("primary", "primary contact", "main contact"), "yes_no"),
        Column("notes", _NOTES),
    ),
    "projects": (
        Column("client", _CLIENT_NAMES, required=True),
        Column("title", ("title", "project", "project name", "name", "deal", "deal name", "opportunity"), "text", True),
        Column("value", ("value", "deal value", "amount", "project value"), "number"),
        Column("currency", ("currency",)),
        Column("stage", ("stage", "phase", "pipeline stage", "deal stage")),
        Column("lost_reason", ("lost reason", "lost because", "reason lost", "loss reason")),
        Column("notes", _NOTES),
        Column("created_on", _CREATED, "day"),
    ),
    "tasks": (
        Column("client", _CLIENT_NAMES),
        Column("project", ("project", "project name", "project title")),
        Column("title", ("title", "task", "name", "subject"), required=True),
        Column("kind", ("kind", "type", "task type"), "choice"),
        Column("due", ("due", "due date", "deadline", "due on"), "day"),
        Column("estimate_hours", ("estimate hours", "estimate", "hours", "effort"), "number"),
        Column("priority", ("priority", "prio"), "choice"),
        Column("status", ("status",), "choice"),
        Column("assignee", ("assignee", "assigned to", "delegated to", "owner", "staff")),
        Column("follow_up", ("follow up", "follow up on", "follow up date"), "day"),
        Column("done_on", ("done on", "completed on", "done date"), "day"),
        Column("notes", ("notes", "note", "comments", "comment")),
        Column("created_on", ("created on", "created", "since"), "day"),
    ),
    "activities": (
        Column("client", _CLIENT_NAMES, required=True),
        Column("project", ("project", "project name", "project title")),
        Column("when", ("when", "date", "date time", "datetime", "time", "timestamp"), "moment", required=True),
        Column("summary", ("summary", "subject", "description", "what", "note", "notes"), required=True),
        Column("kind", ("kind", "type", "activity type"), "choice"),
        Column("minutes", ("minutes", "duration", "duration min", "duration minutes", "mins"), "number"),
    ),
    "staff": (Column("name", ("name", "staff member", "person"), required=True),),
    "events": (
        Column("title", ("title", "event", "name"), required=True),
        Column("client", _CLIENT_NAMES),
    ),
    "discounts": (Column("client", _CLIENT_NAMES, required=True),),
    "competitors": (Column("client", _CLIENT_NAMES, required=True), Column("name", ("name", "competitor"))),
    "weeks": (),
}
"""The columns with aliases; every other field gets a column named after it (`COLUMNS`)."""


def _unwrapped(hint: Any) -> Any:
    """The type of a field without `| None` and without its Annotated constraints."""
    if typing.get_origin(hint) in (typing.Union, UnionType):
        options = [arg for arg in get_args(hint) if arg is not NoneType]
        hint = options[0] if len(options) == 1 else hint
    if typing.get_origin(hint) is typing.Annotated:
        hint = get_args(hint)[0]
    return hint


def _kind(cls: type[Any], field: str, hint: Any) -> Kind:
    base = _unwrapped(hint)
    if field == "id":
        return "id"
    if any(ref.table == cls.table and ref.field == field for ref in BOOK_REFERENCES):
        return "ref"
    if base is bool:
        return "yes_no"
    if base in (int, float):
        return "number"
    if base is datetime:
        return "moment"
    if base is date:
        return "day"
    if isinstance(base, type) and issubclass(base, Enum):
        return "choice"
    if base is str:
        return "text"
    if typing.get_origin(base) is tuple and _unwrapped(get_args(base)[0]) is str:
        return "tags"
    return "json"


@cache
def _table_columns(table: str) -> tuple[Column, ...]:
    cls = TABLES[table]
    hints = typing.get_type_hints(cls, include_extras=True)
    listed = _ALIASES.get(table, ())
    named = {column.field for column in listed}
    # The change time is the repository's to keep: no file sets it.
    fields = [field for field in dataclasses.fields(cls) if field.name != "changed_at"]
    generated = [
        Column(field.name, (header_key(field.name),), _kind(cls, field.name, hints[field.name]))
        for field in fields
        if field.name not in named
    ]
    ids, others = generated[:1], generated[1:]
    by_field = {column.field: column for column in (*listed, *others)}
    # The documented order: id, then the record's fields as the model lists them, names beside ids.
    ordered = [*ids]
    for field in fields[1:]:
        ordered.append(by_field.pop(field.name))
        for name, target in NAME_REFERENCES.items():
            if target == field.name and name in by_field:
                ordered.append(by_field.pop(name))
    ordered.extend(by_field.values())
    return tuple(ordered)


COLUMNS: dict[str, tuple[Column, ...]] = {table: _table_columns(table) for table in TABLES}
"""Every table's columns: `id`, then each field (and the name beside each reference), as the README lists them."""

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": ("name",),
    "contacts": ("client_id", "name"),
    "projects": ("client_id", "title"),
    "tasks": ("client_id", "project_id", "title", "due"),
    "staff": ("name",),
    "activities": ("client_id", "when", "summary"),
    "events": ("title", "start"),
    "weeks": ("week",),
    "discounts": ("client_id", "name"),
    "competitors": ("client_id", "name"),
}
"""What makes a row the same record as one already in the book (when it has no id)."""

LABEL_FIELDS = {
    "clients": "name", "contacts": "name", "projects": "title", "tasks": "title", "staff": "name",
    "activities": "summary", "events": "title", "weeks": "week", "discounts": "name", "competitors": "name",
}  # fmt: skip
"""The column a message about a whole row (a duplicate, say) points at."""


REQUIRED_OR = {"name": ("first_name", "last_name"), "client": ("client_id", "client_crm_id")}
"""A required column that other columns can stand in for (a name made of first and last names)."""


def header_index(table: str) -> dict[str, Column]:
    """Every accepted header name of `table` (as `header_key` gives it) and its column."""
    return {header_key(name): column for column in COLUMNS[table] for name in column.names}


def fields_of(table: str) -> dict[str, str]:
    """What a column of `table` may fill (for `--map`): each field, and what the virtual ones hold."""
    found = {column.field: "" for column in COLUMNS[table]}
    found.update({name: VIRTUAL[name] for name in VIRTUAL if _virtual_applies(table, name)})
    return found


def _virtual_applies(table: str, name: str) -> bool:
    fields = {field.name for field in dataclasses.fields(TABLES[table])}
    if name in NAME_REFERENCES:
        return NAME_REFERENCES[name] in fields
    if name in CRM_REFERENCES:
        return CRM_REFERENCES[name] in fields and "external_id" in fields
    if name == "crm_id":
        return "external_id" in fields
    if name in NAME_PARTS:
        return table == "contacts"
    if name in ("deal_status", "closed_on"):
        return table == "projects"
    return table == "activities"
