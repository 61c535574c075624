"""Textual's own commands beside the planner's, a theme remembered in the settings file, the user's
keymap, suspending to the shell, and copying to the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from acct_tui.ui.app import AcctApp
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.help import HelpScreen
from acct_tui.ui.screens.main import MainScreen
from tests.ui.conftest import Ui, lines_of, running


def _palette_text(ui: Ui) -> str:
    return " ".join(" ".join(lines_of(ui.screen.query_one("CommandList"))).split())


async def _search(ui: Ui, query: str) -> str:
    await ui.press("ctrl+p")
    assert isinstance(ui.screen, CommandPalette)
    await ui.type(query)
    await ui.pilot.pause(0.05)
    await ui.steady()
    return _palette_text(ui)


@pytest.mark.parametrize("name", ["Theme", "Keys", "Screenshot"])
async def test_textuals_own_commands_are_found_beside_the_planners(demo_path: Path, name: str) -> None:
    async with running(demo_path) as ui:
        assert name in await _search(ui, name)


async def test_the_palette_offers_one_quit_the_planners_own(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        text = await _search(ui, "Quit")
        assert text.count("Quit") == 1 and "after the last save" in text


USER_FILE = """\
# my own settings, kept as I wrote them
[ui]
theme = "textual-dark"  # dark until I find better
"""


async def test_a_theme_chosen_in_the_app_is_remembered_across_a_restart(demo_path: Path, tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(USER_FILE)
    async with running(demo_path, settings_file=settings_file) as ui:
        await _search(ui, "Theme")
        await ui.press("enter")
        assert isinstance(ui.screen, CommandPalette)  # Textual's theme picker
        await ui.type("nord")
        await ui.pilot.pause(0.05)
        await ui.steady()
        await ui.press("enter")
        assert ui.app.theme == "nord"
        written = settings_file.read_text()
        assert written.startswith("# my own settings, kept as I wrote them\n")
        assert 'theme = "nord"' in written and "# dark until I find better" in written
    async with running(demo_path, settings_file=settings_file) as ui:
        assert ui.app.theme == "nord"


async def test_a_keymap_in_the_settings_file_moves_a_key(demo_path: Path, tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[keymap]\n"clients.new" = "ctrl+n"\n')
    async with running(demo_path, settings_file=settings_file) as ui:
        await ui.press("n")
        assert isinstance(ui.screen, MainScreen), "n no longer opens the form"
        await ui.press("ctrl+n")
        assert isinstance(ui.screen, FormScreen)
        assert ui.text(".form-title").strip() == "New client"
        await ui.press("escape")
        assert "Add a client (^n in Clients)" in await _search(ui, "New client")
        await ui.press("escape")
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        keys = " ".join(" ".join("\n".join(lines_of(w)) for w in ui.screen.query(".help-keys")).split())
        assert "^n New client clients.new" in keys


async def test_ctrl_z_suspends_the_planner_to_the_shell(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suspended: list[bool] = []
    monkeypatch.setattr(AcctApp, "action_suspend_process", lambda self: suspended.append(True))
    async with running(demo_path) as ui:
        await ui.press("ctrl+z")
        assert suspended == [True]


async def test_copy_a_contacts_email_and_phone_and_a_tasks_summary(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await _search(ui, "Open client: Saigon Commercial Bank")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.press("tab")  # from the timeline round to the contacts
        assert ui.app.focused is not None and ui.app.focused.parent is not None
        assert ui.app.focused.parent.id == "contacts"
        await ui.press("y")
        assert ui.app.clipboard == "hoa.nguyen@scb.example"
        await ui.press("Y")
        assert ui.app.clipboard == "+84 28 3910 1000"
        assert "Copied the phone of Nguyen Thi Hoa: +84 28 3910 1000" in ui.notifications()
        await ui.press("escape", "3")
        task = ui.today.current_task
        assert task is not None and task.due is not None
        await ui.press("y")
        planned = ui.app.planned_day(task.id)
        assert planned is not None
        client = ui.app.repo.book.clients[task.client_id or 0].name
        due, day = f"{task.due:%a} {task.due.day} {task.due:%b}", f"{planned:%a} {planned.day} {planned:%b}"
        assert ui.app.clipboard == f"{task.title} · {client} · due {due} · planned {day}"


async def test_the_empty_panes_name_the_key_the_keymap_gives(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[keymap]\n"clients.new" = "ctrl+n"\n"board.new" = "f3,f4"\n')
    async with running(tmp_path / "empty.json", settings_file=settings_file) as ui:
        assert "No clients yet: press ctrl+n to add one." in ui.text("#client-list")
        assert "No projects yet: press f3 to add one." in [line.strip() for line in ui.lines("#stage-board")]
    async with running(tmp_path / "empty.json") as ui:
        assert "No clients yet: press n to add one." in ui.text("#client-list")
