"""What the reliability tests share: running `check`, a file's exact state, hostile strings, no network."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from acct_tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
ACCT_TUI = Path(sys.executable).with_name("acct-tui")

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must never reach the terminal from stored text: C0 (but newline and tab), DEL and C1."""

HOSTILE = (
    "",
    " ",
    "x" * (1 << 20),
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b]8;;https://e.com\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31mC1 CSI",
    "bell\x07",
    "nul\x00byte",
    "line\nbreak",
    "tab\there",
    "\u202eright-to-left override\u202c",
    "\u200fשלום עולם\u200f",
    "مرحبا بالعالم",
    "e\u0301\u0301\u0301combining\u0336\u0336",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a",
    "漢字かな交じり文の顧客名",
    "🧑‍💼📈🏳️‍🌈👍🏽",
    "[b]x[/b]",
    "[@click=app.quit]x[/]",
    "[link=https://e.com]y[/link]",
    "[/]",
    "[red]not red",
    "[not a tag]",
    "$name",
    "\\[escaped]",
    "\ufeffbom",
    "\u2028line separator\u2029",
    "  padded  ",
)
"""Strings a form, a CSV cell or a command line may receive (docs/textual-notes.md point 6, issue 8)."""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileState:
    """A file exactly as it is: its bytes and its modification time."""

    data: bytes
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileState:
        return cls(path.read_bytes(), path.stat().st_mtime_ns)


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """`acct-tui ARGV` in this process: (exit code, stdout, stderr). Anything raised fails the test.

    The streams are what Python gives a program in a UTF-8 locale: stdout strict, stderr
    backslashreplace, each with a binary buffer underneath.
    """
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    out.flush()
    err.flush()
    return code, out.buffer.getvalue().decode(errors="replace"), err.buffer.getvalue().decode(errors="replace")  # type: ignore[attr-defined]


def check(path: Path) -> tuple[int, str]:
    """`acct-tui check --db PATH` in this process: (exit code, what it printed)."""
    code, out, err = run_cli(["check", "--db", str(path)])
    return code, out + err


def acct_tui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `acct-tui` console script, as a user runs it (no terminal)."""
    return subprocess.run(
        [str(ACCT_TUI), *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def check_subprocess(path: Path) -> subprocess.CompletedProcess[str]:
    return acct_tui("check", "--db", str(path))


def temp_files(folder: Path) -> list[Path]:
    """Temporary files of a save (`.NAME.XXXX.tmp`) in `folder`."""
    return sorted(p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any attempt to open a network connection or resolve a name fails the test (and is recorded)."""
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what}{args!r}")
            raise NetworkUsed(f"acct-tui tried the network: {what}{args!r}")

        return refused

    class GuardedSocket(real_socket):
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            # Unix sockets and socketpairs stay local (asyncio's self-pipe uses one).
            if family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(f"socket({family})")
                raise NetworkUsed(f"acct-tui opened an internet socket (family {family})")
            super().__init__(family, *args, **kwargs)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts
    assert attempts == []


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def env_without_user_folders(home: Path) -> dict[str, str]:
    """The environment for a child process, with XDG folders under `home` (never the real user's)."""
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ACCT_TUI_DB", None)
    return env


class ForkServer:
    """`tests.reliability.children` in a subprocess: starts writers for a test to kill (see there)."""

    def __init__(self, home: Path, *, textual: bool = False) -> None:
        args = [sys.executable, "-m", "tests.reliability.children", *(["--textual"] if textual else [])]
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env_without_user_folders(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.running: set[int] = set()
        assert self._answer() == "ready"

    def _answer(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the fork server died"
        return line.strip()

    def _ask(self, command: dict[str, Any]) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def start(self, mode: str, book: Path, log: Path, seed: int) -> int:
        pid = int(self._ask({"start": mode, "book": str(book), "log": str(log), "seed": seed}))
        self.running.add(pid)
        return pid

    def kill(self, pid: int) -> None:
        """SIGKILL the writer `pid` and wait until it is gone (its lock released by the kernel)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        assert self._ask({"reap": pid}) == f"reaped {pid}"
        self.running.discard(pid)

    def close(self) -> None:
        """Stop the writers still running (a test that failed half-way), then the server."""
        for pid in sorted(self.running):
            with contextlib.suppress(Exception):
                self.kill(pid)
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_log(path: Path) -> list[tuple[str, str]]:
    """A writer's log as (what, argument) pairs."""
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    return [(line.partition(" ")[0], line.partition(" ")[2]) for line in lines]


def wait_ready(log: Path, timeout: float = 30) -> None:
    """Until the writer logging to `log` says ready (fails with its traceback if it died)."""
    deadline = time.monotonic() + timeout
    errors = Path(f"{log}.stderr")
    while ("ready", "") not in read_log(log):
        assert not (errors.exists() and errors.read_text()), errors.read_text()
        assert time.monotonic() < deadline, f"{log.name}: the writer did not start"
        time.sleep(0.02)
