"""One measurement in a fresh process, started by `bench/run.py`; prints one JSON line.

    python bench/child.py '{"mode": "start", "app": "acct", "book": "...", "today": "2026-11-27"}'

Modes: "start" (to the first complete frame, then exit), "keys" (key press to updated screen
for each kind of press, one saved edit, peak memory). `"app": "bare"` measures the bare apps of
bench/bare_apps.py the same way: its start, and in "keys" mode a ListView's cursor moving. The
"floor" is the bare app started after importing what the planner needs to read a book (pydantic,
the records' and settings' models, the store): the least any start of the planner can cost. The
planner is opened through the real command line (`acct_tui.cli.main`, as the `acct-tui` script
does); only `AcctApp.run()` is replaced, by a headless `run_test()`, and `AcctApp._display`
notes each frame (bench/frames.py).
"""

from __future__ import annotations

import time

T_ENTER = time.perf_counter_ns()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (160, 48)
"""A terminal wide and tall enough for the four panes side by side (not the narrow tab layout)."""

CONFIG: dict[str, Any] = json.loads(sys.argv[1])
MARKS: dict[str, int] = {"enter": T_ENTER}
PROFILER: Any = None
GC_RUNS: dict[str, list[float]] = {}
"""Per generation: how many collections ran in this process, and their ms (the start's GC load)."""


def count_gc_runs() -> None:
    import gc

    began = [0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter_ns()
            return
        runs = GC_RUNS.setdefault(f"gc{info['generation']}", [0, 0.0])
        runs[0] += 1
        runs[1] += (time.perf_counter_ns() - began[0]) / 1e6

    gc.callbacks.append(callback)


def mark(name: str) -> None:
    MARKS[name] = time.perf_counter_ns()


def peak_rss_mb() -> float:
    """The process's peak resident set (VmHWM), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def finish(result: dict[str, Any]) -> None:
    """Print the result and leave at once (what happens after the measured moment is not measured)."""
    if PROFILER is not None:
        from frames import save_profile

        PROFILER.stop()
        save_profile(PROFILER, CONFIG["profile"])
    result["marks"] = MARKS
    result["gc_runs"] = GC_RUNS
    result["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)


# --- the bare app ------------------------------------------------------------------------


def run_bare() -> None:
    if CONFIG["app"] == "floor":
        # The fixed stack's floor: what the planner must import before it can read a book.
        import acct_tui.domain.records
        import acct_tui.domain.settings
        import acct_tui.store.repository  # noqa: F401

        mark("models_imported")
    from bare_apps import HELLO, Bare
    from frames import Screen, install_frame_clock

    mark("imported")
    clock = install_frame_clock(Bare)
    screen = clock.screen = Screen()
    app = Bare()

    def shown() -> bool:
        return app.query_one("#hello").region.height > 0 and HELLO in screen.text()

    async def drive() -> None:
        frame = clock.wait(shown)
        async with app.run_test(size=SIZE):
            when = await asyncio.wait_for(frame, 60)
            finish({"frame_ns": when, "frames": clock.frames})

    asyncio.run(drive())


def run_bare_keys() -> None:
    """Key press to frame in the bare ListView app: `down` moves the cursor (p95 over `presses`)."""
    import random

    from bare_apps import BareList
    from frames import install_frame_clock, send_key

    clock = install_frame_clock(BareList)
    app = BareList()
    pause = random.Random(7)

    async def drive() -> None:
        times: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            listing = app.query_one("#list")
            listing.focus()
            listing.index = 0
            await pilot.pause()
            for _ in range(CONFIG["presses"]):
                key, target = ("down", listing.index + 1) if listing.index < BareList.ITEMS - 1 else ("home", 0)
                frame = clock.wait(lambda target=target: listing.index == target)
                sent = send_key(app, key)
                when = await asyncio.wait_for(frame, 30)
                times.append((when - sent) / 1e6)
                await pilot._wait_for_screen()
                await asyncio.sleep(pause.uniform(0.03, 0.06))
            finish({"keys": {"cursor_down": times}})

    asyncio.run(drive())


# --- the planner -------------------------------------------------------------------------


def run_acct() -> None:
    """`acct-tui --db BOOK --today DAY`, as the console script runs it, with `AcctApp.run` headless."""
    from acct_tui.cli import main, tui_command  # what the acct-tui script imports

    mark("cli_imported")
    patches = CONFIG.get("patches", [])
    if patches:
        import experiments

        experiments.apply(patches, "cli")
    run_app = tui_command._run_app

    def timed_run_app(*args: Any, **kwargs: Any) -> Any:
        mark("book_opened")
        from frames import install_frame_clock

        from acct_tui.ui.app import AcctApp  # what _run_app imports first (then a no-op there)

        mark("ui_imported")
        if patches or CONFIG["mode"] == "keys":
            import experiments

            experiments.apply(patches, "ui")
            if CONFIG["mode"] == "keys":
                experiments.instrument()
        install_frame_clock(AcctApp)
        AcctApp.run = headless_run  # type: ignore[method-assign,assignment]
        return run_app(*args, **kwargs)

    tui_command._run_app = timed_run_app
    code = main(["--db", CONFIG["book"], "--today", CONFIG["today"]])
    sys.stdout.write(json.dumps({"error": f"acct-tui exited with {code} before the measurement"}) + "\n")
    sys.exit(1)


def headless_run(app: Any, *args: Any, **kwargs: Any) -> None:
    """`AcctApp.run`, replaced: a headless run_test that measures, then leaves the process."""
    mark("app_run")
    if CONFIG["mode"] == "start":
        asyncio.run(start(app))
    else:
        import scenarios

        asyncio.run(scenarios.run(app, CONFIG, finish, SIZE))


async def start(app: Any) -> None:
    """To the first frame after which the terminal shows all four panes filled."""
    from frames import Screen
    from scenarios import panes_filled, panes_shown

    clock = app.frame_clock
    clock.screen = Screen()
    filled = clock.wait(lambda: panes_filled(app))
    shown = clock.wait(lambda: panes_shown(app))
    async with app.run_test(size=SIZE, notifications=True):
        when = await asyncio.wait_for(shown, 120)
        finish(
            {
                "frame_ns": when,
                "filled_ns": filled.result() if filled.done() else None,
                "first_any_frame_ns": clock.first_frame_ns,
                "frames": clock.frames,
            }
        )


if __name__ == "__main__":
    if CONFIG["mode"] == "start":
        count_gc_runs()
    if CONFIG.get("profile") and CONFIG["mode"] == "start":
        from pyinstrument import Profiler

        PROFILER = Profiler(interval=0.0005)
        PROFILER.start()
    if CONFIG["app"] in ("bare", "floor"):
        run_bare_keys() if CONFIG["mode"] == "keys" else run_bare()
    else:
        run_acct()
