"""Moving between panes (tab, shift+tab, 1-4), tabs at 80x24, resizing, and what empty panes say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Client, Project, StageEntry
from acct_tui.store.repository import Repository
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.widgets.pane import Pane
from tests.conftest import TODAY
from tests.ui.conftest import Ui, running

ORDER = ["clients", "board", "today", "workload"]
BODY = {"clients": "client-list", "board": "stage-board", "today": "today-list", "workload": "workload-view"}


def _pane_of_focus(ui: Ui) -> str | None:
    node = ui.app.focused
    while node is not None and not isinstance(node, Pane):
        node = node.parent  # type: ignore[assignment]
    return node.id if node is not None else None


def _shown(ui: Ui) -> list[str]:
    """The panes on screen (displayed, with room)."""
    return [pane.id or "" for pane in ui.main.query(Pane) if pane.display and pane.region.area > 0]


async def test_tab_shift_tab_and_digits_move_between_the_four_panes(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        assert _pane_of_focus(ui) == "clients"
        seen = []
        for _ in range(4):
            await ui.press("tab")
            seen.append(_pane_of_focus(ui))
        assert seen == [*ORDER[1:], "clients"]
        seen = []
        for _ in range(2):
            await ui.press("shift+tab")
            seen.append(_pane_of_focus(ui))
        assert seen == ["workload", "today"]
        for digit, name in zip("4213", ["workload", "board", "clients", "today"], strict=True):
            await ui.press(digit)
            assert _pane_of_focus(ui) == name
            assert ui.focused_id == BODY[name]
        assert sorted(_shown(ui)) == sorted(ORDER), "at 160x48 every pane is on screen"
        assert not ui.main.has_class("-narrow")


async def test_at_80x24_the_panes_become_tabs_and_tab_still_visits_all_four(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        assert ui.main.has_class("-narrow")
        assert _shown(ui) == ["clients"]
        assert ui.main.query_one("#pane-tabs").display
        visited = []
        for _ in range(4):
            await ui.press("tab")
            pane = _pane_of_focus(ui)
            visited.append(pane)
            assert _shown(ui) == [pane], "only the active pane is displayed"
            assert ui.main.query_one("#pane-tabs").active == f"tab-{pane}"
        assert visited == [*ORDER[1:], "clients"]
        await ui.press("3")
        assert _shown(ui) == ["today"]
        assert any("Plan:" in line for line in ui.lines("#today-list"))


async def test_resizing_between_160x48_and_80x24_never_breaks_the_layout(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("2")
        for width, height in ((80, 24), (200, 60), (100, 30), (160, 48)):
            await ui.pilot.resize_terminal(width, height)
            await ui.pilot.pause()
            narrow = width < 110 or height < 30
            assert ui.main.has_class("-narrow") is narrow, (width, height)
            shown = _shown(ui)
            assert shown == ["board"] if narrow else sorted(shown) == sorted(ORDER), (width, height, shown)
            assert _pane_of_focus(ui) == "board"
            assert "Prospect" in ui.text("#stage-board")
        assert "Apex Cloud Systems" in ui.text("#client-list")
        await ui.press("1", "enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.pilot.resize_terminal(80, 24)
        await ui.pilot.pause()
        assert "Apex Cloud Systems" in ui.text("#detail-summary")
        await ui.press("escape")
        await ui.pilot.resize_terminal(160, 48)
        await ui.pilot.pause()
        assert sorted(_shown(ui)) == sorted(ORDER)
        assert ui.app.is_running and ui.app.return_code is None


def _said(ui: Ui, selector: str) -> list[str]:
    return [line.strip() for line in ui.lines(selector) if line.strip()]


async def test_an_empty_book_says_what_to_do(empty_path: Path) -> None:
    async with running(empty_path) as ui:
        assert _said(ui, "#client-list") == ["No clients yet: press n to add one."]
        assert "No projects yet: press n to add one." in _said(ui, "#stage-board")
        assert any("Staff     none yet: n adds a colleague" in line for line in _said(ui, "#workload-view"))

        await ui.press("/")
        await ui.type("zz")
        assert _said(ui, "#client-list")[0].startswith("No client matches 'zz': Esc clears")
        await ui.press("escape")

        await ui.press("n")
        await ui.type("First")
        await ui.press("ctrl+s")
        await ui.settle()
        assert [rec["name"] for rec in ui.book()["clients"].values()] == ["First"]
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        assert _said(ui, "#contacts RecordList") == ["No contacts: c adds one."]
        assert _said(ui, "#projects RecordList") == ["No projects: p adds one."]
        assert _said(ui, "#tasks RecordList") == ["No tasks: t adds one."]
        assert _said(ui, "#timeline RecordList") == ["Nothing logged yet: a logs a call or a note."]
        await ui.press("escape", "space")
        assert "No projects for First: press n to add one." in _said(ui, "#stage-board")


async def test_an_empty_today_says_what_to_do(empty_path: Path) -> None:
    async with running(empty_path) as ui:
        assert any("n adds a task" in line for line in ui.lines("#today-list"))


async def test_a_board_of_lost_deals_only_says_where_they_are(tmp_path: Path) -> None:
    """Before: "No projects yet" over a book whose projects were all lost (the board has no Lost column)."""
    path = tmp_path / "book.json"
    with Repository.open(path, create=True, today=TODAY) as repo:
        client = repo.clients.add(Client(name="Acme"))
        for title in ("Alpha", "Beta"):
            history = (StageEntry(stage=Stage.PROSPECT, entered=TODAY), StageEntry(stage=Stage.LOST, entered=TODAY))
            repo.projects.add(
                Project(client_id=client.id, title=title, stage=Stage.LOST, stage_history=history, lost_reason="Price")
            )
    async with running(path) as ui:
        assert "No open projects (2 lost deals: P lists them): press n to add one." in _said(ui, "#stage-board")


def test_a_client_s_task_line_keeps_its_planned_day_apart_from_the_priority() -> None:
    """Before: "tomorrow →tomorrowM Call back" (the day filled its column), and "→none" where
    All tasks says "→ no room"."""
    from datetime import timedelta

    from acct_tui.domain.records import Task
    from acct_tui.ui.screens.client_detail import _task_line

    task = Task(title="Call back", due=TODAY + timedelta(days=1))
    planned = _task_line(task, TODAY, TODAY + timedelta(days=1), 100).plain
    assert "→tomorrow  M Call back" in planned
    assert "→no room   M Call back" in _task_line(task, TODAY, None, 100).plain
    # A day of another year fits the column too (before: "2027-01-13 →2027-01-13 H").
    next_year = Task(title="Call back", due=date(2027, 1, 13))
    assert _task_line(next_year, TODAY, date(2027, 1, 13), 100).plain == "  13 Jan 27 →13 Jan 27 M Call back"
