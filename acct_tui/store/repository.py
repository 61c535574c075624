"""The repository: the book in memory, validated, with typed CRUD, undo and crash-safe saves.

The whole book is read once, every record validated with the domain's models, and kept in
memory with each record's JSON bytes. A change (one or many records) is validated, applied in
memory, pushed on the undo stack and bumps `generation`; saving writes one atomic snapshot of
the cached bytes. The UI takes a `snapshot()` on its thread and `write()`s it in a worker, so
typing never waits for the disk; the CLI opens with `autosave=True` and saves after each change.
"""

from __future__ import annotations

import copy
import itertools
import os
import random
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import ValidationError

from acct_tui.domain import rules
from acct_tui.domain.book import Book
from acct_tui.domain.changes import Change, delete_plan, dependents, problems_after
from acct_tui.domain.errors import field_errors
from acct_tui.domain.merge import Merged, MergeRefused, Version, merge
from acct_tui.domain.records import (
    TABLES,
    Activity,
    Client,
    Contact,
    Event,
    Project,
    Record,
    StaffMember,
    Task,
    WeekRecord,
)
from acct_tui.domain.settings import Settings
from acct_tui.store import backups, layout
from acct_tui.store.errors import BookChangedOnDisk, BookError, BookUnavailable, ChangeRejected, ReadOnlyBook
from acct_tui.store.loading import BookRead, load, new_meta, read_book, remove_stale_temp_files
from acct_tui.store.lock import BookLock
from acct_tui.store.merging import Copy, check_same_book, copy_of, merged_meta, settings_changed
from acct_tui.store.migrations import MAX_ID
from acct_tui.store.saving import (
    FileState,
    Snapshot,
    check_unchanged,
    current_state,
    file_tables,
    make_backups,
    record_line,
)
from acct_tui.store.storage import BookStorage, describe_os_error, make_folders

if TYPE_CHECKING:
    from acct_tui.domain.edits import Edit

R = TypeVar("R", bound=Record)

UNDO_LEVELS = 100


@dataclass(slots=True)
class ChangeSet:
    """What one user action changed; undone as a whole."""

    label: str
    changes: list[Change] = field(default_factory=list)
    settings_before: dict[str, Any] | None = None
    undo: bool = False
    """An undo: `changes` take back an earlier change, in its order (what it changed first, first)."""

    @property
    def brought_back(self) -> tuple[str, int] | None:
        """The record an undo puts back first (the one the undone action was about), if any."""
        if not self.undo:
            return None
        return next(((c.table, c.record_id) for c in self.changes if c.after is not None), None)


@dataclass(frozen=True, slots=True)
class Outside:
    """The file as another program left it, and its merge with the open book."""

    theirs: Copy
    state: FileState | None
    merged: Merged
    ours: Version


