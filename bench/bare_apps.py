"""The bare Textual apps every budget is a ratio to, measured in the same run as acct-tui.

`Bare` (Header, Static, Footer) is the start budgets' reference; `BareList` (a ListView of 100
items) the key presses': moving its cursor is the least a key press to a new frame can cost.
`python bench/bare_apps.py` runs `Bare` in the terminal (bench/terminal.py starts it in tmux).
"""

from __future__ import annotations

from textual.app import App, ComposeResult  # noqa: TID251
from textual.widgets import Footer, Header, Label, ListItem, ListView, Static  # noqa: TID251

HELLO = "Hello, bench"


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HELLO, id="hello")
        yield Footer()


class BareList(App[None]):
    ITEMS = 100

    def compose(self) -> ComposeResult:
        yield Header()
        yield ListView(*(ListItem(Label(f"Item {n}")) for n in range(self.ITEMS)), id="list")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
