"""Where a key press's time goes, and what proposed changes to acct_tui.ui / acct_tui.store would save.

`Spans` times a few methods of the running app (the screen's redraw from a recompute, the save
request) and the garbage collector, so each press can be split into its parts. The PATCHES are
experiments only: each one monkeypatches, in the bench process alone, a change proposed for the
app, so `bench/run.py --patch NAME` measures its gain before anyone makes it. (The ones measured
so far were adopted, and removed from here; what is left measures each knob of acct_tui.tuning
by leaving it out.)
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


class Spans:
    """Start and end (perf_counter_ns) of every call of the wrapped methods, and of each GC run."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, int, int]] = []
        self._gc_start = 0

    def wrap(self, cls: object, name: str, label: str) -> None:
        """Time every call of `cls.name` (a class's method, or a module's function) under `label`."""
        original = getattr(cls, name)
        spans = self.spans

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter_ns()
            try:
                return original(*args, **kwargs)
            finally:
                spans.append((label, began, time.perf_counter_ns()))

        timed.__name__ = original.__name__
        timed.__qualname__ = original.__qualname__
        setattr(cls, name, timed)

    def watch_gc(self) -> None:
        def callback(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                self._gc_start = time.perf_counter_ns()
            else:
                self.spans.append((f"gc{info['generation']}", self._gc_start, time.perf_counter_ns()))

        gc.callbacks.append(callback)

    def within(self, start: int, end: int) -> dict[str, float]:
        """Milliseconds of each label spent between `start` and `end`."""
        found: dict[str, float] = {}
        for label, began, ended in self.spans:
            if ended >= start and began <= end:
                found[label] = found.get(label, 0.0) + (min(ended, end) - max(began, start)) / 1e6
        return found

    def totals(self) -> dict[str, dict[str, float]]:
        """Per label: how many calls, their total, median, p95 and longest ms."""
        durations: dict[str, list[float]] = {}
        for label, began, ended in self.spans:
            durations.setdefault(label, []).append((ended - began) / 1e6)
        found: dict[str, dict[str, float]] = {}
        for label, times in durations.items():
            times.sort()
            found[label] = {
                "count": len(times),
                "total_ms": sum(times),
                "median_ms": times[len(times) // 2],
                "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
                "max_ms": times[-1],
            }
        return found


SPANS = Spans()


def instrument() -> None:
    """Time the panes' recompute (in its thread), the main screen's redraw from it, the save request
    and the GC (the app is imported by now)."""
    from acct_tui.ui import app
    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.screens.main import MainScreen

    SPANS.wrap(app, "compute_panes", "recompute")
    SPANS.wrap(MainScreen, "show_panes", "refresh_panes")
    SPANS.wrap(AcctApp, "start_save", "request_save")
    SPANS.watch_gc()


# --- proposed changes, as patches ---------------------------------------------------------


def _without(name: str, *knobs: str) -> Callable[[], None]:
    """An experiment: `acct_tui.tuning.<name>` run with `knobs` (of gc_freeze, gc_threshold,
    switch_interval) left out, to measure what each brings."""

    def patch() -> None:
        import sys

        from acct_tui import tuning

        original = getattr(tuning, name)
        skipped = {
            "gc_freeze": (gc, "freeze", lambda: None),
            "gc_threshold": (gc, "set_threshold", lambda *_: None),
            "switch_interval": (sys, "setswitchinterval", lambda _: None),
        }

        def tuned() -> None:
            saved = [(owner, attr, getattr(owner, attr)) for owner, attr, _ in (skipped[k] for k in knobs)]
            for knob in knobs:
                owner, attr, stub = skipped[knob]
                setattr(owner, attr, stub)
            try:
                original()
            finally:
                for owner, attr, real in saved:
                    setattr(owner, attr, real)

        setattr(tuning, name, tuned)

    return patch


def no_gc_pause_on_load() -> None:
    """Load the book with the cyclic GC running."""
    import contextlib

    from acct_tui.store import loading

    loading.gc_paused = contextlib.nullcontext  # type: ignore[attr-defined,assignment]


def gc_on_at_start() -> None:
    """Start the planner with the cyclic GC running until its first frame."""
    from acct_tui import tuning

    tuning._no_gc_until_first_frame = lambda: None


def one_arena_off() -> None:
    """Let glibc give each thread its own malloc arena (its default)."""
    from acct_tui import tuning

    tuning._one_malloc_arena = lambda: None


def dynamic_mmap_threshold() -> None:
    """Let glibc raise its mmap threshold to each mapped block freed (its default)."""
    from acct_tui import tuning

    tuning._big_blocks_mapped = lambda: None


PATCHES: dict[str, tuple[str, Callable[[], None]]] = {
    "one_arena_off": ("cli", one_arena_off),
    "dynamic_mmap_threshold": ("cli", dynamic_mmap_threshold),
    "gc_on_at_start": ("cli", gc_on_at_start),
    "default_switch_interval": ("cli", _without("for_the_planner", "switch_interval")),
    "no_first_frame_freeze": ("cli", _without("after_first_frame", "gc_freeze")),
    "default_gc_threshold": ("cli", _without("after_first_frame", "gc_threshold")),
    "no_gc_pause_on_load": ("cli", no_gc_pause_on_load),
}
"""Each knob of acct_tui.tuning, left out (`bench/run.py --patch NAME`), to measure what it brings."""


def apply(names: list[str], stage: str) -> None:
    for name in names:
        when, patch = PATCHES[name]
        if when == stage:
            patch()