class Transaction:
    """The records put and deleted by one change; see `Repository.change`."""

    def __init__(self, repo: Repository, *, as_stored: bool = False) -> None:
        self._repo = repo
        self.as_stored = as_stored
        """Records are copies of stored ones (a JSON export, a merge): the rules of a change do not apply."""
        self.changes: list[Change] = []
        self.settings_before: dict[str, Any] | None = None

    def set_settings(self, overrides: dict[str, Any]) -> Settings:
        """Replace the book's own settings in this change. Raises ChangeRejected naming the bad key."""
        repo = self._repo
        try:
            settings = Settings.layered(repo._base_settings, overrides)
        except ValidationError as err:
            raise ChangeRejected([str(e) for e in field_errors(err)]) from None
        if self.settings_before is None:
            self.settings_before = repo._overrides
        repo._overrides = dict(overrides)
        # What a merge of two copies goes by, for a setting changed on both.
        repo.meta = {**repo.meta, "settings_changed": repo.clock().isoformat().replace("+00:00", "Z")}
        repo.book.settings = settings
        return settings

    def put(self, record: R) -> R:
        """Insert `record` (id 0 gets a new random id) or replace the record with its id, with what
        the domain's rules of a change derive from it (`rules.on_put`); ChangeRejected if they refuse it.

        A record that differs from the stored one is stamped with the time of the change
        (`changed_at`), which a merge of two copies of the book goes by. In a change `as_stored`
        (a JSON export, a merge), records are taken as they are, their change time included.
        """
        repo = self._repo
        if self.as_stored:
            return repo._put(record, self.changes, stamp=False)
        outcome = rules.on_put(repo.book, repo.book.get(record.table, record.id or None), record, repo.today)
        if outcome.problems:
            raise ChangeRejected([str(p) for p in outcome.problems], {}, outcome.problems)
        for implied in outcome.also:
            repo._put(implied, self.changes)
        for dropped in outcome.dropped:
            repo._remove(dropped.table, dropped.id, self.changes)
        return repo._put(outcome.record, self.changes)

    def delete(self, table: str, record_id: int, *, cascade: bool = False) -> list[Change]:
        """Delete a record; records that depend on it are deleted (`cascade`) or cleared."""
        plan = self._repo.delete_plan(table, record_id)
        target = self._repo.book.table(table)[record_id]
        others = dependents(plan, target)
        if others and not cascade:
            raise ChangeRejected([f"{_describe(target)} has {_count_words(others)}: delete them too, or keep it"])
        for change in plan:
            if change.after is None:
                self._repo._remove(change.table, change.record_id, self.changes)
            else:
                self._repo._put(change.after, self.changes)
        return plan


def _describe(record: Record | None) -> str:
    if record is None:
        return "the record"
    return f"{record.label} {record.display!r}"


def _count_words(changes: list[Change]) -> str:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.table] = counts.get(change.table, 0) + 1
    return ", ".join(f"{counts[t]} {TABLES[t].label if counts[t] == 1 else t}" for t in TABLES if t in counts)


class RecordTable(Generic[R]):
    """Typed CRUD over one table; each write is one change (one undo step, one save)."""

    def __init__(self, repo: Repository, cls: type[R]) -> None:
        self._repo = repo
        self.cls = cls
        self.name = cls.table

    def get(self, record_id: int | None) -> R | None:
        if record_id is None:
            return None
        return self._repo.book.table(self.name).get(record_id)  # type: ignore[return-value]

    def all(self) -> list[R]:
        return list(self._repo.book.table(self.name).values())  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._repo.book.table(self.name))

    def add(self, record: R, label: str | None = None) -> R:
        with self._repo.change(label or f"Add {self.cls.label}") as tx:
            return tx.put(record.evolve(id=0))

    def update(self, record: R, label: str | None = None) -> R:
        if self.get(record.id) is None:
            raise ChangeRejected([f"{self.cls.label} {record.id} does not exist (deleted meanwhile?)"])
        with self._repo.change(label or f"Edit {self.cls.label}") as tx:
            return tx.put(record)

    def delete(self, record_id: int, *, cascade: bool = False, label: str | None = None) -> list[Change]:
        with self._repo.change(label or f"Delete {self.cls.label}") as tx:
            return tx.delete(self.name, record_id, cascade=cascade)


