"""The book layer alone, in a fresh process: open a book (read, decode, validate) and save one edit.

    .venv/bin/python bench/book_io.py BOOK RUNS    # prints one JSON line

Works on a copy of BOOK in a temporary folder. Each open is a new Repository on the copy, as
acct-tui last saved it (its bytes trusted: `acct_tui.store.trust`) and checked in full (as a
book edited by hand or merged by git is, and `acct-tui check` always is); each
saved edit changes one client's notes and times `Repository.save()` (the atomic write: temp file,
fsync, rename, fsync of the folder). The session's first save, which also rotates the backups,
is made before the timing starts. Beside it, the least any save of a file that size costs here:
the same bytes written to a temporary file, fsync'ed and `os.replace`d (`plain_replace_ms`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from acct_tui.store.repository import Repository

TODAY = date(2026, 11, 27)


def main(book: Path, runs: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="acct-bench-io-"))
    try:
        copy = folder / "book.json"
        shutil.copyfile(book, copy)
        copy.chmod(0o600)
        opens, checked, saves = [], [], []
        for _ in range(runs):
            began = time.perf_counter()
            with Repository.open(copy, autosave=False, today=TODAY, check_all=True):
                checked.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            with Repository.open(copy, autosave=False, today=TODAY):
                opens.append((time.perf_counter() - began) * 1000)
        with Repository.open(copy, autosave=False, today=TODAY) as repo:
            client = next(iter(repo.book.clients.values()))
            for n in range(runs + 1):
                repo.clients.update(dataclasses.replace(client, notes=f"bench edit {n}"))
                began = time.perf_counter()
                repo.save()
                if n:  # the first save also makes the backups
                    saves.append((time.perf_counter() - began) * 1000)
        return {
            "plain_replace_ms": plain_replace_ms(copy, runs),
            "size_mb": copy.stat().st_size / 1e6,
            "open_median_ms": statistics.median(opens),
            "open_checked_median_ms": statistics.median(checked),
            "save_median_ms": statistics.median(saves),
            "save_max_ms": max(saves),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def plain_replace_ms(path: Path, runs: int) -> float:
    """Median ms to write `path`'s bytes to a temporary file beside it, fsync it and os.replace it over `path`."""
    data = path.read_bytes()
    temp = path.with_name(path.name + ".plain")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
