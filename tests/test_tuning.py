"""The process-wide knobs: what each one sets, and that a paused GC comes back as it was."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from acct_tui import tuning


def test_the_gc_is_paused_while_a_book_loads_and_restored_after() -> None:
    assert gc.isenabled()
    with tuning.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with tuning.gc_paused():
            pass
        assert not gc.isenabled()  # a GC disabled before stays disabled
    finally:
        gc.enable()


def test_the_planners_knobs() -> None:
    interval = sys.getswitchinterval()
    try:
        gc.unfreeze()
        tuning.for_the_planner()
        assert sys.getswitchinterval() == 0.001
        tuning.after_first_frame()
        assert gc.get_freeze_count() > 0  # the book and the first screen, out of the GC's sight
        assert gc.get_threshold() == (10_000, 20, 100)
    finally:
        sys.setswitchinterval(interval)  # the GC is restored by the conftest


def test_the_planner_starts_without_the_cyclic_gc_until_its_first_frame() -> None:
    try:
        tuning.planner_starting()
        assert not gc.isenabled()
        tuning.after_first_frame()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_commands_knob_turns_the_gc_off_for_the_command(demo_path: Path) -> None:
    """`acct-tui status` runs without the cyclic GC (and changes nothing else)."""
    from acct_tui.cli import main

    interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
    assert main(["status", "--db", str(demo_path)]) == 0
    assert not gc.isenabled()  # the conftest turns it on again
    assert (sys.getswitchinterval(), gc.get_threshold()) == (interval, thresholds)


def test_the_planner_asks_glibc_for_one_arena_and_a_fixed_mmap_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both malloc settings are asked for when the planner starts (on glibc they take effect)."""
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(tuning, "_mallopt", lambda parameter, value: asked.append((parameter, value)))
    try:
        tuning.planner_starting()
    finally:
        gc.enable()
    assert asked == [(tuning.M_ARENA_MAX, 1), (tuning.M_MMAP_THRESHOLD, 256 * 1024)]
