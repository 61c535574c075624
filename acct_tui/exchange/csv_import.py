"""Importing the rows of a CSV file into a book: all of them, as one change, or none.

Each row becomes a record through the domain's own models, so an import can put in nothing a form
would refuse. A row updates the record it matches, else it adds one, so importing the same file
twice adds nothing the second time. A row matches by, in turn: its `id` (a record of this book);
its external id (a CRM's id of the record, from an earlier import of the same CRM); its key
(`KEY_FIELDS`: a client's name, a contact's name and client, ...), among the records that have no
id of the file's CRM (a record with another id of that CRM is another of its records). A record
matched by its key takes the file's id if it has none, and keeps the one it has. An empty cell
keeps the record's value (a new record gets the default).

Into a table that is empty, rows keep their ids: a CSV export of a book, imported table by table
into an empty book, gives back the same records with the same ids, so the ids the other tables
refer to still hold. Every problem is collected, one message per row and column, before anything
is written.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from acct_tui.domain import rules
from acct_tui.domain.book import REFERENCES, Book, Problem
from acct_tui.domain.discounts import guard_changes
from acct_tui.domain.edits import move_project
from acct_tui.domain.enums import Stage
from acct_tui.domain.errors import field_errors
from acct_tui.domain.parsing import AmbiguousDate, Amount, DateOrder, slashed_order
from acct_tui.domain.records import TABLES, Client, Project, Record, StageEntry, adapter
from acct_tui.exchange.cells import CellReader
from acct_tui.exchange.columns import CRM_REFERENCES, KEY_FIELDS, LABEL_FIELDS, NAME_PARTS, NAME_REFERENCES, Column
from acct_tui.exchange.crm import CRM_STAGES, DEAL_STATUS, crm_kind, stage_key
from acct_tui.exchange.csv_source import CsvTable
from acct_tui.exchange.errors import ExchangeError, rejected
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository, new_id

Key = tuple[Any, ...]
_COLUMN_OF = {target: name for name, target in NAME_REFERENCES.items()}
"""A reference field (client_id) -> the column that names it (client)."""
_CRM_COLUMN_OF = {target: name for name, target in CRM_REFERENCES.items()}
PREVIEW_ROWS = 5


def _normal(value: Any) -> Any:
    """Names compare trimmed, case-insensitively, with runs of spaces as one."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


def _index(records: Iterable[Record], fields: tuple[str, ...]) -> dict[Key, list[Record]]:
    found: dict[Key, list[Record]] = {}
    for record in records:
        found.setdefault(tuple(_normal(getattr(record, f)) for f in fields), []).append(record)
    return found


def _crm_of(external_id: str) -> str:
    """The program an external id is of: "hubspot" of "hubspot:5501" ("" for none)."""
    return external_id.partition(":")[0] if external_id else ""


def _by_external_id(records: Iterable[Record]) -> dict[str, Record]:
    return {ext: record for record in records if (ext := getattr(record, "external_id", ""))}


