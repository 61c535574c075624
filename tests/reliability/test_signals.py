"""The session ended from outside right after an edit: the edit is on disk, the terminal as it was.

The real `acct-tui` runs in a pseudo-terminal on a book large enough that a save takes a while
(150 generated clients, about 3 MB); a client is added with the form (n, the name, ctrl+s) and
20 ms later the terminal is closed (SIGHUP, as closing its window does) or the process gets
SIGTERM (a logout, a shutdown). Each time, the client must be in the book afterwards, the book
must pass `check`, and after SIGTERM the terminal must be back in its modes with the alternate
screen left.
"""

from __future__ import annotations

import signal
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from acct_tui.store.repository import Repository
from tests.reliability.helpers import acct_tui, check
from tests.reliability.pty_planner import PtyPlanner

TRIES = 2

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("signals") / "generated.json"
    done = acct_tui("--today", "2026-11-27", "generate", "--clients", "150", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


def add_client_then(planner: PtyPlanner, name: str, end: Callable[[], None]) -> None:
    planner.wait_for("Clients")
    planner.drain(0.5)  # the first frames, and the week's record saved
    planner.type("n")
    planner.wait_for("Contract value a year")  # the form (its title is also a key in the footer)
    planner.type(name)
    planner.drain(0.5)  # typed, and drawn (the name goes to the field a key at a time)
    planner.type("\x13")  # ctrl+s
    time.sleep(0.02)
    end()


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM"])
def test_an_edit_just_before_the_session_ends_is_saved(big_book: Path, tmp_path: Path, how: str) -> None:
    for attempt in range(TRIES):
        book = tmp_path / f"book-{attempt}.json"
        book.write_bytes(big_book.read_bytes())
        name = f"Added just before {how} {attempt}"
        with PtyPlanner(tmp_path / "home", "--today", "2026-11-27", "--db", str(book)) as planner:
            if how == "SIGHUP":
                add_client_then(planner, name, planner.hang_up)
            else:
                add_client_then(planner, name, lambda: planner.signal(signal.SIGTERM))
            code = planner.wait()
            assert "Traceback" not in planner.text, planner.text[-3000:]
            if how == "SIGTERM":
                assert code == 128 + signal.SIGTERM
                left = planner.output.rsplit(b"\x1b[?1049h", 1)[-1]
                assert b"\x1b[?1049l" in left and b"\x1b[?25h" in left, "the alternate screen was not left"
                modes = planner.terminal_modes()
                assert modes is not None
                lflag = termios.ECHO | termios.ICANON
                assert modes[3] & lflag == planner.modes_before[3] & lflag, "echo and line mode not restored"
        assert check(book)[0] == 0
        with Repository.open(book, read_only=True) as repo:
            assert name in {c.name for c in repo.clients.all()}, f"try {attempt}: the client was lost"
