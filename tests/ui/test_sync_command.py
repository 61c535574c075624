"""The planner's Sync (ctrl+y, and the palette): git runs in a worker and what it brings is merged in."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from acct_tui.cli import main
from acct_tui.domain.records import Client
from acct_tui.store.repository import Repository
from acct_tui.ui.action_table import ENTRIES
from tests.conftest import TODAY
from tests.ui.conftest import read_book, running


def test_sync_is_a_palette_command_with_its_key() -> None:
    assert ("Sync", "app", "sync") in [(e.palette_title, e.place, e.action) for e in ENTRIES if e.palette]
    from acct_tui.ui.app import AcctApp

    assert any(b.key == "ctrl+y" and b.action == "sync" and b.id == "app.sync" for b in AcctApp.BINDINGS)  # type: ignore[union-attr]


async def test_ctrl_y_syncs_in_a_worker_and_merges_what_the_other_machine_pushed(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    assert main(["sync", "--db", str(demo_path), "--remote", str(remote)]) == 0
    desktop = tmp_path / "desktop" / demo_path.name
    assert main(["sync", "--db", str(desktop), "--remote", str(remote)]) == 0
    with Repository.open(desktop, today=TODAY) as repo:
        repo.clients.add(Client(name="From the desktop"))
    assert main(["sync", "--db", str(desktop)]) == 0
    capsys.readouterr()

    async with running(demo_path) as ui:
        await ui.press("3")
        await ui.press("x")  # a change of the planner's own
        await ui.settle()
        await ui.press("ctrl+y")
        assert ui.app.syncing or any(n.startswith("Synced") for n in ui.notifications())
        await ui.settle()
        for _ in range(200):  # the sync, then the merge of the file it changed, then a save
            if not ui.app.syncing and not ui.app._merging_now and not ui.app.repo.dirty:
                break
            await ui.pilot.pause(0.02)
        await ui.settle()
        assert any(n.startswith("Synced") for n in ui.notifications()), ui.notifications()
        assert "From the desktop" in ui.text("#client-list")
        assert "From the desktop" in [c["name"] for c in read_book(ui.path)["clients"].values()]
    assert main(["sync", "--db", str(desktop)]) == 0
    assert read_book(desktop) == read_book(demo_path)
