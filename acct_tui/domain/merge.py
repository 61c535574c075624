"""The three-way merge of two copies of a book, record by record and field by field.

`merge(base, ours, theirs)` takes the copy both started from and the two edited copies, and gives
the merged book with notes for people. The rules, which give the same book whichever copy is
"ours":

- A record added, deleted or edited on one copy only: that change is taken.
- A record edited on both: field by field. A field changed on one copy only takes that change; a
  field changed on both to different values takes the value of the copy whose record changed
  later (`changed_at`; on the same second, the larger value as JSON text), and a note says what
  the other value was. If the fields combined break a rule of the record (a done task needs its
  done date...), the later record is taken whole, and a note names the other copy's changes.
- Edited on one copy, deleted on the other: the edited record is kept, and a note says so; the
  records deleted with it stay deleted, and the note counts them.
- Added on both with the same id but different content (books copied before schema 2): both are
  kept; the one whose content is the larger JSON text gets a new id, derived from its content,
  and the records of its copy that refer to it follow.
- A record deleted on one copy that the other refers to (a task added to a client deleted
  elsewhere): the referenced record is kept. A task or activity whose project moved to another
  client on one copy follows the project's client.
- Two records of one ISO week (each copy recorded the week): one is kept, with the figures of
  the later and the self-check of the later that has one.
- The book's own settings merge key by key the same way, by the time each copy last changed
  them; if the keys combined break a rule, the later copy's settings are taken whole.

The merged book is checked with the rules the repository checks a change with
(`changes.problems_after`, and every reference): a merge that still breaks one is refused with
`MergeRefused`, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from operator import attrgetter
from typing import Any

import orjson
from pydantic import ValidationError

from acct_tui.domain.book import REFERENCES, Book, Problem
from acct_tui.domain.changes import Change, delete_plan, dependents, problems_after
from acct_tui.domain.records import BOOKKEEPING, TABLES, Activity, Record, Task, WeekRecord, adapter
from acct_tui.domain.settings import Settings
from acct_tui.domain.types import ID_LIMIT
from acct_tui.domain.wording import plural

_EPOCH = datetime.min.replace(tzinfo=UTC)
_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Version:
    """One copy of a book as a merge sees it."""

    book: Book
    overrides: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """The book's own settings (what differs from the defaults and the settings file)."""
    settings_changed: datetime | None = None
    """When the book's own settings last changed (None: never, or before acct-tui kept it)."""


@dataclass(frozen=True, slots=True)
class MergeNote:
    """Something a person should know about a merge, about one record (or the settings)."""

    table: str
    record_id: int | None
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Merged:
    book: Book
    overrides: dict[str, Any]
    settings_changed: datetime | None
    notes: list[MergeNote]


