"""Opening the planner: on the user's book, read-only, or on a fresh copy of the demo book."""

from __future__ import annotations

from acct_tui.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    UsageError,
    book_path,
    calendar_paths,
    check_planner_settings,
    today_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from datetime import date
    from pathlib import Path

    from acct_tui import settings
    from acct_tui.store.repository import Repository


def run(args: argparse.Namespace) -> int:
    import shutil
    import tempfile
    from pathlib import Path

    from acct_tui import settings, tuning

    tuning.planner_starting()
    from acct_tui.demo import write_demo_book, write_demo_calendar
    from acct_tui.store import recent
    from acct_tui.store.repository import Repository

    today = today_of(args)
    config = settings.load()
    check_planner_settings(config)  # before any book is opened: exit 1 naming the key
    base = config.settings
    if args.demo:
        if args.db:
            raise UsageError("--demo opens the sample book; it cannot be combined with --db")
        folder = Path(tempfile.mkdtemp(prefix="acct-tui-demo-"))
        try:
            path = write_demo_book(folder / "demo_book.json", today)
            calendar = write_demo_calendar(folder / "demo_calendar.ics", today)
            with Repository.open(path, autosave=False, today=today, base_settings=base) as repo:
                demo_config = _demo_settings(config, folder)
                return _run_app(repo, today, demo_config, demo=True, calendars=[str(calendar), *calendar_paths(args)])
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    with Repository.open(
        book_path(args), read_only=args.read_only, autosave=False, today=today, base_settings=base
    ) as repo:
        recent.remember(repo.path)
        return _run_app(repo, today, config, demo=False, calendars=calendar_paths(args))


def _demo_settings(config: settings.SettingsFile, folder: Path) -> settings.SettingsFile:
    """The demo's settings: a copy of the user's settings file in the demo's folder, so a change
    made in the demo (hours, theme, keys) is thrown away with its book and the user's file is
    never written."""
    import dataclasses

    copy = folder / "settings.toml"
    if config.exists:
        copy.write_text(config.text, encoding="utf-8")
    return dataclasses.replace(config, path=copy)


def _run_app(repo: Repository, today: date, config: settings.SettingsFile, *, demo: bool, calendars: list[str]) -> int:
    from acct_tui import tuning
    from acct_tui.calendars import Calendars
    from acct_tui.ui.app import AcctApp  # Textual is imported only when the planner opens

    tuning.for_the_planner()
    app = AcctApp(
        repo=repo,
        today=today,
        demo=demo,
        calendars=Calendars.of(repo.settings, calendars),
        config=config,
    )
    app.run()
    if app.return_code not in (None, 0):
        return app.return_code or EXIT_DATA
    return EXIT_OK
