"""What ends a session from outside, and leaving cleanly when it comes.

SIGTERM (a logout, a shutdown) and SIGHUP (the terminal closed) end a session, with the shell's
exit code for the signal (128 + its number: 143, 129). The planner and the team screen handle them
in their event loop (saving, restoring the terminal); `exit_on_ending_signals` turns them into a
SystemExit with that code for the code around those loops, so that its `finally` clauses run (the
team's cloned books are removed).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ENDING_SIGNALS = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)
"""What ends a session from outside: a logout or shutdown (SIGTERM), the terminal closed (SIGHUP)."""


def _exit(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def take_ending_signals() -> None:
    """From now on, SIGTERM and SIGHUP raise SystemExit(128 + the signal), until an event loop
    takes them over (an event loop, once closed, leaves them to the default: call this again)."""
    for ending in ENDING_SIGNALS:
        signal.signal(ending, _exit)


@contextmanager
def exit_on_ending_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise SystemExit inside the block; the handlers before it come back after."""
    before = {ending: signal.getsignal(ending) for ending in ENDING_SIGNALS}
    take_ending_signals()
    try:
        yield
    finally:
        for ending, handler in before.items():
            signal.signal(ending, handler)
