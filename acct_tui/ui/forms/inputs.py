"""The widgets of form fields that differ from Textual's: a text input that passes a pasted row on
to the next fields, and a check box whose state reads without colour.
"""

from __future__ import annotations

import re

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input

_FIELD_BREAK = re.compile(r"\t|\r\n|\r|\n")


class FieldInput(Input):
    """A one-line field. A paste that holds tabs or line breaks (a row copied from a spreadsheet,
    or text typed as a burst by a tool) fills this field with its first part and posts the rest
    as `PastedOn`, for the form to put in the fields that follow, in order."""

    class PastedOn(Message):
        def __init__(self, field: FieldInput, parts: list[str]) -> None:
            super().__init__()
            self.field = field
            self.parts = parts

    def _on_paste(self, event: events.Paste) -> None:
        parts = _FIELD_BREAK.split(event.text.rstrip("\r\n"))
        if len(parts) == 1:
            return  # Input's own handler (Textual calls each class's handler in turn) pastes it
        event.stop()
        event.prevent_default()
        self.insert_text_at_cursor(parts[0])
        self.post_message(self.PastedOn(self, parts[1:]))


class FlagBox(Checkbox):
    """A check box drawn "[x]" or "[ ]": on and off differ in shape, not only in colour. A form's
    check box has no label of its own (the field's label is beside it), so none is padded in: the
    padding would not fit the box's width and cut it to "[ …"."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble(("[", style), ("x" if self.value else " ", style), ("]", style))

    def render(self) -> Content:
        return self._button if not self._label else super().render()
