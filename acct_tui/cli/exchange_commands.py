"""`acct-tui import`, `export`, `report` and `config`: data in and out of a book, and the settings file.

The exchange modules (and the icalendar library), the domain and the store are imported by the
handler that needs them, so that every other command, `--help` and the planner start without them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from acct_tui.cli.choices import DATE_ORDERS, TABLES
from acct_tui.cli.common import (
    EXIT_OK,
    UsageError,
    add_calendar_option,
    add_db_option,
    add_today_option,
    book_path,
    calendar_paths,
    check_in_range,
    check_planner_settings,
    described,
    open_book,
    progress_bar,
    today_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from acct_tui.domain.book import Book
    from acct_tui.store.repository import Repository

CSV_KINDS = TABLES
KIND_ALIASES = {
    "companies": "clients", "accounts": "clients", "organizations": "clients", "organisations": "clients",
    "people": "contacts", "persons": "contacts", "deals": "projects", "opportunities": "projects",
}  # fmt: skip
"""What a CRM calls a table, and the table it is."""
FORMATS = ("json", "csv", "md", "ics")


def register(sub: Any) -> None:
    imp = sub.add_parser(
        "import",
        help="import a table from CSV (a spreadsheet, a CRM export, a CSV export), or a JSON export into an empty book",
        **described(
            "All or nothing: any bad row gives a message naming row, column and value, and the book is not "
            "touched. Rows that match a record already in the book update it, so importing twice adds "
            "nothing. Exports of HubSpot, Salesforce, Pipedrive and Zoho CRM are recognised by their columns. "
            "Import the tables each after those it refers to: clients, staff, events, projects, contacts, "
            "tasks, activities, discounts, competitors, weeks.",
            ("acct-tui import clients companies.csv --dry-run", "what it would change, and the first rows"),
            ("acct-tui import deals hubspot-deals.csv", "a CRM's deals, as projects"),
            ("acct-tui import tasks tasks.csv --date-order dmy --encoding windows-1252", "an Excel CSV"),
            ("acct-tui import book export.json --db new.json", "a JSON export, into a new book"),
        ),
    )
    imp.add_argument(
        "kind",
        choices=(*CSV_KINDS, *KIND_ALIASES, "book"),
        metavar="TABLE",
        help=f"what FILE holds: {', '.join(CSV_KINDS)} (also companies, accounts, organizations: clients; people, "
        "persons: contacts; deals, opportunities: projects), or book (a JSON export)",
    )
    imp.add_argument("file", metavar="FILE", help="the CSV file, or for book the JSON file")
    add_db_option(imp)
    imp.add_argument(
        "--dry-run", action="store_true", help="check FILE, say what would change, show the first rows; write nothing"
    )
    imp.add_argument("--map", metavar="FILE.toml", help="which column fills which field, for columns not recognised")
    imp.add_argument(
        "--date-order", choices=DATE_ORDERS, help="dates such as 3/4/2026: mdy (month first, US) or dmy (day first)"
    )
    imp.add_argument("--encoding", help="the file's encoding when it is not UTF-8: windows-1252, latin-1, utf-16")
    add_today_option(imp)
    imp.set_defaults(handler=run_import)

    exp = sub.add_parser(
        "export",
        help="write the book as JSON, CSV, a Markdown summary or an iCalendar file",
        **described(
            "Reads the book without locking it and writes what you ask for, atomically, with mode 0600: json "
            "(the whole book, which opens as a book too), csv (one file per table, in a folder or a .zip, "
            "that import reads back), md (a summary), ics (due dates, meetings and events, with reminders, "
            "for a phone's or a desktop's calendar). Without -o, to standard output (not csv).",
            ("acct-tui export --format ics -o ~/calendars/acct-tui.ics", "your dates, for your calendar app"),
            ("acct-tui export --format csv -o book.zip", "every table, for a spreadsheet"),
            ("acct-tui export --format json -o backup.json", "the whole book"),
            ("acct-tui export --format md | less", "a summary to read"),
        ),
    )
    exp.add_argument("--format", required=True, choices=FORMATS, help="json: the whole book; csv: one file per table")
    add_db_option(exp)
    exp.add_argument(
        "-o", "--output", metavar="PATH", help="where to write (default: standard output; csv: a folder or a .zip)"
    )
    exp.add_argument(
        "--with-notes", action="store_true", help="ics: put task and event notes in the calendar (left out by default)"
    )
    add_calendar_option(exp)
    add_today_option(exp)
    exp.set_defaults(handler=run_export)

    report = sub.add_parser(
        "report",
        help="the Markdown report of a week's work",
        **described(
            "The week's activities by client, tasks done and by whom, stage moves, new clients, deals won and "
            "lost, discounts given, delegated work, and the week's load and stress, as Markdown for a manager.",
            ("acct-tui report", "this week, to standard output"),
            ("acct-tui report --week 2026-W48 -o week48.md", "another week, to a file"),
        ),
    )
    report.add_argument("--week", metavar="YYYY-Www", help="the ISO week, such as 2026-W48 (default: this week)")
    add_db_option(report)
    report.add_argument("-o", "--output", metavar="PATH", help="where to write (default: standard output)")
    add_today_option(report)
    report.set_defaults(handler=run_report)

    config = sub.add_parser(
        "config",
        help="check the settings file, print its path, or write the defaults",
        **described(
            "The settings file (settings.toml in the user config folder) holds your capacity, stages, "
            "cadences, discount bands, stress and urgency weights, playbooks, reminders, theme and keys; "
            "without it the defaults apply. Without an option, checks it: every problem with its key and line.",
            ("acct-tui config", "check the file"),
            ("acct-tui config --init", "write every setting with its default and a comment"),
            ('"$EDITOR" "$(acct-tui config --path)"', "edit it"),
        ),
    )
    which = config.add_mutually_exclusive_group()
    which.add_argument("--path", action="store_true", help="print where the settings file is")
    which.add_argument("--init", action="store_true", help="write every default setting, with a comment per key")
    config.add_argument("--force", action="store_true", help="with --init: replace an existing settings file")
    config.set_defaults(handler=run_config)


# --- import ---------------------------------------------------------------------------------


class _Plan(Protocol):
    """What an import would do (CSV rows or a whole book), checked against one book."""

    @property
    def source(self) -> str:
        """Who wrote the file ("HubSpot"), "" if no one in particular."""
        ...

    def summary(self) -> str: ...

    def apply(self, repo: Repository) -> None: ...

    def preview(self, book: Book) -> list[str]: ...


def run_import(args: argparse.Namespace) -> int:
    from acct_tui import settings

    source = Path(args.file).expanduser()
    target = book_path(args)
    base = settings.load().settings
    if args.kind == "book" and (args.map or args.date_order or args.encoding):
        raise UsageError("--map, --date-order and --encoding are for CSV files; a book is a JSON export")
    args.kind = KIND_ALIASES.get(args.kind, args.kind)
    planner = _planner(args, source, base)
    if args.dry_run or not target.exists():
        # Check before the book is locked or created: a refused import must not leave a new, empty book behind.
        book, plan = _plan_on_disk(args, target, base, planner)
        if args.dry_run:
            print(
                f"dry run: importing {args.kind} from {_described(source, plan)} into {target} would give "
                f"{plan.summary()}; nothing was written"
            )
            for line in plan.preview(book):
                print(line)
            return EXIT_OK
    with open_book(args, read_only=False, create=True) as repo:
        plan = planner(repo.book, repo.path)
        plan.apply(repo)
    print(f"imported {args.kind} from {_described(source, plan)} into {target}: {plan.summary()}")
    return EXIT_OK


def _described(source: Path, plan: _Plan) -> str:
    """The file, and who wrote it if it is a CRM's export: "deals.csv (a HubSpot export)"."""
    return f"{source} (a {plan.source} export)" if plan.source else str(source)


