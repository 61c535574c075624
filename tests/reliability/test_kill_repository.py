"""kill -9 at random moments while a process edits and saves the book: nothing saved is ever lost.

A fork server (tests/reliability/children.py) starts writers that make random edits through the
Repository and save after each one, logging the sha256 of the exact bytes before and after every
write. The test kills each writer with SIGKILL after a random delay (during the open, an edit, the
backup before the first save, or a save) and then checks the file against the log: it must be the
last write that completed, or the one in flight, byte for byte; `acct-tui check` must pass; at
most one temporary file may be left, and the next writer's open removes it.

ACCT_TUI_KILLS=1000 runs a longer soak (the default keeps `make test` fast).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from acct_tui.demo import write_demo_book
from acct_tui.store.backups import backup_path
from acct_tui.store.lock import lock_path
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import (
    ACCT_TUI,
    ForkServer,
    check,
    check_subprocess,
    env_without_user_folders,
    mode,
    read_log,
    sha,
    temp_files,
)

KILLS = int(os.environ.get("ACCT_TUI_KILLS", "150"))
MAX_DELAY = 0.06


def _outcome(events: list[tuple[str, str]], before: str, on_disk: str) -> str:
    """Which state the file must be in after the kill, and which one it is; fails if it is neither."""
    saved = [arg for what, arg in events if what == "saved"]
    last_saved = saved[-1] if saved else before
    writes = [(what, arg) for what, arg in events if what in ("pending", "saved")]
    in_flight = writes[-1][1] if writes and writes[-1][0] == "pending" else None
    allowed = {last_saved} | ({in_flight} if in_flight else set())
    assert on_disk in allowed, (
        f"after the kill the book is none of the states it may be in: last completed save {last_saved[:12]}, "
        f"in flight {in_flight and in_flight[:12]}, on disk {on_disk[:12]}"
    )
    if not any(what == "ready" for what, _ in events):
        return "killed while opening"
    if in_flight is None:
        return "killed between saves" if saved else "killed before its first save"
    return "killed during a save: new book on disk" if on_disk == in_flight else "killed during a save: old book kept"


def test_sigkill_at_random_moments_keeps_every_completed_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    book = write_demo_book(folder / "book.json", TODAY)
    state = sha(book.read_bytes())
    rng = random.Random(20261127)
    outcomes: Counter[str] = Counter()
    saves = temps_left = 0
    with ForkServer(tmp_path / "home") as server:
        for run in range(KILLS):
            log = tmp_path / f"run-{run}.log"
            pid = server.start("repo", book, log, seed=run)
            time.sleep(rng.uniform(0, MAX_DELAY))
            server.kill(pid)

            errors = Path(f"{log}.stderr")
            crash = errors.read_text() if errors.exists() else ""
            assert not crash, f"writer {run} failed before it was killed:\n{crash}"
            events = read_log(log)
            on_disk = sha(book.read_bytes())
            outcomes[_outcome(events, state, on_disk)] += 1
            saves += sum(1 for what, _ in events if what == "saved")
            state = on_disk

            code, said = check(book)
            assert code == 0, f"after kill {run}: {said}"
            left = temp_files(folder)
            assert len(left) <= 1, left
            assert all(mode(p) == 0o600 for p in left)
            temps_left += len(left)
            if run % 25 == 0:
                assert check_subprocess(book).returncode == 0
                if backup_path(book, 1).exists():
                    assert check(backup_path(book, 1))[0] == 0

    # The next writer's open takes the stale lock over and removes a killed save's temp file.
    with Repository.open(book, today=TODAY) as repo:
        assert not temp_files(folder)
        assert lock_path(book).read_text().split()[0] == str(os.getpid())
        assert len(repo.clients) >= 1
    assert sha(book.read_bytes()) == state
    assert {p.name for p in folder.iterdir()} <= {"book.json", *(backup_path(book, n).name for n in (1, 2, 3))}
    assert all(mode(p) == 0o600 for p in folder.iterdir())

    with capsys.disabled():
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items()))
        print(f"\n{KILLS} kills of a Repository writer, {saves} saves confirmed; {summary}; temp files {temps_left}")
    assert sum(outcomes.values()) == KILLS
    # The delays are chosen so that kills land in every phase, saves included.
    assert outcomes["killed during a save: old book kept"] + outcomes["killed during a save: new book on disk"] > 0
    assert outcomes["killed between saves"] > 0


CLI_KILLS = 12
ROWS = 2000


def test_sigkill_during_a_cli_import_leaves_all_rows_or_none(tmp_path: Path) -> None:
    """`acct-tui import` is all or nothing, even when killed: the book holds every row of a run or none."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    rng = random.Random(48)
    outcomes: Counter[str] = Counter()
    env = env_without_user_folders(tmp_path / "home")
    for run in range(CLI_KILLS):
        csv_path = tmp_path / f"import-{run}.csv"
        rows = "".join(f"run {run} client {n},key,{'x' * 300}\n" for n in range(ROWS))
        csv_path.write_text("name,tier,notes\n" + rows)
        proc = subprocess.Popen(
            [str(ACCT_TUI), "import", "clients", str(csv_path), "--db", str(book)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.15, 0.6))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert "Traceback" not in err
        with Repository.open(book, read_only=True) as repo:
            imported = sum(1 for c in repo.clients.all() if c.name.startswith(f"run {run} "))
        assert imported in (0, ROWS), f"run {run}: {imported} of {ROWS} rows in the book"
        outcomes["finished" if proc.returncode == 0 else "all rows" if imported else "no row"] += 1
        assert check(book)[0] == 0
    print(f"\n{CLI_KILLS} kills of `acct-tui import`: {dict(outcomes)}")
