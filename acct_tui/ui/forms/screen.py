"""FormScreen: a modal form that adds or edits one record.

`ctrl+s` saves from anywhere, Enter in the last field saves (elsewhere it moves to the next
field), Escape cancels and writes nothing. Tab, shift+tab and Enter move the focus at once, before
the keys typed after them are handed out, so a burst of typing (a fast typist, a tool) reaches the
fields in the order typed, and so do the keys typed before the form was built (`ui.type_ahead`);
a pasted row with tabs fills the fields in order. The cursor starts in
the first text field (the title or name: what the user types first). Saving validates the record
with its pydantic model; a bad field gets the model's message under it and the form stays open.
The `save` callback writes through the repository; if the book refuses the change, its reason
shows at the top.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea
from textual.widgets._select import SelectOverlay

from acct_tui.domain.errors import field_errors
from acct_tui.store.errors import BookError, ChangeRejected
from acct_tui.ui.action_table import bindings, enabled
from acct_tui.ui.forms.fields import FieldSpec, as_text, hint, read, set_choices, widget_for
from acct_tui.ui.forms.inputs import FieldInput
from acct_tui.ui.type_ahead import TakesTypeAhead, TypeAheadApp

SaveCallback = Callable[[dict[str, Any]], object]
"""Builds the record (or the settings) from the form's values and saves it, returning what it
saved; raises ValidationError or ChangeRejected (or a BookError)."""

CheckCallback = Callable[[dict[str, Any]], object]
"""Builds the record from the form's values without saving it; raises ValidationError."""


