"""Process-wide knobs: the cyclic garbage collector, the GIL switch interval and glibc's malloc.

The planner's command calls `planner_starting()` first and `for_the_planner()` once its book is
loaded; the UI calls `after_first_frame()`; `acct-tui status` calls `for_a_command()` when it
starts; loading a book runs inside `gc_paused()`. Other commands change nothing.
Each knob carries the figures that keep it (`bench/ab.py NAME` leaves one out against the code
as it is, interleaved; 1,000 clients, 2-core machine under a load of about 6, so the ms are high
and the ratios are what to read). None measured as noise.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while a book loads: it builds ~150,000 objects with no cycles, which the
    collector would only scan again and again.

    Measured (no_gc_pause_on_load): the start runs 391 young, 36 middle and 3 full collections
    without the pause, 231, 22 and 2 with it; opening the book alone takes 518 ms of CPU instead
    of 541 (median of 15).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def planner_starting() -> None:
    """Once, when the planner's command starts (before its book is read)."""
    _no_gc_until_first_frame()
    _one_malloc_arena()
    _big_blocks_mapped()


def _no_gc_until_first_frame() -> None:
    """No cyclic GC from the planner's start to its first frame (`after_first_frame` turns it on).

    The start (imports, the book, the first schedule, composing the screen) makes hundreds of
    thousands of objects that live for the whole session and almost no cyclic garbage: the
    collector would only scan them again and again.
    Measured (gc_on_at_start, 1,000 clients, 7 starts each): the start takes 1,572 ms (median)
    instead of 1,717; with the GC on it runs 342 young, 31 middle and 2 full collections (198 ms).
    """
    gc.disable()


M_ARENA_MAX = -8
"""glibc's mallopt parameter for the number of malloc arenas."""
M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter for the size from which a block is mapped on its own."""
MAPPED_FROM = 256 * 1024
"""Blocks from this size (a book's bytes, a table's lines, a snapshot's dicts) are mapped on their own."""


def _mallopt(parameter: int, value: int) -> None:
    """Set one of glibc malloc's parameters (elsewhere nothing changes)."""
    if sys.platform != "linux":
        return
    import ctypes

    with suppress(AttributeError, OSError):  # not glibc (musl has no mallopt)
        ctypes.CDLL(None).mallopt(parameter, value)


def _one_malloc_arena() -> None:
    """One malloc arena for every thread (glibc).

    glibc gives each thread that allocates its own arena: the save worker and the recompute
    thread each keep one, whose freed blocks are never reused by the other threads and rarely
    given back. The GIL lets one thread allocate at a time anyway, so one arena costs no waiting.
    Measured (one_arena_off, 1,000 clients, the bench's key presses and saves twice): peak RSS
    311-315 MB instead of 353-363; the keys and saves no slower.
    """
    _mallopt(M_ARENA_MAX, 1)


def _big_blocks_mapped() -> None:
    """Every block of `MAPPED_FROM` or more mapped on its own, and unmapped when freed (glibc).

    glibc maps blocks from 128 KiB, but raises that threshold to the size of each mapped block
    freed (up to 32 MiB): after the first save, the book's bytes, its tables' lines and the
    snapshots' dicts (1-20 MB each, freed after each save and recompute) are carved from the
    heap, which then only grows, full of holes that smaller objects fill. A fixed threshold
    keeps them out of the heap: freeing one gives its memory back at once.
    Measured (`bench/ab.py dynamic_mmap_threshold`, 1,000 clients, 50 presses of each key and 6
    saved edits, two runs each): peak RSS 257-260 MB instead of 276-277, the key presses no
    slower; the price is a save's first touch of freshly mapped pages: an edit on disk in 145-163
    ms (median) instead of 120-129, its slowest 196-248 instead of 134-194.
    """
    _mallopt(M_MMAP_THRESHOLD, MAPPED_FROM)


def for_the_planner() -> None:
    """Once, when the planner has loaded its book (before the app is built). (The book is taken
    out of the GC's sight with the first screen, `after_first_frame`: no collection runs before.)"""
    # The save worker shares the GIL with the UI thread. At Python's default switch interval
    # (5 ms) the writer waits up to 5 ms for the GIL after each system call (write, fsync,
    # rename) while the UI draws the edit.
    # Measured (default_switch_interval, 64 edits each): an edit on disk in 107 ms (median; 171
    # at p90) against 132 (221) at 5 ms; the key pressed during the save is no slower.
    sys.setswitchinterval(0.001)


def for_a_command() -> None:
    """Once, when a command that computes from the whole book (`status`) starts: no cyclic GC for
    the rest of it. It builds the book and one assessment, which live until it exits, and leaves
    little cyclic garbage; the collector would only scan them again and again.

    Measured (1,000 clients, `status --json` computed, 6 runs each): 1,622 ms (median) instead of
    1,721 with the GC on (which froze the book once loaded).
    """
    gc.disable()


def after_first_frame() -> None:
    """Once, when the planner's first screen has been drawn."""
    # The book, the modules and the screen with its caches live as long as the session: out of
    # the cyclic GC's sight, or every full collection scans them again. Records replaced later
    # are still freed (by reference counting); new garbage is collected.
    # Measured (no_first_frame_freeze): the GC's time over the bench's key presses 3.6-4.5 s
    # with it, 7.1-7.7 s without; its longest pause 140-152 ms against 265-383.
    gc.freeze()
    # Each edit recomputes the panes, which makes many short-lived objects: collect the young
    # generation less often, and the old one far less often.
    # Measured (default_gc_threshold): the GC's time over the key presses 3.6-4.5 s with it,
    # 15.5-15.9 s at the default (700, 10, 10); cursor down p95 19-21 ms against 107.
    # The middle generation every 5 young collections (and the old after 400) halves the longest
    # pause (59 ms instead of 88 at 1,000 clients) but costs memory: peak RSS 306 MB instead of
    # 267-269, 488,000 objects tracked instead of 339,000 (full bench, 2026-12-02), likely the
    # UI's cyclic garbage (Textual's style nodes) reaching the old generation, which only a full
    # collection frees.
    gc.set_threshold(10_000, 20, 100)
    gc.enable()
