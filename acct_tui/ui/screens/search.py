"""SearchScreen: find anything in the book as you type, the hits listed by kind with the text that matched.

Each keystroke asks the book's search index (acct_tui.ui.book_search: built off the UI thread);
Enter opens the highlighted hit where it lives (a client's detail, the board, the task's form),
and Escape from there comes back to the hits. Enter in the search field opens the first hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.events import Key
from textual.widgets import Header, Input, Static

from acct_tui.domain.search import Found, Hit
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import marked
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.record_list import RecordList

KIND_NAMES = {
    "clients": ("client", "clients"),
    "contacts": ("contact", "contacts"),
    "projects": ("project", "projects"),
    "tasks": ("task", "tasks"),
    "activities": ("activity", "activities"),
    "events": ("event", "events"),
    "competitors": ("competitor", "competitors"),
    "staff": ("staff member", "staff"),
}
PER_KIND = 10


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A heading (no hit) or one hit."""

    text: str
    hit: Hit | None = None

    @property
    def key(self) -> object:
        return (self.hit.table, self.hit.record_id) if self.hit is not None else self.text


def rows_of(found: Found) -> list[SearchRow]:
    rows: list[SearchRow] = []
    for kind, count in found.counts.items():
        many = KIND_NAMES.get(kind, (kind, kind))[1]
        shown = len(found.of(kind))
        more = f", the best {shown}" if shown < count else ""
        rows.append(SearchRow(f"{many.capitalize()} ({count}{more})"))
        rows += [SearchRow(hit.title, hit) for hit in found.of(kind)]
    return rows


class SearchScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Input(placeholder="find clients, contacts, projects, tasks, notes, activities…", id="search-text")
        yield Static("", id="search-summary", classes="screen-summary")
        yield RecordList[SearchRow](
            self._line,
            key=lambda row: row.key,
            selectable=lambda row: row.hit is not None,
            empty="Type a few letters of any name, e-mail, phone number, note or call.",
            id="search-hits",
        )
        yield KeyBar()

    shown_for = ""
    """The text the hits on screen are for."""

    def on_mount(self) -> None:
        self.title = "Search"
        self._clients: dict[int, str] = {}
        self.query_one(Input).focus()
        self._show("")

    def _line(self, row: SearchRow, width: int) -> Content:
        hit = row.hit
        if hit is None:
            return Content.styled(row.text, "bold $accent")
        client = self._clients.get(hit.client_id or 0, "") if hit.table != "clients" else ""
        own_text = hit.field in ("name", "title", "summary")
        return Content.assemble(
            "  ",
            marked(hit.title, hit.marks if own_text and hit.excerpt == hit.title else ()).stylize("bold"),
            (f"  {client}" if client else "", "dim"),
            Content.assemble((f"  {hit.field.replace('_', ' ')}: ", "dim"), marked(hit.excerpt, hit.marks))
            if not (own_text and hit.excerpt == hit.title)
            else "",
        )

    @on(Input.Changed, "#search-text")
    def _typed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_index_ready(self) -> None:
        self._show(self.query_one(Input).value)

    def on_book_changed(self) -> None:
        self._show(self.query_one(Input).value)

    def _show(self, text: str) -> None:
        self.shown_for = text
        planner = self.planner
        hits = self.query_one(RecordList)
        summary = self.query_one("#search-summary", Static)
        if not text.strip():
            hits.set_rows([])
            summary.update(
                Content.styled("Every word typed must start a word of the record: ren finds renewal.", "dim")
            )
            return
        found = planner.search.find(planner.repo, text, PER_KIND)
        if found is None:
            hits.set_rows([])
            summary.update(Content.styled("Indexing the book for search…", "$warning"))
            return
        self._clients = {c.id: c.name for c in planner.repo.book.clients.values()}
        hits.set_rows(rows_of(found))
        counts = " · ".join(plural(count, *KIND_NAMES.get(kind, (kind, kind))) for kind, count in found.counts.items())
        summary.update(
            Content.assemble(
                (f"{plural(found.total, 'record')} found", "bold"),
                f": {counts}" if counts else "",
                ("  · ↓ to the hits, Enter opens one", "dim"),
            )
        )

    def on_key(self, event: Key) -> None:
        # Down from the search field goes to the hits.
        if event.key == "down" and isinstance(self.focused, Input):
            event.stop()
            self.query_one(RecordList).focus()

    @on(Input.Submitted, "#search-text")
    def _open_first(self) -> None:
        rows = [row for row in self.query_one(RecordList).rows if row.hit is not None]
        if rows and rows[0].hit is not None:
            self.planner.open_record(rows[0].hit.table, rows[0].hit.record_id)

    @on(RecordList.Chosen, "#search-hits")
    def _clicked(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.query_one(RecordList).current
        if row is not None and row.hit is not None:
            self.planner.open_record(row.hit.table, row.hit.record_id)

    def action_find(self) -> None:
        self.query_one(Input).focus()
