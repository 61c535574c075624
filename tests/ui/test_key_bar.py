"""The footer (KeyBar): the keys of the focused place, in one line, kept as the focus moves, and
pressed by the mouse as by the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from acct_tui.store.repository import Repository
from acct_tui.ui.screens.help import HelpScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from tests.ui.conftest import Ui, running


def shown(ui: Ui) -> list[str]:
    return [key.description for key in ui.main.query_one(KeyBar).keys]


async def test_it_shows_the_keys_of_the_pane_with_the_focus(book_path: Path) -> None:
    Repository.open(book_path, autosave=False).close()
    async with running(book_path, size=(160, 48)) as ui:
        bar = ui.main.query_one(KeyBar)
        assert "New client" in shown(ui)
        assert bar.palette is not None and bar.palette.display == "^p"
        await ui.press("2")  # the board
        assert "New client" not in shown(ui)
        assert "New project" in shown(ui)
        assert "New project" in bar.render().plain
        await ui.press("1")
        assert "New client" in shown(ui)
        # One widget, whatever the keys: nothing is mounted as the focus moves.
        assert list(bar.children) == []


async def test_a_click_on_a_key_presses_it(book_path: Path) -> None:
    Repository.open(book_path, autosave=False).close()
    async with running(book_path, size=(160, 48)) as ui:
        line = ui.main.query_one(KeyBar).render().plain
        await ui.pilot.click(KeyBar, offset=(line.index("? Help") + 1, 0))
        await ui.steady()
        assert isinstance(ui.screen, HelpScreen)
        await ui.press("escape")
        await ui.pilot.click(KeyBar, offset=(line.index("^p palette") + 1, 0))
        await ui.steady()
        assert isinstance(ui.screen, CommandPalette)


async def test_keys_that_do_not_fit_are_left_out_whole(book_path: Path) -> None:
    Repository.open(book_path, autosave=False).close()
    async with running(book_path, size=(60, 24)) as ui:
        line = ui.main.query_one(KeyBar).render().plain
        assert len(line) == 60
        assert line.endswith("▏^p palette ")
        keys = line.split("▏")[0]
        drawn = [key for key in ui.main.query_one(KeyBar).keys if f" {key.display} {key.description} " in keys]
        assert 3 <= len(drawn) < len(ui.main.query_one(KeyBar).keys)
        # Every key drawn is drawn whole, and the ones after the last that fits are not drawn at all.
        assert keys.rstrip().endswith(drawn[-1].description)