class Repository:
    """One open book. Use `Repository.open(path)`; close it (or use `with`) to release the lock."""

    def __init__(
        self,
        path: Path,
        book: Book,
        lines: layout.Lines,
        meta: dict[str, Any],
        overrides: dict[str, Any],
        *,
        base_settings: dict[str, Any],
        storage: BookStorage,
        lock: BookLock | None,
        file_state: FileState | None,
        autosave: bool,
        migrated_from: int | None = None,
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = path
        self.today = today or date.today()
        """The day edits are checked against (the discount guard's active discounts)."""
        self.clock = clock or utc_now
        """The time a change is stamped with (UTC, whole seconds)."""
        self.book = book
        self._lines = {
            name: table if _in_order(table) else dict(sorted(table.items())) for name, table in lines.items()
        }
        """Each table's records as their lines in the file, by id, kept in id order for the next save."""
        self._unsorted: set[str] = set()
        """Tables where a record went in out of id order (ids are random): the writer sorts them."""
        self._line_changes: dict[str, int] = dict.fromkeys(self._lines, 0)
        """Changes to each table's lines, so a table the writer sorted is taken back only if unchanged."""
        self._sorted_by_writer: dict[str, tuple[int, dict[int, bytes]]] = {}
        """Tables the writer put in id order, with `_line_changes` as they were copied: taken in at
        the next snapshot (on the UI thread) if unchanged since."""
        self.meta = meta
        self._overrides = overrides
        self._base_settings = base_settings
        self._storage = storage
        self._lock = lock
        self._file_state = file_state
        self._saved = Version(book.snapshot(), dict(overrides), settings_changed(meta))
        """The book as the file last read or written holds it: the base of a merge with an outside change."""
        self.autosave = autosave
        self.read_only_why = "open it without --read-only to make changes"
        """What a refused change of a read-only book tells the user to do (the team roll-up's reason
        for a teammate's book)."""
        self.migrated_from = migrated_from
        self._random: random.Random = random.SystemRandom()
        self._undo: list[ChangeSet] = []
        self._write_lock = threading.Lock()
        self._backed_up = False
        self.generation = 0
        self.saved_generation = 0
        self.edited = False
        """Whether a real change (not a quiet one) was made since the book was opened."""
        self._quiet = 0
        self._saved_quiet = 0
        self.clients = RecordTable(self, Client)
        self.contacts = RecordTable(self, Contact)
        self.projects = RecordTable(self, Project)
        self.tasks = RecordTable(self, Task)
        self.staff = RecordTable(self, StaffMember)
        self.activities = RecordTable(self, Activity)
        self.events = RecordTable(self, Event)
        self.weeks = RecordTable(self, WeekRecord)
        self._listeners: list[Callable[[ChangeSet], None]] = []

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        autosave: bool = True,
        base_settings: Mapping[str, Any] | None = None,
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
        ids: random.Random | None = None,
        check_all: bool = False,
    ) -> Repository:
        """Open (or create) the book at `path`. Raises a BookError with a message for people.

        `clock` gives the time changes are stamped with, `ids` the random new ids are drawn from
        (tests fix both; by default the real clock and the system's randomness). `check_all`
        validates the book even if its bytes are ones this acct-tui saved (`store.trust`).
        """
        book_path = cls._book_file(path)
        lock: BookLock | None = None
        if not read_only:
            try:
                make_folders(book_path.parent)
            except OSError as err:
                raise BookUnavailable(book_path, f"its folder cannot be created: {describe_os_error(err)}") from None
            lock = BookLock(book_path)
            lock.acquire()
        try:
            repo = cls._load(book_path, read_only, create, autosave, dict(base_settings or {}), lock, today, check_all)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if clock is not None:
            repo.clock = clock
        if ids is not None:
            repo._random = ids
        return repo

    @classmethod
    def read_book(cls, path: str | os.PathLike[str], *, base_settings: Mapping[str, Any] | None = None) -> BookRead:
        """The book at `path`, read without a lock and without a repository (for `status`), with
        the digest and stat of the bytes it was read from. Raises a BookError with a message for
        people, as `open` would with `read_only`."""
        book_path = cls._book_file(path)
        storage = BookStorage(book_path, read_only=True, validated=True)
        read = read_book(book_path, storage, dict(base_settings or {}))
        if read is None:
            raise BookUnavailable(book_path, "does not exist")
        return read

    @staticmethod
    def _book_file(path: str | os.PathLike[str]) -> Path:
        book_path = Path(path).expanduser().absolute()
        if book_path.is_symlink():
            raise BookUnavailable(
                book_path,
                f"is a symbolic link (to {book_path.readlink()}); acct-tui writes by replacing the file, "
                "which would break the link: open the real file with --db instead",
            )
        if book_path.exists() and not book_path.is_file():
            raise BookUnavailable(book_path, "is not a regular file")
        return book_path

    @classmethod
    def _load(
        cls,
        path: Path,
        read_only: bool,
        create: bool,
        autosave: bool,
        base_settings: dict[str, Any],
        lock: BookLock | None,
        today: date | None,
        check_all: bool,
    ) -> Repository:
        storage = BookStorage(path, read_only=read_only, validated=True)
        if lock is not None:
            remove_stale_temp_files(path)
        loaded = load(path, storage, base_settings, check_all=check_all)
        if loaded is None:
            if read_only or not create:
                raise BookUnavailable(path, "does not exist")
            return cls._create(path, storage, lock, autosave, base_settings, today)
        return cls(
            path,
            loaded.book,
            loaded.lines,
            loaded.meta,
            loaded.overrides,
            base_settings=base_settings,
            storage=storage,
            lock=lock,
            file_state=loaded.state,
            autosave=autosave,
            migrated_from=loaded.migrated_from,
            today=today,
        )

    @classmethod
    def _create(
        cls,
        path: Path,
        storage: BookStorage,
        lock: BookLock | None,
        autosave: bool,
        base_settings: dict[str, Any],
        today: date | None,
    ) -> Repository:
        meta = new_meta(today or date.today())
        book = Book(settings=Settings.layered(base_settings))
        repo = cls(
            path,
            book,
            {name: {} for name in TABLES},
            meta,
            {},
            base_settings=base_settings,
            storage=storage,
            lock=lock,
            file_state=None,
            autosave=autosave,
            today=today,
        )
        repo._backed_up = True  # nothing to back up
        repo.generation = 1
        repo.save()
        return repo

    # --- reading -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self._storage.read_only

    @property
    def settings(self) -> Settings:
        return self.book.settings

    @property
    def settings_overrides(self) -> dict[str, Any]:
        """The book's own settings: only what differs from the defaults and the settings file."""
        return dict(self._overrides)

    def table(self, cls: type[R]) -> RecordTable[R]:
        return RecordTable(self, cls)

    # --- changing ------------------------------------------------------------------------

    @contextmanager
    def change(
        self, label: str, *, undoable: bool = True, quiet: bool = False, as_stored: bool = False
    ) -> Iterator[Transaction]:
        """Group puts and deletes into one change: validated together, undone together, saved once.

        If the block raises, or the change would break a reference, nothing is changed. Records
        put `as_stored` are taken as they are (see `Transaction.put`). A `quiet`
        change (the planner's record of the week) does not make the book dirty: it is in memory at
        once and reaches the file with the next save of a real change, or never.
        """
        if self.read_only:
            raise ReadOnlyBook(self.path, f"is open read-only; {self.read_only_why}")
        tx = Transaction(self, as_stored=as_stored)
        try:
            yield tx
            problems = problems_after(self.book, tx.changes, self.today)
            if problems:
                fields = {p.field: p.message for p in reversed(problems) if p.field}
                raise ChangeRejected([str(p) for p in problems], fields, problems)
        except BaseException:
            self._revert(tx.changes)
            if tx.settings_before is not None:
                self._restore_settings(tx.settings_before)
            raise
        if not tx.changes and tx.settings_before is None:
            return
        changeset = ChangeSet(label, tx.changes, settings_before=tx.settings_before)
        self._commit(changeset, undoable, quiet)

    def put_all(self, records: Iterable[Record], label: str) -> list[Record]:
        """Insert or replace several records as one change (one undo step, one save)."""
        with self.change(label) as tx:
            return [tx.put(record) for record in records]

    def apply(self, edit: Edit) -> list[Record]:
        """What one user action writes (`domain.edits`), as one change: its records put, as
        stored, and the records it deletes deleted."""
        with self.change(edit.label) as tx:
            stored = [tx.put(record) for record in edit.records]
            for gone in edit.deleted:
                tx.delete(gone.table, gone.id)
            return stored

    def set_settings(self, overrides: dict[str, Any], label: str = "Change settings") -> Settings:
        """Replace the book's own settings. Raises ChangeRejected naming the bad key."""
        with self.change(label) as tx:
            return tx.set_settings(overrides)

    def set_base_settings(self, base: Mapping[str, Any]) -> Settings:
        """Layer the book's own settings over a new settings-file layer (the file was changed, by
        the planner's settings screen). Not a change of the book: nothing to save or undo; the
        caller refreshes what shows the settings. Raises ChangeRejected naming the bad key."""
        try:
            settings = Settings.layered(dict(base), self._overrides)
        except ValidationError as err:
            raise ChangeRejected([str(e) for e in field_errors(err)]) from None
        self._base_settings = dict(base)
        self.book.settings = settings
        return settings

    def _restore_settings(self, overrides: dict[str, Any]) -> None:
        self._overrides = overrides
        self.book.settings = Settings.layered(self._base_settings, overrides)

    def delete_plan(self, table: str, record_id: int) -> list[Change]:
        """What deleting a record would do: the record and its cascade deleted, references cleared."""
        target = self.book.get(table, record_id)
        if target is None:
            raise ChangeRejected([f"{TABLES[table].label} {record_id} does not exist"])
        return delete_plan(self.book, target)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    def undo(self) -> str | None:
        """Undo the last change; returns its label (None when there is nothing to undo)."""
        if not self._undo:
            return None
        changeset = self._undo.pop()
        self._revert(changeset.changes)
        if changeset.settings_before is not None:
            self._restore_settings(changeset.settings_before)
        for change in changeset.changes:
            self._refresh_blob(change.table, change.record_id)
        self._bump(
            ChangeSet(
                f"Undo {changeset.label}",
                [Change(c.table, c.record_id, c.after, c.before) for c in changeset.changes],
                undo=True,
            )
        )
        return changeset.label

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        """Call `listener` with every committed change (and undo), on the thread that made it."""
        self._listeners.append(listener)

    def _put(self, record: R, changes: list[Change], stamp: bool = True) -> R:
        table = self.book.table(record.table)
        if record.id == 0:
            record = record.evolve(id=self._new_id(table))
        before = table.get(record.id)
        if stamp and before is not None and with_stamp(record, before.changed_at) == before:
            record = before  # the same content: when it last changed stays (not None from a rebuilt record)
        elif stamp:
            record = with_stamp(record, self.clock())
        table[record.id] = record
        changes.append(Change(record.table, record.id, before, record))
        return record

    def _new_id(self, table: Mapping[int, Record]) -> int:
        return new_id(table, self._random)

    def _remove(self, table: str, record_id: int, changes: list[Change]) -> None:
        before = self.book.table(table).pop(record_id)
        changes.append(Change(table, record_id, before, None))

    def _revert(self, changes: list[Change]) -> None:
        for change in reversed(changes):
            table = self.book.table(change.table)
            if change.before is None:
                table.pop(change.record_id, None)
            else:
                table[change.record_id] = change.before

    def _commit(self, changeset: ChangeSet, undoable: bool, quiet: bool = False) -> None:
        for change in changeset.changes:
            self._refresh_blob(change.table, change.record_id)
        if undoable:
            self._undo.append(changeset)
            del self._undo[:-UNDO_LEVELS]
        self._bump(changeset, quiet)

    def _bump(self, changeset: ChangeSet, quiet: bool = False) -> None:
        if quiet:
            self._quiet += 1
        else:
            self.generation += 1
            self.edited = True
        for listener in self._listeners:
            listener(changeset)
        if self.autosave and not quiet:
            self.save()

    def _refresh_blob(self, table: str, record_id: int) -> None:
        record = self.book.table(table).get(record_id)
        lines = self._lines[table]
        self._line_changes[table] += 1
        if record is None:
            lines.pop(record_id, None)
            return
        if record_id not in lines and lines and record_id < next(reversed(lines)):
            self._unsorted.add(table)
        lines[record_id] = record_line(record)

    # --- saving --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.saved_generation < self.generation

    @property
    def revision(self) -> tuple[int, int]:
        """Counts every change of the book in memory: (real changes, quiet ones)."""
        return (self.generation, self._quiet)

    @property
    def saved_revision(self) -> tuple[int, int]:
        """The `revision` the book file holds (as this session last wrote or read it)."""
        return (self.saved_generation, self._saved_quiet)

    def snapshot(self) -> Snapshot:
        """The book as bytes to write; cheap (it copies references, not records, and leaves the
        ordering of a table a new record went into out of order to the writer's thread)."""
        sorted_by_writer, self._sorted_by_writer = self._sorted_by_writer, {}
        for name, (changes, table) in sorted_by_writer.items():
            if changes == self._line_changes[name] and name in self._unsorted:
                self._lines[name] = table
                self._unsorted.discard(name)
        unordered = {name: (self._line_changes[name], dict(self._lines[name])) for name in self._unsorted}
        tables = file_tables(self._lines, self.meta, self._overrides, unordered)
        version = Version(self.book.snapshot(), dict(self._overrides), settings_changed(self.meta))
        return Snapshot(self.generation, tables, self._quiet, version, unordered)

    def write(self, snapshot: Snapshot, *, force: bool = False) -> bool:
        """Write `snapshot` atomically (from any thread). False if a newer one was already written.

        Raises BookChangedOnDisk if another program changed the file since we read or wrote it
        (unless `force`), BookUnavailable if the disk refuses; the file is unchanged either way.
        """
        with self._write_lock:
            if snapshot.generation <= self.saved_generation:
                return False
            if not force:
                check_unchanged(self.path, self._file_state)
            if not self._backed_up:
                make_backups(self.path, self.migrated_from)
                self._backed_up = True
            in_order = snapshot.put_in_order()
            stat = self._storage.write_lines(snapshot.ordered(in_order))
            for name, table in in_order.items():
                self._sorted_by_writer[name] = (snapshot.unordered[name][0], table)
            self._file_state = FileState.of(stat)
            self.saved_generation = snapshot.generation
            self._saved_quiet = max(self._saved_quiet, snapshot.quiet)
            if snapshot.version is not None:
                self._saved = snapshot.version
            return True

    def save(self, *, force: bool = False, quiet_too: bool = False) -> None:
        """Write the current book now, if anything changed since the last save.

        `quiet_too` (at quit) also writes quiet changes not yet saved, if the book was edited in
        this session: a session that only looked leaves the file as it was.
        """
        if quiet_too and self.edited and self._quiet > self._saved_quiet:
            self.generation += 1
        if self.dirty:
            self.write(self.snapshot(), force=force)

    def reload_needed(self) -> bool:
        """Whether the file on disk differs from what we last read or wrote."""
        return self._file_state != current_state(self.path)

    # --- a change made outside (a sync, another program) ---------------------------------

    def versions(self) -> tuple[int, Version, Version]:
        """(generation, ours, base): what an outside change is merged with, taken on the thread
        that changes the book; `merge_outside` may then run in a worker."""
        ours = Version(self.book.snapshot(), dict(self._overrides), settings_changed(self.meta))
        return self.generation, ours, self._saved

    def merge_outside(self, ours: Version, base: Version) -> Outside:
        """The file as another program left it, merged with `ours` (from any thread).

        Raises a BookError if the file is gone or not a valid book, MergeRefused if the two
        cannot make a valid book; nothing is changed either way.
        """
        loaded = load(self.path, BookStorage(self.path, read_only=True), self._base_settings)
        if loaded is None:
            raise BookChangedOnDisk(self.path, "was deleted or moved by another program since it was opened")
        theirs = copy_of(loaded)
        check_same_book(self.path, self.meta, theirs.meta)
        merged = merge(
            base,
            ours,
            theirs.version,
            today=self.today,
            settings_of=lambda overrides: Settings.layered(self._base_settings, overrides),
        )
        return Outside(theirs, loaded.state, merged, ours)

    def absorb(self, outside: Outside, generation: int) -> bool:
        """Take a merged outside change into the open book (on the thread that changes it).

        False, and nothing changed, if the book changed since `versions()` gave `generation`
        (merge again). Undo steps that touch a record the outside change touched are dropped.
        If the result is what the file holds, the book stays saved; otherwise it is dirty.
        """
        if generation != self.generation or self.read_only:
            return False
        merged, theirs = outside.merged, outside.theirs
        clean = merged.overrides == dict(theirs.version.overrides) and all(
            merged.book.table(name) == theirs.version.book.table(name) for name in TABLES
        )
        self._file_state = outside.state
        self._saved = theirs.version
        self.meta = merged_meta(self.meta, theirs.meta, merged)
        with self.change("Merge the change made outside acct-tui", undoable=False, quiet=True, as_stored=True) as tx:
            for name in TABLES:
                now, new = self.book.table(name), merged.book.table(name)
                for record_id in now.keys() - new.keys():
                    self._remove(name, record_id, tx.changes)
                for record_id, record in new.items():
                    if now.get(record_id) != record:
                        self._put(record, tx.changes, stamp=False)
            if merged.overrides != self._overrides:
                tx.set_settings(merged.overrides)
                self.meta = merged_meta(self.meta, theirs.meta, merged)
            touched = {(c.table, c.record_id) for c in tx.changes}
        for index in range(len(self._undo) - 1, -1, -1):
            if any((c.table, c.record_id) in touched for c in self._undo[index].changes):
                del self._undo[: index + 1]
                break
        if clean:
            self._saved_quiet = self._quiet
        else:
            self.generation += 1
        return True

    def take_over_file(self) -> Path | None:
        """The last resort for an outside change that cannot be merged: keep the file as another
        program left it (`BOOK.outside.bak`), and have the next save write the book as it is here
        over it, even if nothing changed here since the last save. Returns where the copy is
        (None: the file was deleted, there is nothing to keep)."""
        state = current_state(self.path)
        kept = None if state is None else self.keep_outside_copy()
        with self._write_lock:
            self._file_state = state  # what was copied; a change made after the copy is merged again
            self.generation += 1  # what is here is not in the file any more
        return kept

    def save_merging(self, *, quiet_too: bool = False, take_over: bool = False) -> None:
        """Save now, at the end of a session (quit, SIGTERM): a change another program made to the
        file is merged in first (on the thread that changes the book), so it is neither lost nor
        left in place of the book as it is here.

        If that change cannot be merged (a broken file, a merge that breaks a rule), raises
        BookChangedOnDisk with the reason and writes nothing; with `take_over`, the file is kept as
        `BOOK.outside.bak` and overwritten instead. Raises BookUnavailable if the disk refuses.
        """
        if self.read_only:
            return
        with self._write_lock:  # a save still running in a worker first: its write is not outside
            changed = self.reload_needed()
        if changed:
            try:
                generation, ours, base = self.versions()
                self.absorb(self.merge_outside(ours, base), generation)
            except (BookError, MergeRefused) as err:
                reason = "; ".join(err.problems[:3]) if isinstance(err, MergeRefused) else err.message
                if not take_over:
                    raise BookChangedOnDisk(
                        self.path, f"was changed by another program, and the change cannot be merged: {reason}"
                    ) from None
                self.take_over_file()
        self.save(quiet_too=quiet_too)

    def keep_outside_copy(self) -> Path:
        """Copy the file as another program left it to `BOOK.outside.bak`, before overwriting it."""
        target = self.path.with_name(f"{self.path.name}.outside.bak")
        try:
            return backups.copy(self.path, target)
        except OSError as err:
            raise BookUnavailable(
                self.path, f"could not be copied before overwriting: {describe_os_error(err)}"
            ) from None

    # --- closing -------------------------------------------------------------------------

    def close(self) -> None:
        """Release the lock. Unsaved changes are the caller's to save first."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def new_id(taken: Container[int], ids: random.Random) -> int:
    """A random id in 1..2**53 not in `taken`: two copies of a book never pick the same one (but
    once in 10**10 books of 100,000 records), so their new records merge without a clash."""
    while True:
        record_id = ids.randint(1, MAX_ID)
        if record_id not in taken:
            return record_id


def utc_now() -> datetime:
    """Now in UTC, to the second: the stamp of a change."""
    return datetime.now(UTC).replace(microsecond=0)


def with_stamp(record: R, when: datetime | None) -> R:
    """`record` with `changed_at` set to `when`, without validating it again (a stamp is all that
    changes, and a repository stamps every record a change writes)."""
    stamped = copy.copy(record)
    object.__setattr__(stamped, "changed_at", when)
    return stamped


def _in_order(lines: dict[int, bytes]) -> bool:
    return all(a < b for a, b in itertools.pairwise(lines))
