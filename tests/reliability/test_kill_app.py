"""kill -9 while the real planner saves: every client whose save completed is in the book.

Writers forked from tests/reliability/children.py run AcctApp headless (`run_test`) on one book
and add clients through the new-client form (n, the name, ctrl+s), logging each name once the
app's save worker has written it (`repo.saved_generation`). After each SIGKILL the book loads,
`acct-tui check` passes, and its clients are the confirmed ones plus at most the one in flight.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest

from acct_tui.demo import write_demo_book
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import ForkServer, check, check_subprocess, read_log, temp_files, wait_ready

APP_KILLS = 4


def test_sigkill_while_the_planner_saves_keeps_every_confirmed_client(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    book = write_demo_book(folder / "book.json", TODAY)
    with Repository.open(book, read_only=True) as repo:
        demo_clients = {c.name for c in repo.clients.all()}
    confirmed: set[str] = set()
    rng = random.Random(7)
    outcomes: Counter[str] = Counter()
    with ForkServer(tmp_path / "home", textual=True) as server:
        for run in range(APP_KILLS):
            log = tmp_path / f"app-{run}.log"
            pid = server.start("app", book, log, seed=run)
            wait_ready(log)
            if run % 2:  # at any moment: while the first form opens, types, saves...
                time.sleep(rng.uniform(0.3, 3.0))
            else:  # once a client is on disk, so that every run of a slow machine still proves something
                deadline = time.monotonic() + 60
                while not any(what == "saved-name" for what, _ in read_log(log)):
                    assert time.monotonic() < deadline, "the planner saved nothing in a minute"
                    time.sleep(0.02)
                time.sleep(rng.uniform(0.0, 1.5))
            server.kill(pid)

            errors = Path(f"{log}.stderr")
            crash = errors.read_text() if errors.exists() else ""
            assert "Traceback" not in crash, f"the planner failed before it was killed:\n{crash}"
            events = read_log(log)
            confirmed |= {name for what, name in events if what == "saved-name"}
            pending = [name for what, name in events if what == "pending-name"]
            in_flight = pending[-1] if pending and pending[-1] not in confirmed else None

            code, said = check(book)
            assert code == 0, said
            with Repository.open(book, read_only=True) as repo:
                added = {c.name for c in repo.clients.all()} - demo_clients
            assert confirmed <= added, f"lost after kill {run}: {sorted(confirmed - added)}"
            extra = added - confirmed
            assert extra <= ({in_flight} if in_flight else set()), f"unexpected clients: {sorted(extra)}"
            if extra:
                confirmed |= extra  # on disk now, so the next run must keep it too
            outcomes["in-flight client on disk" if extra else "no client in flight on disk"] += 1
            assert len(temp_files(folder)) <= 1
    assert check_subprocess(book).returncode == 0
    with capsys.disabled():
        print(f"\n{APP_KILLS} kills of the planner (AcctApp), {len(confirmed)} clients added by form: {dict(outcomes)}")
    assert len(confirmed) >= APP_KILLS // 2  # every other run waits for a save before the kill
