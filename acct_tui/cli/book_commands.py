"""`acct-tui check` and `acct-tui generate`."""

from __future__ import annotations

from pathlib import Path

from acct_tui.cli.common import (
    EXIT_OK,
    UsageError,
    add_db_option,
    add_today_option,
    described,
    open_book,
    progress_bar,
    today_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any


def register(sub: Any) -> None:
    check = sub.add_parser(
        "check",
        help="validate the book: exit 0 and its counts, or 1 and what is wrong",
        **described(
            "Reads the book without locking it (it works while the planner has the book open) and checks "
            "every record and every reference between them: exit 0 and one line of counts, or exit 1 and "
            "each problem with its table, record and field. The book is never changed.",
            ("acct-tui check", "the default book ($ACCT_TUI_DB, else book.json in the user data folder)"),
            ("acct-tui check --db ~/work/book.json", "another book"),
        ),
    )
    add_db_option(check)
    check.set_defaults(handler=run_check)

    generate = sub.add_parser(
        "generate",
        help="write a synthetic book for tests and benchmarks",
        **described(
            "Writes a realistic made-up book: by default a department's (about 5 projects, 30 tasks and 60 "
            "activities per client), with --person one account manager's. Dates are relative to today "
            "(--today), and the same seed on the same day gives the same bytes.",
            ("acct-tui generate --clients 1000 -o big.json", "a large book, to see how the planner copes"),
            ("acct-tui --today 2026-11-27 generate --clients 40 --person --seed 3 -o mine.json", "one person's"),
        ),
    )
    generate.add_argument("--clients", type=int, required=True, metavar="N", help="how many clients (1-100000)")
    generate.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    generate.add_argument("-o", "--output", required=True, metavar="PATH", help="where to write the book")
    generate.add_argument("--force", action="store_true", help="replace PATH if it exists")
    add_today_option(generate)
    generate.add_argument(
        "--person",
        action="store_true",
        help="one account manager's book (1-2 projects and a few open tasks a client) instead of a department's",
    )
    generate.set_defaults(handler=run_generate)


def run_check(args: argparse.Namespace) -> int:
    from acct_tui.domain.records import TABLES
    from acct_tui.domain.wording import plural

    with open_book(args, read_only=True, check_all=True) as repo:
        counts = ", ".join(plural(len(repo.book.table(name)), cls.label, name) for name, cls in TABLES.items())
        schema = f"schema {repo.meta['schema_version']}"
        if repo.migrated_from is not None:  # the file itself is still the older schema
            schema = f"schema {repo.migrated_from}, upgraded to {repo.meta['schema_version']} when next saved"
        print(f"ok: {repo.path}: {counts} ({schema})")
    return EXIT_OK


def run_generate(args: argparse.Namespace) -> int:
    from acct_tui.generate import DENSE, PERSON, write_generated_book
    from acct_tui.store.errors import BookUnavailable

    if not 1 <= args.clients <= 100_000:
        raise UsageError("--clients must be between 1 and 100000")
    path = Path(args.output).expanduser()
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists; add --force to replace it")
    if not path.parent.is_dir():
        raise BookUnavailable(path, "its folder does not exist")
    try:
        shape = PERSON if args.person else DENSE
        progress = progress_bar(args.clients, "generate")
        write_generated_book(path, args.clients, args.seed, today_of(args), progress, shape)
    except OSError as err:
        raise BookUnavailable(path, f"could not be written: {err.strerror or err}") from None
    print(f"wrote {path}: {args.clients} clients (seed {args.seed})")
    return EXIT_OK