class MergeRefused(Exception):
    """The copies cannot be merged into a valid book; `problems` say why, for people."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def merge(
    base: Version,
    ours: Version,
    theirs: Version,
    *,
    today: date,
    settings_of: Callable[[dict[str, Any]], Settings],
) -> Merged:
    """The merged book of `ours` and `theirs`, which both started from `base` (see the module doc).

    `settings_of` turns merged settings overrides into the book's Settings (the caller's settings
    file under them). Raises MergeRefused if the result would break a rule of the book.
    """
    notes: list[MergeNote] = []
    ours_book, theirs_book = ours.book, theirs.book
    # A record that refers to a twin differs between the copies once the twin moves (a task of
    # client 13 on both, 13 being another client on each): it is a twin in its turn, so again.
    while (separated := _separate_twins(base.book, ours_book, theirs_book, notes)) != (ours_book, theirs_book):
        ours_book, theirs_book = separated
    overrides, settings_changed = _merge_settings(base, ours, theirs, settings_of, notes)
    tables: dict[str, dict[int, Record]] = {}
    touched: set[tuple[str, int]] = set()
    """Records that may differ from ours: only these are checked (ours keeps every rule)."""
    kept: list[Record] = []
    """Records deleted on one copy and edited on the other (so kept)."""
    combined: dict[tuple[str, int], MergeNote] = {}
    """Records whose fields were taken from both copies, each with the note of keeping the later whole."""
    for name in TABLES:
        tables[name] = _merge_table(
            name, base.book.table(name), ours_book.table(name), theirs_book.table(name), notes, touched, kept, combined
        )
    settings = settings_of(overrides)
    book = Book.model_construct(**tables, settings=settings)  # type: ignore[arg-type]
    _one_record_per_week(book, notes, touched)
    _keep_what_is_referred_to(book, (ours_book, theirs_book, base.book), notes, touched)
    _follow_the_projects_client(book, ours_book, notes, touched)
    _say_what_stays_deleted(book, base.book, kept, notes)
    problems = _problems(book, ours_book, touched, today)
    # Fields of both copies that together break a rule of the book (a discount over the band with
    # the other copy's empty reason): the later copy of each such record whole, as when they break
    # a rule of the record itself.
    if redone := [key for key in dict.fromkeys((p.table, p.record_id) for p in problems) if key in combined]:
        for name, rid in redone:
            o, t = ours_book.table(name)[rid], theirs_book.table(name)[rid]
            later = _later(o, t)[0]
            book.table(name)[rid] = later
            notes[:] = [n for n in notes if (n.table, n.record_id) != (name, rid) or _CLASH not in n.text]
            notes.append(combined[(name, rid)])
            if later is o:
                touched.discard((name, rid))
        problems = _problems(book, ours_book, touched, today)
    if problems:
        raise MergeRefused([str(p) for p in problems])
    order = {name: index for index, name in enumerate(TABLES)}
    notes.sort(key=lambda n: (order.get(n.table, -1), n.record_id or 0, n.text))
    return Merged(book, overrides, settings_changed, notes)


# --- records ---------------------------------------------------------------------------------


def _problems(book: Book, ours: Book, touched: set[tuple[str, int]], today: date) -> list[Problem]:
    """What the merged `book` breaks. Only the records that may differ from `ours` are checked:
    ours keeps every rule."""
    changes = [
        Change(name, rid, ours.table(name).get(rid), book.table(name).get(rid))
        for name, rid in sorted(touched)
        if not _same(ours.table(name).get(rid), book.table(name).get(rid))
    ]
    if book.settings != ours.settings:  # the discount bands may have changed: every client
        changes += [Change("clients", rid, client, client) for rid, client in book.clients.items()]
    return problems_after(book, changes, today)


def content(record: Record) -> bytes:
    """The record's own fields as JSON (no id, no change time): what two copies compare."""
    data: bytes = adapter(type(record)).dump_json(record, exclude=BOOKKEEPING)
    return data


def _same(a: Record | None, b: Record | None) -> bool:
    """The same record, whatever its change time (an edit undone is no change)."""
    if a is b or a == b:
        return True
    if a is None or b is None:
        return False
    return dataclasses.replace(a, changed_at=b.changed_at) == b


def _later(a: Record, b: Record) -> tuple[Record, Record]:
    """(later, earlier) of two versions of a record: by change time, then by content."""
    key_a = (a.changed_at or _EPOCH, content(a))
    key_b = (b.changed_at or _EPOCH, content(b))
    return (a, b) if key_a > key_b else (b, a)


def _described(record: Record) -> str:
    return f"{record.label} {record.display!r}"


def _when(record: Record) -> str:
    return f"changed {record.changed_at:%Y-%m-%d %H:%M} UTC" if record.changed_at else "changed earlier"


