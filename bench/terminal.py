"""Start to the first full frame in a real terminal: the app runs in a tmux pane, and the screen
is read (`tmux capture-pane`) until it shows everything the app's first full frame has.

This is how acct-tui is compared with apps the bench cannot instrument (dooit): each app is
started the same way, by `tmux respawn-pane`, in the same 160x48 terminal, and timed from just
before that command to the first screen read that shows all of its markers. Reading the screen
takes about 3 ms, the granularity of these figures; the tmux start-up is the same for all apps.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence

WIDTH, HEIGHT = 160, 48
TIMEOUT = 60.0


def available() -> bool:
    return shutil.which("tmux") is not None


class Terminal:
    """One tmux server with one pane, on its own socket (the user's tmux is never touched)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.socket = f"acct-tui-bench-{time.monotonic_ns()}"
        self.env = dict(env)
        self._tmux("new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 100000")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        return done.stdout

    def start(self, command: Sequence[str], env: Mapping[str, str], markers: Sequence[str]) -> float:
        """Milliseconds from starting `command` to a screen showing every one of `markers`."""
        line = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
        began = time.perf_counter()
        self._tmux("respawn-pane", "-k", "-t", "bench", line)
        while True:
            screen = self._tmux("capture-pane", "-p", "-t", "bench")
            now = time.perf_counter()
            if all(marker in screen for marker in markers):
                break
            if now - began > TIMEOUT:
                raise RuntimeError(f"{command[0]} showed no {markers} in {TIMEOUT:.0f} s:\n{screen}")
        self._tmux("respawn-pane", "-k", "-t", "bench", "sleep 100000")  # the app is done with
        return (now - began) * 1000

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, env=self.env, check=False)
