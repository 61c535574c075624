"""User text is shown as written: names that look like Textual markup appear literally, crash nothing,
and clicking them runs nothing (issue 3, Rules; docs/textual-notes.md point 6)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static
from textual.widgets._toast import Toast

from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Client, Project, StageEntry, Task
from acct_tui.store.repository import Repository
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY
from tests.ui.conftest import find, lines_of, running

SLASH = "[/]"
BOLD = "[b]x[/b]"
CLICK = "[@click=app.quit]x[/]"
LINK = "[link=https://example.com]y[/link]"
NAMES = (SLASH, BOLD, CLICK, LINK)
PROJECT = "[red]P[/red]"
TASK = "[i]t[/i]"


@pytest.fixture
def markup_path(book_path: Path) -> Path:
    """A book whose clients, project and task are named like markup."""
    with Repository.open(book_path, today=TODAY) as repo:
        ids = {name: repo.clients.add(Client(name=name, created_on=TODAY - timedelta(days=30))).id for name in NAMES}
        repo.projects.add(
            Project(
                client_id=ids[SLASH],
                title=PROJECT,
                value=1000,
                stage=Stage.PROSPECT,
                stage_history=(StageEntry(stage=Stage.PROSPECT, entered=TODAY),),
                created_on=TODAY,
            )
        )
        repo.tasks.add(Task(title=TASK, client_id=ids[BOLD], due=TODAY, created_on=TODAY))
    return book_path


def _visible(name: str, text: str) -> bool:
    """`name` is in `text` as written (or its start, where a narrow column cuts it with "…")."""
    return name in text or any(f"{name[:n]}…" in text for n in range(6, len(name)))


async def test_markup_like_names_appear_literally_in_the_panes(markup_path: Path) -> None:
    async with running(markup_path) as ui:
        clients = ui.text("#client-list")
        for name in NAMES:
            assert _visible(name, clients), f"{name!r} is not shown as written in Clients:\n{clients}"
        assert " x " not in clients and "\n  x" not in clients, "a name lost its brackets"
        board = ui.text("#stage-board")
        assert PROJECT in board
        assert _visible(SLASH, board)
        today = ui.text("#today-list")
        assert TASK in today
        assert BOLD in today

        await ui.press("2", "e")  # the project's form: its title, and its client in a choice field
        assert ui.text(".form-title").strip() == f"Edit project: {PROJECT}"
        assert ui.text("#field-client_id #label").strip() == SLASH
        assert ui.focused_id == "field-title"
        await ui.tab_to("client_id")
        await ui.press("space")
        overlay = ui.screen.query_one("SelectOverlay")
        listed = "\n".join(lines_of(overlay))
        for name in NAMES:
            assert _visible(name, listed), f"{name!r} is not shown as written in the client choice:\n{listed}"
        await ui.press("escape", "escape")
        assert isinstance(ui.screen, MainScreen)
        assert ui.app.is_running


async def test_markup_like_names_in_the_client_detail_and_a_delete_notification(markup_path: Path) -> None:
    async with running(markup_path) as ui:
        await ui.to_client(CLICK)
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        summary = ui.text("#detail-summary")
        assert CLICK in summary
        await ui.pilot.click("#detail-summary", offset=(3, 1))
        await ui.pilot.click("#detail-summary", offset=(8, 1))
        assert ui.app.is_running and ui.app.return_code is None
        await ui.press("escape")

        await ui.to_client(SLASH)
        await ui.press("enter")
        assert PROJECT in ui.text("#projects RecordList")
        await ui.press("escape")

        await ui.to_client(LINK)
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        assert f"Delete client {LINK}?" in " ".join(ui.text(".dialog-text").split())
        await ui.press("y")
        await ui.settle()
        toasts = "\n".join("\n".join(lines_of(toast)) for toast in ui.screen.query(Toast))
        assert f"Deleted client {LINK}" in " ".join(toasts.split())
        assert LINK not in {rec["name"] for rec in ui.book()["clients"].values()}
        await ui.press("u")
        await ui.settle()
        find(ui.book(), "clients", name=LINK)
        assert any("Undone: Delete client" in n for n in ui.notifications())
        assert ui.app.is_running


async def test_clicking_a_markup_like_name_runs_nothing(markup_path: Path) -> None:
    async with running(markup_path) as ui:
        client_list = ui.screen.query_one("#client-list")
        row = next(i for i, line in enumerate(ui.lines("#client-list")) if CLICK[:8] in line)
        await ui.pilot.click(client_list, offset=(4, row))
        assert ui.client_name() == CLICK
        assert ui.app.is_running and ui.app.return_code is None
        await ui.pilot.click(client_list, offset=(4, row))  # a click on the cursor row opens the client
        assert isinstance(ui.screen, ClientDetailScreen)
        assert ui.app.is_running and ui.app.return_code is None


async def test_markup_like_names_in_the_palette(markup_path: Path) -> None:
    async with running(markup_path) as ui:
        await ui.press("ctrl+p")
        assert isinstance(ui.screen, CommandPalette)
        await ui.type("Open client")
        await ui.pilot.pause()
        listed = "\n".join(lines_of(ui.screen.query_one("CommandList")))
        for name in NAMES:
            assert f"Open client: {name}" in listed, f"{name!r} is not shown as written in the palette:\n{listed}"
        await ui.keys("ctrl+u")
        await ui.type(CLICK)
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        assert ui.screen.client_id == find(ui.book(), "clients", name=CLICK)[0]
        assert ui.app.is_running and ui.app.return_code is None
        assert CLICK in "".join(lines_of(ui.screen.query_one("#detail-summary", Static)))
