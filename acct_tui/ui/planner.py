"""Planner: what a screen needs from the app, as a Protocol, so screens never import the app.

A screen reads the book, today and the forms through `planner_of(self)` (BookScreen's `planner`),
and uses `self.app` only for what Textual gives every app (push_screen, notify). The app module
checks, for mypy, that AcctApp is a Planner.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message import Message
    from textual.signal import Signal

    from acct_tui.domain.enums import Stage
    from acct_tui.domain.meetings import Meeting
    from acct_tui.domain.records import Project, Record
    from acct_tui.domain.workload import Assessment
    from acct_tui.settings import Changes, SettingsFile
    from acct_tui.store.repository import Repository
    from acct_tui.ui.book_search import BookSearch
    from acct_tui.ui.forms.records import RecordForms
    from acct_tui.ui.refresh_schedule import Inputs


class Planner(Protocol):
    repo: Repository
    """The open book (another one after ctrl+o: read it each time, never keep it)."""
    today: date
    demo: bool
    """The sample book, with a copy of the settings file: both thrown away on exit."""

    @property
    def forms(self) -> RecordForms:
        """The form of each kind of record, for the open book."""

    meetings: tuple[Meeting, ...]
    """The calendar's meetings."""
    keymap: dict[str, str]
    broadcast: Signal[Message]
    """The app's messages to its screens (`acct_tui.ui.messages`): BookScreen subscribes to it."""

    @property
    def saving(self) -> bool:
        """A save of the book is running."""

    @property
    def assessment(self) -> Assessment | None:
        """The schedule, meters and plan of the main screen's last recompute (None: none yet)."""

    def now(self) -> datetime: ...

    def inputs_now(self) -> Inputs:
        """What a recompute of the panes would start from now (the book's revision, the meetings...)."""

    search: BookSearch
    """The search index of the open book."""

    def open_client(self, client_id: int, show: tuple[str, int] | None = None) -> None: ...

    def open_record(self, table: str, record_id: int) -> None:
        """Open a record where it lives (a client's detail, the board, its form)."""

    def confirm_delete(self, record: Record) -> None:
        """Ask before deleting `record`, listing what goes with it."""

    def planned_day(self, task_id: int) -> date | None:
        """The day the schedule has one of your open tasks done."""

    def offer_playbook(self, project: Project, stage: Stage) -> None:
        """After a move made away from the board, say that `p` there adds the stage's playbook."""

    def settings_changed(self) -> None:
        """The settings file's layer changed (the settings screen): every screen redraws."""

    @property
    def config(self) -> SettingsFile | None:
        """The settings file as last read or written (None: there is none in this session)."""

    def apply_settings(self, changes: Changes) -> None:
        """Change settings, each in its layer (the book or the settings file), and redraw."""


def planner_of(node: DOMNode) -> Planner:
    """The app of `node`, as the Planner it is."""
    return cast("Planner", node.app)
