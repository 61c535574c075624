"""`acct-tui sync` with the real git: a bare remote and two machines' copies in temporary folders."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.demo import write_demo_book
from acct_tui.domain.edits import stage_move
from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Client, Project, Task
from acct_tui.store.lock import BookLock
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id

LAPTOP_TIME = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
DESKTOP_TIME = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def sync(book: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["sync", "--db", str(book), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def machines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    """The demo book on a laptop, pushed to a bare remote, and brought to a desktop."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    (tmp_path / "laptop").mkdir()
    laptop = write_demo_book(tmp_path / "laptop" / "book.json", TODAY)
    code, out, err = sync(laptop, "--remote", str(remote), capsys=capsys)
    assert code == 0, err
    assert "committed: the book" not in out and "pushed to" in out
    desktop = tmp_path / "desktop" / "book.json"
    code, out, err = sync(desktop, "--remote", str(remote), capsys=capsys)
    assert code == 0, err
    assert f"brought the book from {remote} to {desktop}" in out
    assert desktop.read_bytes() == laptop.read_bytes()
    assert desktop.stat().st_mode & 0o777 == 0o600
    return remote, laptop, desktop


def edit(book: Path, when: datetime, change: Callable[[Repository], None]) -> None:
    with Repository.open(book, today=TODAY, clock=lambda: when) as repo:
        change(repo)


def laptop_edits(repo: Repository) -> None:
    bank = repo.clients.get(demo_id("clients", 1))
    assert bank is not None
    repo.clients.add(Client(name="Laptop client"))
    repo.clients.update(bank.evolve(notes="laptop notes", industry="laptop industry"))  # same field: industry
    repo.tasks.delete(demo_id("tasks", 2))  # the desktop edits it: kept
    project = repo.projects.get(demo_id("projects", 3))
    assert project is not None
    edit_ = stage_move(project, Stage.DELIVERY, datetime(2026, 11, 27, 10, 0), repo.settings)
    repo.put_all(edit_.records, edit_.label)
    undone = repo.clients.add(Client(name="Added then undone"))
    repo.undo()
    assert repo.clients.get(undone.id) is None


