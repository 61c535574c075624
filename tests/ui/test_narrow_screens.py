"""At 80x24 nothing a user needs to read is cut: titles in the client detail, the promises at risk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from acct_tui.domain.records import Activity
from acct_tui.store.repository import Repository
from acct_tui.ui.screens.at_risk import AtRiskScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.confirm import ConfirmScreen
from tests.conftest import TODAY
from tests.ui.conftest import running


async def test_the_client_detail_keeps_titles_at_80_columns(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.to_client("Apex Cloud Systems")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        book = ui.app.repo.book
        apex = next(c.id for c in book.clients.values() if c.name == "Apex Cloud Systems")
        tasks = [t.title for t in book.tasks.values() if t.client_id == apex]
        projects = [p.title for p in book.projects.values() if p.client_id == apex]
        shown = ui.text("#tasks RecordList") + ui.text("#projects RecordList")
        # Each list is 36 columns wide at 80: a title of up to 30 characters is shown whole.
        short = [title for title in tasks + projects if len(title) <= 30]
        assert "Webinar topic list" in short and "Joint webinar series" in short
        assert [title for title in short if title not in shown] == []


async def test_promises_at_risk_fit_80_columns(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.press("A")
        assert isinstance(ui.screen, AtRiskScreen)
        lines = [line.rstrip() for line in ui.lines("#list-rows") if line.strip()]
        assert lines and not any("…" in line for line in lines), lines
        found = ui.main.assessment
        assert found is not None
        for risk in found.at_risk:
            line = next(line for line in lines if f" {risk.title}  " in line)
            assert f"{risk.due.day} {risk.due:%b}" in line and f"{risk.hours:g}h" in line
            assert risk.client in line


async def test_a_long_delete_question_keeps_its_buttons_on_screen_at_80x24(demo_path: Path) -> None:
    """Before: deleting a client with 21 records listed them down past the screen's edge, and the
    Delete and Keep buttons with them."""
    with Repository.open(demo_path, today=TODAY) as repo:
        apex = next(c for c in repo.clients.all() if c.name == "Apex Cloud Systems")
        for n in range(8):  # each listed over two or three lines of the dialog
            summary = f"Call {n}: " + "a long note about what was agreed, who does what, and when " * 2
            repo.activities.add(Activity(client_id=apex.id, when=datetime(2026, 11, 20, 9, n), summary=summary))
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.to_client("Apex Cloud Systems")
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        dialog = ui.screen.query_one(".dialog").region
        assert dialog.bottom <= 24
        for button in ("#yes", "#no"):
            region = ui.screen.query_one(button).region
            assert region.height > 0 and dialog.contains_region(region), (button, region, dialog)
        await ui.press("n")
        assert not isinstance(ui.screen, ConfirmScreen)
