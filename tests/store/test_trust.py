"""A book whose bytes acct-tui saved or validated is read without the checks; any other bytes are checked in full."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client, Project
from acct_tui.store import loading, trust
from acct_tui.store.errors import BookInvalid
from acct_tui.store.repository import Repository
from acct_tui.store.storage import BookStorage
from tests.conftest import TODAY

NOON = datetime(2026, 11, 27, 12, tzinfo=UTC)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every book the full validation ran on."""
    seen: list[Path] = []
    validated = loading._validated_book

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path)
        return validated(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_validated_book", spy)
    return seen


def saved_book(path: Path) -> tuple[int, int]:
    """A book saved by the repository: a client with one project (their ids)."""
    with Repository.open(path, today=TODAY) as repo:
        client = repo.clients.add(Client(name="Acme"))
        project = repo.projects.add(Project(client_id=client.id, title="Rollout"))
    return client.id, project.id


def test_a_book_as_the_repository_saved_it_is_not_validated_again(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    client_id, project_id = saved_book(path)
    assert checks == []  # created and saved here: nothing was read
    with Repository.open(path, today=TODAY) as repo:
        assert checks == []
        client, project = repo.book.clients[client_id], repo.book.projects[project_id]
        assert (client.id, client.name, client.tier) == (client_id, "Acme", "standard")
        assert (project.id, project.client_id, project.title) == (project_id, client_id, "Rollout")  # ids from the keys
    # The digest lives in the cache folder, never in the book.
    assert trust.digest(path.read_bytes()).encode() not in path.read_bytes()
    assert trust.is_trusted(trust.digest(path.read_bytes()))


def test_a_book_edited_by_hand_is_validated_and_its_errors_are_the_same(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    client_id, project_id = saved_book(path)
    # A hand edit that keeps the layout: the project now points at a client that does not exist.
    path.write_bytes(path.read_bytes().replace(b'"client_id":%d' % client_id, b'"client_id":9'))
    with pytest.raises(BookInvalid) as info:
        Repository.open(path, today=TODAY)
    assert f"projects record {project_id}, field client_id: refers to client 9" in info.value.text()
    assert checks == [path.absolute()]


def test_a_valid_hand_edit_is_validated_once_then_trusted(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    client_id, _ = saved_book(path)
    path.write_bytes(path.read_bytes().replace(b'"name":"Acme"', b'"name":"Acme Ltd"'))
    for _ in range(2):
        with Repository.open(path, read_only=True, today=TODAY) as repo:
            assert repo.book.clients[client_id].name == "Acme Ltd"
    assert checks == [path.absolute()]


def test_check_validates_even_a_trusted_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`acct-tui check` never takes the shortcut: here the list is made to vouch for a broken book."""
    path = tmp_path / "book.json"
    client_id, _ = saved_book(path)
    broken = path.read_bytes().replace(b'"client_id":%d' % client_id, b'"client_id":9')
    path.write_bytes(broken)
    trust.note(trust.digest(broken))
    with Repository.open(path, read_only=True, today=TODAY):
        pass  # trusted: the reference is not checked
    assert main(["check", "--db", str(path)]) == 1
    assert "refers to client 9, which does not exist" in capsys.readouterr().err


def test_the_list_of_another_version_trusts_nothing(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    saved_book(path)
    listed = trust.list_path().read_text()
    trust.list_path().write_text(listed.replace(trust.HEADER, "acct-tui trusted books 0.0.1 schema 1"))
    with Repository.open(path, read_only=True, today=TODAY):
        pass
    assert checks == [path.absolute()]


def test_an_older_copy_acct_tui_wrote_is_trusted_and_the_list_is_bounded(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    saved_book(path)
    first = path.read_bytes()
    with Repository.open(path, today=TODAY) as repo:
        for n in range(trust.KEEP - 1):
            repo.clients.add(Client(name=f"Client {n}"))
    path.write_bytes(first)  # put back: the bytes acct-tui wrote 64 saves ago
    with Repository.open(path, read_only=True, today=TODAY):
        pass
    assert checks == []
    with Repository.open(path, today=TODAY) as repo:
        repo.clients.add(Client(name="One more"))  # the oldest digest, the first save's, drops off
    assert not trust.is_trusted(trust.digest(first))


def test_the_demo_book_is_validated_on_its_first_open(tmp_path: Path, checks: list[Path]) -> None:
    """A book written without the repository (the demo, `generate`) is not trusted until it is checked."""
    path = write_demo_book(tmp_path / "demo.json", TODAY)
    for _ in range(2):
        Repository.open(path, read_only=True, today=TODAY).close()
    assert checks == [path.absolute()]


def test_a_status_reads_a_trusted_book_whole_and_gets_the_same_records(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "book.json"
    write_demo_book(path, TODAY)
    with Repository.open(path, today=TODAY) as repo:  # validated once, then trusted
        opened = repo.book
    assert checks == [path]
    read = Repository.read_book(path).book
    assert checks == [path]  # the trusted bytes were not validated again
    for name in loading.TABLES:  # every record, ids included, as the repository built it
        assert getattr(read, name) == getattr(opened, name), name
    assert len(read.clients) == len(opened.clients) > 0 and read.settings == opened.settings


def test_a_valid_book_in_another_layout_is_never_trusted(tmp_path: Path, checks: list[Path]) -> None:
    import json

    path = tmp_path / "book.json"
    saved_book(path)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2))  # the same book, pretty-printed
    for _ in range(2):
        with Repository.open(path, today=TODAY, autosave=False):
            pass
    Repository.read_book(path)
    assert checks == [path, path, path]  # every read validates it: no whole-table read of these bytes
    assert not trust.is_trusted(trust.digest(path.read_bytes()))


def test_a_trusted_open_gives_the_records_and_lines_of_a_full_validation(tmp_path: Path, checks: list[Path]) -> None:
    """The whole-table read of trusted bytes keeps what a save needs: each record's line as the
    file has it, by id, for every table; a save after it writes the same bytes."""
    path = tmp_path / "book.json"
    write_demo_book(path, TODAY)
    with Repository.open(path, today=TODAY) as repo:  # validated once, then trusted
        repo.clients.add(Client(name="Zeta"))
    before = path.read_bytes()
    full = loading.load(path, BookStorage(path), {}, check_all=True)
    trusted = loading.load(path, BookStorage(path), {})
    assert full is not None and trusted is not None
    assert checks == [path, path]  # the first open and the check_all: not the trusted one
    assert trusted.lines == full.lines and set(trusted.lines) == set(loading.TABLES)
    assert sum(map(len, trusted.lines.values())) > 100
    for name in loading.TABLES:
        assert getattr(trusted.book, name) == getattr(full.book, name), name
    assert (trusted.meta, trusted.overrides, trusted.migrated_from) == (full.meta, full.overrides, None)
    saved = []
    for check_all in (False, True):  # the same edit saved after each kind of open: the same bytes
        path.write_bytes(before)
        with Repository.open(path, today=TODAY, check_all=check_all, clock=lambda: NOON) as repo:
            task = min(repo.book.tasks.values(), key=lambda t: t.id)
            repo.tasks.update(task.evolve(title="Renamed"))
        saved.append(path.read_bytes())
    assert saved[0] == saved[1] != before
