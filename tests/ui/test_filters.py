"""`/` filters the focused pane as the user types; Enter keeps the filter and goes back to the list,
Escape in the filter clears it."""

from __future__ import annotations

from pathlib import Path

from acct_tui.ui.widgets.pane import FilterBar
from tests.ui.conftest import Ui, running


def _rows(ui: Ui, selector: str) -> list[str]:
    return [line.strip() for line in ui.lines(selector) if line.strip()]


def _cards(ui: Ui) -> set[str]:
    return {card.project.title for cards in ui.board._columns.values() for card in cards}


async def test_filter_the_clients_as_you_type(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        everyone = _rows(ui, "#client-list")
        total = len(ui.book()["clients"])
        assert len(everyone) == total > 2
        await ui.press("/")
        assert isinstance(ui.app.focused, FilterBar)
        await ui.type("lo")
        some = _rows(ui, "#client-list")
        assert 1 < len(some) < total, "the list narrows as soon as the user types"
        assert any("Mekong Logistics" in row for row in some)
        await ui.type("tus")
        rows = _rows(ui, "#client-list")
        assert len(rows) == 1 and "Lotus Retail Group" in rows[0]

        await ui.press("enter")
        assert ui.focused_id == "client-list"
        assert ui.client_name() == "Lotus Retail Group"
        assert len(_rows(ui, "#client-list")) == 1, "Enter keeps the filter"
        assert ui.main.query_one("#clients FilterBar").display, "the kept filter stays in view"

        await ui.press("/")
        assert ui.app.focused is ui.main.query_one("#clients FilterBar")
        await ui.press("escape")
        assert ui.focused_id == "client-list"
        assert _rows(ui, "#client-list") == everyone
        assert not ui.main.query_one("#clients FilterBar").display


async def test_filter_the_board_and_today(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("2")
        all_cards = _cards(ui)
        assert len(all_cards) > 10
        await ui.press("/")
        await ui.type("plant")
        shown = _cards(ui)
        assert {t for t in all_cards if "plant" in t.casefold()} <= shown
        assert 2 <= len(shown) < len(all_cards)
        assert "Reseller partnership" not in ui.text("#stage-board")
        assert "filter: plant" in ui.text("#board .pane-heading")
        await ui.press("enter")
        assert ui.focused_id == "stage-board"
        assert "filter: plant" in ui.text("#board .pane-heading"), "Enter keeps the filter"
        await ui.press("/", "escape")
        assert _cards(ui) == all_cards
        assert "filter:" not in ui.text("#board .pane-heading")

        await ui.press("3")
        before = _rows(ui, "#today-list")
        await ui.press("/")
        await ui.type("renewal")
        rows = _rows(ui, "#today-list")
        assert rows and all("renewal" in row.casefold() for row in rows)
        assert any("Prepare renewal offer" in row for row in rows)
        assert len(rows) < len(before)
        await ui.press("enter")
        assert ui.focused_id == "today-list"
        assert ui.task_title() == "Prepare renewal offer"
        await ui.press("/", "escape")
        assert _rows(ui, "#today-list") == before


async def test_after_a_board_filter_the_cursor_is_on_a_matching_card(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("2", "/")
        await ui.type("plant")
        await ui.press("enter")
        assert ui.card_title() is not None and "plant" in ui.card_title().casefold()  # type: ignore[union-attr]
