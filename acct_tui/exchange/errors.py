"""What can go wrong with a file to import or export: a message naming the file, row and column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from acct_tui.domain.wording import plural
from acct_tui.store.errors import BookError


class ExchangeError(BookError):
    """A file to import cannot be used, or an export cannot be written; nothing was changed.

    A BookError, so the command line prints it and exits 1; `path` is the file concerned.
    """


def rejected(path: Path, problems: Sequence[str], *, what: str = "nothing was imported") -> ExchangeError:
    """The error for an import refused because of `problems`: one line each, and lines that go on
    with a problem (indented) after it."""
    count = sum(not problem.startswith(" ") for problem in problems)
    return ExchangeError(path, f"{plural(count, 'problem')}; {what}", problems)
