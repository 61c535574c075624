"""The JSON export and `acct-tui import book`: export, then import into an empty book, gives the same book."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from acct_tui.domain.records import TABLES, Client
from acct_tui.exchange.book_json import read_book
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.exchange.helpers import run


def test_export_then_import_into_an_empty_book_gives_the_same_book(
    demo_repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_repo.set_settings({"cadence_days": {"key": 21}, "capacity": {"hours_per_day": 7.5}})
    demo_repo.close()
    exported, copy = tmp_path / "export.json", tmp_path / "copy.json"
    assert run("export", "--format", "json", "--db", str(demo_repo.path), "-o", str(exported)) == 0
    assert run("import", "book", str(exported), "--db", str(copy)) == 0
    assert capsys.readouterr().out.endswith(
        f"imported book from {exported} into {copy}: 12 clients, 14 contacts, 25 projects, 71 tasks, 3 staff, "
        "122 activities, 4 events, 11 weeks, 2 discounts, 5 competitors\n"
    )
    with Repository.open(demo_repo.path, read_only=True) as original, Repository.open(copy, read_only=True) as copied:
        for name in TABLES:
            assert copied.book.table(name) == original.book.table(name), name
        assert copied.settings_overrides == original.settings_overrides
        assert copied.settings == original.settings
        assert copied.meta["book_id"] != original.meta["book_id"]  # the new book keeps its own identity


def test_the_export_is_the_book_file_itself_and_opens_as_a_book(demo_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    assert run("export", "--format", "json", "--db", str(demo_path), "-o", str(exported)) == 0
    assert exported.read_bytes() == demo_path.read_bytes()
    assert exported.stat().st_mode & 0o777 == 0o600
    assert set(orjson.loads(exported.read_bytes())) == {*TABLES, "meta", "settings"}


def test_json_to_standard_output(demo_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run("export", "--format", "json", "--db", str(demo_path)) == 0
    assert capsysbinary.readouterr().out == demo_path.read_bytes()


def test_a_book_is_imported_only_into_an_empty_one(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target.json"
    with Repository.open(target, today=TODAY) as repo:
        repo.clients.add(Client(name="Already here"))
    before = target.read_bytes()
    assert run("import", "book", str(demo_path), "--db", str(target)) == 1
    assert target.read_bytes() == before
    assert capsys.readouterr().err == (
        f"acct-tui: {target}: is not empty (1 client): a book is imported only into an empty one "
        "(give a new file with --db)\n"
    )


def test_an_invalid_export_is_refused_before_anything_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": {"1": {"schema_version": 2}}, "clients": {"1": {"name": ""}}}')
    target = tmp_path / "target.json"
    assert run("import", "book", str(broken), "--db", str(target)) == 1
    assert not target.exists()
    assert "clients record 1, field name: is required" in capsys.readouterr().err


def test_dry_run_of_a_book_import(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "target.json"
    assert run("import", "book", str(demo_path), "--db", str(target), "--dry-run") == 0
    assert not target.exists()
    assert capsys.readouterr().out.startswith(
        f"dry run: importing book from {demo_path} into {target} would give 12 clients"
    )


def test_a_book_import_is_one_undo_step(demo_path: Path, repo: Repository) -> None:
    read_book(demo_path, {}).apply(repo)
    assert len(repo.clients) == 12
    assert repo.undo() == "Import book"
    assert all(not repo.book.table(name) for name in TABLES)