def _planner(args: argparse.Namespace, source: Path, base: dict[str, Any]) -> Callable[[Book, Path], _Plan]:
    """Reads FILE once; the planner it returns checks it against a book (and raises if it does not fit)."""
    from acct_tui.store.errors import printable

    if args.kind == "book":
        from acct_tui.exchange.book_json import read_book

        incoming = read_book(source, base)

        def check_book(book: Book, path: Path) -> _Plan:
            incoming.check_target(book, path)
            return incoming

        return check_book
    from acct_tui.exchange.column_map import read_map
    from acct_tui.exchange.csv_import import plan_import
    from acct_tui.exchange.csv_source import read_csv

    encoding = _encoding(args.encoding)
    column_map = read_map(Path(args.map).expanduser(), args.kind) if args.map else None
    table = read_csv(source, args.kind, encoding=encoding, column_map=column_map)
    if table.ignored:
        names = printable(", ".join(f'"{name}"' for name in table.ignored))
        print(f"acct-tui: note: ignoring columns that {args.kind} do not have: {names}", file=sys.stderr)
    today = today_of(args)

    def check_rows(book: Book, path: Path) -> _Plan:
        progress = progress_bar(len(table.rows), f"import {args.kind}")
        return plan_import(book, table, today, progress, args.date_order)

    return check_rows


def _encoding(name: str | None) -> str | None:
    """--encoding, checked: a text encoding Python knows (exit 2 for any other name)."""
    if name is None:
        return None
    try:
        b"\0\0\0\0".decode(name)  # a codec that is not a text encoding (rot13, base64) is refused too
    except UnicodeDecodeError:
        pass
    except LookupError:
        raise UsageError(f"--encoding: {name!r} is not an encoding (try windows-1252, latin-1 or utf-16)") from None
    return name


def _plan_on_disk(
    args: argparse.Namespace, target: Path, base: dict[str, Any], planner: Callable[[Book, Path], _Plan]
) -> tuple[Book, _Plan]:
    from acct_tui.domain.book import Book
    from acct_tui.domain.settings import Settings

    if not target.exists():
        book = Book(settings=Settings.layered(base))
        return book, planner(book, target)
    with open_book(args, read_only=True) as repo:
        return repo.book, planner(repo.book, repo.path)


