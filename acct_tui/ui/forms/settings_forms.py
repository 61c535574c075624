"""The settings screen's forms: one per section (working time, stages, playbooks...), the fields of
each with the setting's own description under it, and how a filled form becomes changes.

A field's name is its key path joined by "__" (a widget id cannot hold dots). Only the keys the
user changed are written: `settings.apply` puts each in its layer (the book's in the book, the
others in the settings file, keeping the user's comments) and checks them as the file is checked;
its reasons show under the field they are about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from acct_tui import settings as settings_file
from acct_tui.domain.book import Problem
from acct_tui.domain.enums import Stage, TaskKind, Tier
from acct_tui.domain.parsing import number_text, parse_day
from acct_tui.domain.settings import WEEKDAY_KEYS, Settings
from acct_tui.domain.wording import plural
from acct_tui.store.errors import ChangeRejected
from acct_tui.ui.forms.fields import FieldSpec, Kind
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.planner import Planner

SEP = "__"
Key = tuple[str, ...]


def field_name(key: Key) -> str:
    return SEP.join(key)


def key_of(name: str) -> Key:
    return tuple(name.split(SEP))


# --- how a setting's text is read and shown ----------------------------------------------------

_DAY_NAMES = {name: number for number, name in enumerate(WEEKDAY_KEYS, 1)}


def read_weekdays(text: str) -> list[int]:
    """ "mon tue wed thu fri", "mon-fri", "1-5", "1, 2, 3" -> [1, 2, 3, 4, 5]."""
    days: set[int] = set()
    for part in re.split(r"[,\s]+", text.strip().casefold()):
        if not part:
            continue
        first, _, last = part.partition("-")
        start, end = _weekday(first), _weekday(last or first)
        if end < start:
            raise ValueError(f"{part!r}: a span of days runs from Monday to Sunday, such as mon-fri")
        days.update(range(start, end + 1))
    if not days:
        raise ValueError("name at least one day you work, such as mon-fri")
    return sorted(days)


def _weekday(word: str) -> int:
    if word.isdigit() and 1 <= int(word) <= 7:
        return int(word)
    found = _DAY_NAMES.get(word[:3])
    if found is None:
        raise ValueError(f"{word!r} is not a day of the week: write mon ... sun, or 1 (Monday) ... 7")
    return found


def show_weekdays(days: Sequence[int]) -> str:
    return " ".join(WEEKDAY_KEYS[day - 1].title() for day in days)


def _items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def days_reader(today: date) -> Callable[[str], list[date]]:
    def read(text: str) -> list[date]:
        return [parse_day(part, today) for part in _items(text)]

    return read


def show_days(days: Sequence[date]) -> str:
    return ", ".join(day.isoformat() for day in days)


def read_list(text: str) -> list[str]:
    """Comma-separated (or one a line): "12:30-13:00, 15:00-15:15"."""
    return _items(text)


def show_list(items: Sequence[str]) -> str:
    return ", ".join(items)


def read_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def show_lines(items: Sequence[str]) -> str:
    return "\n".join(items)


def read_window(text: str) -> str | None:
    """A weekday's own window; blank: the usual window."""
    return text.strip() or None


PLAYBOOK_LINE = "title | kind | due in days | hours"


