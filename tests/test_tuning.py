"""The process-wide knobs: what each one sets, and that a paused GC comes back as it was."""

from __future__ import annotations

import gc
import sys

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
        tuning.for_the_planner()
        assert sys.getswitchinterval() == 0.001
        assert gc.get_freeze_count() > 0
        tuning.after_first_frame()
        assert gc.get_threshold() == (10_000, 20, 100)
    finally:
        sys.setswitchinterval(interval)  # the GC is restored by the conftest
