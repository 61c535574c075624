"""`acct-tui merge BASE OURS THEIRS [-o OUT]`, alone and as git's merge driver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client, Discount
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id


def copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = write_demo_book(tmp_path / "base.json", TODAY)
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    return base, ours, theirs


def bank(repo: Repository) -> Client:
    found = repo.clients.get(demo_id("clients", 1))
    assert found is not None
    return found


def test_merge_takes_both_copies_edits_and_is_the_same_either_way_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = copies(tmp_path)
    with Repository.open(ours, today=TODAY) as repo:
        repo.clients.add(Client(name="Added here"))
        repo.clients.update(bank(repo).evolve(notes="ours"))
    with Repository.open(theirs, today=TODAY) as repo:
        repo.clients.add(Client(name="Added there"))
        repo.clients.update(bank(repo).evolve(industry="Finance"))
        repo.tasks.delete(demo_id("tasks", 76))
    other_way = tmp_path / "other-way.json"
    assert main(["merge", str(base), str(theirs), str(ours), "-o", str(other_way)]) == 0
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    assert capsys.readouterr().out.endswith(f"merged into {ours}\n")
    assert ours.read_bytes() == other_way.read_bytes()
    assert ours.stat().st_mode & 0o777 == 0o600
    with Repository.open(ours, read_only=True) as repo:
        assert {"Added here", "Added there"} <= {c.name for c in repo.clients.all()}
        assert (bank(repo).notes, bank(repo).industry) == ("ours", "Finance")
        assert repo.tasks.get(demo_id("tasks", 76)) is None
    assert main(["check", "--db", str(ours)]) == 0


def test_a_merge_that_cannot_be_valid_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = copies(tmp_path)
    with Repository.open(ours, today=TODAY) as repo:
        stacked = {d.client_id for d in repo.book.discounts.values()}
        client = next(c for c in repo.clients.all() if c.discount_pct == 0 and c.id not in stacked)
        repo.clients.update(client.evolve(discount_pct=8))  # within the fine band (10%): no reason needed
    with Repository.open(theirs, today=TODAY) as repo:
        repo.table(Discount).add(Discount(client_id=client.id, name="Loyalty", pct=5))  # so is this
    before = ours.read_bytes()
    assert main(["merge", str(base), str(ours), str(theirs)]) == 1
    err = capsys.readouterr().err
    assert f"{ours}: cannot be merged with the other copy into a valid book; nothing was changed" in err
    assert "needs a reason: the combined discount of 12.6% is above 10%" in err
    assert ours.read_bytes() == before


def test_a_client_kept_over_its_deletion_says_which_of_its_records_stay_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the client kept had a note, its projects, tasks and activities deleted with it on
    the other copy stayed deleted without a word."""
    base, ours, theirs = copies(tmp_path)
    with Repository.open(ours, today=TODAY) as repo:
        repo.clients.update(bank(repo).evolve(notes="call them in January"))
    with Repository.open(theirs, today=TODAY) as repo:
        book = repo.book
        bank_id = bank(repo).id
        projects = [p for p in book.projects.values() if p.client_id == bank_id]
        tasks = [t for t in book.tasks.values() if t.client_id == bank_id]
        activities = [a for a in book.activities.values() if a.client_id == bank_id]
        contacts = [c for c in book.contacts.values() if c.client_id == bank_id]
        rivals = [c for c in book.competitors.values() if c.client_id == bank_id]
        assert projects and tasks and activities and contacts and len(rivals) == 1
        repo.clients.delete(bank_id, cascade=True)
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    out = capsys.readouterr().out
    name = "Saigon Commercial Bank"
    assert out.startswith(
        f"merge: client {name!r} was deleted on one copy and edited on the other: kept, without its "
        f"{len(contacts)} contacts, {len(projects)} projects, {len(tasks)} tasks, {len(activities)} activities "
        "and 1 competitor, deleted with it\nmerged into "
    )
    with Repository.open(ours, read_only=True) as repo:
        assert bank(repo).notes == "call them in January"
        assert not [p for p in repo.book.projects.values() if p.client_id == bank_id]


def test_a_broken_copy_is_named_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = copies(tmp_path)
    theirs.write_bytes(b'{"clients": {"1": {"name": "\x1b[2J"')
    before = ours.read_bytes()
    assert main(["merge", str(base), str(ours), str(theirs)]) == 1
    err = capsys.readouterr().err
    assert f"{theirs}: is not a readable book" in err and "\x1b" not in err
    assert ours.read_bytes() == before


def test_another_book_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, _ = copies(tmp_path)
    stranger = tmp_path / "stranger.json"
    with Repository.open(stranger, today=TODAY) as repo:
        repo.clients.add(Client(name="Someone else's"))
    assert main(["merge", str(base), str(ours), str(stranger)]) == 1
    assert "is another book" in capsys.readouterr().err


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_as_gits_merge_driver_two_branches_merge_without_a_conflict(tmp_path: Path) -> None:
    """Two additions to the same table conflict in a text merge (both end the table's last line);
    through the driver they merge record by record."""
    folder = tmp_path / "repo"
    folder.mkdir()
    book = write_demo_book(folder / "book.json", TODAY)
    git(folder, "init", "-q", "-b", "main")
    (folder / ".gitattributes").write_text("book.json merge=acct-tui\n")
    (folder / ".gitignore").write_text("*.bak\n*.lock\n")
    git(folder, "config", "merge.acct-tui.driver", f"{sys.executable} -m acct_tui merge %O %A %B")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "start")
    git(folder, "checkout", "-qb", "laptop")
    with Repository.open(book, today=TODAY) as repo:
        repo.clients.add(Client(name="Laptop client"))
    git(folder, "commit", "-qam", "laptop")
    git(folder, "checkout", "-q", "main")
    with Repository.open(book, today=TODAY) as repo:
        repo.clients.add(Client(name="Desktop client"))
    git(folder, "commit", "-qam", "desktop")
    git(folder, "merge", "-q", "--no-edit", "laptop")
    assert git(folder, "status", "--porcelain") == ""
    with Repository.open(book, read_only=True) as repo:
        assert {"Laptop client", "Desktop client"} <= {c.name for c in repo.clients.all()}


def test_an_empty_base_merges_and_a_missing_one_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """git hands the merge driver an empty BASE for a book added on both sides. Before: an
    AssertionError once a renamed client's twin moved and its projects followed; and a BASE path
    that did not exist was read as empty too."""
    _, ours, theirs = copies(tmp_path)
    with Repository.open(theirs, today=TODAY) as repo:
        repo.clients.update(bank(repo).evolve(name="Renamed bank"))
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    out = tmp_path / "merged.json"
    assert main(["merge", str(empty), str(ours), str(theirs), "-o", str(out)]) == 0, capsys.readouterr().err
    with Repository.open(out, read_only=True) as repo:
        names = {c.name for c in repo.clients.all()}
        assert {bank(repo).name, "Renamed bank"} <= names  # no common version: both kept
        assert repo.book.problems() == []
    capsys.readouterr()
    before = ours.read_bytes()
    missing = tmp_path / "no-such-base.json"
    assert main(["merge", str(missing), str(ours), str(theirs)]) == 1
    assert capsys.readouterr().err == f"acct-tui: {missing}: does not exist\n"
    assert ours.read_bytes() == before
