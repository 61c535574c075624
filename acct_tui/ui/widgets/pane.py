"""Pane: one of the main screen's four areas, with a title, a heading line and a filter bar.

`/` opens the filter bar; the pane filters its rows as the user types, Enter returns to the
list keeping the filter, Escape clears it (in the bar, or back in the list after Enter).
Subclasses say what a row matches.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from acct_tui.ui.action_table import bindings, enabled
from acct_tui.ui.widgets.fixed_text import FixedText


class FilterBar(Input):
    """The filter input at the bottom of a pane."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("filter")

    def action_clear(self) -> None:
        self.value = ""
        pane = self.parent
        if isinstance(pane, Pane):
            pane.close_filter()


class Pane(Vertical):
    """A titled area holding one focusable body widget."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("pane")

    filter_text: reactive[str] = reactive("")

    def __init__(self, title: str, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=f"pane {classes}".strip())
        self.border_title = title
        self.pane_title = title

    def compose(self) -> ComposeResult:
        yield FixedText(self.heading(), classes="pane-heading")
        yield self.body()
        yield FilterBar(placeholder="filter: type to narrow, Enter keeps, Esc clears", classes="filter-bar")

    def body(self) -> Widget:
        raise NotImplementedError

    def heading(self) -> Content:
        return Content("")

    @property
    def main(self) -> Widget:
        """The widget that takes focus when the pane does."""
        return self.query_one(".pane-body")

    def focus_main(self) -> None:
        self.main.focus()

    def set_heading(self, content: Content) -> None:
        self.query_one(".pane-heading", FixedText).update(content)

    @property
    def has_rows(self) -> bool:
        """Whether the pane lists rows that `/` can filter (Workload's figures are not rows)."""
        return True

    def action_filter(self) -> None:
        bar = self.query_one(FilterBar)
        bar.display = True
        bar.focus()

    def close_filter(self) -> None:
        bar = self.query_one(FilterBar)
        if not bar.value:
            bar.display = False
        self.focus_main()

    @on(Input.Changed, ".filter-bar")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value.strip().casefold()

    @on(Input.Submitted, ".filter-bar")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_filter()

    def on_key(self, event: Key) -> None:
        # Down from the filter bar goes back to the rows, like Enter.
        if event.key == "down" and isinstance(self.screen.focused, FilterBar):
            event.stop()
            self.close_filter()

    def watch_filter_text(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the rows that match `filter_text` (override)."""

    def no_match(self, noun: str) -> str:
        """What an empty list says while the filter hides every row."""
        return f"No {noun} matches {self.filter_text!r}: Esc clears the filter."

    @property
    def filtering(self) -> bool:
        """A filter hides rows (without one, Escape is the screen's: show all clients again)."""
        return bool(self.filter_text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled(self, action)

    def action_clear_filter(self) -> None:
        bar = self.query_one(FilterBar)
        bar.value = ""
        bar.display = False
        self.filter_text = ""