# --- export and report ----------------------------------------------------------------------


def _output(args: argparse.Namespace) -> Path | None:
    return Path(args.output).expanduser() if args.output else None


def _not_the_book(output: Path | None, book: Path) -> None:
    """Refuse an -o that names the book being read, however it is spelt (`..`, a link)."""
    if output is not None and output.exists() and output.samefile(book):
        raise UsageError("-o names the book itself; choose another file")


def _emit(data: bytes, output: Path | None) -> None:
    """`data` to the file `output` (atomically, mode 0600), or to standard output."""
    from acct_tui.exchange.errors import ExchangeError
    from acct_tui.files import atomic_write
    from acct_tui.store.lock import unless_in_use
    from acct_tui.store.storage import describe_os_error

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if not output.parent.is_dir():
        raise ExchangeError(output, "cannot be written: its folder does not exist")
    try:
        with unless_in_use(output):
            atomic_write(output, data)
    except OSError as err:
        raise ExchangeError(output, f"could not be written: {describe_os_error(err)}") from None
    print(f"wrote {output}")


def run_export(args: argparse.Namespace) -> int:
    output = _output(args)
    folder_or_zip: Path | None = None
    if args.format == "csv":
        if output is None:
            raise UsageError("--format csv writes one file per table: give -o FOLDER or -o FILE.zip")
        folder_or_zip = output
    with open_book(args, read_only=True) as repo:
        _not_the_book(output, repo.path)
        book = repo.book
        if folder_or_zip is not None:
            from acct_tui.exchange import export_csv

            total = sum(len(book.table(name)) for name in TABLES)
            files = export_csv.csv_files(book, progress_bar(total, "export csv"))
            if folder_or_zip.suffix.lower() == ".zip":
                _emit(export_csv.zip_bytes(files, today_of(args)), folder_or_zip)
            else:
                export_csv.write_folder(folder_or_zip, files)
                print(f"wrote {len(files)} CSV files to {folder_or_zip}")
            return EXIT_OK
        # Each format imports its own module: the icalendar library alone takes 26 ms.
        if args.format == "json":
            from acct_tui.exchange import book_json

            data = book_json.export_json(repo)
        elif args.format == "md":
            from acct_tui.exchange import export_markdown

            data = export_markdown.summary(book, today_of(args)).encode()
        else:
            data = _ics(args, book, str(repo.meta.get("book_id", "")))
    _emit(data, output)
    return EXIT_OK


def _ics(args: argparse.Namespace, book: Book, book_id: str) -> bytes:
    """The iCalendar export, with the schedule's planned days (read with the user's calendars, as
    `status` reads them) and reminders in the user's time zone."""
    from datetime import UTC, datetime

    from acct_tui.calendar import UnknownTimeZone, local_zone
    from acct_tui.calendars import Calendars
    from acct_tui.config import config_path
    from acct_tui.domain.schedule import build_schedule
    from acct_tui.exchange import export_ics
    from acct_tui.exchange.errors import ExchangeError

    today = today_of(args)
    try:
        zone = local_zone(book.settings.calendar.timezone or None)
    except UnknownTimeZone as err:
        raise ExchangeError(config_path(), f"calendar.timezone: {err}") from None
    found = Calendars.of(book.settings, calendar_paths(args)).read(today, book.settings)
    for problem in found.problems:
        print(f"acct-tui: calendar: {problem}", file=sys.stderr)
    schedule = build_schedule(book, today, found.meetings)
    stamp = datetime.now(UTC).replace(microsecond=0)
    progress = progress_bar(len(book.tasks), "export ics")
    return export_ics.calendar(
        book, book_id, today, stamp, progress, notes=args.with_notes, schedule=schedule, zone=zone
    )


def run_report(args: argparse.Namespace) -> int:
    from acct_tui.domain.dates import iso_week, week_monday
    from acct_tui.exchange.report import weekly_report

    today = today_of(args)
    week = args.week or iso_week(today)
    try:
        check_in_range(week_monday(week), "--week")
    except ValueError as err:
        raise UsageError(f"--week: {err}") from None
    output = _output(args)
    with open_book(args, read_only=True) as repo:
        _not_the_book(output, repo.path)
        text = weekly_report(repo.book, week, today)
    _emit(text.encode(), output)
    return EXIT_OK


# --- config ---------------------------------------------------------------------------------


def run_config(args: argparse.Namespace) -> int:
    from acct_tui import settings
    from acct_tui.config import config_path

    path = config_path()
    if args.force and not args.init:
        raise UsageError("--force goes with --init")
    if args.path:
        print(path)
    elif args.init:
        try:
            settings.init(path, force=args.force)
        except FileExistsError:
            raise UsageError(f"{path} exists; add --force to replace it") from None
        print(f"wrote {path}")
    elif (loaded := settings.load(path)).exists:
        check_planner_settings(loaded)
        print(f"ok: {path}")
    else:
        print(f"{path} does not exist: the defaults are in use (acct-tui config --init writes them)")
    return EXIT_OK
