"""The settings file: `settings.toml` in the user config folder, read with the standard tomllib.

It holds the keys of `acct_tui.domain.settings.Settings` (capacity, stages, cadences, discount
bands, stress, urgency, playbooks, `[import]`...) and a `[ui]` table for the planner's look (`theme`), which
the domain never sees. Values are layered: built-in defaults, then this file, then the book's own
settings. A missing file means the defaults; a file that does not parse or breaks a rule stops
acct-tui with a message naming the key and its line, so nothing runs on half-read settings.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from acct_tui.config import config_path
from acct_tui.domain.errors import describe
from acct_tui.domain.settings import Settings
from acct_tui.domain.types import ONE_LINE_PATTERN
from acct_tui.domain.wording import plural
from acct_tui.status.cache import InputFile, read_input
from acct_tui.store.errors import BookError
from acct_tui.store.storage import atomic_write, describe_os_error, make_folders

UI = "ui"
MAX_SETTINGS_BYTES = 1 << 20


class SettingsFileError(BookError):
    """The settings file cannot be read or breaks a rule (a BookError, so the CLI exits 1 on it)."""


ThemeName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=ONE_LINE_PATTERN)
]
"""A Textual theme's name; whether such a theme exists is checked by `check_theme` (Textual knows)."""


class UiSettings(BaseModel):
    """The `[ui]` table: how the planner looks. Only the UI reads it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: ThemeName = "textual-dark"


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """What the settings file says; the defaults when there is no file."""

    path: Path
    exists: bool
    settings: dict[str, Any] = field(default_factory=dict)
    """The file's layer of book settings, as given to `Repository.open(base_settings=...)`."""
    ui: UiSettings = field(default_factory=UiSettings)
    text: str = field(default="", repr=False)
    """The file as read, to locate a key of it in a message."""
    as_read: InputFile | None = None
    """The file as `load` read it (signature and digest), for the status cache; None if not read."""


def load(path: Path | None = None) -> SettingsFile:
    """Read and check the settings file (default: `config_path()`). Raises SettingsFileError."""
    path = path or config_path()
    text, as_read = _read_text(path)
    if text is None:
        return SettingsFile(path, exists=False, as_read=as_read)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SettingsFileError(path, f"is not valid TOML: {err}") from None
    ui_data = data.pop(UI, {})
    errors: list[tuple[tuple[str, ...], ErrorDetails]] = []
    ui = UiSettings()
    try:
        ui = UiSettings.model_validate(ui_data)
    except ValidationError as err:
        errors += [((UI, *_path(e["loc"])), e) for e in err.errors(include_url=False)]
    try:
        Settings.layered(data)
    except ValidationError as err:
        errors += [(_path(e["loc"]), e) for e in err.errors(include_url=False)]
    if errors:
        raise _problems(path, text, [(key, _message(key, error)) for key, error in errors])
    return SettingsFile(path, exists=True, settings=data, ui=ui, text=text, as_read=as_read)


def check_theme(loaded: SettingsFile, themes: Callable[[], Collection[str]]) -> None:
    """Raise SettingsFileError, naming the key and its line, if `ui.theme` is not one of `themes()`
    (asked only for a theme other than the default: Textual's list costs its import)."""
    theme = loaded.ui.theme
    if theme == UiSettings().theme:
        return
    known = sorted(themes())
    if theme not in known:
        key = (UI, "theme")
        message = f"{'.'.join(key)}: is not a Textual theme; choose one of {', '.join(known)} (got {theme!r})"
        raise _problems(loaded.path, loaded.text, [(key, message)])


def _problems(path: Path, text: str, found: list[tuple[tuple[str, ...], str]]) -> SettingsFileError:
    """The error for `found` (key, message) problems of the file, each with its line, in line order."""
    lines = key_lines(text)
    located = sorted((_line(lines, key), message) for key, message in found)
    details = [f"line {line}, {message}" if line else message for line, message in located]
    return SettingsFileError(
        path, f"has {plural(len(details), 'problem')} (fix the file, or delete it to use the defaults)", details
    )


def _read_text(path: Path) -> tuple[str | None, InputFile]:
    """The file's text (None if there is none), and the file as read (for the status cache)."""
    try:
        data, as_read = read_input(str(path), MAX_SETTINGS_BYTES + 1)
    except IsADirectoryError:
        raise SettingsFileError(path, "is a folder, not a settings file") from None
    except OSError as err:
        raise SettingsFileError(path, f"cannot be read: {describe_os_error(err)}") from None
    if data is None:
        return None, as_read
    if len(data) > MAX_SETTINGS_BYTES:
        raise SettingsFileError(path, "is larger than 1 MB: that is not a settings file")
    try:
        return data.decode("utf-8"), as_read
    except UnicodeDecodeError as err:
        raise SettingsFileError(path, f"byte {err.start} is not UTF-8: save the file as UTF-8 text") from None


