"""ReportScreen: the weekly report, as written to its file, in a Markdown viewer."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import MarkdownViewer, Static

from acct_tui.ui.action_table import bindings


class ReportScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("report")

    def __init__(self, markdown: str, path: Path) -> None:
        super().__init__(classes="help-screen")
        self.markdown = markdown
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.assemble(("Weekly report, saved as ", "bold"), str(self.path)), classes="dialog-title")
            yield MarkdownViewer(self.markdown, show_table_of_contents=False, open_links=False)
            yield Static(Content.styled("Esc closes", "dim"))

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_close(self) -> None:
        self.dismiss(None)
