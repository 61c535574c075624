"""`acct-tui status`: today's and this week's load, the stress index and the day plan.

One line fit for a shell prompt or a status bar, or with `--json` one object for scripts (the
outputs are acct_tui.status.output's). The book is opened read-only, without taking its lock.
A status that the cache could not answer (cached_status.py) is computed here and written to the
cache for the next one, unless a calendar had a problem (its message is for every status).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from acct_tui.cli.common import (
    EXIT_OK,
    add_calendar_option,
    add_db_option,
    add_today_option,
    book_path,
    calendar_paths,
    described,
    today_of,
)


def register(sub: Any) -> None:
    status = sub.add_parser(
        "status",
        help="today's and this week's load, the stress index and the day plan, in one line or as JSON",
        **described(
            "Reads the book without locking it (it works while the planner has it open) and prints the "
            "numbers the planner shows: one line for a shell prompt or a status bar, or with --json one "
            "object for scripts. Exit 0; 1 for a book that is missing or cannot be read.",
            ("acct-tui status", "today 6.5/8.0 h 81% | week 112% | stress 64 | next: Call Acme"),
            ("acct-tui status --json | jq .stress_index", "one number, for a script"),
            ("acct-tui status --today fri --calendar ~/work.ics", "Friday, with your meetings"),
        ),
    )
    add_db_option(status)
    add_today_option(status)
    status.add_argument("--json", action="store_true", help="print one JSON object instead of one line")
    add_calendar_option(status)
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from acct_tui import settings, tuning
    from acct_tui.calendars import Calendars
    from acct_tui.domain.workload import assess
    from acct_tui.status import cache, output
    from acct_tui.store.repository import Repository

    tuning.for_a_command()
    today = today_of(args)
    path = str(book_path(args))
    named = calendar_paths(args)
    config = settings.load()
    read = Repository.read_book(path, base_settings=config.settings)
    book = read.book
    book_read = cache.observed(path, read.stat, read.digest)  # the bytes read, hashed once
    calendars = Calendars.of(book.settings, named)
    calendars_read = output.calendar_inputs(book.settings, calendars.paths)  # before they are read, likewise
    found = calendars.read(today, book.settings)
    for problem in found.problems:
        print(f"acct-tui: calendar: {problem}", file=sys.stderr)
    variant = "json" if args.json else "line"
    # Only what is asked: the line names no way out of a promise at risk (about 0.1 s at 1,000
    # clients with the JSON's); the other output is computed, and cached, when it is asked for.
    printed = output.outputs(book, assess(book, today, found.meetings, suggest=args.json), (variant,))
    if book_read and config.as_read and calendars_read is not None and not found.problems:
        request = cache.Request(path, today.isoformat(), named)
        cache.store(request, [book_read, config.as_read, *calendars_read], printed)
    sys.stdout.write(printed[variant])
    return EXIT_OK