def _path(loc: tuple[int | str, ...]) -> tuple[str, ...]:
    # pydantic marks an invalid dict key with a "[key]" part after the key itself
    return tuple(str(part) for part in loc if part != "[key]")


def _line(lines: dict[tuple[str, ...], int], key: tuple[str, ...]) -> int:
    """The line of `key`, or of the nearest table above it that is written (0: none is)."""
    return next((lines[key[:n]] for n in range(len(key), 0, -1) if key[:n] in lines), 0)


def _message(key: tuple[str, ...], error: ErrorDetails) -> str:
    value = error.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return f"{'.'.join(key) or 'the file'}: {describe(error)}{shown}"


# --- where each key is written ----------------------------------------------------------------


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


# --- writing the defaults ---------------------------------------------------------------------

HEADER = """\
# acct-tui settings: every key of every book, written with its default value.
# Delete a key (or the whole file) to use the built-in default. A book's own settings, changed
# in the planner, win over this file. `acct-tui config` checks the file.
"""

_WILDCARD_PARENTS = ("stages.labels", "stages.attention_hours", "cadence_days", "playbooks")
"""Tables whose keys are stages or tiers: their keys share one comment, with the key filled in."""

COMMENTS: dict[str, str] = {
    "currency": "Currency of money amounts: three capital letters, such as EUR.",
    "delegable_kinds": "Task kinds the day plan may suggest delegating to a staff member.",
    "capacity": "Your working time.",
    "capacity.hours_per_day": "The most hours you work on a working day (the window less its breaks, if shorter).",
    "capacity.work_days": "The days you work: 1 = Monday ... 7 = Sunday.",
    "capacity.days_off": "Days off (holidays, leave), such as [2026-12-24, 2026-12-31].",
    "capacity.window": "When you work on a working day; only the part of a meeting inside it takes time.",
    "capacity.windows": 'A different window for some weekdays, such as fri = "09:00-15:00" (mon ... sun).',
    "capacity.breaks": "Breaks inside the window, such as lunch: no work, and meetings in them take no time.",
    "capacity.control_cost_hours": "Hours to check on one delegated task that waits for its follow-up.",
    "schedule": "The schedule of the days ahead: how far it looks and how it cuts tasks into days.",
    "schedule.horizon_days": "Working days shown from today (the chart, the week view, status): 5 to 20.",
    "schedule.lookahead_days": "Working days past those it still fills, to tell when a late task can really be done.",
    "schedule.min_chunk_hours": "A task longer than a day's free time is split into parts of at least this.",
    "calendar": "Your own calendars: read (never written) for your meetings.",
    "calendar.files": "iCalendar files or folders of .ics files (Outlook, Google, Apple exports, vdirsyncer).",
    "calendar.my_addresses": "Your e-mail addresses: a meeting you declined under one of them takes no time.",
    "calendar.timezone": "An IANA time zone such as Europe/Berlin; empty: the computer's own.",
    "stages": "Project lifecycle stages.",
    "stages.completed_attention_days": "A completed project keeps its small attention cost for this many days.",
    "stages.labels": "The names shown for the stages.",
    "stages.labels.*": "Name shown for the {key} stage.",
    "stages.attention_hours": "Hours a week one project in each stage asks of you, before its tasks and meetings.",
    "stages.attention_hours.*": "Hours a week for one project in {key}.",
    "cadence_days": "Touch cadence: days a client of each tier may go without contact.",
    "cadence_days.*": "Days between touches for a {key} client.",
    "discounts": "Discount bands, in percent.",
    "discounts.fine_up_to": "Discounts up to this need nothing.",
    "discounts.approval_above": "Above fine_up_to a discount needs a reason; above this, also an approval (who, when).",
    "stress": "The stress index: the points of each part (the parts' maxima add up to 100) and its thresholds.",
    "stress.utilisation_from": "Utilisation (1.0 = 100%) from which the utilisation part counts.",
    "stress.utilisation_full": "Utilisation at which the utilisation part gives its most points.",
    "stress.utilisation_max": "Most points from utilisation.",
    "stress.overdue_each": "Points per promise to a client at risk (overdue, or finished after its due date).",
    "stress.overdue_max": "Most points from promises at risk.",
    "stress.kickoffs_allowed": "Kickoffs running at once that cost no points.",
    "stress.kickoff_each": "Points per kickoff above those allowed.",
    "stress.kickoff_max": "Most points from parallel kickoffs.",
    "stress.clients_per_day_allowed": "Distinct clients touched in a day that cost no points.",
    "stress.client_switch_each": "Points per client above those allowed in a day.",
    "stress.client_switch_max": "Most points from switching between clients.",
    "stress.follow_up_each": "Points per delegated task past its follow-up date.",
    "stress.follow_up_max": "Most points from delegated tasks past their follow-up date.",
    "stress.quiet_client_each": "Points per client past its touch cadence.",
    "stress.quiet_client_max": "Most points from clients past their touch cadence.",
    "stress.long_hours_threshold": "Hours worked a week (the last 4 weeks on average) from which long hours count.",
    "stress.long_hours_points": "Points for a week above long_hours_threshold.",
    "stress.sustained_above": "Three of the last four weeks above this is a sustained-overload warning.",
    "stress.amber_at": "The index is shown amber from this value.",
    "stress.red_at": "The index is shown red from this value.",
    "urgency": "Task urgency: the sum of the coefficients that apply to a task (as in taskwarrior).",
    "urgency.overdue": "Added when the task is overdue.",
    "urgency.due_within_7_days": "Added when the task is due within 7 days.",
    "urgency.due_within_14_days": "Added when the task is due within 14 days.",
    "urgency.priority_high": "Added for a high-priority task.",
    "urgency.priority_medium": "Added for a medium-priority task.",
    "urgency.priority_low": "Added for a low-priority task.",
    "urgency.tier_strategic": "Added when the task's client is strategic.",
    "urgency.tier_key": "Added when the task's client is key.",
    "urgency.kickoff_stage": "Added when the task's project is in Kickoff.",
    "urgency.renewal_within_90_days": "Added when the client's renewal is within 90 days.",
    "urgency.blocked": "Added (negative: lowers urgency) when the task is blocked.",
    "urgency.waiting": "Added (negative: lowers urgency) when the task waits on someone.",
    "playbooks": "Playbooks: the tasks suggested when a project enters a stage, one [[playbooks.STAGE]] per task.",
    "playbooks.*": "A task suggested when a project enters {key}.",
    "playbooks.*.title": "What to do.",
    "playbooks.*.kind": "call, meeting, presentation, negotiation, document, check, email or other.",
    "playbooks.*.due_in_days": "Due this many days after the project enters the stage.",
    "playbooks.*.estimate_hours": "Hours it takes.",
    "earnings": "The optional earnings view.",
    "earnings.enabled": "Show the earnings view.",
    "earnings.commission_pct": "Commission on won deals, in percent of their value.",
    "earnings.bonus_per_new_client": "Bonus per new client.",
    "sync": "Syncing the book over git from the planner (see acct-tui sync).",
    "sync.on_start": "Sync when the planner starts.",
    "sync.on_quit": "Sync when the planner quits (quitting waits for it).",
    "import": "How acct-tui import reads CRM exports.",
    "import.stages": (
        "A CRM's stage name = the acct-tui stage, for stages the import does not know, "
        'such as "Demo Booked" = "prospect".'
    ),
    "ui": "How the planner looks (the books do not keep this).",
    "ui.theme": "A Textual theme, such as textual-dark, textual-light, nord or gruvbox.",
}


