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


# --- every bound action has a palette command (issue 13, point 8) ------------------------------

NAVIGATION = {"pane(1)", "pane(-1)", "app.focus_next", "app.focus_previous", "enter"}
"""Moving the focus between panes or fields is not a command (nor are the lists' and the board's
own cursor keys, which are the widgets' bindings, not a screen's)."""


def _screens_and_bindings() -> list[tuple[type[object], str, list[Binding]]]:
    """Every screen of the planner (with the panes of the main screen), where its commands run,
    and the bindings it has."""
    from acct_tui.ui.app import LIST_SCREENS
    from acct_tui.ui.screens.list_screen import ListScreen
    from acct_tui.ui.screens.report import ReportScreen
    from acct_tui.ui.screens.switch_book import SwitchBookScreen
    from acct_tui.ui.screens.week import WeekScreen
    from acct_tui.ui.screens.why import WhyScreen

    main_panes = (MainScreen, Pane, ClientsPane, BoardPane, TodayPane, WorkloadPane)
    found: list[tuple[type[object], str, list[Binding]]] = [(AcctApp, "app", _bindings(AcctApp))]
    found += [(cls, "main", _bindings(cls)) for cls in main_panes]
    dialogs = (FormScreen, ConfirmScreen, HelpScreen, WhyScreen, ReportScreen, SwitchBookScreen)
    for cls in (ClientDetailScreen, ListScreen, WeekScreen, *LIST_SCREENS.values(), *dialogs):
        found.append((cls, cls.__name__, _bindings(cls)))
    return found


def _bindings(cls: type[object]) -> list[Binding]:
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def test_every_action_bound_to_a_key_of_a_screen_has_a_palette_command() -> None:
    from acct_tui.ui.commands import COMMANDS

    commands = {(c.where, c.action) for c in COMMANDS}
    missing = [
        f"{cls.__name__}: {binding.key} {binding.action} ({binding.description})"
        for cls, where, bindings in _screens_and_bindings()
        for binding in bindings
        if binding.action not in NAVIGATION and (where, binding.action.removeprefix("screen.")) not in commands
    ]
    assert not missing, f"no palette command for: {missing}"
    # ... and every command names an action that exists where it runs.
    classes = {where: cls for cls, where, _ in _screens_and_bindings() if where not in ("main",)} | {"main": MainScreen}
    for command in COMMANDS:
        name = command.action.split("(")[0].removeprefix("app.")
        target = AcctApp if command.action.startswith("app.") else classes[command.where]
        assert hasattr(target, f"action_{name}"), f"{command.title}: {target.__name__} has no action {name}"


async def test_the_ledgers_follow_up_is_found_by_name_in_the_palette(demo_path: Path) -> None:
    from acct_tui.ui.screens.delegation import DelegationScreen

    async with running(demo_path) as ui:
        await ui.press("D")
        assert isinstance(ui.screen, DelegationScreen)
        await _palette(ui, "Log follow-up")
        assert isinstance(ui.screen, FormScreen)
        assert ui.text(".form-title").strip().startswith("Follow-up with ")
