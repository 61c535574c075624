"""The lock beside a book (`book.json.lock`): one acct-tui writes a book at a time.

The lock is an OS advisory lock (flock) on the lock file, which also holds the holder's process
id and host for the message a second process gets. The kernel drops the lock when its holder
dies, so a lock file left by a killed process is stale by construction: the next process takes
the lock and rewrites the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from acct_tui.store.errors import BookLocked, BookUnavailable
from acct_tui.store.storage import describe_os_error

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def lock_path(book: Path) -> Path:
    return book.with_name(book.name + ".lock")


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class BookLock:
    """An exclusive lock on one book, held from `acquire` until `release` (or process exit)."""

    def __init__(self, book: Path) -> None:
        self.book = book
        self.path = lock_path(book)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file ("process N on host")."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace").split()
        except OSError:
            return "another process"
        if not text or not text[0].isdigit():
            return "another process"
        where = f" on {text[1]}" if len(text) > 1 and text[1] != socket.gethostname() else ""
        return f"process {text[0]}{where}"

    def acquire(self) -> None:
        """Take the lock or raise BookLocked naming the holder."""
        while True:
            try:
                # Never through a symbolic link: the lock file is truncated and rewritten below.
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
            except OSError as err:
                reason = "it is a symbolic link" if err.errno == errno.ELOOP else describe_os_error(err)
                raise BookUnavailable(
                    self.book,
                    f"cannot create its lock file {self.path.name}: {reason}; "
                    "open the book with --read-only to look without changing it",
                ) from None
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise BookUnavailable(
                    self.book,
                    f"its lock file {self.path.name} is not a regular file: remove it, "
                    "or open the book with --read-only to look without changing it",
                )
            if not _try_lock(fd):
                os.close(fd)
                raise BookLocked(
                    self.book,
                    f"is in use by {self.holder()}. Close acct-tui there, or open this book with --read-only",
                )
            # The holder may have removed the file between our open and our lock: retry on the new one.
            try:
                same = os.fstat(fd).st_ino == self.path.stat().st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> BookLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


@contextlib.contextmanager
def unless_in_use(path: Path) -> Iterator[None]:
    """Hold `path`'s lock while the caller replaces the file, when it has one: a command writing a
    file (an export, a report, a merged or generated book) raises BookLocked rather than replace a
    book that a planner has open. A file with no lock file beside it is in no one's use."""
    if not lock_path(path).exists():
        yield
        return
    with BookLock(path):
        yield
