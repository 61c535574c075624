"""Schema versions of the book file and the steps that upgrade an older book.

A migration takes the decoded tables of version N and returns those of version N + 1. It runs
in memory on load; the file is only rewritten (after a backup of the original) at the first save,
and a migration that fails leaves the file untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Documents = dict[str, dict[int, dict[str, Any]]]
"""Table name -> record id -> document."""

SCHEMA_VERSION = 1
"""The version this acct-tui writes."""

MIGRATIONS: dict[int, Callable[[Documents], Documents]] = {}
"""From version N (the key) to N + 1."""


class MigrationError(Exception):
    pass


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
