"""Upgrades: a book written by an older schema migrates, keeps its original, and a failed migration
changes nothing.

Schema 1 -> 2 is real: every id becomes a keyed hash of the book's book_id, table and old id, and
every reference follows; 2 -> 3 only adds fields with defaults. The rest uses a pretend schema 4
whose migration renames a field: in this pretend history, schema 3 called a client's name
"company". Opening such a book upgrades it in memory; the first save keeps the original, byte for
byte, as `book.json.schema-3.bak` and writes schema 4. A migration that raises, one that produces
records the models refuse, and a missing step all leave the file untouched, with a message and
exit 1.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from acct_tui.demo import template_documents, write_demo_book
from acct_tui.domain.book import REFERENCES
from acct_tui.domain.records import TABLES, Client
from acct_tui.store import layout, loading, migrations
from acct_tui.store.backups import backup_path, schema_backup_path
from acct_tui.store.errors import BookCorrupt, BookInvalid
from acct_tui.store.lock import lock_path
from acct_tui.store.migrations import Documents, hashed_id
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id
from tests.reliability.helpers import FileState, run_cli
from tests.reliability.planner import planner

OLD = 10**18


def schema_1_book(path: Path) -> FileState:
    """The demo book as schema 1 wrote it: the template's small ids (1, 2, 3...)."""
    documents = template_documents(TODAY)
    path.write_bytes(
        layout.encode(
            {name: {rid: orjson.dumps(doc) for rid, doc in records.items()} for name, records in documents.items()}
        )
    )
    os.utime(path, ns=(OLD, OLD))
    return FileState.of(path)