def _merge_table(
    name: str,
    base: Mapping[int, Record],
    ours: Mapping[int, Record],
    theirs: Mapping[int, Record],
    notes: list[MergeNote],
    touched: set[tuple[str, int]],
    kept_over_delete: list[Record],
    combined: dict[tuple[str, int], MergeNote],
) -> dict[int, Record]:
    merged: dict[int, Record] = {}
    for record_id in sorted(ours.keys() | theirs.keys() | base.keys()):
        b, o, t = base.get(record_id), ours.get(record_id), theirs.get(record_id)
        if o is t:  # the same record object: a copy read "like" the other, or an outside change's base
            if o is not None:
                merged[record_id] = o
            continue
        if _same(o, t):
            kept = o if o is None or t is None or (o.changed_at or _EPOCH) >= (t.changed_at or _EPOCH) else t
        elif _same(o, b):
            kept = t
        elif _same(t, b):
            kept = o
        elif o is None or t is None:
            kept = o or t
            assert kept is not None
            notes.append(
                MergeNote(name, record_id, f"{_described(kept)} was deleted on one copy and edited on the other: kept")
            )
            kept_over_delete.append(kept)
        else:
            assert b is not None  # added on both with one id: separated by _separate_twins
            kept = _merge_fields(name, b, o, t, notes)
            if kept is not _later(o, t)[0]:
                combined[(name, record_id)] = _kept_later(name, b, o, t)
        if kept is not None:
            merged[record_id] = kept
        if kept is not o:
            touched.add((name, record_id))
    return merged


def _merge_fields(name: str, base: Record, ours: Record, theirs: Record, notes: list[MergeNote]) -> Record:
    later, earlier = _later(ours, theirs)
    values: dict[str, Any] = {}
    clashes: list[str] = []
    for field in dataclasses.fields(later):
        if field.name in BOOKKEEPING:
            continue
        b, o, t = (getattr(r, field.name) for r in (base, ours, theirs))
        if o == t or t == b:
            values[field.name] = o
        elif o == b:
            values[field.name] = t
        else:
            values[field.name] = getattr(later, field.name)
            clashes.append(
                f"{field.name} is {_shown(getattr(later, field.name))} ({_when(later)}); "
                f"the other copy had {_shown(getattr(earlier, field.name))}"
            )
    stamp = max(ours.changed_at or _EPOCH, theirs.changed_at or _EPOCH)
    try:
        merged = type(later)(id=later.id, changed_at=None if stamp == _EPOCH else stamp, **values)
    except ValidationError:
        notes.append(_kept_later(name, base, ours, theirs))
        return later
    for clash in clashes:
        notes.append(MergeNote(name, later.id, f"{_described(merged)}{_CLASH}{clash}"))
    return merged


_CLASH = " was changed on both copies: "
"""The words of a note on one field that both copies changed."""


def _kept_later(name: str, base: Record, ours: Record, theirs: Record) -> MergeNote:
    """The note of a record edited on both copies whose edits do not fit together: the later is kept whole."""
    later, earlier = _later(ours, theirs)
    lost = [
        f.name
        for f in dataclasses.fields(earlier)
        if f.name not in BOOKKEEPING and getattr(earlier, f.name) != getattr(base, f.name)
    ]
    return MergeNote(
        name,
        later.id,
        f"{_described(later)} was edited on both copies in ways that do not fit together: kept the later "
        f"({_when(later)}); the other copy's changes of {', '.join(lost)} are not in it",
    )


