"""Helpers for Pilot tests: open the planner on a book at a fixed date and clock, read the file back.

Every test drives the app with keys, waits for the save worker, and then reads the book file
from disk: the file is what the user keeps, so that is what the tests assert on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from acct_tui import settings
from acct_tui.calendars import Calendars
from acct_tui.domain.dates import iso_week
from acct_tui.store.repository import Repository
from acct_tui.ui.app import AcctApp
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.widgets.board import StageBoard
from acct_tui.ui.widgets.clients_pane import ClientsPane
from acct_tui.ui.widgets.record_list import RecordList
from acct_tui.ui.widgets.today_pane import TodayPane
from tests.conftest import TODAY

SIZE = (160, 48)
NOW = datetime(2026, 11, 27, 14, 30)

Book = dict[str, dict[int, dict[str, Any]]]


def read_book(path: Path) -> Book:
    """The book file as the user has it on disk: {table: {id: record}}."""
    raw = orjson.loads(path.read_bytes())
    return {table: {int(key): record for key, record in records.items()} for table, records in raw.items()}


def find(book: Book, table: str, **fields: Any) -> tuple[int, dict[str, Any]]:
    """The one record of `table` whose fields have the given values (fails if not exactly one)."""
    found = [(rid, rec) for rid, rec in book[table].items() if all(rec.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, f"expected one {table} record with {fields}, found {len(found)}"
    return found[0]


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def trimmed(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its blank fields (None, "", [], {}).

    A record written back by the app carries every field of the current model, while the file it
    was read from may lack the newer ones: the same record, as far as the user is concerned.
    """
    return {k: v for k, v in record.items() if not _blank(v)}


def same_content(book: Book) -> Book:
    """The book with every record trimmed, to compare a book before and after an undo; the weeks
    aside (the planner writes the week's record with the first change, and undo leaves it)."""
    return {
        table: {rid: trimmed(rec) for rid, rec in records.items()}
        for table, records in book.items()
        if table != "weeks"
    }


