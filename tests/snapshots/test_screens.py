"""Snapshot tests of the main screens, on the demo book at a fixed date and clock (docs/textual-notes.md, point 8).

Each screen at 80x24 (the panes become tabs) and 120x40. Run `pytest tests/snapshots
--snapshot-update` after an intended change of the look, and review the SVGs in
tests/snapshots/__snapshots__.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from acct_tui.demo import write_demo_book
from acct_tui.store.repository import Repository
from acct_tui.ui.app import AcctApp
from tests.conftest import TODAY
from tests.ui.conftest import settle

SIZES = [(80, 24), (120, 40)]
NOW = datetime(2026, 11, 27, 14, 30)


@pytest.fixture
def demo_app(tmp_path: Path) -> Iterator[AcctApp]:
    path = write_demo_book(tmp_path / "demo.json", TODAY)
    with Repository.open(path, autosave=False, today=TODAY) as repo:
        yield AcctApp(repo, TODAY, demo=True, clock=lambda: NOW)


async def _settle(pilot: Pilot[None]) -> None:
    """Freeze blinking cursors, let the panes' background recompute end and every pending render happen."""
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    assert isinstance(pilot.app, AcctApp)
    await settle(pilot.app, pilot, saved=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_client_detail(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    # Silverline Credit Union: the eleventh client by name (a renewal at risk, a creeping discount)
    keys = ["down"] * 10 + ["enter"]
    assert snap_compare(demo_app, terminal_size=size, press=keys, run_before=_settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_form_with_an_error(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    # a new client without a name and a discount of 150%: both fields say what is wrong
    async def fill(pilot: Pilot[None]) -> None:
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#field-discount_pct", Input).value = "150"
        await pilot.press("ctrl+s")
        await _settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=fill)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["question_mark"], run_before=_settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_why_view(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["4", "w"], run_before=_settle)  # type: ignore[operator]


def test_delegation_ledger(snap_compare: object, demo_app: AcctApp) -> None:
    assert snap_compare(demo_app, terminal_size=(120, 40), press=["D"], run_before=_settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["comma"], run_before=_settle)  # type: ignore[operator]


def test_staff(snap_compare: object, demo_app: AcctApp) -> None:
    assert snap_compare(demo_app, terminal_size=(120, 40), press=["S"], run_before=_settle)  # type: ignore[operator]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_all_tasks(snap_compare: object, demo_app: AcctApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, press=["T"], run_before=_settle)  # type: ignore[operator]


def test_search(snap_compare: object, demo_app: AcctApp) -> None:
    keys = ["ctrl+f", *"renew"]
    assert snap_compare(demo_app, terminal_size=(80, 24), press=keys, run_before=_settle)  # type: ignore[operator]
