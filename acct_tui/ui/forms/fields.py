"""Form fields: what each kind of field looks like, and how its text becomes a value.

A field's widget shows the record's value as text (or a choice); `parse` turns what the user
left there back into the value the model expects, raising ValueError with a message for the
field when it cannot. The model then validates the whole record. Numbers and dates are read by
`acct_tui.domain.parsing`, the parser `acct-tui import` uses too, so "1,500" means the same in a
form and in a CSV file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from acct_tui.domain.parsing import NumberField, number_field, number_text, parse_day, parse_when
from acct_tui.domain.records import TABLES
from acct_tui.ui.forms.inputs import FieldInput, FlagBox

Kind = Literal["text", "notes", "number", "integer", "date", "datetime", "choice", "reference", "flag", "tags"]

Choices = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: the model field it fills, how it is shown and how it is read."""

    name: str
    label: str
    kind: Kind = "text"
    choices: Choices = ()
    """(label, value) pairs for a choice or a reference."""
    optional_choice: str | None = None
    """For a reference that may be empty: the label of "none" (e.g. "me" for an assignee)."""
    placeholder: str = ""
    depends_on: str | None = None
    """A reference whose choices depend on another field's value (a project on its client)."""
    choices_for: Callable[[Any], Choices] | None = field(default=None, compare=False)
    help: str = ""
    """A line under the field saying what it is (the settings' descriptions)."""
    reader: Callable[[str], Any] | None = field(default=None, compare=False)
    """For a text or notes field: turns its text into the value, raising ValueError with a message
    for the field ("mon tue fri" -> [1, 2, 5])."""
    shown: Callable[[Any], str] | None = field(default=None, compare=False)
    """For a field with a `reader`: how a value shows as text (the reader's inverse)."""
    only_if: tuple[str, Any] | None = None
    """(choice field, value): the field is asked only while that choice holds that value (a
    deal's reason for being lost, while its stage is Lost); otherwise it is hidden and not read."""


def widget_for(spec: FieldSpec, value: Any) -> Widget:
    """The input widget for `spec`, showing `value`."""
    widget_id = f"field-{spec.name}"
    if spec.kind == "notes":
        return TextArea(
            as_text(spec, value),
            id=widget_id,
            classes="field-input",
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
        )
    if spec.kind == "flag":
        return FlagBox("", bool(value), id=widget_id, classes="field-input", compact=True)
    if spec.kind in ("choice", "reference"):
        return _select(spec, spec.choices, value, widget_id)
    placeholder = spec.placeholder or _PLACEHOLDERS.get(spec.kind, "")
    return FieldInput(as_text(spec, value), placeholder=placeholder, id=widget_id, classes="field-input", compact=True)


def _select(spec: FieldSpec, choices: Choices, value: Any, widget_id: str) -> Select[Any]:
    options = [(Text(label), choice) for label, choice in choices]
    blank = spec.optional_choice is not None
    legal = {choice for _, choice in choices}
    initial = value if value in legal else (Select.NULL if blank else (choices[0][1] if choices else Select.NULL))
    return Select(
        options,
        value=initial,
        allow_blank=blank or not choices,
        prompt=spec.optional_choice or "choose…",
        id=widget_id,
        classes="field-input",
        compact=True,
    )


def set_choices(widget: Select[Any], spec: FieldSpec, choices: Choices, keep: Any) -> None:
    """Replace a reference's choices (its parent field changed), keeping `keep` if still there."""
    widget.set_options([(Text(label), choice) for label, choice in choices])
    if keep in {choice for _, choice in choices}:
        widget.value = keep


_PLACEHOLDERS = {  # at most 26 characters: the width of a date input beside its hint
    "date": "2026-12-01, +3d, fri",
    "datetime": "2026-11-27 14:30, now",
    "number": "0",
    "integer": "",
    "tags": "comma, separated",
}


def as_text(spec: FieldSpec, value: Any) -> str:
    """How a value shows in a text input."""
    if value is None:
        return ""
    if spec.shown is not None:
        return spec.shown(value)
    if spec.kind == "tags":
        return ", ".join(value)
    if spec.kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if spec.kind == "date" and isinstance(value, date):
        return value.isoformat()
    if spec.kind in ("number", "integer") and isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def read(spec: FieldSpec, widget: Widget, today: date, now: datetime, table: str | None = None) -> Any:
    """The value the user left in `widget` (of a form for a record of `table`, if given).
    Raises ValueError with a message for the field."""
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, TextArea):
        return spec.reader(widget.text) if spec.reader is not None else widget.text
    assert isinstance(widget, Input)
    return parse(spec, widget.value, today, now, table)


def parse(spec: FieldSpec, text: str, today: date, now: datetime, table: str | None = None) -> Any:
    """Text from an input as the value for the model; blank optional fields are None. A number
    is read as its field of `table` reads it (see `number_reader`)."""
    value = text.strip()
    if spec.reader is not None:
        return spec.reader(text)
    if spec.kind == "text":
        return text
    if spec.kind == "tags":
        return tuple(tag.strip() for tag in value.split(",") if tag.strip())
    if not value:
        return None
    if spec.kind == "date":
        return parse_day(value, today)
    if spec.kind == "datetime":
        return parse_when(value, today, now)
    if spec.kind in ("number", "integer"):
        reader = number_reader(spec, table)
        found = reader.amount(value)
        if found.currency is not None:
            raise ValueError("write the amount without its currency (the record's currency is its own field)")
        return int(found.value) if reader.whole else found.value
    return text


def number_reader(spec: FieldSpec, table: str | None) -> NumberField:
    """How a number field reads its text: as its record's field (money written to the cent, and
    the values the field can hold, which settle "1,500"), or as a plain number."""
    cls = TABLES.get(table or "")
    if cls is not None and spec.name in {f.name for f in dataclasses.fields(cls)}:
        return number_field(cls, spec.name)
    return NumberField(whole=spec.kind == "integer")


def hint(spec: FieldSpec, text: str, today: date, now: datetime) -> str:
    """What a date field's text means (shown beside it as the user types)."""
    if spec.kind not in ("date", "datetime") or not text.strip():
        return ""
    try:
        value = parse(spec, text, today, now)
    except ValueError:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%a %d %b %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%a %d %b %Y")
    return ""