class FormScreen(TakesTypeAhead, ModalScreen[object]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("form")

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        values: dict[str, Any],
        save: SaveCallback,
        *,
        today: date,
        now: datetime,
        table: str | None = None,
        first: str | None = None,
        check: CheckCallback | None = None,
    ) -> None:
        super().__init__(classes="form-screen")
        self.form_title = title
        self.fields = list(fields)
        self.values = values
        self._save = save
        self._check = check
        """Builds the record without saving: while some fields cannot be read, the others' problems
        are found with it, so that one save names every problem, not the rest at the next save."""
        self.today = today
        self.now = now
        self.table = table
        """The table of the record this form edits: the book's reasons about it go under its fields."""
        self.first = first
        """The field the cursor starts in (default: the first text field, where a record's name or
        title is typed, after the choices that are preselected)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Content(self.form_title), classes="form-title")
            yield Static("", classes="form-error", id="form-error", markup=False)
            with VerticalScroll(classes="form-fields"):
                for spec in self.fields:
                    with Vertical(classes="field", id=f"row-{spec.name}") as row:
                        row.display = self._asked(spec, self.values)
                        with Horizontal(classes="field-line"):
                            yield Label(Content(spec.label), classes="field-label")
                            yield widget_for(spec, self.values.get(spec.name))
                            if spec.kind in ("date", "datetime"):
                                hint_classes = f"field-hint -{spec.kind}"
                                yield Static(self._hint_for(spec), classes=hint_classes, id=f"hint-{spec.name}")
                        yield Static("", classes="field-error", id=f"error-{spec.name}", markup=False)
                        if spec.help:
                            yield Static(Content(spec.help), classes="field-help")
            with Horizontal(classes="form-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="form-save")
                yield Button("Cancel  esc", id="form-cancel")

    @staticmethod
    def _asked(spec: FieldSpec, values: dict[str, Any]) -> bool:
        """Whether the form asks `spec` while its fields hold `values` (see FieldSpec.only_if)."""
        return spec.only_if is None or values.get(spec.only_if[0]) == spec.only_if[1]

    def _hint_for(self, spec: FieldSpec) -> str:
        return hint(spec, as_text(spec, self.values.get(spec.name)), self.today, self.now)

    def on_mount(self) -> None:
        first_text = self.first or next((spec.name for spec in self.fields if spec.kind == "text"), self.fields[0].name)
        for widget in self.query(f"#field-{first_text}"):
            self.set_focus(widget)  # at once, not after a refresh: the keys typed ahead go there next
        for select in self.query(Select):
            self.watch(select, "expanded", partial(self._fit_choices, select))
        if isinstance(self.app, TypeAheadApp):
            self.app.keys_ready(self)

    def on_unmount(self) -> None:
        if isinstance(self.app, TypeAheadApp) and not self.ready_for_keys:
            self.app.keys_ready(self)  # closed before it was ready: what was held goes on

    def _fit_choices(self, select: Select[Any], expanded: bool) -> None:
        """An open choice list stays inside the form: as tall as the room below its field (it scrolls)."""
        if not expanded:
            return
        form = self.query_one(".form")
        room = form.region.bottom - 1 - select.region.bottom  # the form's bottom border is not room
        select.query_one(SelectOverlay).styles.max_height = max(3, min(12, room))

    def _widget(self, name: str) -> Widget:
        return self.query_one(f"#field-{name}")

    # --- interaction -------------------------------------------------------------------

    @on(Input.Changed, ".field-input")
    def _show_hint(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        spec = self._spec(name)
        if spec is not None and spec.kind in ("date", "datetime"):
            self.query_one(f"#hint-{name}", Static).update(hint(spec, event.value, self.today, self.now))

    def _asked_fields(self) -> list[Widget]:
        """The field widgets the form asks now, in order (not those `only_if` hides)."""
        return [self._widget(spec.name) for spec in self.fields if self.query_one(f"#row-{spec.name}").display]

    def _one_line_fields(self) -> list[Widget]:
        return [w for w in self._asked_fields() if w.focusable and not isinstance(w, TextArea)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled(self, action)

    @property
    def enter_moves(self) -> bool:
        """Enter moves to the next field (or saves), except where it is the focused widget's own: in
        notes (a new line), in an open choice list and on buttons."""
        focused = self.focused
        return focused in self._one_line_fields() and not (isinstance(focused, Select) and focused.expanded)

    def action_enter(self) -> None:
        fields = self._one_line_fields()
        if fields and self.focused is fields[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(FieldInput.PastedOn)
    def _paste_on(self, event: FieldInput.PastedOn) -> None:
        """The rest of a pasted row, one part per field after the one pasted into, in order."""
        fields = [w for w in self._asked_fields() if w.focusable]
        start = fields.index(event.field) + 1 if event.field in fields else len(fields)
        for widget, text in zip(fields[start:], event.parts, strict=False):
            fill(widget, text)
            widget.focus()

    @on(Select.Changed, ".field-input")
    def _parent_changed(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("field-")
        value = None if event.value is Select.NULL else event.value
        for spec in self.fields:
            if spec.depends_on == name and spec.choices_for is not None:
                child = self.query_one(f"#field-{spec.name}", Select)
                keep = None if child.value is Select.NULL else child.value
                set_choices(child, spec, spec.choices_for(value), keep)
            if spec.only_if is not None and spec.only_if[0] == name:
                self.query_one(f"#row-{spec.name}").display = self._asked(spec, {name: value})

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self._clear_errors()
        data: dict[str, Any] = {}
        problems: dict[str, str] = {}
        asked = self._asked_fields()
        for spec in self.fields:
            widget = self._widget(spec.name)
            if widget not in asked:
                continue
            try:
                data[spec.name] = read(spec, widget, self.today, self.now, self.table)
            except ValueError as err:
                problems[spec.name] = str(err)
        if problems:
            found, general = self._others_problems(data, problems)
            self._show_errors(problems | found, general)
            return
        try:
            record = self._save(data)
        except ValidationError as err:
            self._show_errors(*self._by_field(err))
            return
        except ChangeRejected as err:
            self._show_rejection(err)
            return
        except BookError as err:
            self._show_errors({}, [err.message])
            return
        self.dismiss(record)

    # --- errors --------------------------------------------------------------------------

    def _by_field(self, err: ValidationError, own_only: bool = False) -> tuple[dict[str, str], list[str]]:
        """The record's problems: each under its field (the first), those of no field of the form apart."""
        found: dict[str, str] = {}
        general: list[str] = []
        for error in field_errors(err, own_only=own_only):
            name = error.field.split(".")[0]
            if name in {spec.name for spec in self.fields}:
                found.setdefault(name, error.message)
            else:
                general.append(str(error))
        return found, general

    def _others_problems(self, data: dict[str, Any], unread: dict[str, str]) -> tuple[dict[str, str], list[str]]:
        """The problems of the fields that were read, with the `unread` ones as they were before: only
        each field's own (a validator weighing several fields may blame a value that stood in)."""
        if self._check is None:
            return {}, []
        try:
            self._check(data | {name: self.values[name] for name in unread if name in self.values})
        except ValidationError as err:
            found, general = self._by_field(err, own_only=True)
            return {k: v for k, v in found.items() if k not in unread}, general
        except (ValueError, TypeError, KeyError, LookupError):  # a value the form's own build needs: found at save
            return {}, []
        return {}, []

    def _spec(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def _show_rejection(self, err: ChangeRejected) -> None:
        """The book's reasons: under the field when it is this form's record's, at the top otherwise."""
        if not err.located:
            self._show_errors({}, err.problems)
            return
        names = {spec.name for spec in self.fields}
        by_field: dict[str, str] = {}
        general: list[str] = []
        for problem in err.located:
            mine = self.table is None or problem.table == self.table
            if mine and problem.field in names and problem.field not in by_field:
                by_field[problem.field] = problem.message
            else:
                general.append(problem.for_people)
        self._show_errors(by_field, general)

    def _clear_errors(self) -> None:
        for error in self.query(".field-error"):
            assert isinstance(error, Static)
            error.update("")
            error.display = False
        banner = self.query_one("#form-error", Static)
        banner.update("")
        banner.display = False
        for row in self.query(".field.-invalid"):
            row.remove_class("-invalid")

    def _show_errors(self, by_field: dict[str, str], general: Sequence[str] = ()) -> None:
        for name, message in by_field.items():
            error = self.query_one(f"#error-{name}", Static)
            error.update(Content(message))
            error.display = True
            self.query_one(f"#row-{name}").add_class("-invalid")
        if general:
            banner = self.query_one("#form-error", Static)
            banner.update(Content("\n".join(general)))
            banner.display = True
        first = next((spec.name for spec in self.fields if spec.name in by_field), None)
        if first is not None:
            widget = self._widget(first)
            widget.focus()
            widget.scroll_visible()


_YES = frozenset({"x", "y", "yes", "true", "1", "on"})


def fill(widget: Widget, text: str) -> None:
    """Put pasted `text` in a field: typed into a text field, picked by its label in a choice
    (case-blind, else the first option it starts), ticked for yes/x/true in a check box."""
    if isinstance(widget, Input):
        widget.value = text.strip()
    elif isinstance(widget, TextArea):
        widget.insert(text)
    elif isinstance(widget, Select):
        wanted = text.strip().casefold()
        labels = [(str(label).casefold(), value) for label, value in widget._options if value is not Select.NULL]
        found = next((v for label, v in labels if label == wanted), None)
        found = (
            found
            if found is not None
            else next((v for label, v in labels if wanted and label.startswith(wanted)), None)
        )
        if found is not None:
            widget.value = found
    elif isinstance(widget, Checkbox):
        widget.value = text.strip().casefold() in _YES
