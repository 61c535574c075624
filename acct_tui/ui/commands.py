"""The command palette (ctrl+p): every action by name, and every client to open by name.

Every action a key is bound to on a screen (or on a pane of the main screen) has a command here,
offered where it works (tests/ui/test_palette_and_help.py checks that none is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.screens.main import MainScreen


class Command(NamedTuple):
    """One palette command: what it is called, where its action runs, the action, and a hint."""

    title: str
    where: str
    """ "app", "main" (the main screen, from wherever the palette opens: the screens above it are
    closed first), or the name of a screen class: offered only on that screen, where it runs."""
    action: str
    """The action as the binding names it (a pane's "screen." prefix left out)."""
    help: str


MAIN, APP = "main", "app"
DETAIL, LISTS = "ClientDetailScreen", "ListScreen"

COMMANDS: tuple[Command, ...] = (
    Command("New client", MAIN, "new_client", "Add a client (n in Clients)"),
    Command("New project", MAIN, "new_project", "Add a project (n on the Board)"),
    Command("New task", MAIN, "new_task", "Add a task (n in Today)"),
    Command("New contact", MAIN, "new_contact", "Add a contact person to the selected client"),
    Command("New staff member", MAIN, "new_staff", "Someone you can delegate to (n in Workload)"),
    Command("New event", MAIN, "new_event", "An exhibition, conference or meeting that takes time (v in Workload)"),
    Command("Log activity", MAIN, "log_activity", "Record a call, meeting, e-mail or note for a client (a)"),
    Command("Edit client", MAIN, "edit_client", "Edit the selected client (e in Clients)"),
    Command("Edit project", MAIN, "edit_project", "Edit the selected project (e on the Board)"),
    Command("Edit task", MAIN, "edit_task", "Edit the selected task (e in Today)"),
    Command("Delete client", MAIN, "delete_client", "Delete the selected client, asking first (d in Clients)"),
    Command("Delete project", MAIN, "delete_project", "Delete the selected project, asking first (d on the Board)"),
    Command("Delete task", MAIN, "delete_task", "Delete the selected task, asking first (d in Today)"),
    Command("Move project to next stage", MAIN, "move_stage(1)", "> on the Board"),
    Command("Move project to previous stage", MAIN, "move_stage(-1)", "< on the Board"),
    Command(
        "Add playbook tasks", MAIN, "add_playbook", "The stage's checklist as tasks of the project (p on the Board)"
    ),
    Command(
        "Open the project's client", MAIN, "open_project_client", "The client of the selected card (Enter on the Board)"
    ),
    Command("Toggle task done", MAIN, "toggle_task", "x in Today"),
    Command("Open client", MAIN, "open_client", "The selected client's contacts, projects, tasks and timeline (Enter)"),
    Command(
        "Narrow to client", MAIN, "narrow_to_client", "Show only the selected client on the Board and in Today (space)"
    ),
    Command("Show all clients", MAIN, "show_all", "Undo the narrowing (Esc)"),
    Command("Filter", MAIN, "filter", "Filter the focused pane as you type (/)"),
    Command("Clear filter", MAIN, "clear_filter", "Show every row of the focused pane again (Esc)"),
    Command("Go to Clients", MAIN, "go('clients')", "The Clients pane (1)"),
    Command("Go to Board", MAIN, "go('board')", "The Board pane (2)"),
    Command("Go to Today", MAIN, "go('today')", "The Today pane (3)"),
    Command("Go to Workload", MAIN, "go('workload')", "The Workload pane (4)"),
    Command(
        "Why these numbers", MAIN, "why", "Every hour of load and every stress point with its reason (w in Workload)"
    ),
    Command(
        "Weekly self-check", MAIN, "self_check", "Six questions on how this week felt, next to the computed index (c)"
    ),
    Command(
        "Accept suggestion", MAIN, "accept_suggestion", "Move or delegate a task that does not fit today (s in Today)"
    ),
    Command(
        "Renegotiate a promise at risk",
        MAIN,
        "renegotiate",
        "Move its due date to the day the schedule can finish it, noted on the client's timeline (r in Today)",
    ),
    Command(
        "Delegate a promise at risk",
        MAIN,
        "delegate_risk",
        "To the staff member with room before it is due (a in Today)",
    ),
    Command("Drop a task", MAIN, "drop_task", "Delete it, with a reason on the client's timeline (X in Today)"),
    Command("New discount", MAIN, "new_discount", "Stack a discount on the selected client"),
    Command("New competitor", MAIN, "new_competitor", "Note a competitor at the selected client"),
    Command("Undo", APP, "undo", "Undo the last change (u)"),
    Command("Promises at risk", APP, "open_list('at_risk')", "Tasks the schedule finishes after their due date (A)"),
    Command("Week view", APP, "week_view", "The next working days side by side: meetings, tasks, free time (W)"),
    Command("Delegation ledger", APP, "open_list('ledger')", "Everyone's delegated work and its follow-ups (D)"),
    Command(
        "Renewal radar", APP, "open_list('renewals')", "Renewals in the next 6 and 3 months, on track or at risk (R)"
    ),
    Command(
        "Prospects, won and lost",
        APP,
        "open_list('prospects')",
        "Deals in play, next meetings, win/loss by quarter (P)",
    ),
    Command(
        "Discounts",
        APP,
        "open_list('discounts')",
        "Every discount, the money given away a year, what needs approval (M)",
    ),
    Command("Competitors", APP, "open_list('competitors')", "Every competitor and the clients it touches (K)"),
    Command("Events", APP, "open_list('events')", "Exhibitions and conferences, and the leads met there (V)"),
    Command("Switch book", APP, "switch_book", "Open another book, or a recent one (ctrl+o)"),
    Command("Weekly report", APP, "weekly_report", "This week's work for your manager, saved as Markdown (ctrl+r)"),
    Command("Save now", APP, "save", "Write the book to disk now (ctrl+s)"),
    Command("Sync", APP, "sync", "Commit, fetch, merge and push the book over git (ctrl+y; see acct-tui sync)"),
    Command("Help", APP, "help", "Every key (?)"),
    Command("Quit", APP, "quit", "Leave acct-tui (q)"),
    # The client detail screen: its commands act on this client.
    Command("Back", DETAIL, "app.pop_screen", "Back to where you were (Esc)"),
    Command("Log activity", DETAIL, "log_activity", "A call, meeting, e-mail or note with this client (a)"),
    Command("New contact", DETAIL, "new_contact", "A contact person at this client (c)"),
    Command("New project", DETAIL, "new_project", "A project for this client (p)"),
    Command("New task", DETAIL, "new_task", "A task for this client (t)"),
    Command("New discount", DETAIL, "new_discount", "Stack a discount on this client ($)"),
    Command("New competitor", DETAIL, "new_competitor", "A competitor present at this client (r)"),
    Command("Toggle task done", DETAIL, "toggle_task", "The highlighted task done, or open again (x)"),
    Command("Edit", DETAIL, "edit", "Edit the highlighted contact, project, task or activity (e)"),
    Command("Edit client", DETAIL, "edit_client", "Edit this client (E)"),
    Command("Delete", DETAIL, "delete", "Delete the highlighted record, asking first (d)"),
    # The list screens.
    Command("Back", LISTS, "app.pop_screen", "Back to the main screen (Esc)"),
    Command("Renegotiate", "AtRiskScreen", "renegotiate", "Move the highlighted promise to the day it can be done (r)"),
    Command("Delegate", "AtRiskScreen", "delegate", "The highlighted promise to the staff member with room (a)"),
    Command("Drop", "AtRiskScreen", "drop", "Delete the highlighted task, with a reason on the timeline (X)"),
    Command("Edit task", "AtRiskScreen", "edit", "Edit the highlighted task (e)"),
    Command("Open client", "AtRiskScreen", "open", "The highlighted task's client (Enter)"),
    Command("Back", "WeekScreen", "app.pop_screen", "Back to the main screen (Esc)"),
    Command("Later days", "WeekScreen", "move(1)", "Show the next day of the schedule (→)"),
    Command("Earlier days", "WeekScreen", "move(-1)", "Show the day before (←)"),
    Command("Log follow-up", "DelegationScreen", "follow_up", "A follow-up on the highlighted delegated task (f)"),
    Command("Mark task done", "DelegationScreen", "mark_done", "The highlighted delegated task done, or open (x)"),
    Command("Edit task", "DelegationScreen", "edit", "Edit the highlighted delegated task (e)"),
    Command("Renewal on track", "RenewalsScreen", "mark('on_track')", "Mark the highlighted renewal on track (o)"),
    Command("Renewal at risk", "RenewalsScreen", "mark('at_risk')", "Mark the highlighted renewal at risk (r)"),
    Command("Edit client", "RenewalsScreen", "edit", "Edit the highlighted client (e)"),
    Command("Open client", "RenewalsScreen", "open", "The highlighted client's detail (Enter)"),
    Command("Deal won", "ProspectsScreen", "won", "The highlighted deal won: it moves to Kickoff (W)"),
    Command("Deal lost", "ProspectsScreen", "lost", "The highlighted deal lost, with the reason (L)"),
    Command("Edit deal", "ProspectsScreen", "edit", "Edit the highlighted deal: next meeting, value... (e)"),
    Command("New discount", "DiscountsScreen", "new", "Stack a discount on the highlighted client (n)"),
    Command("Edit discount", "DiscountsScreen", "edit", "Edit the highlighted discount or client (e)"),
    Command("Delete discount", "DiscountsScreen", "delete", "Delete the highlighted stacked discount (d)"),
    Command("New competitor", "CompetitorsScreen", "new", "Note a competitor (n)"),
    Command("Edit competitor", "CompetitorsScreen", "edit", "Edit the highlighted competitor (e)"),
    Command("Delete competitor", "CompetitorsScreen", "delete", "Delete the highlighted competitor (d)"),
    Command("New event", "EventsScreen", "new", "An exhibition, conference or meeting (n)"),
    Command("Edit event", "EventsScreen", "edit", "Edit the highlighted event (e)"),
    Command("Delete event", "EventsScreen", "delete", "Delete the highlighted event (d)"),
    Command("Add a lead met there", "EventsScreen", "lead", "A prospect met at the highlighted event (l)"),
    # Dialogs: only their own commands (a main-screen command would close them unanswered).
    Command("Save", "FormScreen", "save", "Save the form (ctrl+s)"),
    Command("Cancel", "FormScreen", "cancel", "Close the form, writing nothing (Esc)"),
    Command("Yes", "ConfirmScreen", "answer(True)", "y"),
    Command("No", "ConfirmScreen", "answer(False)", "n or Esc"),
    Command("Close help", "HelpScreen", "close", "Esc"),
    Command("Close", "WhyScreen", "close", "Esc"),
    Command("Close the report", "ReportScreen", "close", "Esc"),
    Command("Cancel", "SwitchBookScreen", "cancel", "Keep this book (Esc)"),
)


def offered_on(command: Command, screen: Screen[object]) -> bool:
    """Whether `command` is offered on `screen`: its own screen's, or (outside dialogs) the main
    screen's and the app's."""
    if command.where in (MAIN, APP):
        return not isinstance(screen, ModalScreen)
    return any(cls.__name__ == command.where for cls in type(screen).__mro__)


class AcctCommands(Provider):
    """Every action of the planner, and "Open client: <name>" for each client."""

    @property
    def _app(self) -> AcctApp:
        return self.app  # type: ignore[return-value]

    def _main(self) -> MainScreen | None:
        from acct_tui.ui.screens.main import MainScreen

        return next((s for s in self._app.screen_stack if isinstance(s, MainScreen)), None)

    def _runner(self, command: Command) -> Callable[[], None]:
        screen = self.screen

        def run() -> None:
            app = self._app
            if command.where == APP:
                app.call_later(app.run_action, command.action)
            elif command.where == MAIN:
                main = self._main()
                if main is not None:
                    while app.screen is not main:
                        app.pop_screen()
                    app.call_later(main.run_action, command.action)
            else:
                app.call_later(screen.run_action, command.action)

        return run

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        offered = [c for c in COMMANDS if offered_on(c, self.screen)]
        own = {c.title for c in offered if c.where not in (MAIN, APP)}
        # A screen's own command wins over the main screen's of the same name ("New task" for this client).
        chosen = [c for c in offered if c.where not in (MAIN, APP) or c.title not in own]
        commands = [(c.title, self._runner(c), c.help) for c in chosen]
        if not isinstance(self.screen, ModalScreen):
            for client in sorted(self._app.repo.book.clients.values(), key=lambda c: c.name.casefold()):
                commands.append((f"Open client: {client.name}", partial(self._app.open_client, client.id), ""))
        return commands

    async def discover(self) -> Hits:
        for title, run, help_text in self._commands():
            if not title.startswith("Open client:"):
                yield DiscoveryHit(Content(title), run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, title)
            if score > 0:
                yield Hit(score, _highlight(title, offsets, matcher), run, text=title, help=help_text or None)


def _highlight(title: str, offsets: Sequence[int], matcher: Matcher) -> Content:
    """The title with the matched letters marked; never read as markup (client names are data)."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
