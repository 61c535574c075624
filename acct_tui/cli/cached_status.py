"""The first step of every command line: `acct-tui status` answered from the status cache.

A shell prompt or a status bar runs `acct-tui status` again and again on a book that has not
changed. Before argparse is imported (6 ms here), this module reads the command line as
`[--db PATH] [--today DATE] status [--db PATH] [--today DATE] [--json]` and, if that is all it
says, prints the cached output for it (acct_tui.status.cache). Anything else, or nothing usable in
the cache, returns None and the command line takes its usual way (argparse, then the status
command, which computes the status and writes the cache). So this reader recognises only
spellings that argparse reads the same way (tests/cli/test_status_cache.py checks them against
the real parser): no abbreviations, no `--today` other than YYYY-MM-DD, no value starting with `-`.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from acct_tui.cli.common import EXIT_OK

BEFORE_COMMAND = {"--db": "value", "--today": "value", "--calendar": "value"}
"""Options of `acct-tui` itself that status reads."""
STATUS_OPTIONS = {"--db": "value", "--today": "value", "--json": "flag", "--calendar": "value"}
"""Options of `acct-tui status`, "value" or "flag" (every value is kept: the last --db and --today
count, each --calendar names a file of the request). An option that changes the output and is
not here makes the command line always compute; one that is here but not in the request would
let the cache answer for it."""


def read_command_line(argv: list[str]) -> dict[str, list[str]] | None:
    """The options of a plain `status` command line (each name: its values in order, [""] for a
    flag), or None. An option given after the command replaces the same one given before it, as
    argparse's subcommand does."""
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] | None = None
    tokens = iter(argv)
    for token in tokens:
        if token == "status" and after is None:
            after = {}
            continue
        options, found = (BEFORE_COMMAND, before) if after is None else (STATUS_OPTIONS, after)
        name, equals, value = token.partition("=")
        kind = options.get(name)
        if kind == "flag" and not equals:
            value = ""
        elif kind == "value":
            if not equals:
                value = next(tokens, "-")
                if value.startswith("-"):  # argparse takes it for an option: its error message, not ours
                    return None
        else:
            return None
        found.setdefault(name, []).append(value)
    return None if after is None else {**before, **after}


def _iso_day(text: str) -> str | None:
    """`text` if it is a YYYY-MM-DD date, else None. A day out of the command line's range has no
    entry (status refuses it before it computes), so it goes the usual way to its usage error."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def answer(argv: list[str]) -> int | None:
    """Print the cached status for `argv` and return its exit code, or None to go the usual way."""
    options = read_command_line(argv)
    if options is None:
        return None
    from acct_tui.config import book_file
    from acct_tui.status import cache

    if "--today" in options:
        day = _iso_day(options["--today"][-1])
        if day is None:
            return None
    else:
        day = date.today().isoformat()
    db = options["--db"][-1] if "--db" in options else None
    if db is not None and not db.strip():
        return None  # the usual way refuses it
    named = options.get("--calendar", [])
    request = cache.Request(book_file(db), day, named)
    data = cache.lookup(request, "json" if "--json" in options else "line")
    if data is None:
        return None
    out = sys.stdout
    if os.linesep == "\n" and str(getattr(out, "encoding", "")).lower() in ("utf-8", "utf8") and hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)  # as print would send it: 5 MB of JSON at 1,000 clients, not decoded and encoded again
    else:
        out.write(bytes(data).decode("utf-8", "surrogateescape"))
    return EXIT_OK
