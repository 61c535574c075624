"""Two programs on one book: a second acct-tui is refused or reads only, a dead one's lock is taken
over, and a change made by another program is never overwritten without asking.

tests/store/test_lock_and_crash.py proves the lock between two Repository objects; here the first
process is the real planner (forked from tests/reliability/children.py) and the second is the
command line, as a user runs them.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client
from acct_tui.store import layout
from acct_tui.store.errors import BookChangedOnDisk
from acct_tui.store.lock import lock_path
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY
from tests.reliability.helpers import FileState, ForkServer, acct_tui, check_subprocess, run_cli, wait_ready
from tests.reliability.planner import planner


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_demo_book(tmp_path / "book.json", TODAY)


@pytest.fixture
def holder(tmp_path: Path, book: Path) -> Iterator[tuple[ForkServer, int]]:
    """The planner open on `book` in another process: (its server, its pid)."""
    with ForkServer(tmp_path / "home", textual=True) as server:
        log = tmp_path / "holder.log"
        pid = server.start("hold", book, log, seed=0)
        try:
            wait_ready(log)
            yield server, pid
        finally:
            server.kill(pid)


def test_a_second_acct_tui_is_refused_naming_the_holder_and_reading_still_works(
    book: Path, holder: tuple[ForkServer, int], tmp_path: Path
) -> None:
    _, pid = holder
    before = FileState.of(book)
    csv_path = tmp_path / "new.csv"
    csv_path.write_text("name\nNot imported\n")
    for args in (("--db", str(book)), ("import", "clients", str(csv_path), "--db", str(book))):
        code, out, err = run_cli(args)
        assert code == 1, (args, out, err)
        assert f"{book}: is in use by process {pid}." in err
        assert "open this book with --read-only" in err
        assert "Traceback" not in err
    # The planner really exits before its UI starts (no terminal is needed to be refused).
    real = acct_tui("--db", str(book))
    assert real.returncode == 1
    assert f"is in use by process {pid}" in real.stderr
    # Reading does not need the lock.
    for args in (("check",), ("status",), ("report",), ("export", "--format", "md")):
        code, out, err = run_cli([*args, "--db", str(book)])
        assert code == 0, (args, err)
        assert out
    assert FileState.of(book) == before


async def test_the_planner_read_only_beside_another_one_writes_nothing(
    book: Path, holder: tuple[ForkServer, int]
) -> None:
    before = FileState.of(book)
    async with planner(book, read_only=True) as ui:
        assert "read-only" in ui.app.sub_title
        await ui.pilot.press("n")
        form = ui.app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-name", Input).value = "Not written"
        await ui.pilot.press("ctrl+s")
        assert ui.app.screen is form  # refused, with the reason in the form
        assert "is open read-only" in str(form.query_one("#form-error", Static).render())
        await ui.pilot.press("escape", "x", "u", "q")
    assert FileState.of(book) == before
    assert not lock_path(book).read_text().startswith(str(os.getpid()))


def test_a_lock_left_by_a_killed_planner_is_taken_over(book: Path, tmp_path: Path) -> None:
    with ForkServer(tmp_path / "home", textual=True) as server:
        log = tmp_path / "holder.log"
        pid = server.start("hold", book, log, seed=0)
        wait_ready(log)
        server.kill(pid)
    assert lock_path(book).read_text().split()[0] == str(pid)  # still there, naming the dead process
    csv_path = tmp_path / "new.csv"
    csv_path.write_text("name\nAfter the crash\n")
    code, _, err = run_cli(["import", "clients", str(csv_path), "--db", str(book)])
    assert code == 0, err
    assert not lock_path(book).exists()  # released by its new holder
    with Repository.open(book, read_only=True) as repo:
        assert "After the crash" in {c.name for c in repo.clients.all()}


@pytest.mark.parametrize(
    "content",
    ["1 ", "garbage\n", f"{os.getpid()} {socket.gethostname()}\n", "1 some-other-host\n", ""],
    ids=["init's pid", "garbage", "this process", "another host", "empty"],
)
def test_only_the_os_lock_counts_not_what_a_lock_file_says(book: Path, tmp_path: Path, content: str) -> None:
    """A lock file nobody holds (whatever pid it names, even a live one) does not block the book."""
    lock_path(book).write_text(content)
    csv_path = tmp_path / "new.csv"
    csv_path.write_text("name\nUnblocked\n")
    code, _, err = run_cli(["import", "clients", str(csv_path), "--db", str(book)])
    assert code == 0, err


def _changed_by_another_program(book: Path, *, same_size: bool) -> bytes:
    """Rewrite the book as another program would: in place, or with a new client."""
    time.sleep(0.02)  # past the file system's timestamp tick
    data = book.read_bytes()
    if same_size:
        changed = data.replace(b'"name":"Saigon Commercial Bank"', b'"name":"SAIGON Commercial Bank"', 1)
        assert len(changed) == len(data) and changed != data
        with book.open("r+b") as handle:  # same inode, same size
            handle.write(changed)
        return changed
    tables = layout.decode(data)
    tables["clients"][7] = b'{"name":"Added elsewhere"}'  # ids are random up to 2**53: 7 is free
    changed = layout.encode(tables)
    book.write_bytes(changed)
    return changed


async def test_a_change_in_place_by_another_program_is_detected_and_merged_in(book: Path) -> None:
    """The hardest case to see: same inode, same size (tests/ui/test_saving.py has a new file).
    Seen, the other program's change is merged with the planner's, and both are saved."""
    async with planner(book) as ui:
        _changed_by_another_program(book, same_size=True)
        await ui.add_client("Ours")
        await ui.settle()
        await ui.pilot.pause()
        assert isinstance(ui.app.screen, MainScreen), "no question: the change is merged in"
        assert not ui.repo.dirty
        assert "NOT SAVED" not in ui.app.sub_title
    with Repository.open(book, read_only=True) as repo:
        names = {c.name for c in repo.clients.all()}
    assert "Ours" in names
    assert "SAIGON Commercial Bank" in names  # the other program's change is kept too


def test_the_command_line_never_overwrites_a_book_changed_under_it(book: Path) -> None:
    """A Repository opened by the CLI (autosave) refuses to save over another program's change."""
    with Repository.open(book, today=TODAY) as repo:
        theirs = _changed_by_another_program(book, same_size=False)
        with pytest.raises(BookChangedOnDisk, match="was changed by another program"):
            repo.clients.add(Client(name="Ours"))
    assert book.read_bytes() == theirs
    result = check_subprocess(book)
    assert result.returncode == 0, result.stderr
