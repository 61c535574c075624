"""The keys only the settings file holds (`[ui]`, `[keymap]`), and which layer each setting goes to.

The book settings (`acct_tui.domain.settings.Settings`) are layered: defaults, the settings file,
the book's own. `[ui]` (the theme) and `[keymap]` (your keys) are the planner's, kept in the
file only: the books never hold them, and the domain never sees them.

Which layer a change goes to (`where`): what belongs to the book of business, shared by whoever
keeps the book (stage names and attention, playbooks, cadences, discount bands, the currency), is
written into the book; what belongs to the person and their computer (capacity, schedule,
calendars, stress, urgency, earnings, delegable kinds, import, the look and the keys) into the
settings file.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from acct_tui.domain.types import ONE_LINE_PATTERN

UI = "ui"
KEYMAP = "keymap"
FILE_ONLY_KEYS = (UI, KEYMAP)
"""Top-level tables of the settings file that are not book settings."""
BOOK_KEYS = frozenset({"stages", "playbooks", "cadence_days", "discounts", "currency"})
"""Top-level settings that belong to the book (written with `Repository.set_settings`)."""

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_KEY_NAME = re.compile(r"[a-z0-9_]+")


def where(key: Sequence[str]) -> Literal["book", "file"]:
    """The layer a change of `key` (a path: ("stages", "labels", "kickoff")) is written to."""
    return "book" if key and key[0] in BOOK_KEYS else "file"


ThemeName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=ONE_LINE_PATTERN)
]
"""A Textual theme's name; whether such a theme exists is checked by `check_ui` (Textual knows)."""


def key_shape_problem(keys: str) -> str | None:
    """What is wrong with the form of a binding's keys ("ctrl+n", "f2,ctrl+shift+x"); None if nothing.

    Keys are separated by commas; each is modifiers and a key joined by "+": a single character
    ("n", "?", "N") or a key's name ("f2", "escape", "question_mark", "comma", "plus").
    """
    for token in (part.strip() for part in keys.split(",")):
        if not token:
            return 'has an empty key (keys are separated by commas; the comma key is "comma")'
        *modifiers, name = token.split("+")
        for modifier in modifiers:
            if modifier not in MODIFIERS:
                return f'{token!r}: {modifier!r} is not a modifier ({", ".join(MODIFIERS)}; the plus key is "plus")'
        if not name:
            return f'{token!r}: the key is missing after "+" (the plus key is "plus")'
        if len(name) == 1:
            if name.isspace() or not name.isprintable():
                return f"{token!r}: name the key (space, tab...) instead of typing it"
        elif not _KEY_NAME.fullmatch(name):
            return (
                f"{token!r}: {name!r} is not a key name (a single character, or a name such as f2, escape, "
                "question_mark)"
            )
    return None


def key_name_problem(keys: str, named: Collection[str]) -> str | None:
    """The first key of `keys` (of a valid form) whose name neither Textual knows (`named`) nor is
    the name of a character (question_mark, less_than_sign); None if every one is a key."""
    for token in (part.strip() for part in keys.split(",")):
        name = token.rpartition("+")[2]
        if len(name) > 1 and name not in named and not _is_character_name(name):
            return f"{token!r}: {name!r} is not a key (such as f2, escape, pageup, question_mark)"
    return None


def _is_character_name(name: str) -> bool:
    """Whether `name` is a Unicode character's name as Textual writes it (spaces and dashes as "_")."""
    words = name.upper().split("_")
    if len(words) > 8:
        return False
    for joins in itertools.product((" ", "-"), repeat=len(words) - 1):
        candidate = words[0] + "".join(join + word for join, word in zip(joins, words[1:], strict=True))
        try:
            unicodedata.lookup(candidate)
        except KeyError:
            continue
        return True
    return False


BindingId = Annotated[str, StringConstraints(max_length=100, pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
"""A binding's id, such as clients.new (which ids exist the planner knows: `check_ui`)."""
Keys = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=ONE_LINE_PATTERN)]
"""A binding's keys; their form and names are checked by `check_ui`, so a typo in them stops only
the planner and `acct-tui config`, never `status` in a shell prompt."""


class UiSettings(BaseModel):
    """The `[ui]` table: how the planner looks. Only the UI reads it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: ThemeName = Field(
        "textual-dark", description="A Textual theme, such as textual-dark, textual-light, nord or gruvbox."
    )


class FileSettings(BaseModel):
    """The tables of the settings file that are not book settings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ui: UiSettings = Field(UiSettings(), description="How the planner looks (the books do not keep this).")
    keymap: dict[BindingId, Keys] = Field(
        {},
        description='Your own keys: a command\'s id = its keys, such as "clients.new" = "ctrl+n" (several keys: '
        '"ctrl+n,f2"); the help screen (?) shows each command\'s id.',
    )
