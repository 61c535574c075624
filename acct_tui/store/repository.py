"""The repository: the book in memory, validated, with typed CRUD, undo and crash-safe saves.

The whole book is read once, every record validated with the domain's models, and kept in
memory with each record's JSON bytes. A change (one or many records) is validated, applied in
memory, pushed on the undo stack and bumps `generation`; saving writes one atomic snapshot of
the cached bytes. The UI takes a `snapshot()` on its thread and `write()`s it in a worker, so
typing never waits for the disk; the CLI opens with `autosave=True` and saves after each change.
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

import orjson
from pydantic import ValidationError

from acct_tui.domain import rules
from acct_tui.domain.book import REFERENCES, Book, Problem
from acct_tui.domain.discounts import guard_changes
from acct_tui.domain.errors import field_errors
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
    adapter,
)
from acct_tui.domain.settings import Settings
from acct_tui.domain.wording import plural
from acct_tui.store import backups, layout
from acct_tui.store.errors import (
    BookChangedOnDisk,
    BookCorrupt,
    BookInvalid,
    BookTooNew,
    BookUnavailable,
    ChangeRejected,
    ReadOnlyBook,
)
from acct_tui.store.lock import BookLock
from acct_tui.store.migrations import SCHEMA_VERSION, MigrationError, migrate
from acct_tui.store.storage import TEMP_SUFFIX, BookStorage, describe_os_error, make_folders, temp_prefix

R = TypeVar("R", bound=Record)

META = "meta"
SETTINGS = "settings"
UNDO_LEVELS = 100


@dataclass(frozen=True, slots=True)
class Change:
    """One record before and after a change (None: it did not exist / no longer exists)."""

    table: str
    record_id: int
    before: Record | None
    after: Record | None


@dataclass(slots=True)
class ChangeSet:
    """What one user action changed; undone as a whole."""

    label: str
    changes: list[Change] = field(default_factory=list)
    settings_before: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The book's bytes at one generation, safe to write from another thread."""

    generation: int
    tables: dict[str, list[bytes]] = field(repr=False)
    """Each table's record lines in id order (20 MB at 1,000 clients: never worth printing)."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What the book file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileState:
        return cls(stat.st_mtime_ns, stat.st_size, stat.st_ino)


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
        repo.book.settings = settings
        return settings

    def put(self, record: R) -> R:
        """Insert `record` (id 0 gets the next free id) or replace the record with its id, with what
        the domain's rules of a change derive from it (`rules.on_put`); ChangeRejected if they refuse it."""
        repo = self._repo
        if self.as_stored:
            return repo._put(record, self.changes)
        outcome = rules.on_put(repo.book, repo.book.get(record.table, record.id or None), record, repo.today)
        if outcome.problems:
            raise ChangeRejected([str(p) for p in outcome.problems], {}, outcome.problems)
        for implied in outcome.also:
            repo._put(implied, self.changes)
        return repo._put(outcome.record, self.changes)

    def delete(self, table: str, record_id: int, *, cascade: bool = False) -> list[Change]:
        """Delete a record; records that depend on it are deleted (`cascade`) or cleared."""
        plan = self._repo.delete_plan(table, record_id)
        dependents = [c for c in plan if c.after is None and (c.table, c.record_id) != (table, record_id)]
        if dependents and not cascade:
            target = self._repo.book.get(table, record_id)
            raise ChangeRejected([f"{_describe(target)} has {_count_words(dependents)}: delete them too, or keep it"])
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds ~100,000 objects with no cycles: the cyclic GC only slows that down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    ) -> None:
        self.path = path
        self.today = today or date.today()
        """The day edits are checked against (the discount guard's active discounts)."""
        self.book = book
        self._lines = {
            name: table if _in_order(table) else dict(sorted(table.items())) for name, table in lines.items()
        }
        """Each table's records as their lines in the file, by id, kept in id order for the next save."""
        self._unsorted: set[str] = set()
        """Tables where a record came back out of id order (an undone delete): sorted at the next save."""
        self.meta = meta
        self._overrides = overrides
        self._base_settings = base_settings
        self._storage = storage
        self._lock = lock
        self._file_state = file_state
        self.autosave = autosave
        self.migrated_from = migrated_from
        self._next_ids = {name: max(book.table(name), default=0) + 1 for name in TABLES}
        self._undo: list[ChangeSet] = []
        self._write_lock = threading.Lock()
        self._backed_up = False
        self.generation = 0
        self.saved_generation = 0
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
    ) -> Repository:
        """Open (or create) the book at `path`. Raises a BookError with a message for people."""
        book_path = Path(path).expanduser().absolute()
        if book_path.is_symlink():
            raise BookUnavailable(
                book_path,
                f"is a symbolic link (to {book_path.readlink()}); acct-tui writes by replacing the file, "
                "which would break the link: open the real file with --db instead",
            )
        if book_path.exists() and not book_path.is_file():
            raise BookUnavailable(book_path, "is not a regular file")
        lock: BookLock | None = None
        if not read_only:
            try:
                make_folders(book_path.parent)
            except OSError as err:
                raise BookUnavailable(book_path, f"its folder cannot be created: {describe_os_error(err)}") from None
            lock = BookLock(book_path)
            lock.acquire()
        try:
            return cls._load(book_path, read_only, create, autosave, dict(base_settings or {}), lock, today)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

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
    ) -> Repository:
        storage = BookStorage(path, read_only=read_only)
        if lock is not None:
            _remove_stale_temp_files(path)
        with _gc_paused():
            tables = storage.read_lines()
            if tables is None:
                if read_only or not create:
                    raise BookUnavailable(path, "does not exist")
                return cls._create(path, storage, lock, autosave, base_settings, today)
            meta = _read_meta(path, tables)
            version = meta["schema_version"]
            migrated_from = None
            if version < SCHEMA_VERSION:
                tables = _migrated(path, tables, version)
                meta = {**meta, "schema_version": SCHEMA_VERSION}
                migrated_from = version
            overrides = _read_settings(path, tables, base_settings)
            book = _validated_book(path, tables, Settings.layered(base_settings, overrides))
            state = FileState.of(path.stat())
        for name in TABLES:
            tables.setdefault(name, {})
        return cls(
            path,
            book,
            {name: tables[name] for name in TABLES},
            meta,
            overrides,
            base_settings=base_settings,
            storage=storage,
            lock=lock,
            file_state=state,
            autosave=autosave,
            migrated_from=migrated_from,
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
    def change(self, label: str, *, undoable: bool = True, as_stored: bool = False) -> Iterator[Transaction]:
        """Group puts and deletes into one change: validated together, undone together, saved once.

        If the block raises, or the change would break a reference, nothing is changed.
        """
        if self.read_only:
            raise ReadOnlyBook(self.path, "is open read-only; open it without --read-only to make changes")
        tx = Transaction(self, as_stored=as_stored)
        try:
            yield tx
            problems = self._problems_after(tx.changes)
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
        self._commit(changeset, undoable)

    def put_all(self, records: Iterable[Record], label: str) -> list[Record]:
        """Insert or replace several records as one change (one undo step, one save)."""
        with self.change(label) as tx:
            return [tx.put(record) for record in records]

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
        deletes: dict[tuple[str, int], Record] = {}
        clears: dict[tuple[str, int], dict[str, None]] = {}
        pending = [target]
        while pending:
            record = pending.pop()
            if (record.table, record.id) in deletes:
                continue
            deletes[(record.table, record.id)] = record
            for ref, referrer in self.book.referrers(record.table, record.id):
                if ref.on_delete == "cascade":
                    pending.append(referrer)
                else:
                    fields = clears.setdefault((referrer.table, referrer.id), {})
                    fields.update(dict.fromkeys((ref.field, *ref.also_clear)))
        plan = [Change(t, i, r, None) for (t, i), r in deletes.items()]
        for (t, i), fields in clears.items():
            if (t, i) not in deletes:
                before = self.book.table(t)[i]
                plan.append(Change(t, i, before, before.evolve(**fields)))
        return plan

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
                f"Undo {changeset.label}", [Change(c.table, c.record_id, c.after, c.before) for c in changeset.changes]
            )
        )
        return changeset.label

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        """Call `listener` with every committed change (and undo), on the thread that made it."""
        self._listeners.append(listener)

    def _put(self, record: R, changes: list[Change]) -> R:
        table = self.book.table(record.table)
        if record.id == 0:
            record = record.evolve(id=self._next_ids[record.table])
        self._next_ids[record.table] = max(self._next_ids[record.table], record.id + 1)
        before = table.get(record.id)
        table[record.id] = record
        changes.append(Change(record.table, record.id, before, record))
        return record

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

    def _problems_after(self, changes: list[Change]) -> list[Problem]:
        problems: list[Problem] = []
        deleted = {(c.table, c.record_id) for c in changes if c.after is None}
        for change in changes:
            current = self.book.get(change.table, change.record_id)
            if current is not None:
                problems.extend(self.book.record_problems(current))
                if change.before is not None and _references_changed(change.before, current):
                    # Records that refer to this one must still agree with it (a project moved to
                    # another client would leave its tasks and activities with the old one).
                    for _, referrer in self.book.referrers(change.table, change.record_id):
                        problems += [
                            Problem(change.table, change.record_id, None, str(problem))
                            for problem in self.book.record_problems(referrer)
                        ]
        problems += guard_changes(self.book, ((c.before, c.after) for c in changes), self.today)
        for table, record_id in deleted:
            if self.book.get(table, record_id) is not None:
                continue
            for ref, referrer in self.book.referrers(table, record_id):
                problems.append(
                    Problem(
                        ref.table, referrer.id, ref.field, f"still refers to deleted {TABLES[table].label} {record_id}"
                    )
                )
        return problems

    def _commit(self, changeset: ChangeSet, undoable: bool) -> None:
        for change in changeset.changes:
            self._refresh_blob(change.table, change.record_id)
        if undoable:
            self._undo.append(changeset)
            del self._undo[:-UNDO_LEVELS]
        self._bump(changeset)

    def _bump(self, changeset: ChangeSet) -> None:
        self.generation += 1
        for listener in self._listeners:
            listener(changeset)
        if self.autosave:
            self.save()

    def _refresh_blob(self, table: str, record_id: int) -> None:
        record = self.book.table(table).get(record_id)
        lines = self._lines[table]
        if record is None:
            lines.pop(record_id, None)
            return
        if record_id not in lines and lines and record_id < next(reversed(lines)):
            self._unsorted.add(table)
        lines[record_id] = layout.record_line(record_id, adapter(type(record)).dump_json(record, exclude={"id"}))

    # --- saving --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.saved_generation < self.generation

    def snapshot(self) -> Snapshot:
        """The book as bytes to write; cheap (it copies references, not records)."""
        for name in self._unsorted:
            self._lines[name] = dict(sorted(self._lines[name].items()))
        self._unsorted.clear()
        tables = {name: list(lines.values()) for name, lines in self._lines.items()}
        tables[META] = [layout.record_line(1, orjson.dumps(self.meta))]
        tables[SETTINGS] = [layout.record_line(1, orjson.dumps(self._overrides))] if self._overrides else []
        return Snapshot(self.generation, tables)

    def write(self, snapshot: Snapshot, *, force: bool = False) -> bool:
        """Write `snapshot` atomically (from any thread). False if a newer one was already written.

        Raises BookChangedOnDisk if another program changed the file since we read or wrote it
        (unless `force`), BookUnavailable if the disk refuses; the file is unchanged either way.
        """
        with self._write_lock:
            if snapshot.generation <= self.saved_generation:
                return False
            if not force:
                self._check_unchanged_on_disk()
            if not self._backed_up:
                self._make_backups()
            stat = self._storage.write_lines(snapshot.tables)
            self._file_state = FileState.of(stat)
            self.saved_generation = snapshot.generation
            return True

    def save(self, *, force: bool = False) -> None:
        """Write the current book now, if anything changed since the last save."""
        if self.dirty:
            self.write(self.snapshot(), force=force)

    def reload_needed(self) -> bool:
        """Whether the file on disk differs from what we last read or wrote."""
        try:
            return self._file_state != FileState.of(self.path.stat())
        except FileNotFoundError:
            return True

    def _check_unchanged_on_disk(self) -> None:
        if self._file_state is None:
            return
        try:
            now = FileState.of(self.path.stat())
        except FileNotFoundError:
            raise BookChangedOnDisk(self.path, "was deleted or moved by another program since it was opened") from None
        if now != self._file_state:
            raise BookChangedOnDisk(self.path, "was changed by another program since it was opened")

    def _make_backups(self) -> None:
        try:
            if self.migrated_from is not None:
                backups.copy(self.path, backups.schema_backup_path(self.path, self.migrated_from))
            backups.rotate(self.path)
        except OSError as err:
            raise BookUnavailable(
                self.path, f"could not be backed up before saving: {describe_os_error(err)}; nothing was written"
            ) from None
        self._backed_up = True

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