def _shown(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    text = value.isoformat() if isinstance(value, date) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --- records added on both copies with one id ------------------------------------------------


def _separate_twins(base: Book, ours: Book, theirs: Book, notes: list[MergeNote]) -> tuple[Book, Book]:
    """Records added on both copies under one id but with different content get different ids.

    The one with the larger content moves, to an id hashed from its table, old id and content,
    so the choice and the new id are the same whichever copy is ours.
    """
    moves: dict[str, list[tuple[int, int, bool]]] = {}  # table -> (old id, new id, moves in ours)
    taken: dict[str, set[int]] = {}
    for name in TABLES:
        b, o, t = base.table(name), ours.table(name), theirs.table(name)
        for record_id in sorted((o.keys() - b.keys()) & (t.keys() - b.keys())):
            mine, other = o[record_id], t[record_id]
            if _same(mine, other):
                continue
            used = taken.setdefault(name, set(b) | set(o) | set(t))
            in_ours = content(mine) > content(other)
            mover = mine if in_ours else other
            new_id = _content_id(name, record_id, content(mover), used)
            moves.setdefault(name, []).append((record_id, new_id, in_ours))
            notes.append(
                MergeNote(
                    name,
                    new_id,
                    f"{_described(other if in_ours else mine)} and {_described(mover)} were added on the two "
                    f"copies with the same id: both kept, {_described(mover)} under a new id",
                )
            )
    if not moves:
        return ours, theirs
    return _renumbered(ours, moves, True), _renumbered(theirs, moves, False)


def _content_id(table: str, old_id: int, data: bytes, taken: set[int]) -> int:
    attempt = 0
    while True:
        digest = hashlib.blake2b(b"%s\0%d\0%d\0%s" % (table.encode(), old_id, attempt, data), digest_size=8).digest()
        new_id = int.from_bytes(digest, "big") % ID_LIMIT + 1
        if new_id not in taken:
            taken.add(new_id)
            return new_id
        attempt += 1


def _renumbered(book: Book, moves: dict[str, list[tuple[int, int, bool]]], side: bool) -> Book:
    """`book` with the records that move on this side under their new ids, and references following."""
    renames = {name: {old: new for old, new, in_ours in found if in_ours == side} for name, found in moves.items()}
    tables = {name: dict(book.table(name)) for name in TABLES}
    for name, mapping in renames.items():
        for old, new in mapping.items():
            tables[name][new] = tables[name].pop(old).evolve(id=new)
    for ref in REFERENCES:
        mapping = renames.get(ref.target, {})
        if not mapping:
            continue
        table = tables[ref.table]
        for record_id, record in list(table.items()):
            value = getattr(record, ref.field)
            if value in mapping:
                changed: dict[str, Any] = {ref.field: mapping[value]}
                table[record_id] = dataclasses.replace(record, **changed)
    return Book.model_construct(**tables, settings=book.settings)  # type: ignore[arg-type]


# --- rules across records ------------------------------------------------------------------


def _one_record_per_week(book: Book, notes: list[MergeNote], touched: set[tuple[str, int]]) -> None:
    by_week: dict[str, list[WeekRecord]] = {}
    for record in book.weeks.values():
        by_week.setdefault(record.week, []).append(record)
    for week, records in by_week.items():
        if len(records) < 2:
            continue
        ordered = sorted(records, key=lambda r: (r.changed_at or _EPOCH, content(r)), reverse=True)
        latest = ordered[0]
        checked = next((r.self_check for r in ordered if r.self_check is not None), None)
        keep = min(records, key=lambda r: r.id)
        for record in records:
            del book.weeks[record.id]
            touched.add(("weeks", record.id))
        book.weeks[keep.id] = dataclasses.replace(latest, id=keep.id, self_check=checked)
        notes.append(MergeNote("weeks", keep.id, f"week {week} was recorded on both copies: kept one record"))


def _keep_what_is_referred_to(
    book: Book, sources: tuple[Book, ...], notes: list[MergeNote], touched: set[tuple[str, int]]
) -> None:
    """Bring back each record that a kept record refers to but one copy deleted."""
    while True:
        missing: set[tuple[str, int]] = set()
        for ref in REFERENCES:
            values = set(map(attrgetter(ref.field), book.table(ref.table).values()))
            missing |= {(ref.target, value) for value in values - book.table(ref.target).keys() if value is not None}
        restored = False
        for table, record_id in sorted(missing):
            found = next((s.table(table)[record_id] for s in sources if record_id in s.table(table)), None)
            if found is None:
                continue
            book.table(table)[record_id] = found
            touched.add((table, record_id))
            restored = True
            notes.append(
                MergeNote(
                    table,
                    record_id,
                    f"{_described(found)} was deleted on one copy, but the other has records that refer to it: kept",
                )
            )
        if not restored:
            return


def _say_what_stays_deleted(book: Book, base: Book, kept: list[Record], notes: list[MergeNote]) -> None:
    """A record kept over its deletion comes back alone: the records deleted with it (its cascade,
    as the base held it: a client's projects, tasks, activities) stay deleted, and its note says so."""
    for record in kept:
        at_base = base.get(record.table, record.id)
        if at_base is None:
            continue
        plan = dependents(delete_plan(base, at_base), at_base)
        gone = [change for change in plan if change.record_id not in book.table(change.table)]
        if not gone:
            continue
        counts = {name: sum(c.table == name for c in gone) for name in TABLES}
        words = [plural(n, TABLES[name].label, name) for name, n in counts.items() if n]
        listed = ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]
        index = next(i for i, n in enumerate(notes) if (n.table, n.record_id) == (record.table, record.id))
        note = notes[index]
        notes[index] = dataclasses.replace(note, text=f"{note.text}, without its {listed}, deleted with it")


