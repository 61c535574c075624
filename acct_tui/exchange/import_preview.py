"""What `acct-tui import --dry-run` shows: the first rows as they will be imported, field by field.

A new record shows every field that is not its default; an updated one, each field that changes,
with its value before. Each field names the columns it came from, and a reference the name of the
record it refers to, so a wrong column map or date order shows before anything is written.
"""

from __future__ import annotations

import dataclasses

import orjson

from acct_tui.domain.book import REFERENCES, Book
from acct_tui.domain.records import BOOKKEEPING, Record, to_dict
from acct_tui.exchange.columns import CRM_REFERENCES, NAME_REFERENCES
from acct_tui.exchange.csv_import import ImportPlan, Planned
from acct_tui.store.errors import printable

_SOURCE_FIELDS = {
    **NAME_REFERENCES, **CRM_REFERENCES, "crm_id": "external_id", "first_name": "name", "last_name": "name",
    "details": "summary", "time_of_day": "when", "deal_status": "stage", "closed_on": "stage_history",
}  # fmt: skip
"""A column that fills no field of its own -> the field it goes into."""
MAX_VALUE = 60


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    text = orjson.dumps(value).decode() if isinstance(value, list | dict) else str(value)
    text = printable(text.replace("\n", " / "))
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _value(book: Book, table_of: dict[str, str], field: str, value: object) -> str:
    table = table_of.get(field)
    target = book.get(table, value) if table and isinstance(value, int) else None
    return f"{value} ({printable(target.display)})" if target is not None else _shown(value)


def _differs(record: Record, field: dataclasses.Field[object]) -> bool:
    """Whether a new record's field is given (required) or other than its default."""
    return field.default is dataclasses.MISSING or getattr(record, field.name) != field.default


def _sources(planned: Planned) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, headers in planned.sources.items():
        found.setdefault(_SOURCE_FIELDS.get(name, name), []).extend(headers)
    return found


def _lines(book: Book, planned: Planned) -> list[str]:
    record = planned.record
    table_of = {ref.field: ref.target for ref in REFERENCES if ref.table == record.table}
    after = to_dict(record)
    sources = _sources(planned)
    if planned.before is None:
        # A new record's id is drawn when it is written, unless the file gives it: only that one is shown.
        label = f"row {planned.row}: new {record.label}" + (f" {record.id}" if "id" in sources else "")
        shown = [f.name for f in dataclasses.fields(record) if f.name not in BOOKKEEPING and _differs(record, f)]
        before: dict[str, object] = {}
    else:
        label = f"row {planned.row}: updates {record.label} {record.id} ({printable(planned.before.display)})"
        before = to_dict(planned.before)
        shown = [name for name, value in after.items() if value != before.get(name)]
    width = max((len(name) for name in shown), default=0)
    lines = [label]
    for name in shown:
        text = _value(book, table_of, name, after[name])
        if planned.before is not None:
            text += f", was {_value(book, table_of, name, before.get(name))}"
        columns = ", ".join(f'"{printable(h)}"' for h in sources.get(name, []))
        lines.append(f"  {name.ljust(width)}  {text}" + (f"   from {columns}" if columns else ""))
    return lines


def preview(plan: ImportPlan, book: Book) -> list[str]:
    """The plan's first rows (those the plan kept the sources of), as lines for people."""
    shown = sorted((p for p in (*plan.new, *plan.updated) if p.sources), key=lambda p: p.row)
    lines: list[str] = []
    for planned in shown:
        lines += _lines(book, planned)
    rest = len(plan.new) + len(plan.updated) - len(shown)
    if rest > 0:
        lines.append(f"... and {rest} more row{'s' if rest > 1 else ''} to import")
    return lines
