"""Helpers for the exchange tests: the command line on TODAY, files on tmp_path, golden files."""

from __future__ import annotations

import os
from pathlib import Path

from acct_tui.cli import main
from tests.conftest import TODAY

GOLDEN = Path(__file__).parent / "golden"


def run(*argv: str) -> int:
    """`acct-tui --today TODAY ARGV...`: the exit code."""
    return main(["--today", TODAY.isoformat(), *argv])


def write(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """`text` in `path`, lines ending as written (no newline translation)."""
    path.write_bytes(text.encode(encoding))
    return path


def assert_golden(name: str, text: str) -> None:
    """`text` must equal golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead (review the diff)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 rewrites it"
