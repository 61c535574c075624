"""The names of the themes the planner can show: Textual's built-in ones (the app registers no other).

Read without starting an app, so `acct-tui config` and the planner's start can check the settings
file's `ui.theme` before anything else happens.
"""

from __future__ import annotations


def theme_names() -> frozenset[str]:
    from textual.theme import BUILTIN_THEMES  # imported on use: `config` pays for it only when asked

    return frozenset(BUILTIN_THEMES)
