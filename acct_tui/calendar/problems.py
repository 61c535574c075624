"""What went wrong reading a calendar file, as messages for people naming the file and the line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_PROBLEMS_PER_FILE = 20
"""More than this from one file are summed up in one last message: the file needs fixing anyway."""


@dataclass(frozen=True, slots=True)
class CalendarProblem:
    """One problem in one calendar file. `str()` is "PATH: line N: message" (or "PATH: message")."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        from acct_tui.store.errors import printable  # the store's module pulls in the domain: only on use

        where = f"line {self.line}: " if self.line is not None else ""
        return printable(f"{self.path}: {where}{self.message}")


@dataclass
class FileProblems:
    """The problems of one file as they are found.

    `text` is the file's text in the scan's form (after one leading newline, see `scan`), so that
    the line of a character at `offset` is the number of newlines before it.
    """

    path: Path
    text: str = "\n"
    found: list[CalendarProblem] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)

    def add(self, message: str, *, line: int | None = None, offset: int | None = None) -> None:
        if line is None and offset is not None:
            line = self.line_of(offset)
        self.found.append(CalendarProblem(self.path, line, message))

    def capped(self) -> list[CalendarProblem]:
        if len(self.found) <= MAX_PROBLEMS_PER_FILE:
            return list(self.found)
        kept = self.found[: MAX_PROBLEMS_PER_FILE - 1]
        more = len(self.found) - len(kept)
        return [*kept, CalendarProblem(self.path, None, f"and {more} more problems in this file")]
