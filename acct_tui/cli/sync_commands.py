"""`acct-tui merge` (a three-way merge of book files, also git's merge driver) and `acct-tui sync`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from acct_tui.cli.common import EXIT_DATA, EXIT_OK, add_db_option, add_today_option, book_path, described, today_of


def register(sub: Any) -> None:
    merge = sub.add_parser(
        "merge",
        help="three-way merge of book files, record by record (git's merge driver: acct-tui merge %%O %%A %%B)",
        **described(
            "Merge THEIRS into OURS, both changed from BASE, record by record and field by field. The result "
            "goes to OURS (as git expects of a merge driver), or to -o OUT. Exit 0: merged; 1: a file is not "
            "a book, or the copies cannot make a valid book (nothing is written).",
            ("acct-tui merge base.json mine.json laptop.json -o merged.json", "two copies of one book, into a third"),
            ('git config merge.acct-tui.driver "acct-tui merge %O %A %B"', "git's merge driver (sync sets it up)"),
        ),
    )
    merge.add_argument("base", metavar="BASE", help="the copy both started from (may be empty)")
    merge.add_argument("ours", metavar="OURS", help="our copy; the result replaces it unless -o is given")
    merge.add_argument("theirs", metavar="THEIRS", help="the other copy")
    merge.add_argument("-o", "--output", metavar="OUT", help="write the merged book here instead of OURS")
    add_today_option(merge)
    merge.set_defaults(handler=run_merge)

    sync = sub.add_parser(
        "sync",
        help="commit the book, fetch, merge and push it over git (with no book at PATH, bring it from --remote)",
        **described(
            "Keep the book in a git repository in its folder and in step with a remote (a bare repository on a "
            "USB stick or a NAS, SSH, HTTPS). Exit 0: synced, or committed here when the remote cannot be "
            "reached (pushed next time); 1: the remote refused, or the copies could not be merged (the book is "
            "as it was).",
            ("acct-tui sync --remote ssh://nas/home/anna/book.git", "the first time: the remote, remembered"),
            ("acct-tui sync", "then: commit, fetch, merge and push"),
            (
                "acct-tui sync --db ~/laptop/book.json --remote /media/usb/book.git",
                "bring the book to another computer",
            ),
        ),
    )
    add_db_option(sync)
    sync.add_argument(
        "--remote",
        type=_remote_option,
        metavar="URL",
        help="the remote repository (remembered after the first time it is reached)",
    )
    sync.set_defaults(handler=run_sync)


def run_merge(args: argparse.Namespace) -> int:
    from acct_tui import settings
    from acct_tui.domain.wording import plural
    from acct_tui.store.errors import printable
    from acct_tui.store.merging import merge_files

    out = Path(args.output or args.ours)
    merged = merge_files(
        Path(args.base),
        Path(args.ours),
        Path(args.theirs),
        out,
        today=today_of(args),
        base_settings=settings.load().settings,
    )
    for note in merged.notes:
        print(f"merge: {printable(note.text)}")
    summary = f"merged into {out}" + (f" ({plural(len(merged.notes), 'note')})" if merged.notes else "")
    print(printable(summary))
    return EXIT_OK


def _remote_option(text: str) -> str:
    """--remote's value: a URL or a path, never empty or something git would read as an option."""
    import argparse

    if not text.strip() or text.startswith("-"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a URL or a path of a git repository")
    return text


def run_sync(args: argparse.Namespace) -> int:
    from acct_tui import settings
    from acct_tui.store.errors import printable
    from acct_tui.sync.book_sync import sync
    from acct_tui.sync.git import GitFailed, GitMissing

    try:
        outcome = sync(book_path(args), args.remote, base_settings=settings.load().settings, progress=_progress)
    except (GitMissing, GitFailed) as err:
        print(f"acct-tui: sync: {printable(str(err))}", file=sys.stderr)
        return EXIT_DATA
    for line in outcome.lines:
        print(printable(line), file=sys.stdout if outcome.ok else sys.stderr)
    for note in outcome.merge_notes:
        print(f"merge: {printable(note)}")
    return EXIT_OK if outcome.ok else EXIT_DATA


def _progress(step: str) -> None:
    if sys.stderr.isatty():
        print(f"sync: {step}…", file=sys.stderr)
