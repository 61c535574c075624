"""The command palette (ctrl+p): every action by name, and every client to open by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

if TYPE_CHECKING:
    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.screens.main import MainScreen

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("New client", "main.new_client", "Add a client (n in Clients)"),
    ("New project", "main.new_project", "Add a project (n on the Board)"),
    ("New task", "main.new_task", "Add a task (n in Today)"),
    ("New contact", "main.new_contact", "Add a contact person to the selected client"),
    ("New staff member", "main.new_staff", "Someone you can delegate to (n in Workload)"),
    ("New event", "main.new_event", "An exhibition, conference or meeting that takes time (v in Workload)"),
    ("Log activity", "main.log_activity", "Record a call, meeting, e-mail or note for a client (a)"),
    ("Edit client", "main.edit_client", "Edit the selected client (e in Clients)"),
    ("Edit project", "main.edit_project", "Edit the selected project (e on the Board)"),
    ("Edit task", "main.edit_task", "Edit the selected task (e in Today)"),
    ("Delete client", "main.delete_client", "Delete the selected client, asking first (d in Clients)"),
    ("Delete project", "main.delete_project", "Delete the selected project, asking first (d on the Board)"),
    ("Delete task", "main.delete_task", "Delete the selected task, asking first (d in Today)"),
    ("Move project to next stage", "main.move_stage(1)", "> on the Board"),
    ("Move project to previous stage", "main.move_stage(-1)", "< on the Board"),
    (
        "Add playbook tasks",
        "main.add_playbook",
        "The stage's checklist as tasks of the project (p on the Board)",
    ),
    ("Toggle task done", "main.toggle_task", "x in Today"),
    ("Open client", "main.open_client", "The selected client's contacts, projects, tasks and timeline (Enter)"),
    ("Narrow to client", "main.narrow_to_client", "Show only the selected client on the Board and in Today (space)"),
    ("Show all clients", "main.show_all", "Undo the narrowing (Esc)"),
    ("Filter", "main.filter", "Filter the focused pane as you type (/)"),
    ("Undo", "app.undo", "Undo the last change (u)"),
    ("Delegation ledger", "app.open_list('ledger')", "Everyone's delegated work and its follow-ups (D)"),
    ("Renewal radar", "app.open_list('renewals')", "Renewals in the next 6 and 3 months, on track or at risk (R)"),
    (
        "Prospects, won and lost",
        "app.open_list('prospects')",
        "Deals in play, next meetings, win/loss by quarter (P)",
    ),
    ("Discounts", "app.open_list('discounts')", "Every discount, the money given away a year, what needs approval (M)"),
    ("Competitors", "app.open_list('competitors')", "Every competitor and the clients it touches (K)"),
    ("Events", "app.open_list('events')", "Exhibitions and conferences, and the leads met there (V)"),
    ("New discount", "main.new_discount", "Stack a discount on the selected client"),
    ("New competitor", "main.new_competitor", "Note a competitor at the selected client"),
    ("Switch book", "app.switch_book", "Open another book, or a recent one (ctrl+o)"),
    ("Weekly report", "app.weekly_report", "This week's work for your manager, saved as Markdown (ctrl+r)"),
    ("Why these numbers", "main.why", "Every hour of load and every stress point with its reason (w in Workload)"),
    ("Weekly self-check", "main.self_check", "Six questions on how this week felt, next to the computed index (c)"),
    ("Accept suggestion", "main.accept_suggestion", "Move or delegate a task that does not fit today (s in Today)"),
    ("Save now", "app.save", "Write the book to disk now (ctrl+s)"),
    ("Sync", "app.sync", "Commit, fetch, merge and push the book over git (ctrl+y; see acct-tui sync)"),
    ("Help", "app.help", "Every key (?)"),
    ("Quit", "app.quit", "Leave acct-tui (q)"),
)


class AcctCommands(Provider):
    """Every action of the planner, and "Open client: <name>" for each client."""

    @property
    def _app(self) -> AcctApp:
        return self.app  # type: ignore[return-value]

    def _main(self) -> MainScreen | None:
        from acct_tui.ui.screens.main import MainScreen

        return next((s for s in self._app.screen_stack if isinstance(s, MainScreen)), None)

    def _runner(self, action: str) -> Callable[[], None]:
        namespace, _, name = action.partition(".")

        def run() -> None:
            if namespace == "app":
                self._app.call_later(self._app.run_action, name)
                return
            main = self._main()
            if main is not None:
                if self._app.screen is not main:
                    self._app.pop_screen()
                self._app.call_later(main.run_action, name)

        return run

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        commands = [(title, self._runner(action), help_text) for title, action, help_text in COMMANDS]
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
