"""Writing the settings file: the commented defaults, and changes that keep the user's own layout.

`update` changes keys of the file in place with tomlkit (imported on use): the user's comments,
key order, blank lines and quoting stay as they were; only the changed values are rewritten, and
missing tables are added. The new text is checked exactly as `load` checks a file, and written
atomically (mode 0600, a temporary file renamed over the old one) only if it passes.

`apply` is what the planner's settings screen calls: each change goes to its layer (`where`):
book keys into the book with `Repository.set_settings` (one undoable change), the others into
the file; everything is checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from acct_tui.config import config_path
from acct_tui.domain.errors import field_errors
from acct_tui.domain.settings import Settings
from acct_tui.files import atomic_write, make_folders
from acct_tui.settings.lines import dotted, parse
from acct_tui.settings.models import where
from acct_tui.settings.reading import SettingsFile, SettingsFileError, check, load, read_text
from acct_tui.settings.template import defaults_toml
from acct_tui.store.errors import ChangeRejected, ReadOnlyBook
from acct_tui.store.storage import describe_os_error

if TYPE_CHECKING:
    from acct_tui.store.repository import Repository

Changes = Mapping[str | tuple[str, ...], Any]
"""Key -> new value. A key is dotted as TOML writes it (`capacity.hours_per_day`,
`keymap."clients.new"`) or a tuple of its parts; a value of None removes the key (its default,
or the layer below, applies again). Lists and tables are replaced whole."""


def init(path: Path | None = None, *, force: bool = False) -> Path:
    """Write `defaults_toml()` to the settings file. FileExistsError if it exists and not `force`."""
    path = path or config_path()
    if path.exists() and not force:
        raise FileExistsError(path)
    _write(path, defaults_toml())
    return path


def update(path: Path | None, changes: Changes) -> SettingsFile:
    """Change keys of the settings file (default: `config_path()`; created with its folders if
    missing), keeping everything else of it as written. Raises SettingsFileError, naming each key
    and its line as `load` does, and writes nothing, if the file would not load."""
    path = path or config_path()
    loaded = _checked_update(path, changes)
    _write(path, loaded.text)
    return loaded


def apply(repo: Repository, changes: Changes, path: Path | None = None) -> SettingsFile:
    """Change settings from the planner: book keys (`where`) in the book (one undoable change),
    the others in the settings file (which undo does not touch); the book's own value of a key the
    file now sets is dropped, so the new value shows. The repository's settings are layered anew
    at once; the caller refreshes what shows them. Raises SettingsFileError, ChangeRejected or
    ReadOnlyBook, and then changes nothing."""
    path = path or config_path()
    to_file: dict[str | tuple[str, ...], Any] = {}
    to_book: dict[str | tuple[str, ...], Any] = {}
    for key, value in changes.items():
        parts = _parts(key)
        (to_book if where(parts) == "book" else to_file)[parts] = value
    overrides = repo.settings_overrides
    for key in to_file:
        if _has(overrides, _parts(key)):
            to_book[key] = None
    if to_book and repo.read_only:
        raise ReadOnlyBook(repo.path, f"is open read-only; {repo.read_only_why}")
    new_overrides = merged(overrides, to_book)
    loaded = _checked_update(path, to_file) if to_file else load(path)
    try:
        Settings.layered(loaded.settings, new_overrides)
    except ValidationError as err:
        raise ChangeRejected([str(e) for e in field_errors(err)]) from None
    if to_file:
        _write(path, loaded.text)
    repo.set_base_settings(loaded.settings)
    if new_overrides != overrides:
        repo.set_settings(new_overrides)
    return loaded


def merged(layer: Mapping[str, Any], changes: Changes) -> dict[str, Any]:
    """`layer` (nested tables) with `changes` applied: None removes a key, and a table left empty."""
    result: dict[str, Any] = _copy(layer)
    for key, value in changes.items():
        parts = _parts(key)
        if value is None:
            _without(result, parts)
            continue
        table = result
        for part in parts[:-1]:
            child = table.get(part)
            if not isinstance(child, dict):
                child = table[part] = {}
            table = child
        table[parts[-1]] = _plain(value)
    return result


def _without(table: dict[str, Any], parts: tuple[str, ...]) -> None:
    if len(parts) == 1:
        table.pop(parts[0], None)
        return
    child = table.get(parts[0])
    if isinstance(child, dict):
        _without(child, parts[1:])
        if not child:
            del table[parts[0]]


def _checked_update(path: Path, changes: Changes) -> SettingsFile:
    """What `update` would write, checked, without writing it (the text is in `.text`)."""
    import tomlkit

    text = read_text(path)[0] or ""
    if text.strip():
        _parses(path, text)
    document = tomlkit.parse(text)
    for key, value in changes.items():
        _set(document, _parts(key), _plain(value))
    return check(path, tomlkit.dumps(document))


def _parses(path: Path, text: str) -> None:
    """Raise the SettingsFileError `load` gives for a text that is not TOML (tomlkit's words differ)."""
    import tomllib

    try:
        parse(text)
    except tomllib.TOMLDecodeError as err:
        raise SettingsFileError(path, f"is not valid TOML: {err}") from None


def _parts(key: str | tuple[str, ...]) -> tuple[str, ...]:
    parts = dotted(key) if isinstance(key, str) else tuple(key)
    if not parts or not all(parts):
        raise ValueError(f"not a settings key: {key!r}")
    return parts


def _has(layer: Mapping[str, Any], key: tuple[str, ...]) -> bool:
    current: Any = layer
    for part in key:
        if not isinstance(current, Mapping) or part not in current:
            return False
        current = current[part]
    return True


def _set(document: Any, parts: tuple[str, ...], value: Any) -> None:
    """Set (or with None remove) the key `parts` in a tomlkit document, adding missing tables."""
    container = document
    for position, part in enumerate(parts[:-1]):
        child = container.get(part)
        if not isinstance(child, Mapping):
            if value is None:
                return
            nested: Any = value
            for inner in reversed(parts[position + 1 :]):
                nested = {inner: nested}
            container[part] = nested
            return
        container = child
    if value is None:
        if parts[-1] in container:
            del container[parts[-1]]
    else:
        container[parts[-1]] = value


def _plain(value: Any) -> Any:
    """`value` as plain TOML-ready data (enums as their values, tuples as lists, models as tables)."""
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(mode="json", by_alias=True))
    if isinstance(value, Mapping):
        return {str(_plain(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str | dt.date):
        return value
    raise TypeError(f"a setting cannot hold a {type(value).__name__}")


def _copy(layer: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _copy(value) if isinstance(value, Mapping) else value for key, value in layer.items()}


def _write(path: Path, text: str) -> None:
    try:
        make_folders(path.parent)
        atomic_write(path, text.encode())
    except OSError as err:
        raise SettingsFileError(path, f"could not be written: {describe_os_error(err)}") from None
