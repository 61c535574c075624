"""Reading the settings file, and checking it: every problem named with its key and line.

A missing file means the defaults; a file that does not parse or breaks a rule raises
`SettingsFileError` naming each key and its line, so nothing runs on half-read settings.
`check` validates a text exactly as `load` does, so `acct_tui.settings.update` refuses what
`load` would refuse, in the same words.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from acct_tui.config import config_path
from acct_tui.domain.errors import describe
from acct_tui.domain.settings import Settings
from acct_tui.domain.wording import MB, megabytes, plural
from acct_tui.settings.lines import key_lines, line_of, parse
from acct_tui.settings.models import (
    FILE_ONLY_KEYS,
    KEYMAP,
    UI,
    FileSettings,
    UiSettings,
    key_name_problem,
    key_shape_problem,
)
from acct_tui.status.cache import InputFile, read_input
from acct_tui.store.errors import BookError
from acct_tui.store.storage import describe_os_error

MAX_SETTINGS_BYTES = MB


class SettingsFileError(BookError):
    """The settings file cannot be read or breaks a rule (a BookError, so the CLI exits 1 on it)."""

    def __init__(
        self,
        path: Path,
        message: str,
        details: Sequence[str] = (),
        keys: Mapping[tuple[str, ...], str] | None = None,
    ) -> None:
        super().__init__(path, message, details)
        self.keys = dict(keys or {})
        """Key path -> what is wrong with it (without key and line), for a settings screen to show by the field."""


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """What the settings file says; the defaults when there is no file."""

    path: Path
    exists: bool
    settings: dict[str, Any] = field(default_factory=dict)
    """The file's layer of book settings, as given to `Repository.open(base_settings=...)`."""
    ui: UiSettings = field(default_factory=UiSettings)
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, for `App.set_keymap`."""
    keymap_problems: tuple[tuple[tuple[str, ...], str], ...] = ()
    """(key path, message) of `[keymap]` entries that are not text: reported by `check_ui`, since
    the keys are the planner's alone (a number there stops the planner and `config`, not `status`)."""
    text: str = field(default="", repr=False)
    """The file as read, to locate a key of it in a message."""
    as_read: InputFile | None = None
    """The file as `load` read it (signature and digest), for the status cache; None if not read."""


def load(path: Path | None = None) -> SettingsFile:
    """Read and check the settings file (default: `config_path()`). Raises SettingsFileError."""
    path = path or config_path()
    text, as_read = read_text(path)
    if text is None:
        return SettingsFile(path, exists=False, as_read=as_read)
    return dataclasses.replace(check(path, text), as_read=as_read)


def check(path: Path, text: str) -> SettingsFile:
    """The settings `text` (of the file at `path`) as `load` reads them. Raises SettingsFileError."""
    try:
        data = parse(text)
    except tomllib.TOMLDecodeError as err:
        raise SettingsFileError(path, f"is not valid TOML: {err}") from None
    file_only = {key: data.pop(key) for key in FILE_ONLY_KEYS if key in data}
    keymap, keymap_problems = _keymap_entries(file_only.pop(KEYMAP, {}))
    errors: list[tuple[tuple[str, ...], ErrorDetails]] = []
    own = FileSettings()
    try:
        own = FileSettings.model_validate(file_only)
    except ValidationError as err:
        errors += [(_path(e["loc"]), e) for e in err.errors(include_url=False)]
    try:
        layered = Settings.layered(data)
    except ValidationError as err:
        errors += [(_path(e["loc"]), e) for e in err.errors(include_url=False)]
    found = [(key, _message(key, error)) for key, error in errors]
    if not errors and layered.calendar.timezone.strip():
        found += _unknown_zone(layered.calendar.timezone)
    if found:
        raise problems(path, text, found)
    return SettingsFile(
        path, exists=True, settings=data, ui=own.ui, keymap=keymap, keymap_problems=keymap_problems, text=text
    )


def _keymap_entries(table: object) -> tuple[dict[str, str], tuple[tuple[tuple[str, ...], str], ...]]:
    """The `[keymap]` entries whose keys are text (stripped), and the problems of the others."""
    if not isinstance(table, dict):
        return {}, (((KEYMAP,), 'must be a table of command ids and keys, such as "clients.new" = "ctrl+n"'),)
    keymap: dict[str, str] = {}
    found: list[tuple[tuple[str, ...], str]] = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys.strip()
        else:
            what = "is empty" if isinstance(keys, str) else f"is {keys!r}"
            found.append(((KEYMAP, binding_id), f'{what}: give the keys as text, such as "ctrl+n"'))
    return keymap, tuple(found)


