"""The settings file: `settings.toml` in the user config folder.

It holds the keys of `acct_tui.domain.settings.Settings` (capacity, stages, cadences, discount
bands, stress, urgency, playbooks, `[import]`...), and two tables only the planner reads: `[ui]`
(the theme) and `[keymap]` (your keys). Values are layered: built-in defaults, then this file,
then the book's own settings.

- `load()` reads and checks the file (`reading`); `check_ui` checks what only Textual knows (the
  theme, the commands' ids, key names).
- `defaults_toml()` is the commented template, generated from the models' field descriptions
  (`template`; `describe(path)` gives one key's description).
- `update(path, changes)` changes keys in place, keeping the user's comments and layout, and
  `apply(repo, changes)` sends each change to its layer, the book or the file (`writing`, with
  `where` in `models` saying which).
- `key_lines` finds the line of each key, for messages (`lines`).
"""

from __future__ import annotations

from acct_tui.settings.lines import dotted, key_lines
from acct_tui.settings.models import BOOK_KEYS, FileSettings, UiSettings, where
from acct_tui.settings.reading import SettingsFile, SettingsFileError, check_ui, load
from acct_tui.settings.template import defaults_toml, describe
from acct_tui.settings.writing import Changes, apply, init, merged, update

__all__ = [
    "BOOK_KEYS",
    "Changes",
    "FileSettings",
    "SettingsFile",
    "SettingsFileError",
    "UiSettings",
    "apply",
    "check_ui",
    "defaults_toml",
    "describe",
    "dotted",
    "init",
    "key_lines",
    "load",
    "merged",
    "update",
    "where",
]
