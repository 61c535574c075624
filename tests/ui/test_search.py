"""Search across the whole book: the search screen and the palette find notes and activities, and
Enter opens the record where it lives; the index is built only once someone searches."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.command import CommandPalette

from acct_tui.domain.enums import ActivityKind
from acct_tui.domain.records import Activity, Task
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.screens.search import SearchScreen
from tests.conftest import TODAY
from tests.ui.conftest import Ui, lines_of, running


def _with_zebras(path: Path) -> tuple[int, int]:
    """A task whose notes, and a call whose summary, mention zebras (the demo book has none)."""
    with Repository.open(path, today=TODAY) as repo:
        bank = next(c for c in repo.book.clients.values() if c.name == "Saigon Commercial Bank")
        task = repo.tasks.add(
            Task(title="Price sheet", client_id=bank.id, due=date(2026, 12, 8), notes="ask about the Zebra pricing")
        )
        call = repo.activities.add(
            Activity(
                client_id=bank.id,
                when=datetime(2026, 11, 26, 10, 0),
                summary="Zebra crossing the budget line, said the COO",
                kind=ActivityKind.CALL,
                minutes=20,
            )
        )
    return task.id, call.id


async def _search(ui: Ui, text: str) -> SearchScreen:
    await ui.press("ctrl+f")
    screen = ui.screen
    assert isinstance(screen, SearchScreen)
    await ui.type(text)
    await ui.settle()  # the index is built in a worker the first time
    return screen


async def test_search_finds_notes_and_activities_and_enter_opens_the_record_in_place(demo_path: Path) -> None:
    task_id, call_id = _with_zebras(demo_path)
    async with running(demo_path) as ui:
        await _search(ui, "zebr")
        text = ui.text("#search-hits")
        assert "Tasks (1)" in text and "Price sheet" in text and "notes: ask about the Zebra pricing" in text
        assert "Activities (1)" in text and "Zebra crossing the budget line" in text
        assert "2 records found: 1 task · 1 activity" in ui.text("#search-summary")
        await ui.press("down", "enter")  # the task: its form
        assert isinstance(ui.screen, FormScreen) and ui.screen.form_title == "Edit task: Price sheet"
        await ui.press("escape")
        assert isinstance(ui.screen, SearchScreen)
        await ui.press("down", "enter")  # the call: the client's timeline, the cursor on it
        detail = ui.screen
        assert isinstance(detail, ClientDetailScreen)
        assert ui.app.focused is not None and ui.app.focused.parent is not None
        assert ui.app.focused.parent.id == "timeline"
        assert ui.app.focused.current.id == call_id
        await ui.press("escape", "escape")
        assert isinstance(ui.screen, MainScreen)
        assert task_id


async def test_a_project_found_opens_on_the_board_and_an_edit_is_found_at_once(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await _search(ui, "contract renewal 2027")
        assert "Contract renewal 2027" in ui.text("#search-hits")
        await ui.press("down", "enter")
        assert isinstance(ui.screen, MainScreen)
        assert ui.card_title() == "Contract renewal 2027"
        # The edit shows in the search at once (the index is built again while the search is in use).
        await ui.press("e")
        await ui.fill("title", "Contract renewal 2028")
        await ui.press("ctrl+s")
        await ui.settle()
        await _search(ui, "2028")
        assert "Contract renewal 2028" in ui.text("#search-hits")


async def test_the_palette_finds_records_too(demo_path: Path) -> None:
    _with_zebras(demo_path)
    async with running(demo_path) as ui:
        await ui.press("ctrl+p")
        await ui.type("zebr")
        await ui.settle()
        await ui.type("a")  # the palette asks again: the index is there now
        await ui.pilot.pause(0.05)
        await ui.steady()
        assert isinstance(ui.screen, CommandPalette)
        listed = " ".join(" ".join(lines_of(ui.screen.query_one("CommandList"))).split())
        assert "Price sheet task · notes: ask about the Zebra pricing" in listed


async def test_a_session_that_never_searches_builds_no_index(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("3", "x")
        await ui.settle()
        assert ui.app.search.index is None