def lines_of(widget: Widget) -> list[str]:
    """The text of every line a widget draws (Line API widgets and plain ones alike)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def _character_of(key: str) -> str | None:
    """The character a key types, as `pilot.press` works it out ("slash" -> "/", "space" -> " ")."""
    try:
        return unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        return key if len(key) == 1 else None


async def settle(app: AcctApp, pilot: Pilot[None], *, saved: bool = True, attempts: int = 500) -> None:
    """Wait until the panes' background recompute has ended and, if `saved`, every change is on
    disk (or a save failed)."""
    for _ in range(attempts):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        recomputing = not app.schedule.settled
        if not recomputing and (not saved or not app.repo.dirty or app.save_error):
            return
        if recomputing:  # the recompute starts on a timer, after the frame showing the change
            await pilot.pause(0.01)
    raise AssertionError("the book never finished saving" if saved else "the panes never finished recomputing")


@dataclass
class Ui:
    """The running app and its pilot, with the few moves every test makes."""

    app: AcctApp
    pilot: Pilot[None]

    @property
    def path(self) -> Path:
        return self.app.repo.path

    @property
    def screen(self) -> Screen[Any]:
        return self.app.screen

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.app.screen_stack if isinstance(s, MainScreen))

    @property
    def clients(self) -> ClientsPane:
        return self.main.query_one(ClientsPane)

    @property
    def board(self) -> StageBoard:
        return self.main.query_one(StageBoard)

    @property
    def today(self) -> TodayPane:
        return self.main.query_one(TodayPane)

    def client_name(self) -> str | None:
        """The name of the client under the cursor in the Clients pane."""
        row = self.clients.current
        return row.client.name if row else None

    def card_title(self) -> str | None:
        """The title of the project under the cursor on the board."""
        card = self.board.current
        return card.project.title if card else None

    def task_title(self) -> str | None:
        """The title of the task under the cursor in Today."""
        task = self.today.current_task
        return task.title if task else None

    @property
    def form(self) -> FormScreen:
        screen = self.app.screen
        assert isinstance(screen, FormScreen), f"expected a form, the screen is {screen!r}"
        return screen

    @property
    def focused_id(self) -> str | None:
        focused = self.app.focused
        return focused.id if focused is not None else None

    async def press(self, *keys: str) -> None:
        """Press keys one at a time, waiting after each until the app is done with it (see `steady`).

        The same key events as `pilot.press`, with a wait that a busy machine does not fool.
        """
        for key in keys:
            await self.keys(key if len(key) > 1 or key.isalnum() else _character_to_key(key))

    async def type(self, text: str) -> None:
        """Type `text` into whatever has focus: one key event per character, as a quick typist does.

        The characters go in as a burst of key events and the test waits once at the end, instead
        of once per key (a wait costs more than the key).
        """
        await self.keys(*(c if c.isalnum() else _character_to_key(c) for c in text), chars=text)

    async def keys(self, *keys: str, chars: str | None = None) -> None:
        """Send key events in a burst (no wait between them), then wait for the app once.

        The events are the ones `pilot.press` sends (key name and character), in the same order.
        """
        for index, key in enumerate(keys):
            char = chars[index] if chars is not None else _character_of(key)
            event = events.Key(key, char)
            event.set_sender(self.app)
            self.app.post_message(event)
        await self.steady()

    def _state(self) -> tuple[object, ...]:
        screen = self.app.screen
        return (screen, screen.is_mounted, self.app.focused, sum(1 for _ in screen.walk_children()))

    async def steady(self) -> None:
        """Wait until the app has handled every key sent and the screen stopped changing.

        `pilot.pause` alone guesses idleness from CPU time, which a busy machine fools; a second
        pause after the first reaches the widgets a key was forwarded to, and a screen that is
        still being built (a form opening) keeps changing until it is done.
        """
        await self.pilot.pause()
        if not self.app.is_running:
            return
        state = self._state()
        for _ in range(100):
            await self.pilot.pause()
            if not self.app.is_running:
                return
            now = self._state()
            if now == state:
                return
            state = now
        raise AssertionError("the screen never settled")

    async def tab_to(self, field: str) -> Widget:
        """Move the focus to a form field with tab (or shift+tab), as many times as it takes."""
        target = self.form.query_one(f"#field-{field}")
        chain = self.form.focus_chain
        assert target in chain, f"field {field} cannot take the focus"
        here = chain.index(self.app.focused) if self.app.focused in chain else 0
        steps = chain.index(target) - here
        await self.keys(*(["tab"] * steps if steps >= 0 else ["shift+tab"] * -steps))
        assert self.app.focused is target, f"tab did not reach field {field}"
        return target

    async def fill(self, field: str, text: str) -> None:
        """Tab to a form field, clear it (end, ctrl+u) and type `text`."""
        target = await self.tab_to(field)
        if isinstance(target, Input):
            await self.keys("end", "ctrl+u")
        await self.type(text)

    async def choose(self, field: str, text: str) -> None:
        """Pick an option of a choice field: tab to it, space opens the list, type its first letters, Enter."""
        await self.tab_to(field)
        await self.press("space")
        await self.type(text)
        await self.press("enter")

    async def cursor_to(self, selector: str, found: Callable[[Any], bool]) -> None:
        """Move a list's cursor with up/down to the first row where `found(row)`, as many presses as it takes.

        The presses go in as one burst (the test counts the rows a user would see on the way).
        """
        records = self.app.screen.query_one(selector, RecordList)
        rows = records.rows
        target = next((i for i, row in enumerate(rows) if records._can_select(row) and found(row)), None)
        assert target is not None, f"no row of {selector} matches"
        here = records.cursor
        span = range(here + 1, target + 1) if target > here else range(target, here)
        steps = sum(1 for i in span if records._can_select(rows[i]))
        await self.keys(*(["down"] * steps if target > here else ["up"] * steps))
        assert records.current is not None and found(records.current), f"the cursor missed the row in {selector}"

    async def to_client(self, name: str) -> None:
        await self.cursor_to("#client-list", lambda row: row.client.name == name)

    async def to_task(self, title: str) -> None:
        await self.cursor_to("#today-list", lambda row: row.kind != "heading" and row.title == title)

    async def move_until(self, found: Callable[[], bool], key: str = "down", limit: int = 40) -> None:
        """Press `key` until `found()` (as a user moves the cursor until the row they want)."""
        for _ in range(limit):
            if found():
                return
            await self.press(key)
        assert found(), f"pressed {key} {limit} times without reaching the row"

    async def settle(self) -> None:
        """Wait until every change is on disk (or a save failed) and the panes are recomputed."""
        await settle(self.app, self.pilot)

    def book(self) -> Book:
        return read_book(self.path)

    def lines(self, selector: str) -> list[str]:
        return lines_of(self.app.screen.query_one(selector))

    def text(self, selector: str) -> str:
        return "\n".join(self.lines(selector))

    def error(self, field: str) -> str:
        """The message under a form field ("" when none is shown)."""
        widget = self.form.query_one(f"#error-{field}")
        if not widget.display:
            return ""
        return "\n".join(line.rstrip() for line in lines_of(widget)).strip()

    def notifications(self) -> list[str]:
        return [f"{n.title}: {n.message}" if n.title else n.message for n in self.app._notifications]


@asynccontextmanager
async def running(
    path: Path,
    *,
    size: tuple[int, int] = SIZE,
    calendars: tuple[Path, ...] = (),
    settings_file: Path | None = None,
    today: date = TODAY,
    demo: bool = False,
) -> AsyncIterator[Ui]:
    """The planner on the book at `path` (created if missing), at `today` and 14:30, with `calendars`,
    and with the settings file `settings_file` as the CLI gives it (none: nothing written); `demo`
    as `--demo` opens it."""
    config = settings.load(settings_file) if settings_file is not None else None
    base = config.settings if config is not None else {}
    repo = Repository.open(path, autosave=False, today=today, base_settings=base)
    now = datetime.combine(today, NOW.time())
    app = AcctApp(
        repo, today, clock=lambda: now, calendars=Calendars.of(repo.settings, calendars), config=config, demo=demo
    )
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            ui = Ui(app, pilot)
            await ui.steady()
            if calendars:  # the calendar is read in a worker: wait for its meetings to reach the panes
                await app.workers.wait_for_complete()
                await ui.settle()
            # The app notes this week's record after its first frame (in memory: it reaches the
            # file with the first change): let that happen before the test goes on.
            for _ in range(20):
                if any(week.week == iso_week(today) for week in repo.book.weeks.values()):
                    break
                await pilot.pause()
            await ui.settle()
            yield ui
            await ui.settle()
    finally:
        repo.close()


@pytest.fixture
def empty_path(book_path: Path) -> Path:
    """A book file that does not exist yet: the app creates it, empty."""
    return book_path
