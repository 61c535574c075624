"""A full disk or a read-only folder while the planner saves: it says so, keeps the change, loses nothing.

The failures are mocked at the system call with the errno the kernel gives (the suite runs as
root in CI, where chmod does not stop writes): ENOSPC part-way through writing the temporary
file, EACCES and EROFS when a file is created in the book's folder. Where `mount` works, a tiny
tmpfs gives a real full disk too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Client
from acct_tui.store.backups import backup_path
from acct_tui.store.errors import BookUnavailable
from acct_tui.store.repository import Repository
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY
from tests.reliability.helpers import FileState, check, run_cli, temp_files
from tests.reliability.planner import planner


class Disk:
    """Makes the book's folder refuse writes, as a full disk or a read-only folder would."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.failure: int | None = None
        self.refused = 0
        real_open, real_write = os.open, os.write

        def in_folder(path: Any) -> bool:
            return Path(os.fsdecode(path)).parent == self.folder

        def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if self.failure in (errno.EACCES, errno.EROFS) and flags & os.O_CREAT and in_folder(path):
                self.refused += 1
                raise OSError(self.failure, os.strerror(self.failure), os.fsdecode(path))
            return real_open(path, flags, *args, **kwargs)

        def full_disk(fd: int, pieces: Any) -> int:
            """Takes half of the first piece (a short write), then the disk is full."""
            if self.failure != errno.ENOSPC or not in_folder(Path(f"/proc/self/fd/{fd}").readlink()):
                return os_writev(fd, pieces)
            if self.half_written != fd:
                self.half_written = fd
                first = bytes(pieces[0])
                return real_write(fd, first[: max(1, len(first) // 2)])
            self.refused += 1
            self.half_written = None
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        os_writev = os.writev
        self.half_written: int | None = None
        monkeypatch.setattr(os, "open", guarded_open)
        monkeypatch.setattr(os, "writev", full_disk)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    return write_demo_book(folder / "book.json", TODAY)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


FAILURES = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "Permission denied",
    errno.EROFS: "Read-only file system",
}


@pytest.mark.parametrize(
    ("failure", "first_save"),
    [(errno.ENOSPC, True), (errno.ENOSPC, False), (errno.EACCES, False), (errno.EROFS, True)],
    ids=["ENOSPC-first save (backup)", "ENOSPC-later save", "EACCES-later save", "EROFS-first save (backup)"],
)
async def test_a_refused_save_is_reported_kept_in_memory_and_retried(
    book: Path, monkeypatch: pytest.MonkeyPatch, failure: int, first_save: bool
) -> None:
    disk = Disk(book.parent, monkeypatch)
    good = FileState.of(book)
    files = listing(book.parent)

    def fail() -> None:
        disk.failure = failure

    # The planner saves this week's record when it starts: the session's first save, which backs
    # the book up first. With first_save, the disk refuses from the start.
    async with planner(book, after_open=fail if first_save else None) as ui:
        if not first_save:
            await ui.add_client("Saved first")
            await ui.settle()
            assert ui.app.save_error is None
            good = FileState.of(book)
            files = listing(book.parent)
            fail()
        await ui.add_client("Kept in memory")
        await ui.settle()

        assert disk.refused >= 1
        # The app says so: an error notification with the reason, and the title says it.
        assert ui.errors()
        for note in ui.errors():
            assert note.title == "Not saved"
            assert FAILURES[failure] in note.message
            assert "Your change is kept here; ctrl+s tries again." in note.message
            assert ("could not be backed up before saving" in note.message) == first_save, note.message
        assert "NOT SAVED" in ui.app.sub_title
        assert isinstance(ui.app.screen, MainScreen)
        # The change is kept in memory...
        assert "Kept in memory" in ui.client_names()
        assert ui.repo.dirty
        # ...and the disk holds the last good book, byte for byte, and nothing else.
        assert FileState.of(book) == good
        assert {n: d for n, d in listing(book.parent).items() if not n.endswith(".lock")} == {
            n: d for n, d in files.items() if not n.endswith(".lock")
        }
        assert not temp_files(book.parent)

        # Once the disk takes writes again, ctrl+s saves the change.
        disk.failure = None
        await ui.pilot.press("ctrl+s")
        await ui.settle()
        assert ui.app.save_error is None
        assert "NOT SAVED" not in ui.app.sub_title
    with Repository.open(book, read_only=True) as repo:
        assert "Kept in memory" in {c.name for c in repo.clients.all()}
    assert check(book)[0] == 0
    if first_save:  # the backup was made once the disk took writes again
        assert backup_path(book, 1).read_bytes() == good.data


async def test_quitting_with_an_unsaved_change_asks_and_staying_keeps_it(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(book.parent, monkeypatch)
    async with planner(book) as ui:
        good = FileState.of(book)
        disk.failure = errno.ENOSPC
        await ui.add_client("Unsaved")
        await ui.settle()
        await ui.pilot.press("q")
        await ui.pilot.pause()
        assert isinstance(ui.app.screen, ConfirmScreen)
        question = str(ui.app.screen.question)
        assert "could not be saved" in question
        assert "the disk is full" in question
        await ui.pilot.press("n")  # Stay
        await ui.pilot.pause()
        assert isinstance(ui.app.screen, MainScreen)
        assert ui.app.is_running
        assert "Unsaved" in ui.client_names()
        assert FileState.of(book) == good
        assert not temp_files(book.parent)
        disk.failure = None
        await ui.pilot.press("q")
        await ui.pilot.pause()
    with Repository.open(book, read_only=True) as repo:
        assert "Unsaved" in {c.name for c in repo.clients.all()}


@pytest.mark.parametrize("failure", list(FAILURES), ids=[errno.errorcode[e] for e in FAILURES])
def test_the_command_line_reports_a_refused_save_and_changes_nothing(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int
) -> None:
    csv_path = tmp_path / "new.csv"
    csv_path.write_text("name,tier\nRefused Ltd,key\n")
    good = FileState.of(book)
    files = listing(book.parent)
    disk = Disk(book.parent, monkeypatch)
    disk.failure = failure
    code, _, err = run_cli(["import", "clients", str(csv_path), "--db", str(book)])
    assert code == 1
    assert FAILURES[failure] in err
    assert "Traceback" not in err
    disk.failure = None
    assert FileState.of(book) == good
    assert {n: d for n, d in listing(book.parent).items() if not n.endswith(".lock")} == files


# --- a real full disk ------------------------------------------------------------------------


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size_kb: int) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk_leaves_the_last_good_book(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "small", 256) as folder:
        book = folder / "book.json"
        with Repository.open(book, today=TODAY) as repo:
            filler = folder / "filler"
            n = 0
            with pytest.raises(BookUnavailable) as info:
                while True:
                    repo.clients.add(Client(name=f"client {n}", notes="x" * 10_000))
                    n += 1
                    if n == 5:
                        # leave less room than two copies of the book need
                        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                        filler.write_bytes(b"\0" * max(0, free - 2 * book.stat().st_size - 8192))
            assert "could not be saved: the disk is full; the file on disk is unchanged" in str(info.value)
            good = FileState.of(book)
            assert not temp_files(folder)
            assert f"client {n}" in {c.name for c in repo.clients.all()}  # kept in memory
            filler.unlink()
            repo.save()
        assert FileState.of(book) != good
        assert check(book)[0] == 0
        with Repository.open(book, read_only=True) as reread:
            assert len(reread.clients) == n + 1


def test_failed_backups_before_a_save_lose_no_older_backup(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug fixed: each save refused by a full disk at its backup step shifted the older backups up
    first, so retries dropped one more of them, and left no backup 1."""
    olders = {n: f"backup {n}".encode() for n in (1, 2, 3)}
    for n, data in olders.items():
        backup_path(book, n).write_bytes(data)
    session_start = book.read_bytes()
    disk = Disk(book.parent, monkeypatch)
    with Repository.open(book, today=TODAY) as repo:
        disk.failure = errno.ENOSPC
        for attempt in range(3):
            with pytest.raises(BookUnavailable, match="could not be backed up before saving: the disk is full"):
                repo.clients.add(Client(name=f"Attempt {attempt}"))
            assert {n: backup_path(book, n).read_bytes() for n in olders} == olders
            assert book.read_bytes() == session_start
            assert not temp_files(book.parent)
        disk.failure = None
        repo.save()
    assert backup_path(book, 1).read_bytes() == session_start
    assert backup_path(book, 2).read_bytes() == olders[1]
    assert backup_path(book, 3).read_bytes() == olders[2]
    with Repository.open(book, read_only=True) as reread:
        assert {"Attempt 0", "Attempt 1", "Attempt 2"} <= {c.name for c in reread.clients.all()}