def _unknown_zone(name: str) -> list[tuple[tuple[str, ...], str]]:
    """The zone database's word on `calendar.timezone` (a name it does not know is caught here,
    with its line, not when a calendar is first read)."""
    from acct_tui.calendar.zones import UnknownTimeZone, zone_named

    try:
        zone_named(name)
    except UnknownTimeZone as err:
        return [(("calendar", "timezone"), f"calendar.timezone: {err}")]
    return []


def check_ui(
    loaded: SettingsFile,
    themes: Callable[[], Collection[str]],
    binding_ids: Callable[[], Collection[str]] | None = None,
    named_keys: Callable[[], Collection[str]] | None = None,
    clashes: Callable[[Mapping[str, str]], Sequence[tuple[str, str]]] | None = None,
) -> None:
    """Raise SettingsFileError, naming each key and its line, if `ui.theme` is not one of
    `themes()`, or a `[keymap]` binding id is not one of `binding_ids()`, names a key that is
    neither in `named_keys()` nor a character's name, or gives a key that `clashes` finds taken
    ((binding id, message) pairs).

    The callables are the planner's lists (Textual's themes and key names, the app's commands),
    asked only when needed (a theme other than the default, a keymap that is not empty).
    """
    found: list[tuple[tuple[str, ...], str]] = list(loaded.keymap_problems)
    theme = loaded.ui.theme
    if theme != UiSettings().theme:
        known = sorted(themes())
        if theme not in known:
            found.append(((UI, "theme"), f"is not a Textual theme; choose one of {', '.join(known)} (got {theme!r})"))
    keymap = loaded.keymap
    if keymap:
        ids = frozenset(binding_ids()) if binding_ids is not None else None
        names = frozenset(named_keys()) if named_keys is not None else None
        sound: dict[str, str] = {}
        for binding_id, keys in keymap.items():
            if ids is not None and binding_id not in ids:
                found.append(((KEYMAP, binding_id), "is not a command's id (the help screen, ?, shows them)"))
            elif (problem := key_shape_problem(keys)) or (
                names is not None and (problem := key_name_problem(keys, names))
            ):
                found.append(((KEYMAP, binding_id), problem))
            else:
                sound[binding_id] = keys
        if clashes is not None and sound:  # among the entries that are right, in the same message
            found += [((KEYMAP, binding_id), message) for binding_id, message in clashes(sound)]
    if found:
        raise problems(loaded.path, loaded.text, [(key, f"{_dotted(key)}: {message}") for key, message in found])


def problems(path: Path, text: str, found: list[tuple[tuple[str, ...], str]]) -> SettingsFileError:
    """The error for `found` (key, message) problems of the file, each with its line, in line order."""
    lines = key_lines(text)
    located = sorted((line_of(lines, key), message, key) for key, message in found)
    details = [f"line {line}, {message}" if line else message for line, message, _ in located]
    keys = {key: message.removeprefix(f"{_dotted(key)}: ") for _, message, key in located}
    return SettingsFileError(
        path, f"has {plural(len(details), 'problem')} (fix the file, or delete it to use the defaults)", details, keys
    )


def read_text(path: Path) -> tuple[str | None, InputFile]:
    """The file's text (None if there is no file), and the file as read (for the status cache).
    Raises SettingsFileError."""
    try:
        data, as_read = read_input(str(path), MAX_SETTINGS_BYTES + 1)
    except IsADirectoryError:
        raise SettingsFileError(path, "is a folder, not a settings file") from None
    except OSError as err:
        raise SettingsFileError(path, f"cannot be read: {describe_os_error(err)}") from None
    if data is None:
        return None, as_read
    if len(data) > MAX_SETTINGS_BYTES:
        raise SettingsFileError(path, f"is larger than {megabytes(MAX_SETTINGS_BYTES)}: that is not a settings file")
    try:
        return data.decode("utf-8"), as_read
    except UnicodeDecodeError as err:
        raise SettingsFileError(path, f"byte {err.start} is not UTF-8: save the file as UTF-8 text") from None


def _dotted(key: tuple[str, ...]) -> str:
    return ".".join(key) or "the file"


def _path(loc: tuple[int | str, ...]) -> tuple[str, ...]:
    # pydantic marks an invalid dict key with a "[key]" part after the key itself
    return tuple(str(part) for part in loc if part != "[key]")


def _message(key: tuple[str, ...], error: ErrorDetails) -> str:
    value = error.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return f"{_dotted(key)}: {describe(error)}{shown}"
