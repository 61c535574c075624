"""What the subcommands share: exit codes, the --db and --today options, the help's description and
examples, opening the book, progress on stderr.

Light to import (the status cache's fast path and --help use it): argparse, the settings file and
the store are imported by the functions that use them.
"""

from __future__ import annotations

import sys
from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from acct_tui.settings import SettingsFile
    from acct_tui.store.repository import Repository

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked (exit 2)."""


def _book_option(text: str) -> str:
    """--db's value: never empty, since an unset variable in a script (`--db "$BOOK"`) must not
    mean the default book."""
    import argparse

    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name a book file, or leave --db out for the default book")
    return text


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    import argparse

    # A subcommand's --db must not overwrite a --db given before the subcommand with its default.
    parser.add_argument(
        "--db",
        type=_book_option,
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help="the book file (default: $ACCT_TUI_DB, else book.json in the user data folder)",
    )


def add_calendar_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    import argparse

    parser.add_argument(
        "--calendar",
        metavar="PATH",
        action="append",
        default=None if top_level else argparse.SUPPRESS,
        help="an iCalendar file (or a folder of .ics files) with your meetings, besides the settings' "
        "[calendar] files; repeat it for several",
    )


def add_today_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    import argparse

    # As --db: a subcommand's --today must not overwrite one given before the subcommand.
    parser.add_argument(
        "--today",
        type=parse_today,
        metavar="DATE",
        default=None if top_level else argparse.SUPPRESS,
        help="run as of another day: any date the forms accept (2026-11-27, 27.11.2026, +3d, fri)",
    )


HELP_WIDTH = 78


def described(description: str, *examples: tuple[str, str]) -> dict[str, Any]:
    """`add_parser` keywords for a command's --help: its description, wrapped, and its examples
    (command line, what it does), kept as written."""
    import argparse
    import textwrap

    paragraphs = [textwrap.fill(part, HELP_WIDTH) for part in description.split("\n\n")]
    lines = ["examples:"]
    for command, what in examples:
        lines += [f"  {command}", f"      {what}"]
    return {
        "description": "\n\n".join(paragraphs),
        "epilog": "\n".join(lines),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }


def calendar_paths(args: argparse.Namespace) -> list[str]:
    found: list[str] | None = getattr(args, "calendar", None)
    return found or []


def check_in_range(day: date, what: str) -> date:
    """`day`, or a UsageError (exit 2) if it is outside EARLIEST..LATEST."""
    from acct_tui.domain.dates import EARLIEST, LATEST

    if not EARLIEST <= day <= LATEST:
        raise UsageError(f"{what} must be between {EARLIEST.year} and {LATEST.year} (got {day.isoformat()})")
    return day


def parse_today(text: str) -> date:
    """--today: any date form the forms accept, relative to the real today."""
    import argparse

    from acct_tui.domain.parsing import parse_day

    try:
        return check_in_range(parse_day(text, date.today()), "--today")
    except (ValueError, UsageError) as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def today_of(args: argparse.Namespace) -> date:
    today: date | None = getattr(args, "today", None)
    return today or date.today()


def book_path(args: argparse.Namespace) -> Path:
    from acct_tui.config import resolve_book_path

    return resolve_book_path(getattr(args, "db", None))


def open_book(
    args: argparse.Namespace,
    *,
    read_only: bool,
    create: bool = False,
    base_settings: dict[str, Any] | None = None,
    check_all: bool = False,
) -> Repository:
    """The book named by the command line, with `base_settings` (default: the settings file's);
    raises BookError (exit 1) with a message for people. `check_all`: see `Repository.open`."""
    from acct_tui import settings
    from acct_tui.store.repository import Repository

    return Repository.open(
        book_path(args),
        read_only=read_only,
        create=create,
        today=today_of(args),
        base_settings=settings.load().settings if base_settings is None else base_settings,
        check_all=check_all,
    )


def check_planner_settings(loaded: SettingsFile) -> None:
    """What only the planner knows of the settings file: its theme, its commands' ids and keys
    (SettingsFileError, exit 1, naming each key and its line). The planner's lists are imported
    only for a file that needs them (another theme, a keymap)."""
    from acct_tui import settings
    from acct_tui.ui.themes import theme_names  # Textual's themes, imported when a theme is named

    if not loaded.keymap:
        settings.check_ui(loaded, theme_names)
        return
    from acct_tui.ui import keymap

    settings.check_ui(loaded, theme_names, keymap.binding_ids, keymap.named_keys, keymap.clashes)


def progress_bar(total: int, label: str) -> Callable[[int], None] | None:
    """A progress callback drawing on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty() or total <= 0:
        return None
    step = max(1, total // 100)

    def update(done: int) -> None:
        if done % step and done != total:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return update
