"""The command line: `acct-tui [--db PATH] [--read-only] [--demo]` and its subcommands.

Only wiring lives here: each subcommand module registers its parser and a handler that returns
an exit code. Exit codes: 0 success, 1 a data problem (corrupt, invalid, locked, unwritable
book; bad input file), 2 wrong usage. Heavy imports (Textual) happen only in the handler that
needs them, so `check` and `status` start fast.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from acct_tui import __version__
from acct_tui.cli import book_commands, completion_command, exchange_commands, status_command, tui_command
from acct_tui.cli.common import (
    EXIT_DATA,
    EXIT_USAGE,
    UsageError,
    add_calendar_option,
    add_db_option,
    add_today_option,
    described,
)
from acct_tui.store.errors import BookError

COMMAND_MODULES = (book_commands, exchange_commands, status_command, completion_command)


def build_parser() -> argparse.ArgumentParser:
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
    for module in COMMAND_MODULES:
        module.register(sub)
    parser.set_defaults(handler=tui_command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_stdout()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
        return code
    except UsageError as err:
        parser.print_usage(sys.stderr)
        print(f"acct-tui: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BookError as err:
        print(f"acct-tui: {err.text()}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("acct-tui: interrupted", file=sys.stderr)
        return 130


def _tolerant_stdout() -> None:
    """A file name that is not UTF-8 (Python holds its bytes as surrogate escapes) is printed as
    the bytes it is, as `ls` does, instead of a UnicodeEncodeError in a strict UTF-8 locale."""
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="surrogateescape")