def read_playbook(text: str) -> list[dict[str, Any]]:
    """One task a line: "Agree terms | negotiation | 7 | 2" (the kind, days and hours may be left out)."""
    items = []
    kinds = ", ".join(kind.value for kind in TaskKind)
    for number, line in enumerate(read_lines(text), 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 4:
            raise ValueError(f"line {number}: at most four parts ({PLAYBOOK_LINE})")
        title, kind, days, hours = [*parts, "", "", ""][:4]
        if not title:
            raise ValueError(f"line {number}: the task needs a title first ({PLAYBOOK_LINE})")
        item: dict[str, Any] = {"title": title}
        if kind:
            if kind.casefold() not in {k.value for k in TaskKind}:
                raise ValueError(f"line {number}: {kind!r} is not a kind of task ({kinds})")
            item["kind"] = kind.casefold()
        if days:
            if not days.isdigit():
                raise ValueError(f"line {number}: {days!r} is not a number of days")
            item["due_in_days"] = int(days)
        if hours:
            try:
                item["estimate_hours"] = float(hours.replace(",", "."))
            except ValueError:
                raise ValueError(f"line {number}: {hours!r} is not a number of hours") from None
        items.append(item)
    return items


def show_playbook(items: Sequence[dict[str, Any]]) -> str:
    return "\n".join(
        f"{item['title']} | {item['kind']} | {item['due_in_days']} | {number_text(item['estimate_hours'])}"
        for item in items
    )


# --- the sections ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Setting:
    """One field of a section: its key, and how it shows."""

    key: Key
    label: str
    kind: Kind = "text"
    reader: Callable[[str], Any] | None = None
    shown: Callable[[Any], str] | None = None
    placeholder: str = ""

    def spec(self) -> FieldSpec:
        return FieldSpec(
            field_name(self.key),
            self.label,
            self.kind,
            placeholder=self.placeholder,
            help=settings_file.describe(self.key),
            reader=self.reader,
            shown=self.shown,
        )


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    title: str
    settings: Callable[[date], list[Setting]]
    summary: Callable[[Settings], str]

    @property
    def where(self) -> str:
        """Where the section's settings are kept: "this book" or "the settings file"."""
        keys = {setting.key for setting in self.settings(date.min)}
        return "this book" if all(settings_file.where(key) == "book" for key in keys) else "the settings file"


def value_at(data: Any, key: Key) -> Any:
    """The value at `key` of the settings as plain data (None if not there)."""
    for part in key:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _working_time(today: date) -> list[Setting]:
    return [
        Setting(("capacity", "hours_per_day"), "Hours a day", "number"),
        Setting(("capacity", "work_days"), "Work days", reader=read_weekdays, shown=show_weekdays),
        Setting(
            ("capacity", "days_off"),
            "Days off",
            reader=days_reader(today),
            shown=show_days,
            placeholder="2026-12-24, 2026-12-31",
        ),
        Setting(("capacity", "window"), "Working window", placeholder="09:00-17:30"),
        *(
            Setting(
                ("capacity", "windows", day),
                f"Window on {day.title()}",
                reader=read_window,
                shown=lambda value: value or "",
                placeholder="blank: the working window",
            )
            for day in WEEKDAY_KEYS
        ),
        Setting(("capacity", "breaks"), "Breaks", reader=read_list, shown=show_list, placeholder="12:30-13:00"),
        Setting(("capacity", "control_cost_hours"), "Hours per follow-up", "number"),
    ]


def _working_summary(found: Settings) -> str:
    capacity = found.capacity
    own = ", ".join(f"{day.title()} {window}" for day, window in capacity.windows.items())
    parts = [
        f"{number_text(capacity.hours_per_day)} h a day",
        show_weekdays(capacity.work_days),
        capacity.window + (f" ({own})" if own else ""),
        f"breaks {show_list(capacity.breaks)}" if capacity.breaks else "no breaks",
        plural(len(capacity.days_off), "day") + " off",
    ]
    return " · ".join(parts)


def _stages(today: date) -> list[Setting]:
    found: list[Setting] = []
    for stage in Stage:
        found.append(Setting(("stages", "labels", stage.value), f"{stage.value.title()}: name"))
        found.append(Setting(("stages", "attention_hours", stage.value), "  hours a week", "number"))
    found.append(Setting(("stages", "completed_attention_days"), "Completed counts for", "integer"))
    return found


def _stages_summary(found: Settings) -> str:
    stages = found.stages
    return " · ".join(f"{stages.label(s)} {number_text(stages.attention_hours.get(s, 0.0))} h" for s in Stage)


def _playbooks(today: date) -> list[Setting]:
    return [
        Setting(
            ("playbooks", stage.value),
            f"{stage.value.title()} playbook",
            "notes",
            reader=read_playbook,
            shown=show_playbook,
        )
        for stage in Stage
    ]


def _playbooks_summary(found: Settings) -> str:
    books = [f"{found.stages.label(s)} {plural(len(items), 'task')}" for s, items in found.playbooks.items() if items]
    return " · ".join(books) or "none"


def _cadence(today: date) -> list[Setting]:
    return [Setting(("cadence_days", tier.value), f"A {tier.value} client", "integer") for tier in Tier]


def _cadence_summary(found: Settings) -> str:
    return " · ".join(f"{tier.value} every {found.cadence_for(tier)} days" for tier in Tier)


def _discounts(today: date) -> list[Setting]:
    return [
        Setting(("discounts", "fine_up_to"), "Fine up to %", "number"),
        Setting(("discounts", "approval_above"), "Approval above %", "number"),
    ]


def _discounts_summary(found: Settings) -> str:
    bands = found.discounts
    return f"up to {bands.fine_up_to:g}% fine · above it a reason · above {bands.approval_above:g}% an approval"


def _earnings(today: date) -> list[Setting]:
    return [
        Setting(("earnings", "enabled"), "Show earnings", "flag"),
        Setting(("earnings", "commission_pct"), "Commission %", "number"),
        Setting(("earnings", "bonus_per_new_client"), "Bonus per new client", "number"),
    ]


def _earnings_summary(found: Settings) -> str:
    earnings = found.earnings
    if not earnings.enabled:
        return "off"
    bonus = number_text(earnings.bonus_per_new_client)
    return f"on: {earnings.commission_pct:g}% commission, {bonus} {found.currency} per new client"


def _calendar(today: date) -> list[Setting]:
    return [
        Setting(("calendar", "files"), "Calendar files", "notes", reader=read_lines, shown=show_lines),
        Setting(("calendar", "my_addresses"), "My addresses", reader=read_list, shown=show_list),
        Setting(("calendar", "timezone"), "Time zone", placeholder="blank: the computer's own"),
    ]


def _calendar_summary(found: Settings) -> str:
    calendar = found.calendar
    files = plural(len(calendar.files), "file") if calendar.files else "no files"
    zone = calendar.timezone or "the computer's time zone"
    return f"{files} · {plural(len(calendar.my_addresses), 'address', 'addresses')} of yours · {zone}"


SECTIONS: tuple[Section, ...] = (
    Section("working_time", "Working time", _working_time, _working_summary),
    Section("stages", "Stages", _stages, _stages_summary),
    Section("playbooks", "Playbooks", _playbooks, _playbooks_summary),
    Section("cadence", "Touch cadence", _cadence, _cadence_summary),
    Section("discounts", "Discount bands", _discounts, _discounts_summary),
    Section("earnings", "Earnings", _earnings, _earnings_summary),
    Section("calendar", "Calendars", _calendar, _calendar_summary),
)


# --- a section's form --------------------------------------------------------------------------


def changes_of(data: dict[str, Any], fields: Sequence[Setting], current: dict[str, Any]) -> dict[str | Key, Any]:
    """The keys whose value the form changed (a blank number or window: back to its default),
    compared with the `current` settings as plain data."""
    found: dict[str | Key, Any] = {}
    for setting in fields:
        value = data[field_name(setting.key)]
        if _plain(value) != value_at(current, setting.key):
            found[setting.key] = value
    return found


def rejected(problems: Sequence[str], by_key: dict[Key, str], fields: Sequence[Setting]) -> ChangeRejected:
    """The reasons the settings were refused, each under its field when it is this form's."""
    names = {setting.key for setting in fields}
    located = []
    general = []
    for key, message in by_key.items():
        field = next((key[:n] for n in range(len(key), 0, -1) if key[:n] in names), None)
        if field is None:
            general.append(f"{'.'.join(key)}: {message}")
        else:
            located.append(Problem("settings", None, field_name(field), message))
    return ChangeRejected([*general, *(p.message for p in located)] or list(problems), located=located)


def _by_key(problems: Sequence[str]) -> dict[Key, str]:
    """ "stages.labels.prospect: must be one line" -> {("stages", "labels", "prospect"): "must be one line"}."""
    found: dict[Key, str] = {}
    for problem in problems:
        path, separator, message = problem.partition(": ")
        if separator and re.fullmatch(r"[\w.]+", path):
            found[tuple(path.split("."))] = message
    return found


def section_form(section: Section, planner: Planner) -> FormScreen:
    fields = section.settings(planner.today)
    current = planner.repo.settings.model_dump(mode="json")
    values = {field_name(s.key): _typed(s, value_at(current, s.key)) for s in fields}

    def save(data: dict[str, Any]) -> object:
        changes = changes_of(data, fields, current)
        if not changes:
            return None
        try:
            planner.apply_settings(changes)
        except settings_file.SettingsFileError as err:
            raise rejected(err.details, dict(err.keys), fields) from None
        except ChangeRejected as err:
            by_key = {tuple(k.split(".")): v for k, v in err.fields.items()} or _by_key(err.problems)
            raise rejected(err.problems, by_key, fields) from None
        return changes

    where = section.where
    title = f"Settings: {section.title} (kept in {where}; Esc writes nothing)"
    specs = [s.spec() for s in fields]
    return FormScreen(title, specs, values, save, today=planner.today, now=planner.now(), first=specs[0].name)


def _typed(setting: Setting, value: Any) -> Any:
    """A setting's plain value as its field shows it (a day off is a date, not its text)."""
    if setting.key == ("capacity", "days_off") and isinstance(value, list):
        return [date.fromisoformat(day) for day in value]
    return value


def _plain(value: Any) -> Any:
    """A field's value as the settings hold it in plain data (dates as ISO text)."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
