"""The command line: `acct-tui [--db PATH] [--read-only] [--demo]` and its subcommands.

Only wiring lives here: each subcommand module registers its parser and a handler that returns
an exit code. Exit codes: 0 success, 1 a data problem (corrupt, invalid, locked, unwritable
book; bad input file), 2 wrong usage.

Start-up is kept small. `acct-tui status` is first looked up in the status cache, before argparse
is even imported (cached_status.py). Otherwise the parser is built from modules that import
nothing heavy at the top: each handler imports what it needs (pydantic, the domain, the store,
Textual) when it runs, so `--help`, `--version` and usage errors never load them.
"""

from __future__ import annotations

import io
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from acct_tui import __version__
    from acct_tui.cli import (
        book_commands,
        completion_command,
        exchange_commands,
        status_command,
        sync_commands,
        team_command,
        tui_command,
    )
    from acct_tui.cli.common import add_calendar_option, add_db_option, add_today_option, described

    parser = argparse.ArgumentParser(
        prog="acct-tui",
        **described(
            "A keyboard-driven terminal planner for account managers: your clients, their projects by "
            "stage, today's plan, and how loaded and stressed your weeks are. Without a command, opens "
            "the planner on the book (created if missing).\n\n"
            "Exit codes: 0 ok, 1 a problem with the data, 2 wrong usage. `acct-tui COMMAND --help` "
            "tells more of each command.",
            ("acct-tui", "the planner, on your book"),
            ("acct-tui --demo", "the planner on a fresh copy of the sample book (yours is not touched)"),
            ("acct-tui --db ~/work/book.json --read-only", "another book, without changing it"),
            ("acct-tui --today 2026-11-27 status", "as of another day"),
        ),
    )
    parser.add_argument("--version", action="version", version=f"acct-tui {__version__}")
    add_db_option(parser, top_level=True)
    parser.add_argument("--read-only", action="store_true", help="open the book without locking or changing it")
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh copy of the sample book (your own book is not touched)"
    )
    add_today_option(parser, top_level=True)
    add_calendar_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (book_commands, exchange_commands, status_command, sync_commands, team_command, completion_command):
        module.register(sub)
    parser.set_defaults(handler=tui_command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_stdout()
    from acct_tui.cli.cached_status import answer

    arguments = sys.argv[1:] if argv is None else list(argv)
    cached = answer(arguments)
    if cached is not None:
        return cached
    from acct_tui.cli.common import EXIT_DATA, EXIT_USAGE, UsageError

    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_:  # --help, --version and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
        return code
    except UsageError as err:
        parser.print_usage(sys.stderr)
        print(f"acct-tui: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("acct-tui: interrupted", file=sys.stderr)
        return 130
    except Exception as err:
        from acct_tui.store.errors import BookError  # loaded already if the handler raised one

        if not isinstance(err, BookError):
            raise
        print(f"acct-tui: {err.text()}", file=sys.stderr)
        return EXIT_DATA


def _tolerant_stdout() -> None:
    """A file name that is not UTF-8 (Python holds its bytes as surrogate escapes) is printed as
    the bytes it is, as `ls` does, instead of a UnicodeEncodeError in a strict UTF-8 locale."""
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="surrogateescape")