def comment_key(path: tuple[str, ...]) -> tuple[str, str]:
    """The COMMENTS key of a settings path (list indices dropped, stage and tier keys as "*"),
    and the stage or tier it stands for ("" if none)."""
    parts: list[str] = []
    key = ""
    for part in path:
        if part.isdigit():
            continue
        if ".".join(parts) in _WILDCARD_PARENTS:
            key = part
            part = "*"
        parts.append(part)
    return ".".join(parts), key


def defaults_toml() -> str:
    """Every default setting as TOML, each key with its comment."""
    data = Settings().model_dump(mode="json")
    data[UI] = UiSettings().model_dump(mode="json")
    lines = [HEADER]
    _emit_table(lines, (), data, set())
    return "\n".join(lines).rstrip("\n") + "\n"


def init(path: Path | None = None, *, force: bool = False) -> Path:
    """Write `defaults_toml()` to the settings file. FileExistsError if it exists and not `force`."""
    path = path or config_path()
    if path.exists() and not force:
        raise FileExistsError(path)
    try:
        make_folders(path.parent)
        atomic_write(path, defaults_toml().encode())
    except OSError as err:
        raise SettingsFileError(path, f"could not be written: {describe_os_error(err)}") from None
    return path


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _emit_comment(lines: list[str], path: tuple[str, ...], written: set[str]) -> None:
    name, key = comment_key(path)
    text = COMMENTS.get(name, "").format(key=key)
    if text and text not in written:  # the keys of the second playbook item need no comment again
        written.add(text)
        lines.append(f"# {text}")


def _emit_table(lines: list[str], path: tuple[str, ...], table: dict[str, Any], written: set[str]) -> None:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)}
    for key, value in scalars.items():
        _emit_comment(lines, (*path, key), written)
        lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        child = (*path, key)
        dotted = ".".join(_toml_key(part) for part in child)
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


def _toml_key(key: str) -> str:
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
