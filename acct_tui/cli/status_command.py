"""`acct-tui status`: today's and this week's load, the stress index and the day plan.

One line fit for a shell prompt or a status bar, or with `--json` one object for scripts (the
outputs are acct_tui.status.output's). The book is opened read-only, without taking its lock.
A status that the cache could not answer (cached_status.py) is computed here and written to the
cache for the next one.
"""

from __future__ import annotations

import sys

from acct_tui.cli.common import EXIT_OK, add_db_option, book_path, open_book, parse_today, today_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any


def register(sub: Any) -> None:
    import argparse

    status = sub.add_parser(
        "status", help="today's and this week's load, the stress index and the day plan, in one line or as JSON"
    )
    add_db_option(status)
    status.add_argument(
        "--today",
        type=parse_today,
        default=argparse.SUPPRESS,  # keep a --today given before the command
        metavar="DATE",
        help="the day to look at (default: today)",
    )
    status.add_argument("--json", action="store_true", help="print one JSON object instead of one line")
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from acct_tui import settings_file
    from acct_tui.domain.planner import day_plan
    from acct_tui.domain.workload import assess
    from acct_tui.status import cache, output

    today = today_of(args)
    path = str(book_path(args))
    config = settings_file.load()
    book = cache.observe(path)  # before the book is read: a change meanwhile shows in its signature
    with open_book(args, read_only=True, base_settings=config.settings) as repo:
        found = repo.book
    assessment = assess(found, today)
    printed = output.outputs(assessment, day_plan(found, today, assessment=assessment))
    if book is not None and config.as_read is not None:
        cache.store(cache.Request(path, today.isoformat()), [book, config.as_read], printed)
    sys.stdout.write(printed["json" if args.json else "line"])
    return EXIT_OK
