"""The command palette (ctrl+p) runs actions by name; help (?) lists every key of the screen, panes and forms."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from acct_tui.ui.app import AcctApp
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.help import HelpScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.widgets.board import StageBoard
from acct_tui.ui.widgets.board_pane import BoardPane
from acct_tui.ui.widgets.clients_pane import ClientsPane
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList
from acct_tui.ui.widgets.today_pane import TodayPane
from acct_tui.ui.widgets.workload_pane import WorkloadPane
from tests.ui.conftest import Ui, find, lines_of, running, trimmed


async def _palette(ui: Ui, query: str) -> None:
    await ui.press("ctrl+p")
    assert isinstance(ui.screen, CommandPalette)
    await ui.type(query)
    await ui.pilot.pause()
    await ui.press("enter")


async def test_palette_new_client_opens_the_client_form(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await _palette(ui, "New client")
        assert isinstance(ui.screen, FormScreen)
        assert ui.text(".form-title").strip() == "New client"
        await ui.type("Via palette")
        await ui.press("ctrl+s")
        await ui.settle()
        find(ui.book(), "clients", name="Via palette")


async def test_palette_open_client_by_name(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        vina_id, _ = find(ui.book(), "clients", name="Vina Textiles")
        await _palette(ui, "Open client: Vina Textiles")
        assert isinstance(ui.screen, ClientDetailScreen)
        assert ui.screen.client_id == vina_id
        assert "Vina Textiles" in ui.text("#detail-summary")


async def test_palette_undo_undoes_the_last_change(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("3")
        task_id = ui.today.current_task.id if ui.today.current_task else 0
        task = ui.book()["tasks"][task_id]
        await ui.press("x")
        await ui.settle()
        assert ui.book()["tasks"][task_id]["status"] == "done"
        await _palette(ui, "Undo")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        assert trimmed(ui.book()["tasks"][task_id]) == trimmed(task)


def _descriptions(bindings: list[BindingType]) -> list[str]:
    found = []
    for binding in bindings:
        if isinstance(binding, Binding):
            found.append(binding.description)
        elif len(binding) > 2:
            found.append(binding[2])
    return [d for d in found if d]


async def test_help_lists_every_binding_of_the_main_screen_the_panes_and_the_forms(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        text = " ".join(" ".join("\n".join(lines_of(w)) for w in ui.screen.query(".help-keys")).split())
        classes = (
            AcctApp,
            MainScreen,
            Pane,
            ClientsPane,
            BoardPane,
            StageBoard,
            TodayPane,
            WorkloadPane,
            RecordList,
            ClientDetailScreen,
            FormScreen,
            ConfirmScreen,
        )
        missing = [
            f"{cls.__name__}: {description}"
            for cls in classes
            for description in _descriptions(cls.BINDINGS)
            if description not in text
        ]
        assert not missing, f"help does not list: {missing}"
        for keys, description in ((">", "Next stage"), ("/", "Filter"), ("^s", "Save"), ("?", "Help")):
            assert f"{keys} {description}" in text, f"help does not show {keys!r} for {description!r}"
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)


async def test_help_lists_the_filter_bar_keys(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("question_mark")
        text = " ".join(" ".join("\n".join(lines_of(w)) for w in ui.screen.query(".help-keys")).split())
        assert "Clear filter" in text


# --- every bound action has a palette command (issue 13, point 8), from the action table -------


def test_every_action_bound_to_a_key_of_a_screen_has_a_palette_command() -> None:
    from acct_tui.ui.action_table import ENTRIES, PLACE

    # Moving the focus or a cursor is not a command; everything else a key does is.
    missing = [e.id for e in ENTRIES if e.keys and not e.palette and PLACE[e.place].runs != "widget"]
    navigation = ["main.next_pane", "main.previous_pane", "form.enter", "form.next", "form.previous"]
    assert missing == ["app.quit_now", "app.palette", *navigation]


async def test_the_palette_names_each_command_with_its_key_and_pane(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("ctrl+p")
        await ui.type("New client")
        await ui.pilot.pause()
        palette = ui.screen
        assert isinstance(palette, CommandPalette)
        text = " ".join(" ".join(lines_of(palette.query_one("CommandList"))).split())
        assert "New client" in text and "Add a client (n in Clients)" in text
        await ui.press("escape")


async def test_a_command_that_does_not_apply_is_not_offered(demo_path: Path) -> None:
    """ "Show all clients" only while the panes are narrowed to one (as Escape does)."""
    async with running(demo_path) as ui:
        await ui.press("ctrl+p")
        await ui.type("Show all clients")
        await ui.pilot.pause()
        assert "Show all clients" not in " ".join(lines_of(ui.screen.query_one("CommandList")))
        await ui.press("escape", "escape")
        await ui.press("space")  # narrow to the client under the cursor
        await _palette(ui, "Show all clients")
        await ui.settle()
        assert ui.main.narrowed is None


async def test_the_ledgers_follow_up_is_found_by_name_in_the_palette(demo_path: Path) -> None:
    from acct_tui.ui.screens.delegation import DelegationScreen

    async with running(demo_path) as ui:
        await ui.press("D")
        assert isinstance(ui.screen, DelegationScreen)
        await _palette(ui, "Log follow-up")
        assert isinstance(ui.screen, FormScreen)
        assert ui.text(".form-title").strip().startswith("Follow-up with ")
