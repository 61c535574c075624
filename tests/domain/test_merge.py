"""The three-way merge of books: every rule of `acct_tui.domain.merge`, and a property test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acct_tui.domain.book import Book
from acct_tui.domain.enums import Stage, TaskStatus
from acct_tui.domain.merge import MergeRefused, Version, merge
from acct_tui.domain.records import (
    TABLES,
    Activity,
    Client,
    Discount,
    Project,
    Record,
    StaffMember,
    StageEntry,
    Task,
    WeekRecord,
)
from acct_tui.domain.settings import Settings

TODAY = date(2026, 11, 27)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
EARLY = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
LATE = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def stamped(record: Record, when: datetime = T0) -> Record:
    return dataclasses.replace(record, changed_at=when)


def book_of(*records: Record) -> Book:
    tables: dict[str, dict[int, Record]] = {name: {} for name in TABLES}
    for record in records:
        tables[record.table][record.id] = record
    return Book.model_construct(**tables, settings=Settings())  # type: ignore[arg-type]


def edited(book: Book, *records: Record, deleted: tuple[tuple[str, int], ...] = ()) -> Book:
    tables = {name: dict(book.table(name)) for name in TABLES}
    for record in records:
        tables[record.table][record.id] = record
    for table, record_id in deleted:
        del tables[table][record_id]
    return Book.model_construct(**tables, settings=book.settings)  # type: ignore[arg-type]


def merged(base: Book, ours: Book, theirs: Book) -> tuple[Book, list[str]]:
    """The merge both ways round: the same book, whichever copy is ours."""
    one = merge(Version(base), Version(ours), Version(theirs), today=TODAY, settings_of=Settings.layered)
    two = merge(Version(base), Version(theirs), Version(ours), today=TODAY, settings_of=Settings.layered)
    for name in TABLES:
        assert one.book.table(name) == two.book.table(name), name
    assert [str(n) for n in one.notes] == [str(n) for n in two.notes]
    return one.book, [str(n) for n in one.notes]


ACME = stamped(Client(id=11, name="Acme", industry="Retail", notes=""))
GLOBEX = stamped(Client(id=12, name="Globex"))
PORTAL = stamped(Project(id=21, client_id=11, title="Portal"))
CALL = stamped(Task(id=31, title="Call", client_id=11, project_id=21))
BASE = book_of(ACME, GLOBEX, PORTAL, CALL)


def test_changes_to_different_records_and_fields_all_merge() -> None:
    ours = edited(BASE, stamped(ACME.evolve(notes="met the CFO"), EARLY), stamped(Task(id=41, title="Ours"), EARLY))
    theirs = edited(
        BASE,
        stamped(ACME.evolve(industry="Banking"), LATE),
        stamped(Task(id=42, title="Theirs"), LATE),
        deleted=(("clients", 12),),
    )
    book, notes = merged(BASE, ours, theirs)
    acme = book.clients[11]
    assert (acme.notes, acme.industry) == ("met the CFO", "Banking")
    assert acme.changed_at == LATE  # the later of the two edits
    assert set(book.tasks) == {31, 41, 42}
    assert 12 not in book.clients
    assert notes == []


def test_the_same_field_changed_on_both_takes_the_later_and_notes_the_other() -> None:
    ours = edited(BASE, stamped(ACME.evolve(notes="ours, later"), LATE))
    theirs = edited(BASE, stamped(ACME.evolve(notes="theirs, earlier", industry="Banking"), EARLY))
    book, notes = merged(BASE, ours, theirs)
    assert (book.clients[11].notes, book.clients[11].industry) == ("ours, later", "Banking")
    assert notes == [
        "client 'Acme' was changed on both copies: notes is 'ours, later' (changed 2026-11-27 10:00 UTC); "
        "the other copy had 'theirs, earlier'"
    ]


def test_on_the_same_second_the_larger_value_wins_either_way_round() -> None:
    ours = edited(BASE, stamped(ACME.evolve(notes="aaa"), LATE))
    theirs = edited(BASE, stamped(ACME.evolve(notes="bbb"), LATE))
    book, _ = merged(BASE, ours, theirs)
    assert book.clients[11].notes == "bbb"


def test_an_edit_against_a_delete_keeps_the_record_and_says_so() -> None:
    ours = edited(BASE, stamped(CALL.evolve(title="Call back"), EARLY))
    theirs = edited(BASE, deleted=(("tasks", 31),))
    book, notes = merged(BASE, ours, theirs)
    assert book.tasks[31].title == "Call back"
    assert notes == ["task 'Call back' was deleted on one copy and edited on the other: kept"]


def test_a_record_deleted_on_one_copy_and_referred_to_on_the_other_is_kept() -> None:
    # Ours deleted Globex; theirs added a task for Globex: Globex stays.
    ours = edited(BASE, deleted=(("clients", 12),))
    theirs = edited(BASE, stamped(Task(id=43, title="Visit Globex", client_id=12), LATE))
    book, notes = merged(BASE, ours, theirs)
    assert 12 in book.clients and book.tasks[43].client_id == 12
    assert notes == ["client 'Globex' was deleted on one copy, but the other has records that refer to it: kept"]
    assert book.problems() == []


def test_a_task_follows_its_project_moved_to_another_client() -> None:
    ours = edited(BASE, stamped(PORTAL.evolve(client_id=12), EARLY), stamped(CALL.evolve(client_id=12), EARLY))
    theirs = edited(BASE, stamped(Task(id=44, title="Demo", client_id=11, project_id=21), LATE))
    book, notes = merged(BASE, ours, theirs)
    assert book.tasks[44].client_id == 12
    assert book.problems() == []
    assert any("moved with its project 'Portal'" in note for note in notes)


def test_records_added_on_both_copies_with_one_id_are_both_kept() -> None:
    """Copies made before schema 2 give new records the same next id: both stay, references follow."""
    ours = edited(BASE, stamped(Client(id=13, name="Initech"), EARLY), stamped(Task(id=45, title="I", client_id=13)))
    theirs = edited(BASE, stamped(Client(id=13, name="Umbrella"), LATE), stamped(Task(id=46, title="U", client_id=13)))
    book, notes = merged(BASE, ours, theirs)
    names = {c.name: c.id for c in book.clients.values()}
    assert {"Initech", "Umbrella"} <= set(names)
    assert book.tasks[45].client_id == names["Initech"]
    assert book.tasks[46].client_id == names["Umbrella"]
    assert 13 in names.values()  # one of them keeps its id
    assert len(notes) == 1 and "were added on the two copies with the same id: both kept" in notes[0]


def test_a_record_that_refers_to_a_twin_becomes_a_twin_too() -> None:
    """Task 45 is the same on both copies, but its client 13 is Initech on one and Umbrella on the
    other: once Umbrella moves to a new id, theirs' task 45 follows it and differs from ours'. Before:
    an AssertionError (added on both, differing, with no base). Now it moves too: each copy's task
    stays with its own client, and nothing is lost."""
    task = Task(id=45, title="Kick-off call", client_id=13)
    ours = edited(BASE, stamped(Client(id=13, name="Initech"), EARLY), stamped(task))
    theirs = edited(BASE, stamped(Client(id=13, name="Umbrella"), LATE), stamped(task))
    book, notes = merged(BASE, ours, theirs)
    names = {c.name: c.id for c in book.clients.values()}
    calls = sorted(t.client_id for t in book.tasks.values() if t.title == "Kick-off call")
    assert calls == sorted([names["Initech"], names["Umbrella"]])
    assert book.problems() == []
    assert len(notes) == 2 and all("were added on the two copies with the same id: both kept" in n for n in notes)


def test_stage_moves_on_both_copies_take_the_later_move_whole() -> None:
    kickoff = PORTAL.evolve(stage=Stage.KICKOFF, stage_history=(StageEntry(stage=Stage.KICKOFF, entered=TODAY),))
    lost = PORTAL.evolve(stage=Stage.LOST, stage_history=(StageEntry(stage=Stage.LOST, entered=TODAY),))
    book, notes = merged(BASE, edited(BASE, stamped(kickoff, EARLY)), edited(BASE, stamped(lost, LATE)))
    assert book.projects[21].stage is Stage.LOST
    assert book.projects[21].stage_history == lost.stage_history
    assert len(notes) == 2  # stage and stage history


def test_fields_that_do_not_fit_together_take_the_later_record_whole() -> None:
    sam = stamped(StaffMember(id=51, name="Sam"))
    delegated = stamped(Task(id=47, title="T", client_id=11, assignee_id=51, follow_up=TODAY))
    base = edited(BASE, sam, delegated)
    ours = edited(base, stamped(delegated.evolve(assignee_id=None, follow_up=None), EARLY))  # taken back
    theirs = edited(base, stamped(delegated.evolve(follow_up=TODAY + timedelta(days=3)), LATE))  # follow-up moved
    # Field by field: no assignee (ours) with theirs' later follow-up date, which a task without an
    # assignee cannot have: the later record is taken whole.
    book, notes = merged(base, ours, theirs)
    task = book.tasks[47]
    assert (task.assignee_id, task.follow_up) == (51, TODAY + timedelta(days=3))
    assert notes == [
        "task 'T' was edited on both copies in ways that do not fit together: kept the later "
        "(changed 2026-11-27 10:00 UTC); the other copy's changes of assignee_id, follow_up are not in it"
    ]


def test_fields_that_together_break_a_rule_of_the_book_take_the_later_record_whole() -> None:
    """Before: the merge was refused ("discount_reason: needs a reason: the combined discount of 15%
    is above 10%") though each copy keeps the rule, and every sync stopped on it."""
    explained = stamped(ACME.evolve(discount_pct=12.0, discount_reason="Volume commitment"))
    base = edited(BASE, explained)
    ours = edited(base, stamped(explained.evolve(discount_pct=5.0, discount_reason=""), EARLY))  # 5% needs none
    theirs = edited(base, stamped(explained.evolve(discount_pct=15.0), LATE))  # 15%, the reason kept
    # Field by field: theirs' 15% with ours' empty reason, which the discount guard refuses.
    book, notes = merged(base, ours, theirs)
    acme = book.clients[11]
    assert (acme.discount_pct, acme.discount_reason) == (15.0, "Volume commitment")
    assert notes == [
        "client 'Acme' was edited on both copies in ways that do not fit together: kept the later "
        "(changed 2026-11-27 10:00 UTC); the other copy's changes of discount_pct, discount_reason are not in it"
    ]


def test_a_task_reopened_on_one_copy_and_redated_on_the_other_stays_reopened() -> None:
    done = CALL.evolve(status=TaskStatus.DONE, done_on=TODAY)
    base = edited(BASE, stamped(done))
    ours = edited(base, stamped(CALL, LATE))  # reopened: open, no done date
    theirs = edited(base, stamped(done.evolve(done_on=TODAY - timedelta(days=1)), EARLY))
    book, notes = merged(base, ours, theirs)
    task = book.tasks[31]
    assert (task.status, task.done_on) == (TaskStatus.OPEN, None)
    assert notes == [
        "task 'Call' was changed on both copies: done_on is None (changed 2026-11-27 10:00 UTC); "
        "the other copy had 2026-11-26"
    ]


def test_two_records_of_one_week_become_one() -> None:
    ours = edited(BASE, stamped(WeekRecord(id=61, week="2026-W48", stress_index=40), EARLY))
    theirs = edited(BASE, stamped(WeekRecord(id=62, week="2026-W48", stress_index=55), LATE))
    book, notes = merged(BASE, ours, theirs)
    assert [(w.id, w.stress_index) for w in book.weeks.values()] == [(61, 55)]
    assert notes == ["week 2026-W48 was recorded on both copies: kept one record"]


def test_settings_merge_key_by_key_and_the_later_wins_a_clash() -> None:
    base = Version(BASE, {"capacity": {"hours_per_day": 8.0}})
    ours = Version(BASE, {"capacity": {"hours_per_day": 7.0}, "currency": "USD"}, EARLY)
    theirs = Version(BASE, {"capacity": {"hours_per_day": 6.0}, "cadence_days": {"key": 21}}, LATE)
    result = merge(base, ours, theirs, today=TODAY, settings_of=Settings.layered)
    assert result.overrides == {"capacity": {"hours_per_day": 6.0}, "cadence_days": {"key": 21}, "currency": "USD"}
    assert result.settings_changed == LATE
    assert [str(n) for n in result.notes] == [
        "setting capacity.hours_per_day was changed on both copies: kept 6.0 (changed 2026-11-27 10:00 UTC); "
        "the other copy had 7.0"
    ]


def test_a_merge_that_breaks_the_discount_guard_is_refused() -> None:
    # Ours gives Acme 8% without a reason, theirs a stacked 5% without one: each is within the
    # fine band (10%) alone, but together they come to 1 - 0.92 x 0.95 = 12.6%, which needs a reason.
    ours = edited(BASE, stamped(ACME.evolve(discount_pct=8, discount_reason=""), EARLY))
    theirs = edited(BASE, stamped(Discount(id=71, client_id=11, name="Loyalty", pct=5), LATE))
    with pytest.raises(MergeRefused) as refused:
        merge(Version(BASE), Version(ours), Version(theirs), today=TODAY, settings_of=Settings.layered)
    assert refused.value.problems[0].startswith(
        "clients record 11, field discount_reason: needs a reason: the combined discount of 12.6% is above 10%"
    )


# --- the property ---------------------------------------------------------------------------

FIELDS = {"clients": ("notes", "industry"), "projects": ("notes", "title"), "tasks": ("title", "notes")}
PROPERTY_BASE = book_of(
    *(stamped(Client(id=100 + n, name=f"C{n}")) for n in range(3)),
    *(stamped(Project(id=200 + n, client_id=100 + n % 3, title=f"P{n}")) for n in range(4)),
    *(stamped(Task(id=300 + n, title=f"T{n}", client_id=100 + n % 3)) for n in range(6)),
    *(
        stamped(Activity(id=400 + n, client_id=100, when=datetime(2026, 11, 2, 9, n), summary=f"A{n}"))
        for n in range(2)
    ),
)

edit_op = st.tuples(
    st.just("edit"),
    st.sampled_from(sorted(FIELDS)),
    st.integers(0, 5),
    st.integers(0, 1),
    st.text(alphabet="abcxyz", min_size=1, max_size=5),
)
add_op = st.tuples(st.just("add"), st.integers(1000, 2**53), st.text(alphabet="abc", min_size=1, max_size=5))
delete_op = st.tuples(st.just("delete"), st.integers(0, 5))
ops = st.lists(st.one_of(edit_op, add_op, delete_op), max_size=8)


def apply(ops_: list[tuple[Any, ...]], start: datetime) -> tuple[Book, dict[tuple[str, int, str], Any], set[int]]:
    """The base with `ops_` applied; what each edited field was set to last; the tasks added."""
    book = edited(PROPERTY_BASE)
    fields: dict[tuple[str, int, str], Any] = {}
    added: set[int] = set()
    for n, op in enumerate(ops_):
        when = start + timedelta(minutes=n)
        if op[0] == "edit":
            _, table, index, which, value = op
            ids = sorted(book.table(table))
            if not ids:
                continue
            record = book.table(table)[ids[index % len(ids)]]
            field = FIELDS[table][which]
            book.table(table)[record.id] = stamped(record.evolve(**{field: value}), when)
            fields[(table, record.id, field)] = value
        elif op[0] == "add" and op[1] not in book.tasks:
            book.tasks[op[1]] = stamped(Task(id=op[1], title=op[2], client_id=101), when)
            added.add(op[1])
            for stale in [key for key in fields if key[:2] == ("tasks", op[1])]:  # edits of a task deleted since
                del fields[stale]
        elif op[0] == "delete":
            ids = sorted(book.tasks)
            if ids:
                del book.tasks[ids[op[1] % len(ids)]]
    return book, fields, added


@settings(max_examples=150, deadline=None)
@given(ops, ops)
def test_merge_keeps_every_change_that_does_not_touch_the_same_field_and_is_symmetric(
    ours_ops: list[tuple[Any, ...]], theirs_ops: list[tuple[Any, ...]]
) -> None:
    ours, ours_fields, ours_added = apply(ours_ops, EARLY)
    theirs, theirs_fields, theirs_added = apply(theirs_ops, LATE)
    book, _ = merged(PROPERTY_BASE, ours, theirs)
    assert book.problems() == []
    for mine, other, side in ((ours_fields, theirs_fields, ours), (theirs_fields, ours_fields, theirs)):
        for (table, record_id, field), value in mine.items():
            if (table, record_id, field) in other or record_id not in side.table(table):
                continue  # the same field changed on both, or deleted later on its own side
            if record_id not in PROPERTY_BASE.table(table):  # added on both with one id: one moved to a new id
                assert any(getattr(r, field) == value for r in book.table(table).values()), (table, record_id)
                continue
            record = book.table(table).get(record_id)
            assert record is not None, (table, record_id)  # an edit is never lost to a delete
            assert getattr(record, field) == value, (table, record_id, field)
    for added, side in ((ours_added, ours), (theirs_added, theirs)):
        for task_id in added:
            if task_id in side.tasks:  # not deleted again on its own side
                assert any(t.title == side.tasks[task_id].title for t in book.tasks.values())
