"""HelpScreen: every key, grouped by where it works, with the id a keymap names it by (the action table's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from acct_tui.ui.action_table import bindings

HelpSection = tuple[str, Sequence[BindingType]]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, sections: Sequence[HelpSection], extra: Content | None = None) -> None:
        super().__init__(classes="help-screen")
        self.sections = sections
        self.extra = extra

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for title, bindings in self.sections:
                    yield Static(Content.styled(title, "bold $accent"), classes="help-section")
                    yield Static(self._lines(bindings), classes="help-keys")
                if self.extra is not None:
                    yield Static(self.extra, classes="help-extra")
            yield Static(Content.styled("Esc closes · ctrl+p finds any command by name", "dim"))

    def _lines(self, bindings: Sequence[BindingType]) -> Content:
        rows: list[Content] = []
        shown = [binding for binding in bindings if isinstance(binding, Binding)]
        width = max((len(binding.description) for binding in shown), default=0)
        for binding in shown:
            keys = binding.key_display or ", ".join(
                self.app.get_key_display(Binding(k, "")) for k in binding.key.split(",")
            )
            # The id is what a [keymap] in the settings file names to move the key.
            rows.append(
                Content.assemble(
                    (f"{keys:>10}", "bold"), "  ", f"{binding.description:<{width}}", (f"  {binding.id or ''}", "dim")
                )
            )
        return Content("\n").join(rows)

    def action_close(self) -> None:
        self.dismiss(None)
