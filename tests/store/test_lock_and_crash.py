"""Two processes on one book, and kill -9 at random moments while a process writes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from acct_tui.domain.records import Client
from acct_tui.store.errors import BookLocked
from acct_tui.store.lock import lock_path
from acct_tui.store.repository import Repository

HOLDER = """
import sys, time
from acct_tui.store.repository import Repository
repo = Repository.open(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""

WRITER = """
import sys
from acct_tui.domain.records import Client
from acct_tui.store.repository import Repository
repo = Repository.open(sys.argv[1])
start = len(repo.clients)
print("ready", flush=True)
for n in range(start, start + 100000):
    repo.clients.add(Client(name=f"edit {n}", notes="x" * 2000))
    print(n, flush=True)
"""


def spawn(code: str, path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_process_is_refused_with_the_holders_pid(book_path: Path) -> None:
    holder = spawn(HOLDER, book_path)
    try:
        with pytest.raises(BookLocked, match=f"is in use by process {holder.pid}"):
            Repository.open(book_path)
        with Repository.open(book_path, read_only=True) as viewer:
            assert viewer.read_only
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_is_taken_over(book_path: Path) -> None:
    holder = spawn(HOLDER, book_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path(book_path).exists()  # left behind, naming a dead process
    with Repository.open(book_path) as repo:
        assert lock_path(book_path).read_text().split()[0] == str(os.getpid())
        repo.clients.add(Client(name="After the crash"))
    assert not lock_path(book_path).exists()


def test_kill_9_while_writing_never_leaves_a_torn_or_older_book(book_path: Path) -> None:
    rng = random.Random(20261127)
    confirmed = -1
    for _ in range(25):
        writer = spawn(WRITER, book_path)
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        printed = [int(line) for line in out.split()]
        if printed:
            confirmed = printed[-1]
        with Repository.open(book_path, read_only=True) as repo:
            names = {c.name for c in repo.clients.all()}
        # every edit whose save completed is there; at most the one being saved is extra
        assert {f"edit {n}" for n in range(confirmed + 1)} <= names
        assert len(names) in (confirmed + 1, confirmed + 2)
        confirmed = len(names) - 1
    with Repository.open(book_path):  # a writer's open removes temp files of a killed save
        assert not list(book_path.parent.glob(".book.json.*.tmp"))
    data = orjson.loads(book_path.read_bytes())
    assert len(data["clients"]) == confirmed + 1
