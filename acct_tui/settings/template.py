"""The commented template of every setting (`acct-tui config --init`), made from the models.

Each key's comment is its field's description in the settings models (`Settings`, and
`FileSettings` for `[ui]` and `[keymap]`), so a setting is described in one place: the same text
is the template's comment and the settings screen's help (`describe`). Keys of a table whose
keys are stages or tiers take their description from the table's value type, with `{key}`
filled in.
"""

from __future__ import annotations

import json
import textwrap
import types
from collections.abc import Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from acct_tui.domain.settings import Settings
from acct_tui.settings.models import FileSettings

HEADER = """\
# acct-tui settings: every key of every book, written with its default value.
# Delete a key (or the whole file) to use the built-in default. A book's own settings, changed
# in the planner, win over this file. `acct-tui config` checks the file.
"""
COMMENT_WIDTH = 100


def _unwrapped(annotation: Any) -> tuple[Any, str]:
    """An annotation without its `Annotated` metadata, and the description that metadata gives."""
    if get_origin(annotation) is Annotated:
        infos = [meta for meta in annotation.__metadata__ if isinstance(meta, FieldInfo)]
        text = next((info.description for info in reversed(infos) if info.description), "")
        return get_args(annotation)[0], text
    return annotation, ""


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def describe(path: Sequence[str]) -> str:
    """What the setting at `path` (("capacity", "hours_per_day"), ("stages", "labels", "kickoff"),
    ("playbooks", "kickoff", "0", "title")) is, in a sentence for people; "" if no model knows it."""
    text = ""
    current: Any = None
    for depth, part in enumerate(path):
        if depth == 0:
            info = _field(Settings, part) or _field(FileSettings, part)
            if info is None:
                return ""
            current, text = info.annotation, info.description or ""
            continue
        current, _ = _unwrapped(current)
        origin = get_origin(current)
        if origin in (Union, types.UnionType):  # X | None: the X
            current = next(arg for arg in get_args(current) if arg is not type(None))
            origin = get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = _field(current, part)
            if info is None:
                return ""
            current, text = info.annotation, info.description or ""
        elif origin is dict:
            current, described = _unwrapped(get_args(current)[1])
            text = described.format(key=part) if described else ""
        elif origin is list and part.isdigit():
            current, described = _unwrapped(get_args(current)[0])
            text = described or text  # an item of a list of tables is described by the list
        else:
            return ""
    return text


def defaults_toml() -> str:
    """Every default setting as TOML, each key with its comment."""
    data = Settings().model_dump(mode="json")
    data.update(FileSettings().model_dump(mode="json"))
    lines = [HEADER]
    _emit_table(lines, (), data, set())
    return "\n".join(lines).rstrip("\n") + "\n"


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _emit_comment(lines: list[str], path: tuple[str, ...], written: set[tuple[tuple[str, ...], str]]) -> None:
    text = describe(path)
    # The keys of an array of tables' items (the playbooks' tasks) are described once in the file.
    seen = (path[-1:] if any(part.isdigit() for part in path) else path, text)
    if text and seen not in written:
        written.add(seen)
        lines.extend(f"# {line}" for line in textwrap.wrap(text, COMMENT_WIDTH - 2))


def _emit_table(
    lines: list[str], path: tuple[str, ...], table: dict[str, Any], written: set[tuple[tuple[str, ...], str]]
) -> None:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)}
    for key, value in scalars.items():
        _emit_comment(lines, (*path, key), written)
        lines.append(f"{toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        child = (*path, key)
        dotted = ".".join(toml_key(part) for part in child)
        if isinstance(value, dict):
            lines.append("")
            _emit_comment(lines, child, written)
            if any(not isinstance(v, dict) and not _is_table_array(v) for v in value.values()) or not value:
                lines.append(f"[{dotted}]")
            _emit_table(lines, child, value, written)
        elif _is_table_array(value):
            for position, item in enumerate(value):
                lines.append("")
                _emit_comment(lines, child, written)
                lines.append(f"[[{dotted}]]")
                _emit_table(lines, (*child, str(position)), item, written)


def toml_key(key: str) -> str:
    """`key` as TOML writes it: bare when it can be, else quoted."""
    bare = key.replace("_", "").replace("-", "")
    return key if bare.isascii() and bare.isalnum() else json.dumps(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")
