"""SwitchBookScreen: open another book, typed as a path or picked from the recent books."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from acct_tui.ui.action_table import bindings


class SwitchBookScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("switch")

    def __init__(self, current: Path | None, recent: Sequence[Path]) -> None:
        super().__init__(classes="help-screen")
        self.current = current
        self.recent = [path for path in recent if path != current]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog switch-book"):
            yield Static(Content.styled("Switch book", "bold"), classes="dialog-title")
            yield Static("Path of a book (a new file is created):", classes="field-label-wide")
            yield Input(placeholder="~/books/other.json", id="book-path")
            yield Static(Content.styled("Recent books (↓ to pick, Enter opens):", "dim"))
            options = [Option(Content(str(path)), id=str(index)) for index, path in enumerate(self.recent)]
            yield OptionList(*options, id="recent-books")
            if not self.recent:
                yield Static(Content.styled("No other recent books yet.", "dim italic"))
            yield Static("", id="switch-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#book-path", Input).focus()

    @on(Input.Submitted, "#book-path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#switch-error", Static).update("Type the path of a book, or pick a recent one.")
            self.query_one("#switch-error", Static).display = True
            return
        self.dismiss(Path(text).expanduser())

    @on(OptionList.OptionSelected, "#recent-books")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.recent[int(event.option.id or 0)])

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key == "down" and isinstance(self.focused, Input) and self.recent:
            self.query_one("#recent-books", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
