"""Changes of records and what makes them valid: the delete cascade and the checks of a change.

A change is one record before and after (None: it did not exist / no longer exists). The rules
here are the book's, in one place for every way a change comes in: the planner's forms, CSV
import, the repository and a merge of two copies of a book all check their changes with
`problems_after`, and plan a delete with `delete_plan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from acct_tui.domain.book import REFERENCES, Book, Problem
from acct_tui.domain.discounts import guard_changes
from acct_tui.domain.records import TABLES, Record


@dataclass(frozen=True, slots=True)
class Change:
    """One record before and after a change (None: it did not exist / no longer exists)."""

    table: str
    record_id: int
    before: Record | None
    after: Record | None


def delete_plan(book: Book, target: Record) -> list[Change]:
    """What deleting `target` does: it and its cascade deleted, references to them cleared.

    Follows `REFERENCES`: a record that refers to a deleted one through a "cascade" reference is
    deleted too (and so on down), one that refers through a "clear" reference keeps its place
    with the field (and its `also_clear` fields) emptied.
    """
    deletes: dict[tuple[str, int], Record] = {}
    clears: dict[tuple[str, int], dict[str, None]] = {}
    pending = [target]
    while pending:
        record = pending.pop()
        if (record.table, record.id) in deletes:
            continue
        deletes[(record.table, record.id)] = record
        for ref, referrer in book.referrers(record.table, record.id):
            if ref.on_delete == "cascade":
                pending.append(referrer)
            else:
                fields = clears.setdefault((referrer.table, referrer.id), {})
                fields.update(dict.fromkeys((ref.field, *ref.also_clear)))
    plan = [Change(t, i, r, None) for (t, i), r in deletes.items()]
    for (t, i), fields in clears.items():
        if (t, i) not in deletes:
            before = book.table(t)[i]
            plan.append(Change(t, i, before, before.evolve(**fields)))
    return plan


def dependents(plan: list[Change], target: Record) -> list[Change]:
    """The records a delete plan deletes besides `target` itself."""
    return [c for c in plan if c.after is None and (c.table, c.record_id) != (target.table, target.id)]


def references_changed(before: Record, after: Record) -> bool:
    """Whether a change of a record changed what it refers to (its client, project, ...)."""
    fields = (ref.field for ref in REFERENCES if ref.table == after.table)
    return any(getattr(before, field) != getattr(after, field) for field in fields)


def problems_after(book: Book, changes: Iterable[Change], today: date) -> list[Problem]:
    """What `changes`, already applied to `book`, broke: references of the changed records and of
    those that refer to them, the discount guard of the clients they touch, records still
    referring to deleted ones. Empty when the changed book keeps every rule."""
    changes = list(changes)
    problems: list[Problem] = []
    deleted = {(c.table, c.record_id) for c in changes if c.after is None}
    for change in changes:
        current = book.get(change.table, change.record_id)
        if current is None:
            continue
        problems.extend(book.record_problems(current))
        if change.before is not None and references_changed(change.before, current):
            # Records that refer to this one must still agree with it (a project moved to
            # another client would leave its tasks and activities with the old one).
            for _, referrer in book.referrers(change.table, change.record_id):
                problems += [
                    Problem(change.table, change.record_id, None, str(problem))
                    for problem in book.record_problems(referrer)
                ]
    problems += guard_changes(book, ((c.before, c.after) for c in changes), today)
    for table, record_id in deleted:
        if book.get(table, record_id) is not None:
            continue
        for ref, referrer in book.referrers(table, record_id):
            problems.append(
                Problem(ref.table, referrer.id, ref.field, f"still refers to deleted {TABLES[table].label} {record_id}")
            )
    return problems


def summary(before: Book, after: Book, *, names: int = 3) -> tuple[str, list[str]]:
    """What changed from `before` to `after`, in words: counts per table ("2 clients added,
    5 tasks changed, 1 project deleted"; "" if nothing), and a line of a few names for each
    ("clients added: Acme, Globex")."""
    counts: list[str] = []
    named: list[str] = []
    for name, cls in TABLES.items():
        old, new = before.table(name), after.table(name)
        added = [new[i] for i in new.keys() - old.keys()]
        deleted = [old[i] for i in old.keys() - new.keys()]
        changed = [new[i] for i in new.keys() & old.keys() if new[i] != old[i]]
        for records, verb in ((added, "added"), (changed, "changed"), (deleted, "deleted")):
            if not records:
                continue
            counts.append(f"{len(records)} {cls.label if len(records) == 1 else name} {verb}")
            shown = sorted({_short(r.display) for r in records})
            more = f" and {len(shown) - names} more" if len(shown) > names else ""
            named.append(f"{name} {verb}: {', '.join(shown[:names])}{more}")
    if before.settings != after.settings:
        counts.append("settings changed")
    return ", ".join(counts), named


def _short(text: str, most: int = 40) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= most else line[: most - 1] + "…"
