"""The app's messages reach the screens that subscribed, and a flood of them redraws once."""

from __future__ import annotations

from pathlib import Path

import pytest

from acct_tui.ui.messages import BookChanged, PlanChanged
from acct_tui.ui.screens.delegation import DelegationScreen
from acct_tui.ui.screens.main import MainScreen
from tests.ui.conftest import running


def test_a_newer_message_supersedes_one_it_covers() -> None:
    assert BookChanged().can_replace(BookChanged())
    assert not PlanChanged().can_replace(BookChanged())


async def test_ten_changes_in_a_burst_redraw_each_screen_once(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    redraw_main, redraw_list = MainScreen.on_book_changed, DelegationScreen.on_book_changed

    def main_changed(self: MainScreen, message: BookChanged) -> None:
        seen.append("main")
        redraw_main(self, message)

    def list_changed(self: DelegationScreen, message: BookChanged) -> None:
        seen.append("ledger")
        redraw_list(self, message)

    monkeypatch.setattr(MainScreen, "on_book_changed", main_changed)
    monkeypatch.setattr(DelegationScreen, "on_book_changed", list_changed)
    async with running(demo_path) as ui:
        await ui.press("D")
        assert isinstance(ui.screen, DelegationScreen)
        for _ in range(10):
            ui.app.broadcast.publish(BookChanged())
        await ui.settle()
        assert sorted(seen) == ["ledger", "main"]  # the main screen below the ledger too
        seen.clear()
        await ui.press("escape")  # the ledger closes: it hears no more
        ui.app.broadcast.publish(BookChanged())
        await ui.settle()
        assert seen == ["main"]
