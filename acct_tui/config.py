"""Where things live: the default book, the settings file, the recent-books list, the cache folder.

The book is `--db PATH`, else `$ACCT_TUI_DB`, else `book.json` in the platform's user data
folder (platformdirs), e.g. `~/.local/share/acct-tui/book.json` on Linux.

The folders are platformdirs' user folders. On Linux and the BSDs they follow the XDG rules,
worked out here with `os` alone: importing platformdirs (and pathlib) takes about 15 ms, more than
half of what `acct-tui status` answered from its cache may take (tests/test_config.py checks that
both give the same folders). The `*_file` functions give strings, for the same reason; the
`*_path` functions give `Path`s.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "acct-tui"
DB_ENV = "ACCT_TUI_DB"

_XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "state": ("XDG_STATE_HOME", "~/.local/state"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def user_folder(kind: str) -> str:
    """`platformdirs.user_<kind>_dir("acct-tui")` for kind data, config, state or cache."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and "ANDROID_DATA" not in os.environ:
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        home = os.environ.get("HOME")
        if not os.path.isabs(base) and (home is None or os.path.isabs(home)):
            base = os.path.expanduser(default)  # a relative $HOME is platformdirs' to handle
        if os.path.isabs(base):
            return os.path.join(base, APP_NAME)
    import platformdirs

    found: str = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    return found


def book_file(db: str | None) -> str:
    """The book's path: --db wins over $ACCT_TUI_DB, which wins over the user data folder."""
    if db:
        return os.path.expanduser(db)
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return os.path.expanduser(env)
    return os.path.join(user_folder("data"), "book.json")


def settings_file() -> str:
    """The settings file, e.g. `~/.config/acct-tui/settings.toml` on Linux."""
    return os.path.join(user_folder("config"), "settings.toml")


def default_book_path() -> Path:
    """The book used when no --db is given."""
    return resolve_book_path(None)


def resolve_book_path(db: str | None) -> Path:
    from pathlib import Path

    return Path(book_file(db))


def config_path() -> Path:
    """The settings file as a Path."""
    from pathlib import Path

    return Path(settings_file())


def recent_books_path() -> Path:
    """The recent-books list, e.g. `~/.local/state/acct-tui/recent.json` on Linux."""
    from pathlib import Path

    return Path(user_folder("state")) / "recent.json"
