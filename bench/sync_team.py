"""Merging two copies of a book, and the team roll-up, timed for `make bench`.

    .venv/bin/python bench/sync_team.py merge FOLDER [--runs N]
    .venv/bin/python bench/sync_team.py team FOLDER [--runs N]

`merge`: a generated 1,000-client book, and two copies with 100 edits each (notes and titles of
random records, new tasks, a few deletes; some on the same records); `acct-tui merge` of the two
copies, in-process through `merge_files` (three books read and validated, merged, written), and
the domain's `merge` alone. `team`: 10 generated books of 200 clients; the roll-up screen's first
full frame, timed from the launch of a fresh process. Each prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 27)


def make_copies(folder: Path) -> tuple[Path, Path, Path]:
    from acct_tui.domain.records import Task
    from acct_tui.generate import write_generated_book
    from acct_tui.store.repository import Repository

    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base.json"
    if not base.exists():
        write_generated_book(base, 1000, 1, TODAY, None)
    ours, theirs = folder / "ours.json", folder / "theirs.json"
    for n, copy in enumerate((ours, theirs)):
        shutil.copy(base, copy)
        rng = random.Random(n)
        when = datetime(2026, 11, 27, 9 + n, 0, tzinfo=UTC)
        with Repository.open(copy, today=TODAY, autosave=False, clock=lambda when=when: when) as repo:
            clients = sorted(repo.book.clients)
            tasks = sorted(repo.book.tasks)
            records = []
            for i in range(100):
                kind = i % 4
                if kind == 0:
                    client = repo.book.clients[rng.choice(clients)]
                    records.append(client.evolve(notes=f"edited on copy {n} ({i})"))
                elif kind == 1:
                    task = repo.book.tasks[rng.choice(tasks)]
                    records.append(task.evolve(title=f"{task.title} ({n}.{i})"))
                elif kind == 2:
                    records.append(Task(title=f"New on copy {n} ({i})", client_id=rng.choice(clients)))
                else:
                    task = repo.book.tasks[tasks[i]]  # the same tasks on both copies: field clashes
                    records.append(task.evolve(notes=f"copy {n}", due=TODAY + timedelta(days=n + 1)))
            repo.put_all(records, "100 edits")
            repo.save()
    return base, ours, theirs


def bench_merge(folder: Path, runs: int) -> dict[str, object]:
    from acct_tui.domain.merge import merge
    from acct_tui.domain.settings import Settings
    from acct_tui.store.merging import merge_files, read_copy

    base, ours, theirs = make_copies(folder)
    whole, pure = [], []
    notes = 0
    for _ in range(runs):
        out = folder / "merged.json"
        began = time.perf_counter()
        merged = merge_files(base, ours, theirs, out, today=TODAY, base_settings={})
        whole.append((time.perf_counter() - began) * 1000)
        notes = len(merged.notes)
        copies = [read_copy(path, {}) for path in (base, ours, theirs)]
        began = time.perf_counter()
        merge(*(c.version for c in copies), today=TODAY, settings_of=Settings.layered)
        pure.append((time.perf_counter() - began) * 1000)
    return {
        "clients": 1000,
        "edits_per_side": 100,
        "notes": notes,
        "median_ms": statistics.median(whole),
        "runs_ms": whole,
        "pure_median_ms": statistics.median(pure),
    }


def make_team(folder: Path) -> Path:
    from acct_tui.generate import write_generated_book

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(10):
        book = folder / f"person{n}.json"
        if not book.exists():
            write_generated_book(book, 200, n + 1, TODAY, None)
    return folder


def team_first_frame(folder: Path, launched: float) -> float:
    """In a fresh process: the roll-up read and its screen's first full frame; ms since `launched`."""
    import tempfile

    from acct_tui.team.rollup import rollup
    from acct_tui.ui.team import TeamApp

    found = rollup([str(folder)], Path(tempfile.mkdtemp()), TODAY, {})

    async def shown() -> None:
        app = TeamApp(found, TODAY, {})
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert len(found.read) == 10

    asyncio.run(shown())
    return (time.time() - launched) * 1000


def bench_team(folder: Path, runs: int) -> dict[str, object]:
    make_team(folder)
    times = []
    for _ in range(runs):
        launched = time.time()
        done = subprocess.run(
            [sys.executable, __file__, "team-child", str(folder), "--launched", repr(launched)],
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(float(done.stdout.splitlines()[-1]))
    return {"books": 10, "clients_each": 200, "median_ms": statistics.median(times), "runs_ms": times}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("merge", "team", "team-child"))
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launched", type=float, default=0.0)
    args = parser.parse_args()
    folder = Path(args.folder)
    if args.what == "team-child":
        print(team_first_frame(folder, args.launched))
        return 0
    result = bench_merge(folder, args.runs) if args.what == "merge" else bench_team(folder, args.runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
