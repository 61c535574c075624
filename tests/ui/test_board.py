"""The stage board: `>` and `<` move a project (dated in its history, on disk); narrowing to a client."""

from __future__ import annotations

from pathlib import Path

from acct_tui.domain.enums import BOARD_STAGES, Stage
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.widgets.fixed_text import FixedText
from tests.ui.conftest import Ui, find, running, same_content


async def _not_now(ui: Ui, stage: Stage) -> None:
    """A move into a stage with a playbook offers its tasks (a note naming `p`) and asks nothing."""
    if ui.app.repo.settings.playbooks.get(stage):
        label = ui.app.repo.settings.stages.label(stage)
        assert f"{label} playbook: p adds its" in ui.text("#board-note")
    assert isinstance(ui.screen, MainScreen)
    await ui.settle()


async def test_stage_moves_are_dated_on_disk_and_the_cursor_follows_the_card(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("2")
        assert ui.card_title() == "Reseller partnership"
        before = ui.book()
        project_id, project = find(before, "projects", title="Reseller partnership")
        assert project["stage"] == "prospect"
        history = project["stage_history"]

        await ui.press(">")
        await _not_now(ui, Stage.NEGOTIATION)
        book = ui.book()
        moved = book["projects"][project_id]
        assert moved["stage"] == "negotiation"
        assert moved["stage_history"] == [*history, {"stage": "negotiation", "entered": "2026-11-27"}]
        [note] = [a for aid, a in book["activities"].items() if aid not in before["activities"]]
        assert (note["kind"], note["project_id"]) == ("stage_move", project_id)
        assert note["summary"] == "Reseller partnership: moved from Prospect to Negotiation"
        assert note["when"].startswith("2026-11-27T14:30")
        assert len(book["tasks"]) == len(before["tasks"]), "a move alone creates no playbook task"
        assert ui.board.column == 1
        assert ui.card_title() == "Reseller partnership", "the cursor should follow the moved card"
        assert ui.text("#stage-board").splitlines()[0].split()[:4] == ["Prospect", "3", "Negotiation", "4"]

        await ui.press(">")
        await _not_now(ui, Stage.KICKOFF)
        assert ui.book()["projects"][project_id]["stage"] == "kickoff"
        assert (ui.board.column, ui.card_title()) == (2, "Reseller partnership")

        await ui.press("<")
        await _not_now(ui, Stage.NEGOTIATION)
        moved = ui.book()["projects"][project_id]
        assert moved["stage"] == "negotiation"
        assert [entry["stage"] for entry in moved["stage_history"][-3:]] == ["negotiation", "kickoff", "negotiation"]
        assert all(entry["entered"] == "2026-11-27" for entry in moved["stage_history"][-3:])
        assert (ui.board.column, ui.card_title()) == (1, "Reseller partnership")

        await ui.keys("u", "u", "u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_a_move_offers_the_stage_playbook_and_p_adds_its_tasks(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        await ui.press("2")
        project_id, _ = find(before, "projects", title="Reseller partnership")
        await ui.press(">")
        await ui.settle()
        assert not [n.message for n in ui.app._notifications if "playbook" in n.message], "a line, not a toast"
        assert ui.main.query_one("#board-note", FixedText).content.plain == (
            "▸ Negotiation playbook: p adds its 3 tasks (Agree terms, Agree price and discount, Send the contract)."
        )
        await ui.press("p")
        await ui.settle()
        assert ui.main.query_one("#board-note", FixedText).content.plain == "", "done: the offer goes"
        added = [t for tid, t in ui.book()["tasks"].items() if tid not in before["tasks"]]
        assert sorted((t["title"], t["due"], t["estimate_hours"]) for t in added) == [
            ("Agree price and discount", "2026-12-07", 1.5),
            ("Agree terms", "2026-12-04", 2.0),
            ("Send the contract", "2026-12-11", 1.0),
        ]
        assert {(t["project_id"], t["client_id"], t["status"]) for t in added} == {
            (project_id, before["projects"][project_id]["client_id"], "open")
        }
        await ui.press("u")
        await ui.settle()
        assert set(ui.book()["tasks"]) == set(before["tasks"])
        assert ui.book()["projects"][project_id]["stage"] == "negotiation", "the move is a separate undo step"

        await ui.press(">")
        await ui.settle()
        assert "Kickoff playbook" in ui.main.query_one("#board-note", FixedText).content.plain
        await ui.press("left")
        assert ui.main.query_one("#board-note", FixedText).content.plain == "", "another card: p is not this offer"


async def test_no_stage_before_the_first_or_after_the_last(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("2")
        before = ui.path.read_bytes()
        assert ui.board.stage is Stage.PROSPECT and ui.card_title() is not None
        await ui.press("<")
        await ui.settle()
        assert ui.board.stage is Stage.PROSPECT
        assert ui.path.read_bytes() == before

        await ui.move_until(lambda: ui.board.stage is BOARD_STAGES[-1], "right")
        title = ui.card_title()
        assert title is not None, "the demo has a completed project"
        await ui.press(">")
        await ui.settle()
        assert ui.path.read_bytes() == before
        assert (ui.board.stage, ui.card_title()) == (BOARD_STAGES[-1], title)
        assert any("No stage further that way." in n for n in ui.notifications())


async def test_space_narrows_board_and_today_to_a_client_and_escape_shows_all(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        book = ui.book()
        client_id, _ = find(book, "clients", name="Nordlicht Maschinenbau")
        on_board = {pid for pid, p in book["projects"].items() if p["stage"] != "lost"}
        theirs = {pid for pid in on_board if book["projects"][pid]["client_id"] == client_id}
        assert 1 < len(theirs) < len(on_board)

        def board_ids() -> set[int]:
            return {card.project.id for cards in ui.board._columns.values() for card in cards}

        def today_clients() -> set[str]:
            return {row.client for row in ui.today.rows.rows if row.kind != "heading"}

        assert board_ids() == on_board
        assert len(today_clients()) > 2

        await ui.to_client("Nordlicht Maschinenbau")
        await ui.press("space")
        assert ui.main.narrowed == client_id
        assert board_ids() == theirs
        assert ui.text("#board .pane-heading").startswith(f"Nordlicht Maschinenbau  {len(theirs)} projects")
        board_text = ui.text("#stage-board")
        assert "Nordlicht" in board_text
        assert "Saigon" not in board_text and "Mekong" not in board_text
        assert today_clients() == {"Nordlicht Maschinenbau"}
        assert "Saigon Commercial Bank" not in ui.text("#today-list")

        await ui.press("escape")
        assert ui.main.narrowed is None
        assert board_ids() == on_board
        assert ui.text("#board .pane-heading").startswith(f"All clients  {len(on_board)} projects")
        assert len(today_clients()) > 2


async def test_a_new_project_while_narrowed_belongs_to_that_client(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        client_id, _ = find(ui.book(), "clients", name="Vina Textiles")
        await ui.to_client("Vina Textiles")
        await ui.press("space", "2", "n")
        assert ui.main.narrowed == client_id
        assert ui.focused_id == "field-title", "the client is already chosen"
        await ui.type("Looms")
        await ui.press("ctrl+s")
        await ui.settle()
        _, looms = find(ui.book(), "projects", title="Looms")
        assert looms["client_id"] == client_id


async def test_a_new_project_is_the_card_the_next_move_moves(demo_path: Path) -> None:
    """Before: the cursor stayed on the card it was on, so `>` after adding "Gamma" moved another
    deal (and four presses carried an unrelated one through Kickoff, counting it as won)."""
    async with running(demo_path) as ui:
        await ui.press("2")
        assert ui.card_title() == "Reseller partnership"
        await ui.press("n")
        await ui.type("Gamma")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.card_title() == "Gamma"
        await ui.press(">")
        await ui.settle()
        book = ui.book()
        _, gamma = find(book, "projects", title="Gamma")
        _, reseller = find(book, "projects", title="Reseller partnership")
        assert (gamma["stage"], reseller["stage"]) == ("negotiation", "prospect")
