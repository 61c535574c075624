"""`acct-tui team PATH|URL... [--json]`: the head of accounts' roll-up over the team's books."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from acct_tui.cli.common import EXIT_DATA, EXIT_OK, add_today_option, described, today_of

_C1 = re.compile("[\x7f-\x9f]")
"""Control characters JSON leaves as they are (orjson escapes those below 0x20): escaped too, since
names from teammates' files reach the terminal."""


def register(sub: Any) -> None:
    team = sub.add_parser(
        "team",
        help="the head of accounts' roll-up over several books (files, folders of books, git remotes), read-only",
        **described(
            "Per person: this and next week's utilisation, the stress index and its 12-week trend, promises and "
            "renewals at risk, discounts awaiting approval, quiet clients; most at risk first. A book that "
            "cannot be read is named, and the others are shown all the same (exit 1 if any was refused).",
            ("acct-tui team ~/team/anna.json ~/team/minh.json", "the roll-up screen over two books"),
            ("acct-tui team ~/team/ ssh://nas/books/lan.git --json", "a folder of books and a remote, as JSON"),
        ),
    )
    team.add_argument("sources", nargs="+", metavar="PATH|URL", help="a book, a folder of books, or a git remote")
    team.add_argument("--json", action="store_true", help="print the roll-up as JSON instead of opening the screen")
    add_today_option(team)
    team.set_defaults(handler=run_team)


def run_team(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    import orjson

    from acct_tui import settings
    from acct_tui.ending import exit_on_ending_signals
    from acct_tui.store.errors import printable
    from acct_tui.team.rollup import rollup

    today = today_of(args)
    config = settings.load()
    base = config.settings
    # The clones are teammates' books: removed however the command ends (SIGTERM, SIGHUP too).
    with exit_on_ending_signals():
        workdir = Path(tempfile.mkdtemp(prefix="acct-tui-team-"))
        try:
            found = rollup(args.sources, workdir, today, base)
            code = EXIT_OK
            if args.json:
                text = orjson.dumps(found.as_json(), option=orjson.OPT_INDENT_2).decode()
                sys.stdout.write(_C1.sub(lambda c: f"\\u{ord(c.group()):04x}", text) + "\n")
            else:
                from acct_tui.ui.team import run_team_screen

                code = run_team_screen(found, today, config)
            for refused in found.refused:
                print(f"acct-tui: team: {printable(refused.source)}: {printable(refused.reason)}", file=sys.stderr)
            return code or (EXIT_DATA if found.refused else EXIT_OK)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
