"""Reading a TOML text, and where each of its keys is written, for messages that name the line.

`parse` is tomllib's, refusing a text nested too deeply with the same error as any other bad
TOML (tomllib recurses, and would raise RecursionError). tomllib forgets where each key was;
`key_lines` finds the line of every key path of a text tomllib already accepted, so a problem
found by the settings models can say "line 5, capacity.hours_per_day: ...". `dotted` reads a
key as TOML writes it (`keymap."clients.new"`), for `acct_tui.settings.update`.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any


def parse(text: str) -> dict[str, Any]:
    """The TOML `text`'s data; raises tomllib.TOMLDecodeError for any text that is not TOML."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("arrays or tables are nested too deeply") from None


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (from 1) where each key path of a valid TOML text is written.

    Tables are paths, arrays of tables add the item's index ("0", "1", ...), keys inside them
    extend the path. A key given twice keeps its first line. Only for locating messages: the
    text must already have been parsed by tomllib.
    """
    found: dict[tuple[str, ...], int] = {}
    lines = text.splitlines()
    prefix: tuple[str, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        number = index + 1
        if stripped.startswith("[["):
            keys, _ = _keys(stripped, 2)
            array = tuple(keys)
            position = array_counts.get(array, 0)
            array_counts[array] = position + 1
            prefix = (*array, str(position))
            found.setdefault(array, number)
            found.setdefault(prefix, number)
        elif stripped.startswith("["):
            keys, _ = _keys(stripped, 1)
            prefix = tuple(keys)
            found.setdefault(prefix, number)
        elif stripped and not stripped.startswith("#"):
            keys, end = _keys(stripped, 0)
            found.setdefault((*prefix, *keys), number)
            index = _value_end(lines, index, stripped[end + 1 :])
        index += 1
    return found


def line_of(lines: dict[tuple[str, ...], int], key: tuple[str, ...]) -> int:
    """The line of `key`, or of the nearest table above it that is written (0: none is)."""
    return next((lines[key[:n]] for n in range(len(key), 0, -1) if key[:n] in lines), 0)


def dotted(key: str) -> tuple[str, ...]:
    """A dotted key as TOML reads it: `capacity.hours_per_day`, `keymap."clients.new"`."""
    parts, _ = _keys(key, 0)
    return tuple(parts)


def _keys(text: str, start: int) -> tuple[list[str], int]:
    """The dotted key starting at `start`, and the index of the "=" or "]" that ends it."""
    keys: list[str] = []
    current = ""
    position = start
    while position < len(text):
        char = text[position]
        if char in "\"'":
            close = position + 1
            while close < len(text) and text[close] != char:
                close += 2 if char == '"' and text[close] == "\\" else 1
            raw = text[position : close + 1]
            current += _unquoted(raw)
            position = close + 1
            continue
        if char in "=]":
            break
        if char == ".":
            keys.append(current.strip())
            current = ""
        else:
            current += char
        position += 1
    keys.append(current.strip())
    return keys, position


def _unquoted(raw: str) -> str:
    if raw.startswith("'"):
        return raw[1:-1]
    try:
        return str(json.loads(raw))
    except ValueError:  # a TOML-only escape such as \UXXXXXXXX: good enough to locate a message
        return raw[1:-1]


def _value_end(lines: list[str], index: int, value: str) -> int:
    """The index of the last line of a value (arrays, inline tables and strings may span lines)."""
    depth = 0
    quote = ""  # the string open at this point: ", ', """ or '''
    text = value
    while True:
        position = 0
        while position < len(text):
            if quote:
                if quote[0] == '"' and text[position] == "\\":
                    position += 2
                elif text.startswith(quote, position):
                    position += len(quote)
                    quote = ""
                else:
                    position += 1
                continue
            char = text[position]
            if char == "#":
                break
            quote = next((q for q in ('"""', "'''", '"', "'") if text.startswith(q, position)), "")
            position += len(quote) or 1
            depth += (char in "[{") - (char in "]}") if not quote else 0
        if len(quote) == 1:  # a one-line string ends with its line
            quote = ""
        if (depth <= 0 and not quote) or index + 1 >= len(lines):
            return index
        index += 1
        text = lines[index]
