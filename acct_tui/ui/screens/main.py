"""MainScreen: Clients, Board, Today and Workload on one screen, everything from the keyboard.

The screen turns the user's keys into edits: it reads the book, asks the domain for what each
pane shows, and writes changes through the repository; panes only draw what they are given and
say what the user did. Narrower than 110 columns or lower than 30 lines, the panes become tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid
from textual.reactive import reactive
from textual.widgets import Header, Tab, Tabs

from acct_tui.domain import overview
from acct_tui.domain.book import Book
from acct_tui.domain.edits import neighbour_stage, playbook_tasks, stage_move, task_toggle
from acct_tui.domain.enums import Stage
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.planner import DayPlan
from acct_tui.domain.records import Client, Project, Task
from acct_tui.domain.risks import Risk, suggestion_edit
from acct_tui.domain.wording import plural
from acct_tui.domain.workload import Assessment, assess
from acct_tui.ui.action_table import bindings, enabled, key_hint
from acct_tui.ui.actions import apply
from acct_tui.ui.clipboard import copy, task_summary
from acct_tui.ui.messages import BookChanged, PlanChanged
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.screens.why import WhyScreen
from acct_tui.ui.widgets.board_pane import BoardPane
from acct_tui.ui.widgets.clients_pane import ClientsPane
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList
from acct_tui.ui.widgets.today_pane import TodayPane
from acct_tui.ui.widgets.workload_pane import WorkloadPane

if TYPE_CHECKING:
    from collections.abc import Sequence

    from acct_tui.domain.changes import Change
    from acct_tui.ui.forms.screen import FormScreen
    from acct_tui.ui.refresh_schedule import Inputs

NARROW_WIDTH = 110
NARROW_HEIGHT = 30
PANES = ("clients", "board", "today", "workload")


@dataclass(frozen=True, slots=True)
class Panes:
    """What the four panes show, all computed from one book (narrowing filters the board and plan)."""

    clients: list[overview.ClientRow]
    columns: dict[Stage, list[overview.ProjectCard]]
    assessment: Assessment
    plan: DayPlan


def compute_panes(book: Book, today: date, meetings: tuple[Meeting, ...] = ()) -> Panes:
    found = assess(book, today, meetings)
    rows = overview.client_rows(book, today, meetings, last=found.last_touches)
    return Panes(rows, overview.board(book), found, found.plan)


class MainScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("main")

    narrowed: reactive[int | None] = reactive(None)
    """The client the board and today's plan are narrowed to."""

    _follow: int | None = None
    """A project the board cursor should follow to its new column after the next change."""
    _follow_new: int | None = None
    """A project just added, for the board cursor to go to when the recompute draws its card."""
    _follow_back: tuple[str, int] | None = None
    """The record an undo brought back, for the cursor of its pane to go to when the recompute
    draws it (a task in Today, a client, a project's card)."""
    assessment: Assessment | None = None
    _columns: dict[Stage, list[overview.ProjectCard]] = {}  # noqa: RUF012 (replaced, never mutated)
    """Every project card of the last recompute; narrowing only filters them."""
    _plan: DayPlan | None = None
    """The whole day plan of the last recompute."""
    shown_inputs: Inputs | None = None
    """What the last recompute started from."""

    def compose(self) -> ComposeResult:
        today = self.planner.today
        yield Header(icon="◆")
        yield Tabs(*(Tab(f"{n} {name.title()}", id=f"tab-{name}") for n, name in enumerate(PANES, 1)), id="pane-tabs")
        with Grid(id="panes"):
            yield ClientsPane(today)
            yield BoardPane(today)
            yield WorkloadPane(today)
            yield TodayPane(today)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_panes()
        self._activate("clients")
        self.query_one(ClientsPane).focus_main()

    # --- layout ------------------------------------------------------------------------

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH or self.size.height < NARROW_HEIGHT
        self.set_class(narrow, "-narrow")

    def _pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}", Pane)

    @property
    def current_pane(self) -> Pane:
        """The pane that has the focus (or had it last)."""
        return self._pane(self._current_pane())

    def _current_pane(self) -> str:
        focused = self.focused
        while focused is not None and not isinstance(focused, Pane):
            focused = focused.parent  # type: ignore[assignment]
        return focused.id if isinstance(focused, Pane) and focused.id else "clients"

    def _activate(self, name: str) -> None:
        for pane in PANES:
            self._pane(pane).set_class(pane == name, "-active")
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"

    def action_pane(self, step: int) -> None:
        index = (PANES.index(self._current_pane()) + step) % len(PANES)
        self.action_go(PANES[index])

    def action_go(self, name: str) -> None:
        self._activate(name)
        self._pane(name).focus_main()

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and name != self._current_pane():
            self.action_go(name)

    def on_descendant_focus(self) -> None:
        self._activate(self._current_pane())

    @on(RecordList.Chosen, "#client-list")
    def _client_clicked(self) -> None:
        self.action_open_client()

    @on(RecordList.Chosen, "#today-list")
    def _task_clicked(self) -> None:
        self.action_edit_task()

    # --- what the panes show -------------------------------------------------------------

    def refresh_panes(self, follow_project: int | None = None) -> None:
        """Recompute every pane from the book now (on opening it; after a change, the app
        recomputes them in a thread, as its RefreshSchedule says, and calls `show_panes`)."""
        planner = self.planner
        inputs = planner.inputs_now()
        self.show_panes(compute_panes(planner.repo.book, planner.today, planner.meetings), inputs, follow_project)

    def show_panes(self, panes: Panes, inputs: Inputs, follow_project: int | None = None) -> None:
        """Show `panes`, computed from `inputs`."""
        if self.narrowed is not None and self.narrowed not in self.planner.repo.book.clients:
            self.narrowed = None
        self._columns = panes.columns
        self.assessment, self._plan, self.shown_inputs = panes.assessment, panes.plan, inputs
        (table, back), self._follow_back = self._follow_back or ("", 0), None
        self.query_one(ClientsPane).show(panes.clients, follow=back if table == "clients" else None)
        follow_project, self._follow_new = follow_project or self._follow_new, None
        self._show_narrowed(back if table == "projects" else follow_project, back if table == "tasks" else None)
        self.query_one(WorkloadPane).show(panes.assessment)
        self.planner.broadcast.publish(PlanChanged())

    def assessment_of(self, inputs: Inputs) -> Assessment | None:
        """The last recompute's assessment, if it started from `inputs` (else None)."""
        shown = self.shown_inputs
        return self.assessment if shown is not None and shown.same(inputs) else None

    def _show_narrowed(self, follow_project: int | None = None, follow_task: int | None = None) -> None:
        """Board and Today for the client narrowed to (or all), from the last full recompute."""
        self._show_board(follow_project)
        found = self.assessment
        if self._plan is not None and found is not None:
            risks = found.at_risk
            if self.narrowed is not None:
                risks = tuple(r for r in risks if r.client_id == self.narrowed)
            plan = self._plan.for_client(self.narrowed)
            today = self.query_one(TodayPane)
            today.show(self.planner.repo.book, plan, risks, found.schedule, self.narrowed, follow_task)

    def _show_board(self, follow_project: int | None = None) -> None:
        book = self.planner.repo.book
        client = book.clients.get(self.narrowed) if self.narrowed is not None else None
        scope = client.name if client else "All clients"
        board = overview.for_client(self._columns, self.narrowed)
        lost = 0
        if not any(board.values()):  # the board has no Lost column: say where those are, not that there are none
            shown = (
                book.projects.values()
                if client is None
                else (p for p in book.projects.values() if p.client_id == client.id)
            )
            lost = sum(1 for p in shown if p.stage is Stage.LOST)
        if lost:
            empty = f"No open projects{f' for {client.name}' if client else ''} ({plural(lost, 'lost deal')}: "
            empty += f"{key_hint('app.prospects', self.planner.keymap)} lists them)"
        else:
            empty = f"No projects for {client.name}" if client else "No projects yet"
        self.query_one(BoardPane).show(
            board,
            book.settings.stages,
            scope,
            book.settings.currency,
            follow_project,
            f"{empty}: press {key_hint('board.new', self.planner.keymap)} to add one.",
        )

    def watch_narrowed(self) -> None:
        if self.is_mounted:
            self._show_narrowed()

    def follow_added(self, changes: Sequence[Change]) -> None:
        """A change that added one project: the board's cursor goes to it once it is drawn (so `>`
        moves the new card, not the one the cursor was on)."""
        added = [c.record_id for c in changes if c.table == "projects" and c.before is None and c.after is not None]
        if len(added) == 1:
            self._follow_new = added[0]

    def on_book_changed(self, message: BookChanged) -> None:
        """Show the change at once where the user made it (the recompute of everything follows)."""
        if message.back is not None:
            self._follow_back = message.back
        book = self.planner.repo.book
        self.query_one(BoardPane).check_note(book.projects)
        moved = book.projects.get(self._follow) if self._follow is not None else None
        if moved is not None:
            self._columns = overview.with_moved(self._columns, moved)
            self._show_board(moved.id)
        self._follow = None

    # --- editing helpers -----------------------------------------------------------------

    def _form(self, screen: FormScreen) -> None:
        self.app.push_screen(screen)

    # --- clients -----------------------------------------------------------------------

    def _client(self) -> Client | None:
        """The client under the Clients cursor, as the book has it now (the row may be a moment old)."""
        row = self.query_one(ClientsPane).current
        return self.planner.repo.book.clients.get(row.client.id) if row is not None else None

    def _client_id(self) -> int | None:
        """The client a new record is for: the one under the cursor, else the one narrowed to."""
        client = self._client()
        return client.id if client is not None else self.narrowed

    def action_new_client(self) -> None:
        self._form(self.planner.forms.client())

    def action_edit_client(self) -> None:
        if client := self._client():
            self._form(self.planner.forms.client(client))

    def action_delete_client(self) -> None:
        if client := self._client():
            self.planner.confirm_delete(client)

    def action_narrow_to_client(self) -> None:
        if client := self._client():
            self.narrowed = None if self.narrowed == client.id else client.id

    def action_new_contact(self) -> None:
        self._form(self.planner.forms.contact(client_id=self._client_id()))

    def action_new_discount(self) -> None:
        self._form(self.planner.forms.discount(client_id=self._client_id()))

    def action_new_competitor(self) -> None:
        self._form(self.planner.forms.competitor(client_id=self._client_id()))

    def action_show_all(self) -> None:
        self.narrowed = None

    def action_open_client(self) -> None:
        if client := self._client():
            self.planner.open_client(client.id)

    def action_log_activity(self) -> None:
        self._form(self.planner.forms.activity(client_id=self._client_id()))

    # --- projects ----------------------------------------------------------------------

    def _card(self) -> Project | None:
        """The project under the Board cursor, as the book has it now (the card may be a moment old)."""
        card = self.query_one(BoardPane).current
        return self.planner.repo.book.projects.get(card.project.id) if card is not None else None

    def show_project(self, project_id: int) -> bool:
        """Put the Board's cursor on a project, showing every client and no filter (False: the
        board does not show it, as for a lost project)."""
        self.narrowed = None
        self._pane("board").action_clear_filter()
        self._show_board(project_id)
        card = self.query_one(BoardPane).current
        if card is None or card.project.id != project_id:
            return False
        self.action_go("board")
        return True

    def action_new_project(self) -> None:
        """The new-project form, for the client of the selection: the one narrowed to, else the
        highlighted card's (on the Board), else the one under the Clients cursor."""
        card = self._card() if self._current_pane() == "board" else None
        client_id = self.narrowed or (card.client_id if card else None) or self._client_id()
        self._form(self.planner.forms.project(client_id=client_id))

    def action_edit_project(self) -> None:
        if project := self._card():
            self._follow = project.id  # the cursor stays on the card if the form moves it to another stage

            def saved(edited: object) -> None:
                if not isinstance(edited, Project):  # cancelled
                    self._follow = None
                elif edited.stage is not project.stage:
                    self.offer_playbook(edited, edited.stage)  # as a move on the board does

            self.app.push_screen(self.planner.forms.project(project), saved)

    def action_delete_project(self) -> None:
        if project := self._card():
            self.planner.confirm_delete(project)

    def action_open_project_client(self) -> None:
        if project := self._card():
            self.planner.open_client(project.client_id)

    def action_move_stage(self, step: int) -> None:
        project = self._card()
        if project is None:
            return
        stage = neighbour_stage(project.stage, step)
        if stage is None:
            self.notify("No stage further that way.", timeout=2)
            return
        repo = self.planner.repo
        edit = stage_move(project, stage, self.planner.now(), repo.settings)
        self._follow = project.id
        if apply(self, lambda: repo.put_all(edit.records, edit.label)):
            self.offer_playbook(project, stage)

    def offer_playbook(self, project: Project, stage: Stage, *, on_board: bool = True) -> None:
        """After a move, say that `p` adds the stage's playbook tasks (settings.playbooks): under
        the board, or as a notification when the move was made elsewhere.

        An offer, not a question: moving cards stays quick, and the playbook is one key away.
        """
        tasks = playbook_tasks(project, stage, self.planner.today, self.planner.repo.settings)
        if not tasks:
            return
        label = self.planner.repo.settings.stages.label(stage)
        titles = ", ".join(t.title for t in tasks)
        offer = f"{label} playbook: p adds its {plural(len(tasks), 'task')} ({titles})."
        if on_board:
            self.query_one(BoardPane).note(project.id, stage, offer)
        else:
            self.notify(offer, timeout=6, markup=False)

    def action_add_playbook(self) -> None:
        """Create the playbook tasks of the highlighted project's stage, due from today."""
        project = self._card()
        if project is None:
            return
        repo = self.planner.repo
        tasks = playbook_tasks(project, project.stage, self.planner.today, repo.settings)
        label = repo.settings.stages.label(project.stage)
        if not tasks:
            self.notify(f"{label} has no playbook (the settings file can give it one).", timeout=4, markup=False)
            return
        done = f"Added the {label} playbook's {len(tasks)} tasks to {project.title} (u undoes it)"
        if apply(self, lambda: repo.put_all(tasks, f"{label} playbook"), done):
            self.query_one(BoardPane).clear_note()

    # --- tasks -------------------------------------------------------------------------

    def _current_task(self) -> Task | None:
        return self.query_one(TodayPane).current_task

    def action_new_task(self) -> None:
        project = self._card() if self._current_pane() == "board" else None
        client_id = project.client_id if project else self.narrowed
        self._form(self.planner.forms.task(client_id=client_id, project_id=project.id if project else None))

    def action_edit_task(self) -> None:
        if task := self._current_task():
            self._form(self.planner.forms.task(task))

    def action_delete_task(self) -> None:
        if task := self._current_task():
            self.planner.confirm_delete(task)

    def action_toggle_task(self) -> None:
        task = self._current_task()
        if task is None:
            return
        edit = task_toggle(task, self.planner.now())
        if apply(self, lambda: self.planner.repo.put_all(edit.records, edit.label)):
            changed = edit.records[0]
            assert isinstance(changed, Task)
            self.query_one(TodayPane).show_toggled(changed)

    def action_copy_task(self) -> None:
        if task := self._current_task():
            planner = self.planner
            copy(self.app, task_summary(task, planner.repo.book, planner.planned_day(task.id)), "the task")

    def action_accept_suggestion(self) -> None:
        row = self.query_one(TodayPane).current
        task = self._current_task()
        if row is None or task is None:
            return
        if row.suggestion is None:
            # An overflow task that nothing can take says why; a task in the plan needs no suggestion.
            why = row.why if row.kind == "overflow" else "Only a task that does not fit today has a suggestion."
            self.notify(why, title=f"No suggestion for {task.title}", timeout=5, markup=False)
            return
        edit = suggestion_edit(task, row.suggestion, self.planner.now(), self.planner.repo.book)
        apply(self, lambda: self.planner.repo.put_all(edit.records, edit.label), edit.label)

    def _risk_row(self) -> tuple[Task, Risk | None] | None:
        row = self.query_one(TodayPane).current
        task = self._current_task()
        return (task, row.risk) if row is not None and task is not None else None

    def action_renegotiate(self) -> None:
        if found := self._risk_row():
            from acct_tui.ui.screens import at_risk  # imported on use, with the forms it opens

            at_risk.renegotiate(self, self.planner, *found)

    def action_delegate_risk(self) -> None:
        if found := self._risk_row():
            from acct_tui.ui.screens import at_risk

            at_risk.delegate(self, self.planner, *found)

    def action_drop_task(self) -> None:
        if task := self._current_task():
            from acct_tui.ui.screens import at_risk

            at_risk.drop(self, self.planner, task)

    # --- workload ----------------------------------------------------------------------

    def action_why(self) -> None:
        if self.assessment is not None:
            self.app.push_screen(WhyScreen(self.assessment))

    def action_self_check(self) -> None:
        if self.assessment is not None:
            from acct_tui.ui.forms.records import self_check_form

            planner = self.planner
            self.app.push_screen(self_check_form(planner.repo, self.assessment.record, planner.today, planner.now()))

    # --- staff and events --------------------------------------------------------------

    def action_new_staff(self) -> None:
        self._form(self.planner.forms.staff())

    def action_new_event(self) -> None:
        self._form(self.planner.forms.event())

    # --- when keys apply (the action table's `when`) --------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled(self, action)

    @property
    def has_client(self) -> bool:
        return self._client() is not None

    @property
    def has_card(self) -> bool:
        return self._card() is not None

    @property
    def has_task(self) -> bool:
        return self._current_task() is not None

    @property
    def has_risk(self) -> bool:
        found = self._risk_row()
        return found is not None and found[1] is not None

    @property
    def narrowed_to_client(self) -> bool:
        return self.narrowed is not None
