"""The user's keymap (`[keymap]` in the settings file: binding id = keys): the names it may use.

`binding_ids()` and `named_keys()` are what the settings file's check asks (it locates each
problem at its line); `clashes()` finds a key given to two actions of the same place. None of
them starts the UI: Textual's key names are imported on use.
"""

from __future__ import annotations

from collections.abc import Mapping

from acct_tui.ui.action_table import ENTRIES, PLACE, effective_keys, sharing


def binding_ids() -> frozenset[str]:
    """Every binding id a keymap may name (the planner's entries in the action table that have keys)."""
    return frozenset(entry.id for entry in ENTRIES if entry.keys and PLACE[entry.place].planner)


def named_keys() -> frozenset[str]:
    """Textual's names of keys that are not one character ("escape", "f5", "pageup", "slash"...)."""
    from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys

    names = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
    return frozenset(names | set(KEY_NAME_REPLACEMENTS.values()) | set(KEY_TO_UNICODE_NAME))


def normalized(keys: str) -> str:
    """Keys as Textual names them ("?" -> "question_mark"), comma-separated, without spaces."""
    from textual.keys import _character_to_key

    parts = [part.strip() for part in keys.split(",")]
    return ",".join(_character_to_key(part) if len(part) == 1 else part for part in parts if part)


def normalized_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    return {binding_id: normalized(keys) for binding_id, keys in keymap.items()}


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(binding id, message) for each key the keymap gives that another action of the same place
    (a screen, a pane, the app) also has once the keymap is applied: Textual would keep only one.
    A key used by another place is no clash: there, the nearer binding wins (a pane's before the app's)."""
    given = normalized_keymap(keymap)
    found: list[tuple[str, str]] = []
    for binding_id, keys in given.items():
        entry = next((e for e in ENTRIES if e.id == binding_id), None)
        if entry is None:
            continue
        places = sharing(entry.place)
        for other in ENTRIES:
            if other.place not in places or other.id == entry.id:
                continue
            theirs = set(normalized(effective_keys(other, given)).split(",")) - {""}
            for key in keys.split(","):
                if key in theirs:
                    place = PLACE[other.place].title
                    what = f"{other.id} ({other.description}) in {place}"
                    found.append((binding_id, f"{key!r} is already the key of {what}"))
    return found
