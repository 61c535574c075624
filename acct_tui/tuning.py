"""Process-wide knobs: the cyclic garbage collector and the GIL switch interval.

Each knob is here with the measurement that justifies it (`make bench`, 1,000 clients, 2-core
machine); one that measured as noise was removed. The planner's entry point calls
`for_the_planner()` once, after the book is loaded; the UI calls `after_first_frame()`; loading a
book runs inside `gc_paused()`. Commands other than the planner change nothing here.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while a book loads: it builds ~100,000 objects with no cycles, which the
    collector would only scan again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def for_the_planner() -> None:
    """Once, when the planner has loaded its book (before the app is built)."""
    # The book just loaded (100,000 records at 1,000 clients) and the modules just imported stay
    # for the whole session: take them out of the cyclic GC's sight, or every full collection
    # scans them all again (about 40 ms at 1,000 clients: a stall in the middle of a key press).
    # Records replaced later are still freed (by reference counting); new garbage is collected.
    gc.freeze()
    # The save worker shares the GIL with the UI thread. At Python's default switch interval
    # (5 ms) the writer waits up to 5 ms for the GIL after each system call (write, fsync,
    # rename) while the UI draws the edit: a save of a 1,000-client book took 125 ms in the app
    # against 51 ms alone. At 1 ms it takes about 75 ms, and key presses are no slower.
    sys.setswitchinterval(0.001)


def after_first_frame() -> None:
    """Once, when the planner's first screen has been drawn."""
    # The screen and its caches live as long as the session: out of the cyclic GC's way too.
    gc.freeze()
    # Each edit recomputes the panes, which makes many short-lived objects: collect the young
    # generation less often, and the old one (a pause of 100 ms at 1,000 clients) far less often.
    gc.set_threshold(10_000, 20, 100)