def test_a_schema_1_book_gets_hashed_ids_and_every_reference_follows(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    original = schema_1_book(path)
    old = template_documents(TODAY)
    key = old["meta"][1]["book_id"]
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from == 1
        assert FileState.of(path) == original  # nothing written by opening
        book = repo.book
        assert book.problems() == []
        for name in TABLES:
            new_ids = {hashed_id(key, name, old_id, set()) for old_id in old.get(name, {})}
            assert set(book.table(name)) == new_ids, name
            assert all(record_id > 2**20 for record_id in book.table(name))  # none of the small ids is left
        checked = 0
        for ref in REFERENCES:
            for old_id, document in old.get(ref.table, {}).items():
                target = document.get(ref.field)
                record = book.table(ref.table)[hashed_id(key, ref.table, old_id, set())]
                expected = None if target is None else hashed_id(key, ref.target, target, set())
                assert getattr(record, ref.field) == expected, (ref, old_id)
                checked += target is not None
        assert checked > 300  # every kind of reference of the demo, about 400 in all
        # The old client 1 is the bank, under its new id, with its projects and tasks.
        bank = book.clients[demo_id("clients", 1)]
        assert bank.name == "Saigon Commercial Bank"
        assert book.projects[demo_id("projects", 1)].client_id == bank.id
        repo.clients.add(Client(name="After the upgrade"))
    assert schema_backup_path(path, 1).read_bytes() == original.data
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 3  # through schema 2, in one open
    assert run_cli(["check", "--db", str(path)])[0] == 0


def test_two_copies_of_a_book_upgraded_apart_get_the_same_ids(tmp_path: Path) -> None:
    laptop, desktop = tmp_path / "laptop" / "book.json", tmp_path / "desktop" / "book.json"
    laptop.parent.mkdir()
    desktop.parent.mkdir()
    schema_1_book(laptop)
    shutil.copy(laptop, desktop)
    with Repository.open(laptop, today=TODAY) as one, Repository.open(desktop, today=TODAY) as two:
        for name in TABLES:
            assert one.book.table(name) == two.book.table(name), name
        assert one.snapshot().tables == two.snapshot().tables  # what each would write: the same bytes


def test_a_clash_of_hashed_ids_moves_on_deterministically() -> None:
    first = hashed_id("book", "clients", 1, set())
    assert first == hashed_id("book", "clients", 1, set())
    assert first != hashed_id("other book", "clients", 1, set())
    assert first != hashed_id("book", "projects", 1, set())
    taken = {first}
    second = hashed_id("book", "clients", 1, taken)
    assert second != first
    assert second == hashed_id("book", "clients", 1, {first})
    assert taken == {first, second}


def test_a_schema_2_book_opens_unchanged_and_is_written_as_schema_3(tmp_path: Path) -> None:
    """Schema 3 only adds fields with defaults: a schema 2 book (no repeat, leave, left_on) reads
    as it was, says so in `check`, and its first save writes schema 3 after keeping the original."""
    path = write_demo_book(tmp_path / "book.json", TODAY)
    tables = layout.decode(path.read_bytes())
    for table, fields in (("tasks", ("repeat",)), ("staff", ("leave", "left_on"))):
        for record_id, blob in tables[table].items():
            document = orjson.loads(blob)
            for field in fields:
                document.pop(field, None)
            tables[table][record_id] = orjson.dumps(document)
    meta = orjson.loads(tables["meta"][1])
    tables["meta"][1] = orjson.dumps({**meta, "schema_version": 2})
    path.write_bytes(layout.encode(tables))
    original = path.read_bytes()
    code, out, err = run_cli(["check", "--db", str(path)])
    assert code == 0, err
    assert "(schema 2, upgraded to 3 when next saved)" in out
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from == 2
        assert all(task.repeat is None for task in repo.book.tasks.values())
        repo.clients.add(Client(name="After the upgrade"))
    assert schema_backup_path(path, 2).read_bytes() == original
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 3


def company_to_name(documents: Documents) -> Documents:
    """Schema 3 -> 4 of the pretend history: clients' "company" becomes "name"."""
    for document in documents.get("clients", {}).values():
        document["name"] = document.pop("company")
    return documents


def schema_3_book(path: Path) -> FileState:
    """The demo book as the pretend schema 3 wrote it (clients named by "company")."""
    tables = layout.decode(write_demo_book(path, TODAY).read_bytes())
    for record_id, blob in tables["clients"].items():
        document = orjson.loads(blob)
        document["company"] = document.pop("name")
        tables["clients"][record_id] = orjson.dumps(document)
    path.write_bytes(layout.encode(tables))
    os.utime(path, ns=(OLD, OLD))
    return FileState.of(path)


def use_schema(
    monkeypatch: pytest.MonkeyPatch, version: int, steps: dict[int, Callable[[Documents], Documents]]
) -> None:
    """This acct-tui writes `version`, upgrading older books with `steps`."""
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", version)
    monkeypatch.setattr(loading, "SCHEMA_VERSION", version)
    for start, step in steps.items():
        monkeypatch.setitem(migrations.MIGRATIONS, start, step)


def test_an_old_book_is_read_through_its_migration_without_changing_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "book.json"
    original = schema_3_book(path)
    assert run_cli(["check", "--db", str(path)])[0] == 1  # without the migration it is not a valid book
    use_schema(monkeypatch, 4, {3: company_to_name})
    code, out, err = run_cli(["check", "--db", str(path)])
    assert code == 0, err
    assert "12 clients" in out
    assert "schema 3, upgraded to 4 when next saved" in out
    assert FileState.of(path) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json"]


def test_the_first_save_keeps_the_original_and_writes_the_new_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "book.json"
    original = schema_3_book(path)
    use_schema(monkeypatch, 4, {3: company_to_name})
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from == 3
        assert FileState.of(path) == original  # nothing written by opening
        repo.clients.add(Client(name="After the upgrade"))
    assert schema_backup_path(path, 3).read_bytes() == original.data
    assert backup_path(path, 1).read_bytes() == original.data
    on_disk = orjson.loads(path.read_bytes())
    assert on_disk["meta"]["1"]["schema_version"] == 4
    assert all("name" in c and "company" not in c for c in on_disk["clients"].values())
    # The next session opens schema 4 as it is, and never touches the schema backup again.
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from is None
        repo.clients.add(Client(name="Second session"))
    assert schema_backup_path(path, 3).read_bytes() == original.data
    assert run_cli(["check", "--db", str(path)])[0] == 0


async def test_the_planner_upgrades_on_its_first_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.json"
    original = schema_3_book(path)
    use_schema(monkeypatch, 4, {3: company_to_name})
    async with planner(path) as ui:
        await ui.add_client("Upgraded by the planner")
        await ui.settle()
    assert schema_backup_path(path, 3).read_bytes() == original.data
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 4


def _boom(documents: Documents) -> Documents:
    documents["clients"].clear()  # it mutates what it was given, then fails
    raise KeyError("company")


def _forgets(documents: Documents) -> Documents:
    return documents


@pytest.mark.parametrize(
    ("version", "steps", "error", "expected"),
    [
        (4, {3: _boom}, BookCorrupt, "could not be upgraded: upgrading from schema version 3 failed: 'company'"),
        (4, {3: _forgets}, BookInvalid, "field company: is not a known field"),
        (5, {3: company_to_name}, BookCorrupt, "no upgrade is known from schema version 4"),
    ],
    ids=["migration raises", "migration gives invalid records", "a step is missing"],
)
def test_a_failed_migration_leaves_the_original_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    version: int,
    steps: dict[int, Callable[[Documents], Documents]],
    error: type[Exception],
    expected: str,
) -> None:
    path = tmp_path / "book.json"
    original = schema_3_book(path)
    use_schema(monkeypatch, version, steps)
    with pytest.raises(error) as info:
        Repository.open(path, today=TODAY)
    assert expected in str(info.value)
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("name\nNever imported\n")
    for argv in (
        ["check", "--db", str(path)],
        ["--db", str(path)],
        ["import", "clients", str(csv_path), "--db", str(path)],
    ):
        code, _, err = run_cli(argv)
        assert code == 1, (argv, err)
        assert expected in err
        assert "Traceback" not in err
    assert FileState.of(path) == original
    assert not lock_path(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json", "c.csv"]


def test_a_book_newer_than_this_acct_tui_is_never_migrated_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_demo_book(tmp_path / "book.json", TODAY)
    data = path.read_bytes().replace(b'"schema_version":3', b'"schema_version":4')
    path.write_bytes(data)
    called: list[Any] = []
    monkeypatch.setitem(migrations.MIGRATIONS, 3, lambda documents: called.append(1) or documents)
    code, _, err = run_cli(["--db", str(path)])
    assert code == 1
    assert "was written by a newer acct-tui (schema version 4; this one knows up to 3)" in err
    assert called == []
    assert path.read_bytes() == data