def desktop_edits(repo: Repository) -> None:
    bank = repo.clients.get(demo_id("clients", 1))
    task = repo.tasks.get(demo_id("tasks", 2))
    assert bank is not None and task is not None
    repo.clients.add(Client(name="Desktop client"))
    repo.clients.update(bank.evolve(tier="key", industry="desktop industry"))
    repo.tasks.update(task.evolve(title="Edited on the desktop"))
    repo.tasks.add(Task(title="Desktop task", client_id=bank.id))
    repo.projects.add(Project(client_id=bank.id, title="Desktop project"))


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_both_machines_sync_in_either_order_and_end_with_the_same_book_with_every_edit(
    machines: tuple[Path, Path, Path], first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, laptop, desktop = machines
    edit(laptop, LAPTOP_TIME, laptop_edits)
    edit(desktop, DESKTOP_TIME, desktop_edits)
    order = [laptop, desktop] if first == "laptop" else [desktop, laptop]
    for book in (*order, order[0]):
        code, _, err = sync(book, capsys=capsys)
        assert code == 0, err
    assert laptop.read_bytes() == desktop.read_bytes()
    assert main(["check", "--db", str(laptop)]) == 0
    with Repository.open(laptop, read_only=True) as repo:
        names = {c.name for c in repo.clients.all()}
        assert {"Laptop client", "Desktop client"} <= names and "Added then undone" not in names
        bank = repo.clients.get(demo_id("clients", 1))
        assert bank is not None
        assert (bank.notes, bank.tier, bank.industry) == ("laptop notes", "key", "desktop industry")  # the later
        task = repo.tasks.get(demo_id("tasks", 2))
        assert task is not None and task.title == "Edited on the desktop"  # an edit beats a delete
        assert any(t.title == "Desktop task" for t in repo.tasks.all())
        assert any(p.title == "Desktop project" for p in repo.projects.all())
        moved = repo.projects.get(demo_id("projects", 3))
        assert moved is not None and moved.stage is Stage.DELIVERY
    for folder in (laptop.parent, desktop.parent):
        assert git(folder, "status", "--porcelain", "--untracked-files=no") == ""
        assert "book.json.1.bak" not in git(folder, "ls-files")
    log = git(laptop.parent, "log", "--format=%B")
    assert "industry" in log and "the other copy had" in log  # the same-field note is in the merge commit


def test_a_sync_with_nothing_new_commits_nothing(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, laptop, _ = machines
    before = git(laptop.parent, "rev-parse", "HEAD")
    code, out, _ = sync(laptop, capsys=capsys)
    assert code == 0
    assert "nothing new to commit" in out
    assert git(laptop.parent, "rev-parse", "HEAD") == before


def test_the_commit_says_what_changed(machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, laptop, _ = machines
    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.add(Client(name="Acme")))
    code, out, _ = sync(laptop, capsys=capsys)
    assert code == 0
    assert "committed: 1 client added" in out
    assert git(laptop.parent, "log", "-1", "--format=%B").startswith(
        "acct-tui sync: 1 client added\n\nclients added: Acme"
    )


def test_offline_commits_here_and_pushes_next_time(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    remote, laptop, _ = machines
    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.add(Client(name="Offline client")))
    # Nothing listens on the discard port of the loopback: the connection is refused at once.
    code, out, err = sync(laptop, "--remote", "http://127.0.0.1:9/book.git", capsys=capsys)
    assert code == 0, err
    assert "committed: 1 client added" in out
    assert "could not reach http://127.0.0.1:9/book.git" in out and "will push next time" in out
    code, out, err = sync(laptop, "--remote", str(remote), capsys=capsys)  # back online
    assert code == 0, err
    assert "pushed to" in out
    assert "Offline client" in git(remote, "show", "main:book.json")


def test_a_remote_that_refuses_the_push_keeps_the_book(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    remote, laptop, _ = machines
    hook = remote / "hooks" / "pre-receive"
    colour = "printf '  open a \\033[31mmerge\\033[0m request\\n' >&2"
    hook.write_text(f"#!/bin/sh\necho 'Pushes to main need a review:' >&2\n{colour}\nexit 1\n")
    hook.chmod(0o755)
    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.add(Client(name="Refused")))
    before = laptop.read_bytes()
    code, _, err = sync(laptop, capsys=capsys)
    assert code == 1
    assert "the remote refused the push" in err and "your book and its commits are kept here" in err
    # Before: only git's last line ("error: failed to push some refs"), the hook's reason dropped.
    assert "remote: Pushes to main need a review: open a \\x1b[31mmerge\\x1b[0m request" in err
    assert "pre-receive hook declined" in err and "\x1b" not in err
    assert laptop.read_bytes() == before
    assert "Refused" not in git(remote, "show", "main:book.json")


def test_a_sync_with_nothing_to_push_says_it_is_up_to_date(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "pushed to ..." with nothing pushed."""
    remote, laptop, _ = machines
    code, out, _ = sync(laptop, capsys=capsys)
    assert code == 0
    assert f"up to date with {remote}" in out and "pushed" not in out


def test_another_remote_is_said(machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Before: --remote on a book already synced replaced the remote without a word."""
    remote, laptop, _ = machines
    other = remote.with_name("nas.git")
    subprocess.run(["git", "init", "--quiet", "--bare", str(other)], check=True)
    code, out, err = sync(laptop, "--remote", str(other), capsys=capsys)
    assert code == 0, err
    assert f"the remote is now {other} (it was {remote})" in out
    assert f"pushed to {other}" in out


def test_a_remote_that_is_no_repository_or_not_the_books_is_an_error(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a folder that is not a repository was taken for a drive not plugged in ("could not
    reach ...: will push next time", exit 0, for ever), and a repository of other files got the book."""
    remote, laptop, _ = machines
    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.add(Client(name="Kept here")))
    plain = remote.with_name("plain")
    plain.mkdir()
    code, _, err = sync(laptop, "--remote", str(plain), capsys=capsys)
    assert code == 1
    assert f"{plain} is not a git repository" in err
    # Before: the wrong remote was kept ("the remote is now ..."), so every later sync failed too.
    assert f"the remote is still {remote}" in err and "the remote is now" not in err
    assert git(laptop.parent, "remote", "get-url", "origin") == f"{remote}\n"
    code, _, err = sync(laptop, "--remote", str(remote.with_name("typo.git")), capsys=capsys)
    assert code == 1
    assert "typo.git does not exist" in err
    assert git(laptop.parent, "remote", "get-url", "origin") == f"{remote}\n"
    code_repo = remote.with_name("code")
    subprocess.run(["git", "init", "--quiet", "--initial-branch", "main", str(code_repo)], check=True)
    (code_repo / "app.py").write_text("print('hi')\n")
    git(code_repo, "add", "app.py")
    git(code_repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "code")
    code, _, err = sync(laptop, "--remote", str(code_repo), capsys=capsys)
    assert code == 1
    assert f"{code_repo} has no book.json: it is another repository" in err
    assert git(code_repo, "ls-files") == "app.py\n"
    git(code_repo, "branch", "--quiet", "-m", "main", "master")
    code, _, err = sync(laptop, "--remote", str(code_repo), capsys=capsys)
    assert code == 1
    assert "is another repository (branches master, no main)" in err
    assert git(laptop.parent, "remote", "get-url", "origin") == f"{remote}\n"
    # The book's own remote, gone (a USB stick not plugged in), is still just offline.
    assert sync(laptop, "--remote", str(remote), capsys=capsys)[0] == 0
    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.add(Client(name="While away")))
    remote.rename(remote.with_name("unplugged.git"))
    code, out, err = sync(laptop, capsys=capsys)
    assert code == 0, err
    assert f"could not reach {remote}" in out and "will push next time" in out


def test_a_first_remote_that_fails_is_not_kept_and_no_remote_is_an_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A book never synced, given a wrong remote, is left with none (the next sync says so); a
    remote that reads as an option of git's is wrong usage, and git never runs it."""
    (tmp_path / "folder").mkdir()
    book = write_demo_book(tmp_path / "folder" / "book.json", TODAY)
    code, _, err = sync(book, "--remote", str(tmp_path / "typo.git"), capsys=capsys)
    assert code == 1
    assert f"{tmp_path / 'typo.git'} was not kept as the remote" in err
    assert git(book.parent, "remote") == ""
    assert "no remote yet: give --remote URL" in sync(book, capsys=capsys)[1]
    planted = tmp_path / "planted"
    code, _, err = sync(book, "--remote", f"--upload-pack=touch {planted}", capsys=capsys)
    assert code == 2
    assert "argument --remote: " in err
    assert not planted.exists()
    assert git(book.parent, "remote") == ""


def test_a_folder_that_is_a_repository_of_other_files_is_not_synced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: its whole history (other files, branch master) was pushed to the book's remote as main."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    folder = tmp_path / "project"
    subprocess.run(["git", "init", "--quiet", "--initial-branch", "master", str(folder)], check=True)
    (folder / "private-notes.txt").write_text("not for the book's remote\n")
    git(folder, "add", "private-notes.txt")
    git(folder, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "notes")
    book = write_demo_book(folder / "book.json", TODAY)
    code, _, err = sync(book, "--remote", str(remote), capsys=capsys)
    assert code == 1
    assert f"{folder} is already a git repository of other files (private-notes.txt)" in err
    assert git(remote, "for-each-ref") == ""
    assert git(folder, "log", "--format=%s") == "notes\n"


def test_two_copies_synced_first_each_on_its_own_say_what_to_do(
    machines: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: git's "fatal: refusing to merge unrelated histories", with no guidance."""
    remote, laptop, _ = machines
    third = tmp_path / "third" / "book.json"
    third.parent.mkdir()
    shutil.copy(laptop, third)  # a copy carried by hand, changed, then synced as if it were the first
    edit(third, DESKTOP_TIME, lambda repo: repo.clients.add(Client(name="On the third machine")))
    code, _, err = sync(third, "--remote", str(remote), capsys=capsys)
    assert code == 1
    assert "holds a copy of the book with a history of its own" in err
    assert f"move {third} aside, then acct-tui sync --db {third} brings it" in err
    # Doing just that brings the remote's copy: the folder's repository remembers the remote.
    # Before: "does not exist: give --remote URL to bring the book".
    aside = third.with_name("mine.json")
    third.rename(aside)
    code, out, err = sync(third, capsys=capsys)
    assert code == 0, err
    assert f"brought the book from {remote} to {third}" in out
    assert third.read_bytes() == laptop.read_bytes()


def test_bringing_a_book_from_a_remote_that_is_not_there_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "new" / "book.json"
    code, _, err = sync(book, "--remote", str(tmp_path / "no-such.git"), capsys=capsys)
    assert code == 1
    assert "could not bring the book from" in err
    assert not book.exists()
    assert not (book.parent / ".git").exists(), "no repository of nothing is left behind"


def test_no_book_and_no_remote_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = sync(tmp_path / "book.json", capsys=capsys)
    assert code == 1
    assert "does not exist: give --remote URL" in err


def test_sync_refuses_while_the_planner_has_the_book_open(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, laptop, _ = machines
    with BookLock(laptop):
        code, _, err = sync(laptop, capsys=capsys)
    assert code == 1
    assert f"is in use by process {os.getpid()}: sync it from there (Sync, ctrl+y), or close it first" in err


def test_a_merge_that_cannot_be_valid_leaves_the_book_as_it_was(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, laptop, desktop = machines
    from acct_tui.domain.records import Discount

    def quiet_client(repo: Repository) -> Client:
        stacked = {d.client_id for d in repo.book.discounts.values()}
        return next(c for c in repo.clients.all() if c.discount_pct == 0 and c.id not in stacked)

    edit(laptop, LAPTOP_TIME, lambda repo: repo.clients.update(quiet_client(repo).evolve(discount_pct=8)))
    edit(
        desktop,
        DESKTOP_TIME,
        lambda repo: repo.table(Discount).add(Discount(client_id=quiet_client(repo).id, name="L", pct=5)),
    )
    assert sync(desktop, capsys=capsys)[0] == 0
    before = laptop.read_bytes()
    code, _, err = sync(laptop, capsys=capsys)
    assert code == 1
    assert "could not merge the other copy: book.json: cannot be merged" in err and "your book is as it was" in err
    # Why, as `acct-tui merge` says it, and what to do; never git's temporary file (before: only
    # ".merge_file_KBJU9u: cannot be merged ...").
    assert "field discount_reason: needs a reason: the combined discount of 12.6% is above 10%" in err, err
    assert "then sync again" in err and ".merge_file" not in err
    assert laptop.read_bytes() == before
    assert not (laptop.parent / ".git" / "MERGE_HEAD").exists()
    assert git(laptop.parent, "status", "--porcelain", "--untracked-files=no") == ""


def test_the_copies_git_leaves_when_a_sync_is_killed_midway_are_cleared(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a sync killed during its merge left git's `.merge_file_XXXXXX` copies (whole books)
    for good, shown by `git status`."""
    _, laptop, _ = machines
    left = laptop.parent / ".merge_file_Ab12Cd"  # what a killed merge leaves: a copy of the book
    left.write_bytes(laptop.read_bytes())
    assert sync(laptop, capsys=capsys)[0] == 0
    assert not left.exists()
    left.write_bytes(b"{}")  # and one is never offered to commit (.gitignore)
    assert git(laptop.parent, "status", "--porcelain") == ""


def test_a_sync_killed_at_any_moment_leaves_a_valid_book_and_a_repository_that_carries_on(
    machines: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, laptop, desktop = machines
    rng = random.Random(7)
    for round_ in range(6):
        edit(desktop, DESKTOP_TIME, lambda repo, n=round_: repo.clients.add(Client(name=f"Desktop {n}")))
        assert sync(desktop, capsys=capsys)[0] == 0
        edit(laptop, LAPTOP_TIME, lambda repo, n=round_: repo.clients.add(Client(name=f"Laptop {n}")))
        child = subprocess.Popen(
            [sys.executable, "-m", "acct_tui", "sync", "--db", str(laptop)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        os.killpg(child.pid, signal.SIGKILL)  # the sync and the git it runs, at once
        child.wait()
        assert main(["check", "--db", str(laptop)]) == 0, f"round {round_}"
        code, _, err = sync(laptop, capsys=capsys)
        assert code == 0, (round_, err)
    assert sync(desktop, capsys=capsys)[0] == 0
    assert laptop.read_bytes() == desktop.read_bytes()
    with Repository.open(laptop, read_only=True) as repo:
        names = {c.name for c in repo.clients.all()}
    assert {f"Laptop {n}" for n in range(6)} | {f"Desktop {n}" for n in range(6)} <= names
