"""The command line's timings: `status` computed and from its cache, `--version`, `--help`, a usage
error, `check`, and taskwarrior's `task next` beside them, all in one round-robin loop.

Each figure is the wall time of a fresh process, as a shell prompt or a script sees it. "Computed"
is a status with the status cache emptied just before (the list of books acct-tui saved is kept:
the book is as the planner saved it); "cached" one run right after another on the same book and
day (the prompt's case). Quick commands are timed more often (`FAST_RUNS`):
their medians move by a few ms with the machine's load.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

FAST_RUNS = 21
STATUS_VARIANTS = {"line": [], "json": ["--json"]}
QUICK = {
    "--version": ["--version"],
    "--help": ["--help"],
    "status --help": ["status", "--help"],
    "usage error": ["frobnicate"],
}


def _timed(command: Sequence[str], env: Mapping[str, str], before: Callable[[], None] | None = None) -> float:
    if before is not None:
        before()
    began = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - began) * 1000


def _summary(times: list[float]) -> dict[str, Any]:
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times), "runs_ms": times}


def measure(
    acct: str,
    books: Mapping[str, Path],
    today: str,
    env: Mapping[str, str],
    runs: int,
    task_next: tuple[list[str], dict[str, str]] | None,
) -> dict[str, Any]:
    """Every command's times; `task_next` is taskwarrior's command and environment, if installed."""
    cache = Path(env["XDG_CACHE_HOME"]) / "acct-tui" / "books"

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    timings: dict[str, list[float]] = {}
    jobs: list[tuple[str, list[str], dict[str, str], Callable[[], None] | None, int]] = []
    for name, book in books.items():
        base = [acct, "--today", today, "--db", str(book), "status"]
        for variant, extra in STATUS_VARIANTS.items():
            jobs.append((f"status {variant} computed/{name}", [*base, *extra], dict(env), empty_cache, runs))
            jobs.append((f"status {variant} cached/{name}", [*base, *extra], dict(env), None, FAST_RUNS))
        jobs.append((f"check/{name}", [acct, "--db", str(book), "check"], dict(env), None, runs))
    for label, argv in QUICK.items():
        jobs.append((label, [acct, *argv], dict(env), None, FAST_RUNS))
    if task_next is not None:
        command, task_env = task_next
        jobs.append(("task next", command, {**env, **task_env}, None, FAST_RUNS))
    for _, command, job_env, before, _ in jobs:  # warm the file cache (and the status cache)
        _timed(command, job_env, before)
    for round_ in range(max(job[4] for job in jobs)):
        for label, command, job_env, before, count in jobs:
            if round_ < count:
                timings.setdefault(label, []).append(_timed(command, job_env, before))
    found: dict[str, Any] = {label: _summary(times) for label, times in timings.items()}
    return found
