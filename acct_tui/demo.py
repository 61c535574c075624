"""The demo book: `data/demo_book.json`, with its dates stored relative to today.

In the template a date is written "@-3" (three days ago) or "@+14", a time "@-3 14:30" and an
ISO week "@w-2" (the week two weeks before this one);
`write_demo_book` turns them into real dates for `today` and writes a normal book, so the demo
always looks current. Nothing here touches the user's own book.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from acct_tui.domain.dates import iso_week
from acct_tui.store import layout
from acct_tui.store.loading import with_every_table
from acct_tui.store.migrations import SCHEMA_VERSION, Documents, migrate
from acct_tui.store.storage import atomic_write

_RELATIVE = re.compile(r"^@([+-]\d{1,5})(?: (\d{2}):(\d{2}))?$")
_RELATIVE_WEEK = re.compile(r"^@w([+-]\d{1,4})$")


def template_bytes() -> bytes:
    """The demo template: inside the installed package, or `data/` of a source checkout."""
    packaged = resources.files("acct_tui").joinpath("_data/demo_book.json")
    if packaged.is_file():
        return packaged.read_bytes()
    return (Path(__file__).resolve().parent.parent / "data" / "demo_book.json").read_bytes()


def _materialize(value: Any, today: date) -> Any:
    if isinstance(value, str):
        if week := _RELATIVE_WEEK.match(value):
            return iso_week(today + timedelta(weeks=int(week.group(1))))
        match = _RELATIVE.match(value)
        if not match:
            return value
        day = today + timedelta(days=int(match.group(1)))
        if match.group(2) is None:
            return day.isoformat()
        return datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3))).isoformat()
    if isinstance(value, dict):
        return {k: _materialize(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v, today) for v in value]
    return value


def template_documents(today: date) -> Documents:
    """The template's records with real dates for `today`, at the template's schema (1)."""
    tables = layout.decode(template_bytes())
    return {
        name: {rid: _materialize(orjson.loads(blob), today) for rid, blob in records.items()}
        for name, records in tables.items()
    }


def demo_tables(today: date) -> layout.Blobs:
    """The demo book's tables with real dates for `today`, upgraded to this acct-tui's schema.

    The template keeps schema 1's small ids, which people can read and edit; the upgrade gives
    them the ids a real book has (the same ones every time: they follow from its book_id).
    """
    documents = template_documents(today)
    documents = migrate(documents, documents["meta"][1]["schema_version"])
    documents["meta"][1]["schema_version"] = SCHEMA_VERSION
    return with_every_table(
        {
            name: {rid: orjson.dumps(document) for rid, document in records.items()}
            for name, records in documents.items()
        }
    )


def write_demo_book(path: Path, today: date) -> Path:
    """Write a fresh demo book at `path` (mode 0600)."""
    atomic_write(path, layout.encode(demo_tables(today)))
    return path
