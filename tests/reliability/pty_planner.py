"""The real planner (`acct-tui`, the console script) in a pseudo-terminal, as a user's terminal runs it.

`PtyPlanner` starts it on a book with the XDG folders under a test folder, reads what it draws,
types into it, and closes the terminal or signals the process, then reaps it. For the tests of
what happens when a session is ended from outside (tests/reliability/test_signals.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import subprocess
import termios
import time
from pathlib import Path

from tests.reliability.helpers import ACCT_TUI, ROOT, env_without_user_folders

_ESCAPES = re.compile(rb"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def _take_the_terminal() -> None:
    """In the child, after setsid: the pty becomes its controlling terminal, as a shell's would be
    (so that closing the terminal sends it SIGHUP)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyPlanner:
    """`acct-tui ARGS` with a pseudo-terminal of `size` as its terminal (stdin, stdout and stderr)."""

    def __init__(self, home: Path, *args: str, size: tuple[int, int] = (120, 40)) -> None:
        master, slave = pty.openpty()
        columns, rows = size
        termios.tcsetwinsize(slave, (rows, columns))
        self.modes_before = termios.tcgetattr(slave)
        env = env_without_user_folders(home)
        env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        self.proc = subprocess.Popen(
            [str(ACCT_TUI), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            preexec_fn=_take_the_terminal,
            close_fds=True,
        )
        os.close(slave)
        self.master: int | None = master
        self.output = b""

    # --- reading and typing ----------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout` seconds; False once the terminal has nothing more."""
        if self.master is None:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the other side has gone
            return False
        self.output += data
        return bool(data)

    @property
    def text(self) -> str:
        """Everything drawn so far, without the escape sequences."""
        return _ESCAPES.sub(b"", self.output).decode(errors="replace")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        """Until `text` has been drawn (fails with what was drawn if it is not within `timeout`)."""
        deadline = time.monotonic() + timeout
        start = len(self.output)
        while text not in _ESCAPES.sub(b"", self.output[start:]).decode(errors="replace"):
            assert self.proc.poll() is None, f"the planner ended ({self.proc.returncode}):\n{self.text[-3000:]}"
            assert time.monotonic() < deadline, f"{text!r} never appeared:\n{self.text[-3000:]}"
            self._read(0.05)

    def type(self, data: str) -> None:
        assert self.master is not None
        os.write(self.master, data.encode())

    def drain(self, seconds: float) -> None:
        """Read what the planner draws for `seconds` (it blocks once the terminal's buffer is full)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._read(0.01):
            pass

    # --- ending it -------------------------------------------------------------------------

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the kernel sends SIGHUP."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def wait(self, timeout: float = 30) -> int:
        """Its exit code once it has ended (reading what it still draws meanwhile)."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            assert time.monotonic() < deadline, f"the planner did not end:\n{self.text[-3000:]}"
            if not self._read(0.02):
                time.sleep(0.01)
        while self._read(0):
            pass
        return self.proc.returncode

    def terminal_modes(self) -> list[int] | None:
        """The terminal's modes (termios attributes) as the planner left them, while it is open."""
        if self.master is None:
            return None
        return termios.tcgetattr(self.master)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def __enter__(self) -> PtyPlanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
