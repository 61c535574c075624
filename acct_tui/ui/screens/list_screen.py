"""ListScreen: a full screen of one list with headings (the ledger, renewals, prospects...).

A subclass says what rows to show (`build`) and how one looks (`line`); the base draws them
with RecordList, keeps them current when the book changes, and goes back with Escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Header, Static

from acct_tui.domain.records import Record
from acct_tui.ui.action_table import bindings
from acct_tui.ui.messages import BookChanged
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.record_list import RecordList

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class ListRow:
    """A row: a heading (no record) or a record, with whatever the screen needs to draw it."""

    text: str
    record: Record | None = None
    style: str = ""
    data: Any = None

    @property
    def key(self) -> object:
        return (self.record.table, self.record.id) if self.record is not None else self.text


def section(title: str, rows: list[ListRow], style: str = "bold $accent") -> list[ListRow]:
    """`rows` under a heading "title (count)"; nothing at all when there are no rows."""
    return [ListRow(f"{title} ({len(rows)})", style=style), *rows] if rows else []


class ListScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("lists")
    TITLE_TEXT: ClassVar[str] = ""
    EMPTY: ClassVar[str] = "Nothing here."

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static("", id="list-summary", classes="screen-summary")
        yield RecordList[ListRow](
            self._draw,
            key=lambda row: row.key,
            selectable=lambda row: row.record is not None,
            empty=self.EMPTY,
            id="list-rows",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.TITLE_TEXT
        self.refresh_list()
        self.query_one(RecordList).focus()

    def on_book_changed(self, message: BookChanged) -> None:
        self.refresh_list(message.back)

    def refresh_list(self, follow: tuple[str, int] | None = None) -> None:
        """Draw the rows again; the cursor goes to the record `follow` names if it is listed."""
        rows, summary = self.build()
        self.query_one(RecordList).set_rows(rows, follow=follow)
        self.query_one("#list-summary", Static).update(summary)

    def _draw(self, row: ListRow, width: int) -> Content:
        return self.line(row, width) if row.record is not None else self.heading(row, width)

    def heading(self, row: ListRow, width: int) -> Content:
        """How a heading looks: its text in its style."""
        return Content.styled(row.text, row.style or "bold")

    def build(self) -> tuple[list[ListRow], Content]:
        raise NotImplementedError

    def line(self, row: ListRow, width: int) -> Content:
        """How a record row looks (headings are the row's text in its style)."""
        raise NotImplementedError

    @property
    def current(self) -> ListRow | None:
        return self.query_one(RecordList).current

    def current_record(self, kind: type[R]) -> R | None:
        """The record of kind `kind` under the cursor, if that is what it is on."""
        row = self.current
        return row.record if row is not None and isinstance(row.record, kind) else None
