"""The head of accounts' screen: the team's books, most at risk first (`acct-tui team`).

One line per person; the highlighted person's promises, renewals, discounts and quiet clients
below. Enter opens that person's book read-only in the planner (q there comes back here), `a`
approves the first discount waiting in that book (a commit pushed to its repository). Every name
comes from a teammate's book: it is shown as text, never as markup.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from acct_tui.domain.wording import plural
from acct_tui.ending import ENDING_SIGNALS, take_ending_signals
from acct_tui.settings import SettingsFile
from acct_tui.store.errors import printable
from acct_tui.team.rollup import Rollup
from acct_tui.team.sources import Read, Refused, Source, read
from acct_tui.ui.action_table import bindings
from acct_tui.ui.app import EXIT_GRACE, AcctApp
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.workload_pane import sparkline


def _row(found: Read) -> Content:
    p = found.person
    warning = Content.styled(" ⚠ overload", "bold $error") if p.sustained_overload else Content("")
    return Content.assemble(
        (f"{printable(p.name)[:24]:<24} ", "bold"),
        f"week {p.utilisation_week:>4.0%}  next {p.utilisation_next_week:>4.0%}  stress {p.stress_index:>3} ",
        sparkline(list(p.stress_trend)),
        warning,
        f"  promises {len(p.promises_at_risk)}  renewals {len(p.renewals_at_risk)}"
        f"  discounts {len(p.discounts_waiting)}  quiet {len(p.quiet_clients)}",
    )


def _detail(found: Read) -> Content:
    p = found.person
    parts: list[Content] = [Content.styled(printable(p.name), "bold"), Content(f"  {printable(p.source)}")]
    for title, items in (
        ("Promises at risk", p.promises_at_risk),
        ("Renewals within 90 days at risk", p.renewals_at_risk),
        ("Discounts awaiting approval", tuple(f"{w.client} ({w.combined_pct:g}%)" for w in p.discounts_waiting)),
        ("Clients gone quiet", p.quiet_clients),
    ):
        parts.append(Content.styled(f"\n{title} ({len(items)})", "bold $accent"))
        parts += [Content(f"\n  • {printable(item)}") for item in items[:8]]
        if len(items) > 8:
            parts.append(Content(f"\n  … and {len(items) - 8} more"))
    return Content("").join(parts)


class TeamApp(App[Read | None]):
    TITLE = "acct-tui team"
    CSS = """
    #people { height: 1fr; }
    #detail { height: 1fr; border-top: solid $accent; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("team")

    def __init__(self, found: Rollup, today: date, base_settings: dict[str, Any]) -> None:
        super().__init__()
        self.found = found
        self.today = today
        self.base_settings = base_settings
        self._approving: Worker[tuple[str, Read | Refused]] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        options = [Option(_row(r), id=str(i)) for i, r in enumerate(self.found.read)]
        options += [
            Option(Content.styled(printable(f"{r.source}: {r.reason}"), "$error"), disabled=True)
            for r in self.found.refused
        ]
        yield OptionList(*options, id="people")
        yield Static(id="detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"{plural(len(self.found.read), 'book')}, most at risk first; {self.today:%d %b %Y}"
        self._show(0)
        with contextlib.suppress(RuntimeError, ValueError, NotImplementedError):  # not the main thread, or no Unix
            loop = asyncio.get_running_loop()
            for ending in ENDING_SIGNALS:
                loop.add_signal_handler(ending, self._ended_by, ending)

    def _ended_by(self, signum: int) -> None:
        """SIGTERM or SIGHUP: leave as q does (then the clones are removed), with the shell's exit
        code; if the terminal, closed, does not let Textual leave (see AcctApp._ended_by), the clones
        are removed and the process ends EXIT_GRACE seconds later."""
        code = 128 + signum

        def leave_now() -> None:
            if self.found.workdir is not None:
                shutil.rmtree(self.found.workdir, ignore_errors=True)
            os._exit(code)

        watchdog = threading.Timer(EXIT_GRACE, leave_now)
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

    @property
    def current(self) -> Read | None:
        index = self.query_one(OptionList).highlighted
        return self.found.read[index] if index is not None and index < len(self.found.read) else None

    def _show(self, index: int | None) -> None:
        found = self.found.read[index] if index is not None and index < len(self.found.read) else None
        self.query_one("#detail", Static).update(_detail(found) if found else Content(""))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self.current is not None:
            self.exit(self.current)

    def action_approve(self) -> None:
        found = self.current
        if found is None or not found.person.discounts_waiting:
            self.notify("Nothing waits for approval in this book.", timeout=3)
            return
        from acct_tui.team.approve import cannot_approve

        why_not = cannot_approve(found.source)
        if why_not:  # asked only when it can be written (a plain file cannot: nothing to push it to)
            self.notify(printable(why_not), title="Not approved", severity="warning", timeout=8, markup=False)
            return
        waiting = found.person.discounts_waiting[0]
        approver = approver_name()
        question = Content.assemble(
            "Approve the discount of ",
            (printable(waiting.client), "bold"),
            f" ({waiting.combined_pct:g}%) in ",
            (printable(found.person.name), "bold"),
            f"'s book, as {approver}? It is committed and pushed to that book's repository.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._approving = self._approve(found.source, waiting.client_id, approver)

        self.push_screen(ConfirmScreen(question, yes="Approve", no="Not now"), answered)

    @work(thread=True, exit_on_error=False, group="approve", description="approve a discount")
    def _approve(self, source: Source, client_id: int, approver: str) -> tuple[str, Read | Refused]:
        """Approve, then read the book again for its figures (the discount no longer waits)."""
        from acct_tui.team.approve import approve

        said = approve(source, client_id, approver, self.today)
        return said, read(source, self.today, self.base_settings)

    def _replace(self, again: Read | Refused) -> None:
        """A person's line and detail from their book as it is now (read again after an approval)."""
        if not isinstance(again, Read):
            return
        index = next((i for i, r in enumerate(self.found.read) if r.source == again.source), None)
        if index is None:
            return
        self.found.read[index] = again
        people = self.query_one(OptionList)
        people.replace_option_prompt_at_index(index, _row(again))
        if people.highlighted == index:
            self._show(index)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._approving or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state is WorkerState.SUCCESS:
            assert event.worker.result is not None
            said, again = event.worker.result
            self.notify(said, title="Approved", timeout=6, markup=False)
            self._replace(again)
        else:
            self.notify(str(event.worker.error), title="Not approved", severity="error", timeout=10, markup=False)


def approver_name() -> str:
    """Who approves: git's user.name, else the login name."""
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        name = ""
    return name or getpass.getuser()


@contextlib.contextmanager
def planner_of(chosen: Read, today: date, config: SettingsFile) -> Iterator[AcctApp]:
    """The planner on a book chosen in the roll-up: read-only, named by where it comes from (its
    remote, not the temporary clone). Raises BookError."""
    from acct_tui.store.repository import Repository

    with Repository.open(chosen.source.path, read_only=True, today=today, base_settings=config.settings) as repo:
        repo.read_only_why = f"it is {printable(chosen.person.name)}'s book, shown from the team roll-up"
        yield AcctApp(repo, today, config=config, shown_as=chosen.source.origin)


def run_team_screen(found: Rollup, today: date, config: SettingsFile) -> int:
    """The roll-up screen; a book opened from it runs in the planner, read-only, then back here.
    The exit code: 0, or the shell's code of the signal that ended the session (143, 129)."""
    from acct_tui.store.errors import BookError

    while True:
        team = TeamApp(found, today, config.settings)
        chosen = team.run()
        take_ending_signals()  # between the screens too: the event loop gave them back to the default
        if team.return_code:
            return team.return_code
        if chosen is None:
            return 0
        try:
            with planner_of(chosen, today, config) as planner:
                planner.run()
                take_ending_signals()
        except BookError as err:
            print(f"acct-tui: {err.text(5)}")
            continue
        if planner.return_code and planner.return_code >= 128:  # ended from outside: the session ends
            return planner.return_code
