"""Where things live: the folders acct_tui.config works out are platformdirs' own."""

from __future__ import annotations

import platformdirs
import pytest

from acct_tui import config

KINDS = ("data", "config", "state", "cache")
VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/ann"),  # unset: the defaults under $HOME
        ("", "/home/ann"),  # empty: the same
        ("/srv/xdg", "/home/ann"),  # absolute: used
        ("relative/xdg", "/home/ann"),  # relative: ignored, as the XDG rules say
        ("  ", "/home/ann/"),
        (None, None),  # no $HOME: the password database's
        (None, "relative-home"),  # left to platformdirs
    ],
)
def test_the_folders_are_platformdirs_folders(
    xdg: str | None, home: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in VARIABLES:
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    for kind in KINDS:
        expected = getattr(platformdirs, f"user_{kind}_dir")(config.APP_NAME, appauthor=False)
        assert config.user_folder(kind) == expected, kind


def test_the_book_path_follows_db_then_the_variable_then_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/ann")
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    monkeypatch.setenv("ACCT_TUI_DB", " ~/env.json ")
    assert config.book_file("~/given.json") == "/home/ann/given.json"
    assert config.book_file(None) == "/home/ann/env.json"
    monkeypatch.delenv("ACCT_TUI_DB")
    assert config.book_file("") == "/srv/data/acct-tui/book.json"
    assert str(config.default_book_path()) == "/srv/data/acct-tui/book.json"