def with_every_table(tables: dict[str, dict[int, bytes]]) -> dict[str, dict[int, bytes]]:
    """`tables` plus the empty tables a saved book has, so a written file is byte for byte what a save writes."""
    return {**{name: {} for name in (*TABLES, SETTINGS)}, **tables}


def _references_changed(before: Record, after: Record) -> bool:
    """Whether a change of a record changed what it refers to (its client, project, ...)."""
    fields = (ref.field for ref in REFERENCES if ref.table == after.table)
    return any(getattr(before, field) != getattr(after, field) for field in fields)


def new_meta(today: date) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "book_id": uuid.uuid4().hex, "created_on": today.isoformat()}


def _in_order(lines: dict[int, bytes]) -> bool:
    return all(a < b for a, b in itertools.pairwise(lines))


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files of a save that was killed midway (we hold the lock, so no save is running)."""
    try:
        for temp in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
            temp.unlink(missing_ok=True)
    except OSError:
        pass


def _read_meta(path: Path, tables: dict[str, dict[int, bytes]]) -> dict[str, Any]:
    unknown = sorted(set(tables) - set(TABLES) - {META, SETTINGS})
    if META not in tables or 1 not in tables[META]:
        raise BookCorrupt(path, "is JSON but not an acct-tui book (it has no meta table with a schema version)")
    if unknown:
        raise BookCorrupt(path, f"has tables an acct-tui book does not have: {', '.join(unknown)}")
    try:
        meta = orjson.loads(layout.blob_of(tables[META][1]))
    except orjson.JSONDecodeError as err:
        raise BookCorrupt(path, f"table meta: not valid JSON ({err})") from None
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BookCorrupt(path, f"table meta: schema_version is {version!r}, not a version number")
    if version > SCHEMA_VERSION:
        raise BookTooNew(
            path,
            f"was written by a newer acct-tui (schema version {version}; this one knows up to {SCHEMA_VERSION}). "
            "Upgrade acct-tui to open it; the file was not changed",
        )
    return dict(meta)


def _read_settings(path: Path, tables: dict[str, dict[int, bytes]], base: dict[str, Any]) -> dict[str, Any]:
    line = tables.get(SETTINGS, {}).get(1)
    if line is None:
        return {}
    raw = layout.blob_of(line)
    try:
        overrides = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise BookCorrupt(path, f"table settings: not valid JSON ({err})") from None
    if not isinstance(overrides, dict):
        raise BookInvalid(path, "table settings: not a JSON object")
    try:
        Settings.layered(base, overrides)
    except ValidationError as err:
        raise BookInvalid(path, "its settings break the rules", [f"settings.{e}" for e in field_errors(err)]) from None
    return overrides


def _migrated(path: Path, tables: layout.Lines, version: int) -> layout.Lines:
    try:
        documents = {
            name: {k: orjson.loads(layout.blob_of(v)) for k, v in lines.items()} for name, lines in tables.items()
        }
        documents = migrate(documents, version)
        return {
            name: {k: layout.record_line(k, orjson.dumps(v)) for k, v in records.items()}
            for name, records in documents.items()
        }
    except (MigrationError, orjson.JSONDecodeError) as err:
        raise BookCorrupt(path, f"could not be upgraded: {err}; the file was not changed") from None


def _validated_book(path: Path, tables: layout.Lines, settings: Settings) -> Book:
    """Every record validated with the domain's models; all problems reported at once."""
    details: list[str] = []
    records: dict[str, dict[int, Record]] = {}
    for name, cls in TABLES.items():
        validator = adapter(cls).validator
        table: dict[int, Record] = {}
        for record_id, line in tables.get(name, {}).items():
            if record_id < 1:
                details.append(f"{name} record {record_id}: ids start at 1")
                continue
            body = layout.blob_of(line)[1:].lstrip()
            injected = b'{"id":%d%s%s' % (record_id, b"" if body.startswith(b"}") else b",", body)
            try:
                table[record_id] = validator.validate_json(injected)
            except ValidationError as err:
                details += [
                    f"{name} record {record_id}, field {e}" if e.field else f"{name} record {record_id}: {e}"
                    for e in field_errors(err, with_values=True)
                ]
        records[name] = table
    fields: dict[str, Any] = {**records, "settings": settings}
    book = Book.model_construct(**fields)
    if not details:
        details = [str(p) for p in book.problems()]
    if details:
        raise BookInvalid(path, f"has {plural(len(details), 'problem')}; nothing was changed", details)
    return book