@dataclass(frozen=True, slots=True)
class Planned:
    """One row's record as it will be written, and what it was before (None: a new record)."""

    row: int
    record: Record
    before: Record | None
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """Field -> the headers its value came from (kept for the first rows, for --dry-run)."""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a CSV file would change; `apply` makes it one change of the book."""

    path: Path
    table: str
    new: list[Planned]
    updated: list[Planned]
    unchanged: int
    source: str = ""
    """Who wrote the file, for people ("HubSpot"), or "" for any other CSV file."""
    headers: dict[str, str] = field(default_factory=dict)
    """Field -> the header of its column, for messages about a row."""
    not_done: list[int] = field(default_factory=list)
    """Rows of activities not done (planned, cancelled), left out: they are no touch of the client."""

    def summary(self) -> str:
        text = f"{len(self.new)} new, {len(self.updated)} updated, {self.unchanged} unchanged"
        if self.not_done:
            rows = ", ".join(map(str, self.not_done[:10])) + (", ..." if len(self.not_done) > 10 else "")
            text += f", {len(self.not_done)} left out as not done (row{'s' if len(self.not_done) > 1 else ''} {rows})"
        return text

    def preview(self, book: Book) -> list[str]:
        """The first rows as they will be imported, field by field (`acct_tui.exchange.import_preview`)."""
        from acct_tui.exchange.import_preview import preview

        return preview(self, book)

    def apply(self, repo: Repository) -> None:
        """Write the plan as one change (one save, one undo step). Raises ExchangeError if refused."""
        rows: dict[tuple[str, int], int] = {}
        table = repo.book.table(self.table)
        if any(planned.record.id in table for planned in self.new):
            raise ExchangeError(self.path, "the book changed while the import was checked: import it again")
        try:
            with repo.change(f"Import {self.table}") as tx:
                for planned in (*self.new, *self.updated):
                    put = tx.put(planned.record)
                    rows[(put.table, put.id)] = planned.row
        except ChangeRejected as err:
            raise rejected(self.path, self._located(err, rows)) from None

    def _located(self, err: ChangeRejected, rows: dict[tuple[str, int], int]) -> list[str]:
        """The book's reasons for refusing, each at its row and column when it is about a row's record."""
        if not err.located:
            return err.problems
        found = []
        for problem in err.located:
            row = rows.get((problem.table, problem.record_id or 0))
            header = self.headers.get(problem.field or "")
            if row is None:
                found.append(problem.for_people)
            elif header is None:
                found.append(f"row {row}: {problem.message}")
            else:
                found.append(f'row {row}, column "{header}": {problem.message}')
        return found


def file_date_order(source: CsvTable) -> DateOrder | None:
    """The order the file's dates with slashes settle (one of them has a part over 12), if they
    agree; None when none settles it, or some say day first and others month first."""
    positions = [p for p, column in source.columns if column.kind in ("day", "moment")]
    found: set[DateOrder] = set()
    for _, cells in source.rows:
        for position in positions:
            if position < len(cells) and (order := slashed_order(cells[position])):
                found.add(order)
    return found.pop() if len(found) == 1 else None


def plan_import(
    book: Book,
    source: CsvTable,
    today: date,
    progress: Callable[[int], None] | None = None,
    date_order: DateOrder | None = None,
) -> ImportPlan:
    """Check every row of `source` against `book`. Raises ExchangeError listing every problem."""
    planner = _Planner(book, source, today, date_order or file_date_order(source), date_order is not None)
    for done, (number, cells) in enumerate(source.rows, start=1):
        planner.row(number, cells)
        if progress is not None:
            progress(done)
    planner.stages_unknown()
    if not planner.problems:
        planner.check_with_the_book()
    if planner.problems:
        raise rejected(source.path, planner.problems)
    label = source.crm.label if source.crm else ""
    return ImportPlan(
        source.path,
        source.table,
        planner.new,
        planner.updated,
        planner.unchanged,
        label,
        planner.headers,
        planner.not_done,
    )


class _Planner:
    """Turns rows into new and updated records, collecting the problems of every row."""

    def __init__(self, book: Book, source: CsvTable, today: date, order: DateOrder | None, order_given: bool) -> None:
        self.book = book
        self.source = source
        self.today = today
        self.order_given = order_given
        self.reader = CellReader(source.table, today, order, source.external_id)
        self.cls = TABLES[source.table]
        self.targets = {ref.field: ref.target for ref in REFERENCES if ref.table == source.table}
        """Each reference field of the table (its client first), and the table it refers to."""
        self.records = book.table(source.table)
        self.keep_ids = not self.records
        self.taken: set[int] = set(self.records) | (set(self.ids_in_file()) if self.keep_ids else set())
        """Ids a new record may not get (new records get theirs here, so the plan is what is written)."""
        self.ids = random.SystemRandom()
        self.key_fields = KEY_FIELDS[source.table]
        self.label_field = LABEL_FIELDS[source.table]
        self.headers: dict[str, str] = {}
        for _, column in source.columns:
            header = source.header(column.field)
            if header is not None:
                target = NAME_REFERENCES.get(column.field) or CRM_REFERENCES.get(column.field) or column.field
                self.headers.setdefault(column.field, header)
                self.headers.setdefault(target, header)
        for part in NAME_PARTS:
            if part in self.headers:
                self.headers.setdefault("name", self.headers[part])
        self.existing = _index(self.records.values(), self.key_fields)
        self.external = _by_external_id(self.records.values())
        self.clients = _index(book.clients.values(), ("name",))
        self.client_ids = _by_external_id(book.clients.values())
        self.projects = _index(book.projects.values(), ("client_id", "title"))
        self.project_ids = _by_external_id(book.projects.values())
        self.staff = _index(book.staff.values(), ("name",))
        settings = book.settings
        labels = settings.stages.labels
        self.stages: dict[str, Stage] = dict(CRM_STAGES)
        self.stages.update({stage_key(labels.get(stage, stage.value)): stage for stage in Stage})
        self.stages.update({stage.value: stage for stage in Stage})
        self.stages.update({stage_key(name): stage for name, stage in settings.import_.stages.items()})
        self.unknown_stages: dict[str, tuple[str, list[int]]] = {}
        """A stage the import does not know -> its name as first written, and the rows that have it."""
        self.new: list[Planned] = []
        self.updated: list[Planned] = []
        self.unchanged = 0
        self.not_done: list[int] = []
        """Rows of activities the CRM says were not done (planned, cancelled): left out."""
        self.problems: list[str] = []
        self.targets_seen: dict[Any, tuple[int, tuple[str, ...]]] = {}
        """What a row matched or adds -> the first row that did, and its cells."""
        self.row_cells: tuple[str, ...] = ()
        """The cells of the row being read, stripped, without the empty ones at its end."""
        self.cells: dict[str, str] = {}

    def ids_in_file(self) -> list[int]:
        """The ids the file gives its rows (those that are ids at all)."""
        positions = [p for p, column in self.source.columns if column.kind == "id"]
        cells = (cells[p].strip() for _, cells in self.source.rows for p in positions if p < len(cells))
        return [int(cell) for cell in cells if cell.isascii() and cell.isdigit()]

    # --- messages --------------------------------------------------------------------------

    def problem(self, number: int, field: str, message: str, *, with_value: bool = True) -> None:
        header = self.headers.get(field) or self.headers.get(_COLUMN_OF.get(field, ""))
        if header is None:
            where = f"row {number}: {field}: " if field else f"row {number}: "
            self.problems.append(f"{where}{message}")
            return
        names = (field, _COLUMN_OF.get(field), _CRM_COLUMN_OF.get(field))
        column = next((c for c in names if c in self.cells), None) if with_value else None
        got = f" (got {self.cells[column]!r})" if column else ""
        self.problems.append(f'row {number}, column "{header}": {message}{got}')

    # --- one row ---------------------------------------------------------------------------

    def row(self, number: int, cells: list[str]) -> None:
        before = len(self.problems)
        stripped = [cell.strip() for cell in cells]
        while stripped and not stripped[-1]:
            stripped.pop()
        self.row_cells = tuple(stripped)
        values, failed, sources = self.values(number, cells)
        if values.pop("done", None) is False:  # planned or cancelled: nothing was done for the client
            self.not_done.append(number)
            return
        existing = None if failed & {"id", "external_id", *self.key_fields} else self.match(number, values)
        record = self.build(number, values, existing, failed)
        if record is None or len(self.problems) > before:
            return
        kept = sources if len(self.new) + len(self.updated) < PREVIEW_ROWS else {}
        if existing is None:
            self.new.append(Planned(number, record, None, kept))
        elif record != existing:
            self.updated.append(Planned(number, record, existing, kept))
        else:
            self.unchanged += 1

    def cells_of(self, cells: list[str]) -> dict[str, tuple[Column, str, str]]:
        """The row's non-empty cells by field, with their header: the first column with a value,
        for fields several columns fill."""
        found: dict[str, tuple[Column, str, str]] = {}
        for position, column in self.source.columns:
            if column.field in found:
                continue
            cell = cells[position].strip() if position < len(cells) else ""
            if cell:
                found[column.field] = (column, cell, self.source.headers[position])
        if "time_of_day" in found and "when" in found:
            column, cell, header = found["when"]
            found["when"] = (column, f"{cell} {found.pop('time_of_day')[1]}", header)
        return found

    def values(self, number: int, cells: list[str]) -> tuple[dict[str, Any], set[str], dict[str, tuple[str, ...]]]:
        """The row's values, references turned into ids; the fields that failed; where each came from."""
        values: dict[str, Any] = {}
        failed: set[str] = set()
        found = self.cells_of(cells)
        self.cells = {name: cell for name, (_, cell, _) in found.items()}
        sources: dict[str, tuple[str, ...]] = {name: (header,) for name, (_, _, header) in found.items()}
        for name, (column, cell, _) in found.items():
            try:
                value = self.reader.read(column, cell)
            except AmbiguousDate as err:
                hint = "" if self.order_given else "; or give --date-order mdy or dmy for the whole file"
                self.problem(number, name, f"{err}{hint}")
                failed.add(name)
                continue
            except ValueError as err:
                self.problem(number, name, str(err))
                failed.add(name)
                continue
            if value is not None:
                values[name] = value
        if "crm_id" in values:
            values["external_id"] = values.pop("crm_id")
        self.join_name(values, sources)
        if self.source.table == "activities":
            self.activity(values, found, sources)
        self.amounts(number, values, failed)
        if self.source.table == "projects":
            self.stage(number, values, failed)
        for target in self.targets:
            self.reference(number, target, values, failed)
        if self.source.table == "projects" and "currency" in values:
            self.project_currency(number, values.pop("currency"), values)
        return values, failed, sources

    def join_name(self, values: dict[str, Any], sources: dict[str, tuple[str, ...]]) -> None:
        parts = [values.pop(part) for part in NAME_PARTS if part in values]
        if parts:
            values["name"] = self.cells["name"] = " ".join(parts)
            sources["name"] = tuple(sources.pop(part)[0] for part in NAME_PARTS if part in sources)

    def activity(
        self, values: dict[str, Any], found: dict[str, tuple[Column, str, str]], sources: dict[str, tuple[str, ...]]
    ) -> None:
        """An activity's summary with its details, its minutes from its end, and, in a CRM's
        export, its kind from the column its summary came from (HubSpot's "Call title": a call)."""
        if "details" in values:
            details = values.pop("details")
            values["summary"] = f"{values['summary']}\n{details}" if "summary" in values else details
        ends, end_header = values.pop("ends", None), sources.pop("ends", ())
        if ends is not None and "minutes" not in values and "when" in values and ends > values["when"]:
            values["minutes"] = round((ends - values["when"]).total_seconds() / 60)
            sources["minutes"] = (*sources["when"], *end_header)
        if self.source.crm is not None and "kind" not in values and "summary" in found:
            values["kind"] = crm_kind(found["summary"][2])
            sources["kind"] = (found["summary"][2],)

    def amounts(self, number: int, values: dict[str, Any], failed: set[str]) -> None:
        """Money written with a currency: it must agree with the currency column, and gives it."""
        for name, value in list(values.items()):
            if not isinstance(value, Amount):
                continue
            values[name] = value.value
            if value.currency is None:
                continue
            given = values.get("currency")
            if given is not None and str(given).upper() != value.currency:
                self.problem(number, name, f"is in {value.currency}, but the currency column says {given}")
                failed.add(name)
            else:
                values["currency"] = value.currency

    def stage(self, number: int, values: dict[str, Any], failed: set[str]) -> None:
        """The acct-tui stage of the row's CRM stage (or deal status); unknown names are collected."""
        status = values.pop("deal_status", None)
        settled = DEAL_STATUS.get(str(status).casefold()) if status is not None else None
        if status is not None and str(status).casefold() not in DEAL_STATUS:
            self.problem(number, "deal_status", "must be open, won or lost")
            failed.add("deal_status")
        name = values.pop("stage", None)
        if settled is not None:
            values["stage"] = settled
        elif name is not None:
            key = stage_key(str(name))
            stage = self.stages.get(key)
            if stage is None:
                self.unknown_stages.setdefault(key, (self.cells["stage"], []))[1].append(number)
                failed.add("stage")
            else:
                values["stage"] = stage

    def stages_unknown(self) -> None:
        """One problem naming every stage the import does not know, with the settings lines to add."""
        if not self.unknown_stages:
            return
        names = len(self.unknown_stages)
        header = self.headers.get("stage", "stage")
        self.problems.append(
            f'column "{header}": {names} stage{"s" if names > 1 else ""} with no acct-tui stage; add '
            f"{'them' if names > 1 else 'it'} to the settings file (acct-tui config --path), each with one of: "
            f"{', '.join(stage.value for stage in Stage)}"
        )
        self.problems.append("    [import.stages]")
        for name, rows in self.unknown_stages.values():
            guess = "lost" if "lost" in name.casefold() else "kickoff" if "won" in name.casefold() else "prospect"
            where = ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")
            self.problems.append(f"    {json.dumps(name, ensure_ascii=False)} = {json.dumps(guess)}  # row {where}")

    def reference(self, number: int, target: str, values: dict[str, Any], failed: set[str]) -> None:
        """`target` (client_id, ...) from the row's id, CRM id or name of that record, which must agree."""
        table = self.targets[target]
        name_column, crm_column = _COLUMN_OF.get(target), _CRM_COLUMN_OF.get(target)
        name = values.pop(name_column, None) if name_column else None
        crm_id = values.pop(crm_column, None) if crm_column else None
        if {target, name_column, crm_column} & failed:
            failed.add(target)
            return
        if target in values:
            found = self.book.get(table, values[target])
            if found is None:
                self.problem(
                    number, target, f"no {TABLES[table].label} with this id in the book (import the {table} first)"
                )
                failed.add(target)
            elif name is not None and _normal(found.display) != _normal(name):
                self.problem(
                    number,
                    name_column or target,
                    f"is not {TABLES[table].label} {found.id} of this book, "
                    f"{found.display!r}: the id and the name must be of the same {TABLES[table].label}",
                )
                failed.add(target)
            return
        if crm_id is not None:
            match = (self.client_ids if table == "clients" else self.project_ids).get(crm_id)
            if match is not None:
                values[target] = match.id
                if isinstance(match, Project):
                    values.setdefault("client_id", match.client_id)
                return
            if name is None:
                label = TABLES[table].label
                self.problem(number, crm_column or target, f"no {label} with this id in the book: import the "
                             f"{'companies' if table == 'clients' else 'deals'} first")  # fmt: skip
                failed.add(target)
                return
        if name is not None:
            found_id = self.by_name(number, name_column or target, name, values)
            if found_id is None:
                failed.add(target)
            else:
                values[target] = found_id

    def by_name(self, number: int, column: str, name: str, values: dict[str, Any]) -> int | None:
        """The id of the record the `column` cell names, or None (and a problem)."""
        key = _normal(name)
        if column == "client":
            found, label = self.clients.get((key,), []), "client"
        elif column == "assignee":
            found, label = self.staff.get((key,), []), "staff member"
        else:
            client_id = values.get("client_id")
            if client_id is None:
                if "client" not in self.cells and "client_crm_id" not in self.cells:
                    self.problem(
                        number, column, "needs the client too: projects are matched by title within their client"
                    )
                return None
            found, label = self.projects.get((client_id, key), []), "project of this client"
        if len(found) == 1:
            return found[0].id
        if not found:
            self.problem(number, column, f"no such {label} in the book")
        else:
            ids = ", ".join(str(r.id) for r in found)
            self.problem(number, column, f"{len(found)} records have this name (ids {ids}): rename one")
        return None

    def project_currency(self, number: int, currency: str, values: dict[str, Any]) -> None:
        client = self.book.clients.get(values.get("client_id", 0))
        if client is not None and client.currency != currency.upper():
            self.problem(
                number, "value" if "value" in self.cells else "currency",
                f"is in {currency.upper()}, but {client.name!r} has its amounts in {client.currency}: "
                "change the client's currency first, or leave the amount out",
            )  # fmt: skip

    # --- which record, and the record -------------------------------------------------------

    def match(self, number: int, values: dict[str, Any]) -> Record | None:
        """The record of the book the row updates (None: a new record), checking for repeated rows."""
        record_id = values.get("id")
        label = self.cls.label
        existing: Record | None
        if record_id is not None:
            existing = self.records.get(record_id)
            if existing is None and not self.keep_ids:
                self.problem(
                    number, "id", f"no {label} with this id in the book (the id column is of this book's records: "
                    "leave it empty to add a new one)",
                )  # fmt: skip
                return None
            if existing is None:
                self.seen(number, ("id", record_id), "has the same id as row {first}")
                return None
        elif "external_id" in values and (existing := self.external.get(values["external_id"])) is not None:
            pass
        else:
            key = tuple(_normal(values.get(f)) for f in self.key_fields)
            found = self.existing.get(key, [])
            crm = _crm_of(values.get("external_id", ""))
            if crm:  # a record with another id of the same CRM is another record of that CRM
                found = [r for r in found if _crm_of(getattr(r, "external_id", "")) != crm]
            if len(found) > 1:
                ids = ", ".join(str(r.id) for r in found)
                self.problem(
                    number, self.label_field, f"matches {len(found)} {self.source.table} (ids {ids}): add an id column"
                )
                return None
            if not found:
                self.seen(number, ("external_id", values["external_id"]) if "external_id" in values else key,
                          "repeats row {first}")  # fmt: skip
                return None
            existing = found[0]
            for name in self.key_fields:  # matched by name: keep the book's spelling of it
                values.pop(name, None)
            if getattr(existing, "external_id", ""):  # and its id of another CRM (a record keeps one)
                values.pop("external_id", None)
        values.pop("id", None)
        self.seen(number, ("record", existing.id), f"updates the same {label} as row {{first}}")
        return existing

    def seen(self, number: int, key: Any, message: str) -> None:
        first, cells = self.targets_seen.setdefault(key, (number, self.row_cells))
        if first == number:
            return
        if cells == self.row_cells:  # the whole row written twice
            self.problem(number, "", f"is the same as row {first}: remove one")
        else:
            self.problem(number, self.label_field, message.format(first=first))

    def build(self, number: int, values: dict[str, Any], existing: Record | None, failed: set[str]) -> Record | None:
        closed_on = values.pop("closed_on", None)
        crm = self.source.crm
        if crm is not None and values.get("stage") is Stage.LOST and not values.get("lost_reason"):
            # A lost deal needs its reason (domain.rules); a CRM often exports none: say so, in words.
            values["lost_reason"] = f"none given in the {crm.label} export"
        try:
            if existing is None:
                return self.new_record(values, closed_on)
            if isinstance(existing, Project) and values.get("stage", existing.stage) != existing.stage:
                if "stage_history" in values:
                    return existing.evolve(**values)
                stage: Stage = values.pop("stage")
                return move_project(existing.evolve(**values), stage, closed_on or self.today)
            return existing.evolve(**values)
        except ValidationError as err:
            for error in field_errors(err):
                name, _, inner = error.field.partition(".")
                if name not in failed:
                    self.problem(number, name, f"{_inner_field(inner)}: {error.message}" if inner else error.message)
            return None

    def new_record(self, values: dict[str, Any], closed_on: date | None) -> Record:
        stage = values.get("stage")
        if (
            self.cls is Project
            and closed_on is not None
            and stage in (Stage.KICKOFF, Stage.LOST)
            and "stage_history" not in values
        ):
            # A deal the CRM closed: a prospect from its creation, won or lost on its close date.
            opened = min(values.get("created_on") or closed_on, closed_on)
            values["stage_history"] = (
                StageEntry(stage=Stage.PROSPECT, entered=opened),
                StageEntry(stage=stage, entered=closed_on),
            )
        if "id" not in values:
            values["id"] = new_id(self.taken, self.ids)
        if self.cls is Client:
            values.setdefault("currency", self.book.settings.currency)  # as a new client's form has it
        record: Record = adapter(self.cls).validate_python(values)
        self.taken.add(record.id)
        return record

    # --- the book's own rules -------------------------------------------------------------------

    def check_with_the_book(self) -> None:
        """The rules the book checks on every write (the rules of a change, references, the
        discount guard), run on the plan before anything is written, so that --dry-run names them
        too, by row."""
        staged = self.book.snapshot()
        table = staged.table(self.source.table)
        rows: dict[int, int] = {}
        changes: list[tuple[Record | None, Record]] = []
        problems: list[Problem] = []
        for planned in (*self.new, *self.updated):
            outcome = rules.on_put(staged, planned.before, planned.record, self.today)
            problems += outcome.problems
            table[planned.record.id] = outcome.record
            rows[planned.record.id] = planned.row
            changes.append((planned.before, outcome.record))
        problems += [p for _, record in changes for p in staged.record_problems(record)]
        problems += guard_changes(staged, changes, self.today)
        for problem in problems:
            row = rows.get(problem.record_id or 0) if problem.table == self.source.table else None
            if row is None:
                self.problems.append(problem.for_people)
            else:
                self.problem(row, problem.field or "", problem.message, with_value=False)


def _inner_field(path: str) -> str:
    """A field inside a column's value, for people: "0.entered" is "item 1, entered"."""
    return ", ".join(f"item {int(part) + 1}" if part.isdigit() else part for part in path.split("."))