def _follow_the_projects_client(book: Book, ours: Book, notes: list[MergeNote], touched: set[tuple[str, int]]) -> None:
    """A task or activity follows its project to another client (only those the merge touched, and
    those of projects whose client changed, can disagree: ours kept the rule)."""
    moved = {
        rid
        for name, rid in touched
        if name == "projects"
        and rid in book.projects
        and rid in ours.projects
        and book.projects[rid].client_id != ours.projects[rid].client_id
    }
    for name in ("tasks", "activities"):
        table = book.table(name)
        candidates = {rid for t, rid in touched if t == name and rid in table}
        if moved:
            candidates |= {rid for rid, r in table.items() if getattr(r, "project_id", None) in moved}
        for record_id in sorted(candidates):
            record = table[record_id]
            assert isinstance(record, Task | Activity)
            project = book.projects.get(record.project_id or 0)
            if project is None or record.client_id is None or record.client_id == project.client_id:
                continue
            table[record_id] = dataclasses.replace(record, client_id=project.client_id)
            touched.add((name, record_id))
            client = book.clients.get(project.client_id)
            notes.append(
                MergeNote(
                    name,
                    record_id,
                    f"{_described(record)} moved with its project {project.display!r} to "
                    f"{client.display if client else 'its client'!r} (the project moved on one copy)",
                )
            )


# --- the book's own settings ----------------------------------------------------------------


def _flat(tree: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in tree.items():
        if isinstance(value, Mapping) and value:
            yield from _flat(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _nested(flat: Mapping[tuple[str, ...], Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path, value in sorted(flat.items()):
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return tree


def _merge_settings(
    base: Version,
    ours: Version,
    theirs: Version,
    settings_of: Callable[[dict[str, Any]], Settings],
    notes: list[MergeNote],
) -> tuple[dict[str, Any], datetime | None]:
    b, o, t = (dict(_flat(v.overrides)) for v in (base, ours, theirs))
    when_o, when_t = ours.settings_changed or _EPOCH, theirs.settings_changed or _EPOCH
    ours_text = orjson.dumps(dict(ours.overrides), option=orjson.OPT_SORT_KEYS)
    theirs_text = orjson.dumps(dict(theirs.overrides), option=orjson.OPT_SORT_KEYS)
    later_is_ours = (when_o, ours_text) > (when_t, theirs_text)
    later, later_when = (o, when_o) if later_is_ours else (t, when_t)
    stamp = max(when_o, when_t)
    changed = None if stamp == _EPOCH else stamp
    merged: dict[tuple[str, ...], Any] = {}
    for path in sorted(b.keys() | o.keys() | t.keys()):
        bv, ov, tv = b.get(path, _MISSING), o.get(path, _MISSING), t.get(path, _MISSING)
        if ov == tv or tv == bv:
            value = ov
        elif ov == bv:
            value = tv
        else:
            value = later.get(path, _MISSING)
            other = (t if later_is_ours else o).get(path, _MISSING)
            notes.append(
                MergeNote(
                    "settings",
                    None,
                    f"setting {'.'.join(path)} was changed on both copies: kept {_setting(value)} "
                    f"(changed {later_when:%Y-%m-%d %H:%M} UTC); the other copy had {_setting(other)}",
                )
            )
        if value is not _MISSING:
            merged[path] = value
    result = _nested(merged)
    try:
        settings_of(result)
    except ValidationError:
        notes.append(
            MergeNote("settings", None, "the settings changed on both copies do not fit together: kept the later's")
        )
        return _nested(later), changed
    return result, changed


def _setting(value: Any) -> str:
    return "no value of its own" if value is _MISSING else repr(value)
