"""Where things live: the default book, the settings file, the recent-books list.

The book is `--db PATH`, else `$ACCT_TUI_DB`, else `book.json` in the platform's user data
folder (platformdirs), e.g. `~/.local/share/acct-tui/book.json` on Linux.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "acct-tui"
DB_ENV = "ACCT_TUI_DB"


def default_book_path() -> Path:
    """The book used when no --db is given."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "book.json"


def resolve_book_path(db: str | None) -> Path:
    """--db wins over $ACCT_TUI_DB, which wins over the platform default."""
    if db:
        return Path(db).expanduser()
    return default_book_path()


def config_path() -> Path:
    """The settings file, e.g. `~/.config/acct-tui/settings.toml` on Linux."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def recent_books_path() -> Path:
    """The recent-books list, e.g. `~/.local/state/acct-tui/recent.json` on Linux."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "recent.json"
