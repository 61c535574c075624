"""Upgrades: a book written by an older schema migrates, keeps its original, and a failed migration
changes nothing.

The book is schema 1 today and MIGRATIONS is empty, so the test registers a schema 2 whose
migration renames a field: in this pretend history, schema 1 called a client's name "company".
Opening such a book upgrades it in memory; the first save keeps the original, byte for byte, as
`book.json.schema-1.bak` and writes schema 2. A migration that raises, one that produces records
the models refuse, and a missing step all leave the file untouched, with a message and exit 1.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client
from acct_tui.store import layout, migrations, repository
from acct_tui.store.backups import backup_path, schema_backup_path
from acct_tui.store.errors import BookCorrupt, BookInvalid
from acct_tui.store.lock import lock_path
from acct_tui.store.migrations import Documents
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import FileState, run_cli
from tests.reliability.planner import planner

OLD = 10**18


def company_to_name(documents: Documents) -> Documents:
    """Schema 1 -> 2 of the pretend history: clients' "company" becomes "name"."""
    for document in documents.get("clients", {}).values():
        document["name"] = document.pop("company")
    return documents


def schema_1_book(path: Path) -> FileState:
    """The demo book as the pretend schema 1 wrote it (clients named by "company")."""
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
    monkeypatch.setattr(repository, "SCHEMA_VERSION", version)
    for start, step in steps.items():
        monkeypatch.setitem(migrations.MIGRATIONS, start, step)


def test_today_a_schema_1_book_needs_no_migration(demo_path: Path) -> None:
    assert migrations.SCHEMA_VERSION == 1
    assert migrations.MIGRATIONS == {}
    with Repository.open(demo_path, read_only=True) as repo:
        assert repo.migrated_from is None


def test_an_old_book_is_read_through_its_migration_without_changing_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "book.json"
    original = schema_1_book(path)
    assert run_cli(["check", "--db", str(path)])[0] == 1  # without the migration it is not a valid book
    use_schema(monkeypatch, 2, {1: company_to_name})
    code, out, err = run_cli(["check", "--db", str(path)])
    assert code == 0, err
    assert "12 clients" in out
    assert "schema 1, upgraded to 2 when next saved" in out
    assert FileState.of(path) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json"]


def test_the_first_save_keeps_the_original_and_writes_the_new_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "book.json"
    original = schema_1_book(path)
    use_schema(monkeypatch, 2, {1: company_to_name})
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from == 1
        assert FileState.of(path) == original  # nothing written by opening
        repo.clients.add(Client(name="After the upgrade"))
    assert schema_backup_path(path, 1).read_bytes() == original.data
    assert backup_path(path, 1).read_bytes() == original.data
    on_disk = orjson.loads(path.read_bytes())
    assert on_disk["meta"]["1"]["schema_version"] == 2
    assert all("name" in c and "company" not in c for c in on_disk["clients"].values())
    # The next session opens schema 2 as it is, and never touches the schema backup again.
    with Repository.open(path, today=TODAY) as repo:
        assert repo.migrated_from is None
        repo.clients.add(Client(name="Second session"))
    assert schema_backup_path(path, 1).read_bytes() == original.data
    assert run_cli(["check", "--db", str(path)])[0] == 0


async def test_the_planner_upgrades_on_its_first_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.json"
    original = schema_1_book(path)
    use_schema(monkeypatch, 2, {1: company_to_name})
    async with planner(path) as ui:
        await ui.add_client("Upgraded by the planner")
        await ui.settle()
    assert schema_backup_path(path, 1).read_bytes() == original.data
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 2


def _boom(documents: Documents) -> Documents:
    documents["clients"].clear()  # it mutates what it was given, then fails
    raise KeyError("company")


def _forgets(documents: Documents) -> Documents:
    return documents


@pytest.mark.parametrize(
    ("version", "steps", "error", "expected"),
    [
        (2, {1: _boom}, BookCorrupt, "could not be upgraded: upgrading from schema version 1 failed: 'company'"),
        (2, {1: _forgets}, BookInvalid, "clients record 1, field company: is not a known field"),
        (3, {1: company_to_name}, BookCorrupt, "no upgrade is known from schema version 2"),
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
    original = schema_1_book(path)
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
    data = path.read_bytes().replace(b'"schema_version":1', b'"schema_version":2')
    path.write_bytes(data)
    called: list[Any] = []
    monkeypatch.setitem(migrations.MIGRATIONS, 1, lambda documents: called.append(1) or documents)
    code, _, err = run_cli(["--db", str(path)])
    assert code == 1
    assert "was written by a newer acct-tui (schema version 2; this one knows up to 1)" in err
    assert called == []
    assert path.read_bytes() == data
