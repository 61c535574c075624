"""Schema versions of the book file and the steps that upgrade an older book.

A migration takes the decoded tables of version N and returns those of version N + 1. It runs
in memory on load; the file is only rewritten (after a backup of the original) at the first save,
and a migration that fails leaves the file untouched.

Schema 2 gives every record an id drawn from 1..2**53 instead of the next integer, so that two
copies of a book (a laptop and a desktop) never give two new records the same id. The upgrade
rewrites each old id as a keyed hash of the book's `book_id`, the table and the old id: two
copies of one book upgraded separately, on two machines, get the same ids, and merge record by
record afterwards.

Schema 3 adds fields with defaults (a task's `repeat`, a staff member's `leave` and `left_on`):
the upgrade changes no document, and the new number makes an older acct-tui refuse the book as
"written by a newer acct-tui" rather than as a book of unknown fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from acct_tui.domain.types import ID_LIMIT

Documents = dict[str, dict[int, dict[str, Any]]]
"""Table name -> record id -> document."""

SCHEMA_VERSION = 3
"""The version this acct-tui writes."""

MAX_ID = ID_LIMIT


class MigrationError(Exception):
    pass


_V1_TABLES = (
    "clients",
    "contacts",
    "projects",
    "tasks",
    "staff",
    "activities",
    "events",
    "weeks",
    "discounts",
    "competitors",
)
"""The record tables of schema 1 (frozen here: later schemas may add or rename tables)."""

_V1_REFERENCES = (
    ("contacts", "client_id", "clients"),
    ("projects", "client_id", "clients"),
    ("projects", "event_id", "events"),
    ("tasks", "client_id", "clients"),
    ("tasks", "project_id", "projects"),
    ("tasks", "assignee_id", "staff"),
    ("activities", "client_id", "clients"),
    ("activities", "project_id", "projects"),
    ("activities", "task_id", "tasks"),
    ("events", "client_id", "clients"),
    ("discounts", "client_id", "clients"),
    ("competitors", "client_id", "clients"),
)
"""Every field of schema 1 that holds another record's id: (table, field, the table it points into)."""


def hashed_id(key: str, table: str, old_id: int, taken: set[int]) -> int:
    """The id in 1..MAX_ID that `old_id` of `table` becomes in the book keyed `key`; the same
    inputs always give the same id. A clash with an id in `taken` (about one book in 10**7 at
    100,000 records) moves on to the next hash of a counter, which is deterministic too."""
    attempt = 0
    while True:
        text = f"{key}\0{table}\0{old_id}\0{attempt}".encode()
        digest = hashlib.blake2b(text, digest_size=8, person=b"acct-tui-ids").digest()
        new_id = int.from_bytes(digest, "big") % MAX_ID + 1
        if new_id not in taken:
            taken.add(new_id)
            return new_id
        attempt += 1


def _random_ids(documents: Documents) -> Documents:
    """Schema 1 -> 2: every record's id rewritten as `hashed_id`, and every reference to it."""
    meta = documents.get("meta", {}).get(1, {})
    key = str(meta.get("book_id", ""))
    new_ids: dict[str, dict[int, int]] = {}
    for table in _V1_TABLES:
        taken: set[int] = set()
        new_ids[table] = {old: hashed_id(key, table, old, taken) for old in sorted(documents.get(table, {}))}
    for table, field, target in _V1_REFERENCES:
        mapping = new_ids[target]
        for document in documents.get(table, {}).values():
            value = document.get(field)
            # A dangling reference stays as it was: validation names it after the upgrade.
            if isinstance(value, int) and not isinstance(value, bool) and value in mapping:
                document[field] = mapping[value]
    for table in _V1_TABLES:
        if table in documents:
            mapping = new_ids[table]
            documents[table] = {mapping[old]: document for old, document in documents[table].items()}
    return documents


def _new_fields_with_defaults(documents: Documents) -> Documents:
    """Schema 2 -> 3: nothing to rewrite (the new fields' defaults fill themselves in)."""
    return documents


MIGRATIONS: dict[int, Callable[[Documents], Documents]] = {1: _random_ids, 2: _new_fields_with_defaults}
"""From version N (the key) to N + 1."""


def migrate(documents: Documents, version: int) -> Documents:
    """`documents` of schema `version` upgraded to SCHEMA_VERSION, one step at a time."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no upgrade is known from schema version {version}")
        try:
            documents = step(documents)
        except Exception as err:  # a migration is code for old data: any failure is reported, not raised
            raise MigrationError(f"upgrading from schema version {version} failed: {err}") from err
        version += 1
    return documents
