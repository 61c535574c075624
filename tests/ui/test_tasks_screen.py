"""The all-tasks screen: every task by due date with its planned day; edit, done and delete from it;
a filter by client, assignee, state and stage; a recurring task done makes the next."""

from __future__ import annotations

from pathlib import Path

from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.tasks import TasksScreen
from tests.ui.conftest import Ui, find, running


def _on(title: str) -> object:
    return lambda row: row.record is not None and row.record.title == title


async def _open(ui: Ui) -> TasksScreen:
    await ui.press("T")
    screen = ui.screen
    assert isinstance(screen, TasksScreen)
    return screen


async def test_the_list_shows_each_open_task_with_its_planned_day_and_edits_it(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await _open(ui)
        task_id, _ = find(ui.book(), "tasks", title="Agree plan items 1-6")
        planned = ui.app.planned_day(task_id)
        assert planned is not None
        line = next(line for line in ui.lines("#list-rows") if "Agree plan items 1-6" in line)
        assert f"→ {planned:%a} {planned.day} {planned:%b}" in line
        # edit
        await ui.cursor_to("#list-rows", _on("Agree plan items 1-6"))
        await ui.press("e")
        await ui.fill("title", "Agree plan items 1-7")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["tasks"][task_id]["title"] == "Agree plan items 1-7"
        # done: it leaves the list of open tasks
        await ui.cursor_to("#list-rows", _on("Agree plan items 1-7"))
        await ui.press("x")
        await ui.settle()
        assert ui.book()["tasks"][task_id]["status"] == "done"
        assert "Agree plan items 1-7" not in ui.text("#list-rows")
        # delete, after the question
        other_id, _ = find(ui.book(), "tasks", title="Sprint 4 demo")
        await ui.cursor_to("#list-rows", _on("Sprint 4 demo"))
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        await ui.settle()
        assert other_id not in ui.book()["tasks"]


async def test_the_filter_narrows_to_a_client_and_a_state(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        screen = await _open(ui)
        await ui.press("f")
        await ui.choose("client_id", "Pacific")
        await ui.choose("state", "waiting")
        await ui.press("ctrl+s")
        await ui.steady()
        tasks = [row.record for row in screen.query_one("#list-rows").rows if row.record is not None]
        assert [t.title for t in tasks] == ["Legal review of contract"]
        assert "1 task: waiting tasks of Pacific Trade House" in ui.text("#list-summary")
        await ui.press("F")
        assert len([row for row in screen.query_one("#list-rows").rows if row.record is not None]) > 1


async def test_a_recurring_task_done_makes_the_next(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await _open(ui)
        await ui.press("n")
        await ui.type("Monthly check-in")
        await ui.fill("due", "2026-11-27")
        await ui.fill("repeat", "monthly")
        await ui.press("ctrl+s")
        await ui.settle()
        first_id, first = find(ui.book(), "tasks", title="Monthly check-in")
        assert first["repeat"] == {"every": 1, "unit": "months", "weekday": None, "day_of_month": None}
        line = next(line for line in ui.lines("#list-rows") if "Monthly check-in" in line)
        assert "↻" in line
        await ui.cursor_to("#list-rows", _on("Monthly check-in"))
        await ui.press("x")
        await ui.settle()
        book = ui.book()
        assert book["tasks"][first_id]["status"] == "done" and book["tasks"][first_id]["repeat"] is None
        ((next_id, following),) = [
            (tid, t) for tid, t in book["tasks"].items() if t["title"] == "Monthly check-in" and tid != first_id
        ]
        assert following["due"] == "2026-12-27" and following["status"] == "open"
        assert following["repeat"]["unit"] == "months"
        listed = [row.record.id for row in ui.screen.query_one("#list-rows").rows if row.record is not None]
        assert next_id in listed and first_id not in listed  # the next one, open; the done one gone
