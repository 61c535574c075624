"""The Board pane: the stage board, for all clients or the one the user narrowed to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.enums import BOARD_STAGES, Stage
from acct_tui.domain.money import money_totals
from acct_tui.domain.overview import ProjectCard, open_value
from acct_tui.domain.records import Project
from acct_tui.domain.settings import StageSettings
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.widgets.board import StageBoard
from acct_tui.ui.widgets.fixed_text import FixedText
from acct_tui.ui.widgets.pane import Pane


class BoardPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("board")

    def __init__(self, today: date, *, id: str = "board") -> None:
        super().__init__("Board", id=id)
        self.today = today
        self._columns: dict[Stage, list[ProjectCard]] = {stage: [] for stage in BOARD_STAGES}
        self._labels = StageSettings()
        self._scope = "all clients"
        self._currency = "EUR"
        self._empty = "No projects yet: press n to add one."
        self._noted: tuple[int, Stage] | None = None
        """The project the note under the board is about, and the stage it was about."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield FixedText(id="board-note", classes="pane-note")

    def body(self) -> Widget:
        return StageBoard(self.today, id="stage-board", classes="pane-body")

    def note(self, project_id: int, stage: Stage, text: str) -> None:
        """A line under the board about one project in its stage (the playbook its move offers),
        shown while the cursor stays on that project and the project in that stage. A line, not a
        notification: moving cards quickly neither piles up messages nor lays the screen out again
        for each one."""
        self._noted = (project_id, stage)
        self.query_one("#board-note", FixedText).update(Content.assemble(("▸ ", "$accent"), Content(text)))

    def clear_note(self) -> None:
        self._noted = None
        self.query_one("#board-note", FixedText).update("")

    def check_note(self, projects: Mapping[int, Project]) -> None:
        """Clear the note once its project is gone or has left the stage it was about (an undo)."""
        if self._noted is not None:
            project_id, stage = self._noted
            project = projects.get(project_id)
            if project is None or project.stage is not stage:
                self.clear_note()

    @on(StageBoard.Highlighted)
    def _left_the_noted_card(self, event: StageBoard.Highlighted) -> None:
        if self._noted is not None and (event.card is None or event.card.project.id != self._noted[0]):
            self.clear_note()

    @property
    def board(self) -> StageBoard:
        return self.query_one(StageBoard)

    def show(
        self,
        columns: dict[Stage, list[ProjectCard]],
        labels: StageSettings,
        scope: str,
        currency: str,
        follow: int | None = None,
        empty: str = "No projects yet: press n to add one.",
    ) -> None:
        """Show the board's `columns`; totals with no project at all are in `currency`."""
        self._columns = columns
        self._labels = labels
        self._scope = scope
        self._currency = currency
        self._empty = empty
        self._refresh(follow)

    def _refresh(self, follow: int | None = None) -> None:
        text = self.filter_text
        columns = self._columns
        if text:
            columns = {
                stage: [c for c in cards if text in f"{c.project.title} {c.client_name}".casefold()]
                for stage, cards in columns.items()
            }
        count = sum(len(cards) for cards in columns.values())
        heading = Content.assemble(
            (self._scope, "bold"),
            (f"  {plural(count, 'project')}, {money_totals(open_value(columns), self._currency)} open", "dim"),
            (f"  filter: {self.filter_text}" if text else "", "$warning"),
        )
        self.set_heading(heading)
        self.board.empty_text = self.no_match("project") if text else self._empty
        self.board.show(columns, self._labels, follow)

    def apply_filter(self) -> None:
        self._refresh()

    @property
    def current(self) -> ProjectCard | None:
        return self.board.current
