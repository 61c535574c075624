"""Importing the rows of a CSV file into a book: all of them, as one change, or none.

Each row becomes a record through the domain's own models, so an import can put in nothing a form
would refuse. A row updates the record it matches (by the `id` column, else by `KEY_FIELDS`:
a client's name, a contact's name and client, ...), so importing the same file twice adds nothing
the second time. An empty cell keeps the record's value (a new record gets the default).
Every problem is collected, one message per row and column, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from acct_tui.domain.book import Book
from acct_tui.domain.edits import move_project
from acct_tui.domain.enums import Stage
from acct_tui.domain.errors import field_errors
from acct_tui.domain.records import TABLES, Project, Record, adapter
from acct_tui.exchange.columns import KEY_FIELDS, LABEL_FIELDS, REFERENCES, choice
from acct_tui.exchange.csv_source import CsvTable
from acct_tui.exchange.errors import rejected
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository

Key = tuple[Any, ...]
_COLUMN_OF = {field: column for column, field in REFERENCES.items()}
"""A reference field (client_id) -> the column that names it (client)."""


def _normal(value: Any) -> Any:
    """Names compare trimmed, case-insensitively, with runs of spaces as one."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


def _index(records: Iterable[Record], fields: tuple[str, ...]) -> dict[Key, list[Record]]:
    found: dict[Key, list[Record]] = {}
    for record in records:
        found.setdefault(tuple(_normal(getattr(record, f)) for f in fields), []).append(record)
    return found


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a CSV file would change; `apply` makes it one change of the book."""

    path: Path
    table: str
    new: list[Record]
    updated: list[Record]
    unchanged: int

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.updated)} updated, {self.unchanged} unchanged"

    def apply(self, repo: Repository) -> None:
        """Write the plan as one change (one save, one undo step). Raises ExchangeError if refused."""
        try:
            with repo.change(f"Import {self.table}") as tx:
                for record in (*self.new, *self.updated):
                    tx.put(record)
        except ChangeRejected as err:
            raise rejected(self.path, err.problems) from None


def plan_import(book: Book, source: CsvTable, today: date, progress: Callable[[int], None] | None = None) -> ImportPlan:
    """Check every row of `source` against `book`. Raises ExchangeError listing every problem."""
    planner = _Planner(book, source, today)
    for done, (number, cells) in enumerate(source.rows, start=1):
        planner.row(number, cells)
        if progress is not None:
            progress(done)
    if planner.problems:
        raise rejected(source.path, planner.problems)
    return ImportPlan(source.path, source.table, planner.new, planner.updated, planner.unchanged)


class _Planner:
    """Turns rows into new and updated records, collecting the problems of every row."""

    def __init__(self, book: Book, source: CsvTable, today: date) -> None:
        self.source = source
        self.today = today
        self.cls = TABLES[source.table]
        self.records = book.table(source.table)
        self.key_fields = KEY_FIELDS[source.table]
        self.label_field = LABEL_FIELDS[source.table]
        self.headers = {column.field: source.headers[p] for p, column in source.columns.items()}
        self.existing = _index(self.records.values(), self.key_fields)
        self.clients = _index(book.clients.values(), ("name",))
        self.projects = _index(book.projects.values(), ("client_id", "title"))
        self.staff = _index(book.staff.values(), ("name",))
        labels = book.settings.stages.labels
        self.stage_labels = ", ".join(labels.get(stage, stage.value) for stage in Stage)
        self.stages = {choice(labels.get(stage, stage.value)): stage for stage in Stage} | {s.value: s for s in Stage}
        self.new: list[Record] = []
        self.updated: list[Record] = []
        self.unchanged = 0
        self.problems: list[str] = []
        self.keys_seen: dict[Key, int] = {}
        self.targets_seen: dict[int, int] = {}
        self.cells: dict[str, str] = {}

    def problem(self, number: int, field: str, message: str) -> None:
        column = _COLUMN_OF.get(field, field)
        header = self.headers.get(column)
        if header is None:
            where = f"row {number}: {field}: " if field else f"row {number}: "
            self.problems.append(f"{where}{message}")
            return
        cell = self.cells.get(column)
        got = f" (got {cell!r})" if cell is not None else ""
        self.problems.append(f'row {number}, column "{header}": {message}{got}')

    def row(self, number: int, cells: list[str]) -> None:
        before = len(self.problems)
        values, failed = self.values(number, cells)
        existing = None if failed & {"id", *self.key_fields} else self.match(number, values)
        record = self.build(number, values, existing, failed)
        if record is None or len(self.problems) > before:
            return
        if existing is None:
            self.new.append(record)
        elif record != existing:
            self.updated.append(record)
        else:
            self.unchanged += 1

    def values(self, number: int, cells: list[str]) -> tuple[dict[str, Any], set[str]]:
        """The row's non-empty cells as values, references turned into ids; and the fields that failed."""
        values: dict[str, Any] = {}
        failed: set[str] = set()
        self.cells = {}
        for position, column in self.source.columns.items():
            cell = cells[position].strip() if position < len(cells) else ""
            if not cell:
                continue
            self.cells[column.field] = cell
            try:
                values[column.field] = column.parse(cell)
            except ValueError as err:
                self.problem(number, column.field, str(err))
                failed.add(column.field)
        if self.source.table == "projects" and "stage" in values:
            stage = self.stages.get(values["stage"])
            if stage is None:
                self.problem(number, "stage", f"must be one of: {self.stage_labels}")
                failed.add("stage")
                del values["stage"]
            else:
                values["stage"] = stage
        for name, field in REFERENCES.items():
            if name in values:
                found = self.reference(number, name, values)
                del values[name]
                if found is None:
                    failed.add(field)
                else:
                    values[field] = found
        return values, failed

    def reference(self, number: int, column: str, values: dict[str, Any]) -> int | None:
        """The id of the record the `column` cell names, or None (and a problem)."""
        name = _normal(values[column])
        if column == "client":
            found, label = self.clients.get((name,), []), "client"
        elif column == "assignee":
            found, label = self.staff.get((name,), []), "staff member"
        else:
            client_id = values.get("client_id")
            if client_id is None:
                if "client" not in self.cells:
                    self.problem(
                        number, column, "needs the client too: projects are matched by title within their client"
                    )
                return None
            found, label = self.projects.get((client_id, name), []), "project of this client"
        if len(found) == 1:
            return found[0].id
        if not found:
            self.problem(number, column, f"no such {label} in the book")
        else:
            ids = ", ".join(str(r.id) for r in found)
            self.problem(number, column, f"{len(found)} records have this name (ids {ids}): rename one")
        return None

    def match(self, number: int, values: dict[str, Any]) -> Record | None:
        """The record of the book the row updates (None: a new record), checking for repeated rows."""
        record_id = values.pop("id", None)
        label = self.cls.label
        if record_id is not None:
            existing = self.records.get(record_id)
            if existing is None:
                self.problem(number, "id", f"no {label} with this id in the book (leave it empty to add a new one)")
                return None
        else:
            key = tuple(_normal(values.get(f)) for f in self.key_fields)
            found = self.existing.get(key, [])
            if len(found) > 1:
                ids = ", ".join(str(r.id) for r in found)
                self.problem(
                    number, self.label_field, f"matches {len(found)} {self.source.table} (ids {ids}): add an id column"
                )
                return None
            if not found:
                first = self.keys_seen.setdefault(key, number)
                if first != number:
                    self.problem(number, self.label_field, f"repeats row {first}")
                return None
            existing = found[0]
            for field in self.key_fields:  # matched by name: keep the book's spelling of it
                values.pop(field, None)
        first = self.targets_seen.setdefault(existing.id, number)
        if first != number:
            self.problem(number, self.label_field, f"updates the same {label} as row {first}")
        return existing

    def build(self, number: int, values: dict[str, Any], existing: Record | None, failed: set[str]) -> Record | None:
        try:
            if existing is None:
                record: Record = adapter(self.cls).validate_python(values)
                return record
            if isinstance(existing, Project) and values.get("stage", existing.stage) != existing.stage:
                stage: Stage = values.pop("stage")
                return move_project(existing.evolve(**values), stage, self.today)
            return existing.evolve(**values)
        except ValidationError as err:
            for error in field_errors(err):
                field = error.field.split(".")[0]
                if field not in failed:
                    self.problem(number, field, error.message)
            return None
