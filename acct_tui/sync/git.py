"""The git command line, run as a subprocess in the book's folder.

Every call gets a plain environment for parsing (LC_ALL=C), never asks for a password on the
terminal (GIT_TERMINAL_PROMPT=0, ssh in batch mode: a remote that needs one fails, it does not
hang the planner), and has a time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from acct_tui.store.errors import printable

NETWORK_SECONDS = 120
LOCAL_SECONDS = 60

_OFFLINE = (
    "could not resolve host",
    "could not read from remote repository",
    "connection refused",
    "connection timed out",
    "operation timed out",
    "network is unreachable",
    "no route to host",
    "failed to connect",
    "couldn't connect to server",
    "temporary failure in name resolution",
    "does not appear to be a git repository",
    "timed out after",
)
"""What git says when the remote cannot be reached at all (no network, a USB stick not plugged
in): the book is committed locally and pushed next time."""


MAX_MESSAGES = 10
"""The messages of git's (or a remote hook's) output a reason shows at most."""
_TAG = re.compile(r"(fatal|error|warning|remote|ssh|hint):", re.IGNORECASE)


class GitMissing(Exception):
    """There is no git on this machine."""


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def said(self) -> str:
        """What git said, whole and on one line (see `reason`), else that it failed."""
        return reason(self.err or self.out) or f"git exited with {self.code}"

    @property
    def offline(self) -> bool:
        text = (self.err + self.out).lower()
        return any(sign in text for sign in _OFFLINE)


def reason(text: str) -> str:
    """git's (and the remote's) message on one line, for people: each message it gave, in order,
    joined by "; " (a sentence wrapped over lines, and a remote hook's lines, become one), without
    git's advice on git commands (`hint:`) and its `To URL` lines, at most MAX_MESSAGES of them.
    It comes from a remote: control characters are written as escapes (`printable`)."""
    messages: list[str] = []
    speaker: str | None = None  # who said the message being read ("" untagged); None: a new one starts
    for raw in text.splitlines():
        line = raw.strip()
        tag = _TAG.match(line)
        said = tag.group(1).lower() if tag else ("!" if line.startswith("!") else "")
        words = line[tag.end() :].strip() if tag and said == "remote" else line
        if not words:
            speaker = None  # a blank line ends a paragraph
        elif said == "hint" or (not said and line.startswith("To ")):
            continue
        elif speaker is not None and (said == "" or said == speaker == "remote"):
            messages[-1] += " " + words
        else:
            messages.append(f"remote: {words}" if said == "remote" else words)
            speaker = said
    if len(messages) > MAX_MESSAGES:
        messages[MAX_MESSAGES:] = [f"... and {len(messages) - MAX_MESSAGES} more"]
    return printable("; ".join(messages))


class Git:
    """git in one folder."""

    def __init__(self, folder: Path) -> None:
        if shutil.which("git") is None:
            raise GitMissing("git is not installed (sync keeps the book in a git repository)")
        self.folder = folder

    def run(self, *args: str, network: bool = False) -> Result:
        env = {
            **os.environ,
            "LC_ALL": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20"),
        }
        limit = NETWORK_SECONDS if network else LOCAL_SECONDS
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.folder,
                env=env,
                capture_output=True,
                text=True,
                errors="replace",
                stdin=subprocess.DEVNULL,
                timeout=limit,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Result(
                124, "", f"fatal: git {args[0]} timed out after {NETWORK_SECONDS if network else LOCAL_SECONDS} s"
            )
        return Result(done.returncode, done.stdout, done.stderr)

    def show(self, spec: str) -> bytes | None:
        """A file's bytes as git keeps them (`HEAD:book.json`, `:book.json` for the index)."""
        done = subprocess.run(
            ["git", "show", spec], cwd=self.folder, capture_output=True, timeout=LOCAL_SECONDS, check=False
        )
        return done.stdout if done.returncode == 0 else None

    def ok(self, *args: str) -> str:
        """Run git; its output, or GitFailed."""
        result = self.run(*args)
        if not result.ok:
            raise GitFailed(args, result)
        return result.out


class GitFailed(Exception):
    def __init__(self, args: tuple[str, ...], result: Result) -> None:
        self.result = result
        super().__init__(f"git {args[0]} failed: {result.said}")
