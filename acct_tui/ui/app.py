"""AcctApp: the planner's Textual application: screens, global keys, saving, the command palette.

The app owns the repository. Every change goes through it and is saved at once in a thread
worker, so typing never waits for the disk; saves coalesce (while one runs, the next waits and
then writes the newest book). When the panes are recomputed and the status cached after a
change is its RefreshSchedule's to say (refresh_schedule.py); the app runs the workers. A save
that fails keeps the change in memory, says why, and is retried with ctrl+s or the next change.
Quitting waits for the last save; so does the end of the
session by SIGTERM or SIGHUP (a logout, a shutdown, the terminal closed), which then leaves the
terminal as it found it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import errno
import importlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from acct_tui import settings, tuning
from acct_tui.calendars import Calendars
from acct_tui.domain.changes import summary
from acct_tui.domain.dates import iso_week
from acct_tui.domain.enums import Stage
from acct_tui.domain.meetings import Meeting
from acct_tui.domain.merge import MergeRefused, Version
from acct_tui.domain.records import Activity, Client, Competitor, Contact, Event, Project, Record, StaffMember, Task
from acct_tui.domain.wording import plural
from acct_tui.domain.workload import Assessment, assess, week_record
from acct_tui.ending import ENDING_SIGNALS
from acct_tui.store import recent
from acct_tui.store.errors import BookChangedOnDisk, BookError, printable
from acct_tui.store.repository import ChangeSet, Outside, Repository
from acct_tui.store.saving import FileState, Snapshot, current_state
from acct_tui.store.storage import atomic_write
from acct_tui.ui.action_table import bindings, enabled, help_sections
from acct_tui.ui.actions import apply
from acct_tui.ui.book_search import BookSearch
from acct_tui.ui.commands import AcctCommands, SearchCommands
from acct_tui.ui.keymap import normalized_keymap
from acct_tui.ui.messages import BookChanged
from acct_tui.ui.planner import Planner
from acct_tui.ui.refresh_schedule import Inputs, RefreshSchedule
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.main import MainScreen, Panes, compute_panes
from acct_tui.ui.type_ahead import TypeAheadApp
from acct_tui.ui.widgets.clients_pane import LEGEND

if TYPE_CHECKING:
    from acct_tui.calendar import CalendarRead
    from acct_tui.domain.book import Book
    from acct_tui.status.cache import InputFile
    from acct_tui.sync.book_sync import Outcome
    from acct_tui.ui.forms.records import RecordForms
    from acct_tui.ui.screens.list_screen import ListScreen


WATCH_SECONDS = 1.0
"""How often the planner looks whether another program (a sync) changed the book file: a stat."""

CALENDAR_CHECK_SECONDS = 2.0
"""How often the planner looks whether a calendar file changed (a stat of each file: cheap)."""

SHOW_SAVING_AFTER = 0.5
"""Seconds a save may take before the header says "saving…" (a quicker one would only flicker,
and each change of the header lays the whole screen out again)."""

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
"""Worker states after which a worker does nothing more (`is_finished` is now, not the event's)."""


class AcctApp(TypeAheadApp):
    CSS_PATH = "app.tcss"
    TITLE = "acct-tui"
    # Textual's own commands (theme, keys, screenshot, maximize) beside the planner's.
    COMMANDS = App.COMMANDS | {AcctCommands, SearchCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        repo: Repository,
        today: date,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] = datetime.now,
        calendars: Calendars | None = None,
        config: settings.SettingsFile | None = None,
        shown_as: str | None = None,
    ) -> None:
        super().__init__()
        self.shown_as = shown_as
        """What the header names the book by instead of its path (a teammate's book, cloned by
        the team roll-up into a temporary folder: its remote)."""
        self.broadcast: Signal[Message] = Signal(self, "broadcast")
        """The app's messages to its screens (acct_tui.ui.messages); BookScreen subscribes to it."""
        self.search = BookSearch(self, self.broadcast)
        self.config = config
        """The settings file as last read or written: the theme, the keymap, the layer of book
        settings under every book opened. None: there is none to write to (tests)."""
        self.keymap: dict[str, str] = {}
        """The user's keymap (binding id -> keys, as Textual names them), applied to every binding."""
        self.apply_keymap(config.keymap if config is not None else {})
        self.calendars = calendars or Calendars()
        self.meetings: tuple[Meeting, ...] = ()
        """The calendar's meetings (read in a worker at start and whenever a calendar file changes)."""
        self._calendar_seen: object = None
        self._calendar_files: list[InputFile] | None = None
        """The calendar files as they were when the meetings were read, for the status cache (None:
        not read yet, or with a problem, and then the status is not cached)."""
        self._calendar_problems: tuple[str, ...] = ()
        self._calendar_timer: Timer | None = None
        self._theme_shown = False
        self.repo = repo
        self.today = today
        self.demo = demo
        self.clock = clock
        self._forms: RecordForms | None = None
        self.save_error: str | None = None
        self.schedule = RefreshSchedule(self)
        """When the book is saved, the panes recomputed and the status cached."""
        self._saving: Worker[bool] | None = None
        self._to_write: tuple[Snapshot, bool] | None = None
        self._force_next = False
        self._computing: Worker[None] | None = None
        self._compute_input: tuple[Book, date, tuple[Meeting, ...]] | None = None
        self._computed: tuple[Book, Panes] | None = None
        self._computed_from: Inputs | None = None
        self._status_from: tuple[Inputs, Book, Assessment] | None = None
        """The panes on screen: what they were computed from (the book's snapshot) and its assessment."""
        self._status_job: tuple[Inputs, Book, Assessment, InputFile, list[str], list[InputFile]] | None = None
        self._status_worker: Worker[bool] | None = None
        self._status_request: tuple[str, date, list[str]] | None = None
        """The book, day and calendar files of the status last cached (for `confirm_status`)."""
        self._save_started = 0.0
        self._merging: Worker[tuple[int, Outside]] | None = None
        self._syncing: Worker[Outcome] | None = None
        self._to_sync: Snapshot | None = None
        self._sync_step = ""
        self._asked_about: FileState | None = None
        """The book file as it was when the user was asked about a change that could not be merged:
        the watcher does not ask again until the file changes again (ctrl+s does)."""
        self._quit_after_sync = False
        repo.subscribe(self._book_changed)

    def apply_keymap(self, keymap: Mapping[str, str]) -> None:
        """Give the bindings the keymap names their keys (the others keep their default)."""
        self.keymap = normalized_keymap(keymap)
        self.set_keymap(self.keymap)

    @property
    def forms(self) -> RecordForms:
        """The form of each kind of record, for the open book. The forms are imported when the
        first one opens (about 15 ms of the start otherwise, for a session that may open none)."""
        if self._forms is None:
            from acct_tui.ui.forms.records import RecordForms

            self._forms = RecordForms(self.repo, self.today, self.now)
        return self._forms

    def now(self) -> datetime:
        """The current time on `today` (the date is fixed for the session; tests fix the clock)."""
        return datetime.combine(self.today, self.clock().time()).replace(second=0, microsecond=0)

    def on_mount(self) -> None:
        if self.config is not None:
            self.theme = self.config.ui.theme
        self._theme_shown = True
        self._update_title()
        self.push_screen(MainScreen())
        self.call_after_refresh(self._after_first_frame)
        self.set_interval(WATCH_SECONDS, self._watch_file)
        self._watch_calendars()
        with contextlib.suppress(RuntimeError, ValueError, NotImplementedError):  # not the main thread, or no Unix
            loop = asyncio.get_running_loop()
            for ending in ENDING_SIGNALS:
                # After what is already in the queue: keys that arrived before the signal (ctrl+s) count.
                loop.add_signal_handler(ending, self.call_later, self._ended_by, ending)

    # --- Textual's commands, the theme and the settings file -----------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The planner's own Quit (after the last save) is in its commands.
        return (command for command in super().get_system_commands(screen) if command.title != "Quit")

    def watch_theme(self, name: str) -> None:
        if self._theme_shown:
            self.write_settings({("ui", "theme"): name}, f"Theme {name}")

    @property
    def base_settings(self) -> dict[str, Any]:
        """The settings file's layer of book settings (under every book the planner opens)."""
        return self.config.settings if self.config is not None else {}

    def apply_settings(self, changes: settings.Changes) -> None:
        """Change settings from the settings screen: each key in its layer (`settings.apply`: the
        book's in the book, one undo step; the others in the settings file, keeping the user's
        comments), then everything that shows them redraws. Raises SettingsFileError,
        ChangeRejected or another BookError, and then nothing changed."""
        if self.config is None:
            raise BookError(self.repo.path, "has no settings file beside it in this session (nothing to write to)")
        files_before = set(Calendars.of(self.repo.settings).paths)
        self.config = settings.apply(self.repo, changes, self.config.path)
        self.apply_keymap(self.config.keymap)
        # The calendar files given on the command line stay; the settings' ones are the new ones.
        extra = [path for path in self.calendars.paths if path not in files_before]
        calendars = Calendars.of(self.repo.settings, extra)
        if calendars != self.calendars:
            self.calendars, self._calendar_seen = calendars, None
            self._watch_calendars()
        self.settings_changed()

    def write_settings(self, changes: settings.Changes, what: str) -> settings.SettingsFile | None:
        """Change keys of the settings file (keeping the user's comments); None, and why shown, if
        it cannot be written. On the UI thread, as the settings screen's writes are: one writer, so
        two changes never overwrite each other (a few milliseconds, on a deliberate choice)."""
        if self.config is None:
            return None
        try:
            self.config = settings.update(self.config.path, changes)
        except BookError as err:
            self.notify(err.text(5), title=f"{what}: not remembered", severity="warning", timeout=8, markup=False)
            return None
        return self.config

    # --- the calendar --------------------------------------------------------------------

    def _watch_calendars(self) -> None:
        """Read the calendars, and look for changes of their files from now on (once there are any)."""
        if not self.calendars.paths:
            self._calendar_files = []
            return
        self._calendar_files = None
        self._read_calendars()
        if self._calendar_timer is None:
            self._calendar_timer = self.set_interval(CALENDAR_CHECK_SECONDS, self._check_calendars)

    def _check_calendars(self) -> None:
        """Read the calendars again when a file changed (a sync tool rewrote it, an export replaced it)."""
        if self._calendar_seen != self.calendars.signature():
            self._read_calendars()

    @work(thread=True, exclusive=True, exit_on_error=False, group="calendar", description="read the calendars")
    def _read_calendars(self) -> None:
        from acct_tui.status.output import calendar_inputs

        seen = self.calendars.signature()
        files = calendar_inputs(self.repo.settings, self.calendars.paths)  # before the read, as status does
        found = self.calendars.read(self.today, self.repo.settings)
        self.call_from_thread(self._calendars_read, seen, found, files)

    def _calendars_read(self, seen: object, found: CalendarRead, files: list[InputFile] | None) -> None:
        self._calendar_seen = seen
        self._calendar_files = None if found.problems else files
        problems = tuple(str(problem) for problem in found.problems)
        if problems and problems != self._calendar_problems:
            shown = "\n".join(problems[:5]) + (f"\n… and {len(problems) - 5} more" if len(problems) > 5 else "")
            self.notify(shown, title="Calendar not fully read", severity="warning", timeout=10, markup=False)
        self._calendar_problems = problems
        if found.meetings != self.meetings:
            self.meetings = found.meetings
            self.schedule.recompute()

    def _ended_by(self, signum: int) -> None:
        """SIGTERM or SIGHUP: save what quit would (there is nobody to ask), then leave as quit does,
        restoring the terminal; the exit code is the shell's for that signal (143, 129).

        A terminal that was closed cannot be restored: Textual's last writes to it can block for
        good (and the SIGCONT that follows a hang-up restarts its output). So once the book is
        saved, the process ends there if its terminal is gone, and in any case if it still runs
        EXIT_GRACE seconds later.
        """
        failed = None
        if not self.repo.read_only:
            try:
                # The user's changes first (an outside change merged in, or kept aside if it cannot
                # be): the week's record costs a recompute.
                self.repo.save_merging(take_over=True)
                self.record_week()
                self.repo.save(quiet_too=True)
            except BookError as err:
                failed = f"acct-tui: your last changes could not be saved: {err.message}"
        code = 128 + signum
        if failed is None and _terminal_hung_up():
            os._exit(code)
        watchdog = threading.Timer(EXIT_GRACE, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code, message=failed)

    def _after_first_frame(self) -> None:
        tuning.after_first_frame()
        self.record_week(only_if_missing=True)
        if self.repo.settings.sync.on_start and self._can_sync():
            self.action_sync()

    def record_week(self, *, only_if_missing: bool = False) -> None:
        """Note this ISO week's load and stress in the book, for the trend (not an undo step).

        The record is a quiet change: it does not count as the user's, so opening the planner
        leaves the file (and a git working tree) as it was; it is written with the next real
        change, or at quit if something else changed.
        """
        if self.repo.read_only:
            return
        main = self.main_screen
        shown = main.assessment_of(self.inputs_now()) if main is not None else None
        # The panes' assessment, when it is of this book: not one more (250 ms at 1,000 clients).
        record = shown.record if shown is not None else week_record(self.repo.book, self.today, self.meetings)
        stored = self.repo.book.weeks.get(record.id) if record.id else None
        if stored is not None and (
            only_if_missing or dataclasses.replace(record, changed_at=stored.changed_at) == stored
        ):
            return
        with self.repo.change(f"Record week {record.week}", undoable=False, quiet=True) as tx:
            tx.put(record)

    # --- the book changed ----------------------------------------------------------------

    def _book_changed(self, changeset: ChangeSet) -> None:
        # The week's own record feeds only the trend and the self-check: no screen redraws at once
        # for it (the recompute brings it to the Workload pane).
        only_weeks = changeset.settings_before is None and all(c.table == "weeks" for c in changeset.changes)
        if not only_weeks:
            if (main := self.main_screen) is not None:
                main.follow_added(changeset.changes)
            self.broadcast.publish(BookChanged(changeset.brought_back))
            self.search.book_changed(self.repo)
        self.schedule.changed()

    def _update_title(self) -> None:
        book = self.shown_as or str(self.repo.path)
        parts = ["DEMO: sample data, thrown away on exit" if self.demo else printable(book)]
        if self.repo.read_only:
            parts.append("read-only")
        if self.syncing:
            parts.append(f"sync: {self._sync_step}…")
        if self.save_error:
            parts.append("NOT SAVED (ctrl+s retries)")
        elif self.repo.dirty and time.monotonic() - self._save_started >= SHOW_SAVING_AFTER:
            parts.append("saving…")
        self.sub_title = " · ".join(parts)

    # --- saving --------------------------------------------------------------------------

    def request_save(self, *, force: bool = False) -> None:
        """Save the book in a worker; if a save is running, save again when it ends
        (`self.schedule`'s rules). `force`: over a change another program made to the file."""
        self._force_next = self._force_next or force
        self.schedule.save()

    # --- what the schedule asks for (refresh_schedule.Host) ----------------------------------

    def inputs_now(self) -> Inputs:
        repo = self.repo
        return Inputs(repo, repo.revision, self.meetings, repo.settings)

    def file_holds(self, inputs: Inputs) -> bool:
        return inputs.repo is self.repo and inputs.revision == self.repo.saved_revision

    def later(self, seconds: float, then: Callable[[], None]) -> None:
        self.set_timer(seconds, then)

    def save_blocked(self) -> bool:
        return self.syncing or self._merging_now

    def start_save(self) -> bool:
        if self.repo.read_only or not self.repo.dirty:
            return False
        self._to_write, self._force_next = (self.repo.snapshot(), self._force_next), False
        self._saving = self._write()
        self._save_started = time.monotonic()
        self.set_timer(SHOW_SAVING_AFTER, self._update_title)
        return True

    # The snapshot goes through `_to_write`, not the worker's arguments: Textual can keep a
    # finished Worker reachable, and with it every record line of the book (the same for the
    # panes' recompute and the status).
    @work(thread=True, exit_on_error=False, group="save", name="save", description="save the book")
    def _write(self) -> bool:
        given, self._to_write = self._to_write, None
        return given is not None and self.repo.write(given[0], force=given[1])

    def start_recompute(self, inputs: Inputs) -> bool:
        if self.main_screen is None:
            return False
        self._compute_input = (self.repo.book.snapshot(), self.today, self.meetings)
        self._computed_from = inputs
        self._computing = self._compute()
        return True

    @work(thread=True, exit_on_error=False, group="panes", description="recompute the panes")
    def _compute(self) -> None:
        given, self._compute_input = self._compute_input, None
        if given is not None:
            self._computed = (given[0], compute_panes(*given))

    def _recompute_ended(self, event: Worker.StateChanged) -> None:
        self._computing = None
        found, self._computed = self._computed, None
        inputs, self._computed_from = self._computed_from, None
        assert inputs is not None
        if not self.schedule.recompute_ended(inputs):
            return
        main = self.main_screen
        if event.state is WorkerState.SUCCESS and found is not None and main is not None:
            book, panes = found
            main.show_panes(panes, inputs)
            self._status_from = (inputs, book, panes.assessment)
            self.schedule.shown(inputs)
        elif event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Panes not updated", severity="error", markup=False)

    def start_status(self, inputs: Inputs) -> bool:
        shown, config, calendar_files = self._status_from, self.config, self._calendar_files
        if self.demo or self.repo.read_only or shown is None or shown[0] is not inputs:
            return False
        if config is None or config.as_read is None or calendar_files is None:
            return False  # the status cannot name what it was computed from: it is not cached
        settings_paths = Calendars.of(self.repo.settings).paths
        named = [str(path) for path in self.calendars.paths if path not in settings_paths]
        self._status_job, self._status_from = (*shown, config.as_read, named, calendar_files), None
        self._status_request = (str(self.repo.path), self.today, named)
        self._status_worker = self._write_status()
        return True

    @work(thread=True, exit_on_error=False, group="status", description="cache the status")
    def _write_status(self) -> bool:
        from acct_tui.status.output import record_after_save

        job, self._status_job = self._status_job, None
        if job is None:
            return False
        inputs, book, assessment, settings_read, named, calendar_files = job
        return record_after_save(
            self.repo, inputs.revision, book, self.today, assessment, settings_read,
            named=named, inputs=calendar_files,
        )  # fmt: skip

    def confirm_status(self) -> None:
        self._confirm_status()

    @work(thread=True, exit_on_error=False, group="status-check", description="look the cached status up")
    def _confirm_status(self) -> None:
        from acct_tui.status import cache
        from acct_tui.status.output import VARIANTS

        if self._status_request is not None:
            path, day, named = self._status_request
            request = cache.Request(path, day.isoformat(), named)
            for variant in VARIANTS:
                cache.lookup(request, variant)

    @property
    def saving(self) -> bool:
        """A save is running (or about to)."""
        return self.schedule.saving

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.search.worker_ended(event.worker, self.repo):
            return
        if event.worker is self._computing and event.state in FINISHED:
            self._recompute_ended(event)
            return
        if event.worker is self._status_worker and event.state in FINISHED:
            self._status_worker = None
            # A cache not written is no error: the next status computes.
            self.schedule.status_ended(written=event.state is WorkerState.SUCCESS and event.worker.result is True)
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.worker is self._merging:
            self._merge_ended(event)
            return
        if event.worker is self._syncing:
            self._sync_ended(event)
            return
        if event.worker is not self._saving:
            return
        self._saving = None
        if event.state is WorkerState.SUCCESS:
            self.save_error = None
            self._asked_about = None
            self.schedule.save_ended(saved=True)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self.schedule.save_ended(saved=False)
            if isinstance(error, BookChangedOnDisk):
                # Another program (a sync, say) changed the file: merge its change in, then save.
                self._start_merge()
            elif isinstance(error, BookError):
                self.save_error = error.message
                self.notify(
                    f"{error.message}.\nYour change is kept here; ctrl+s tries again.",
                    title="Not saved",
                    severity="error",
                    timeout=10,
                    markup=False,
                )
            else:
                self.save_error = str(error)
                self.notify(str(error), title="Not saved", severity="error", timeout=10, markup=False)
        self._update_title()

    # --- changes made outside (a sync, another program) ---------------------------------

    @property
    def _merging_now(self) -> bool:
        return self._merging is not None and self._merging.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def _watch_file(self) -> None:
        """Merge the book file's change into the open book when another program changed it."""
        if self.repo.read_only or self.saving or self.syncing or self._merging_now:
            return
        if self.repo.reload_needed() and (
            self._asked_about is None or current_state(self.repo.path) != self._asked_about
        ):
            self._start_merge()

    def _start_merge(self) -> None:
        if self._merging_now:
            return
        generation, ours, base = self.repo.versions()
        self._merging = self._merge_outside(generation, ours, base)

    @work(thread=True, exit_on_error=False, group="merge", name="merge", description="merge an outside change")
    def _merge_outside(self, generation: int, ours: Version, base: Version) -> tuple[int, Outside]:
        return generation, self.repo.merge_outside(ours, base)

    def _merge_ended(self, event: Worker.StateChanged) -> None:
        worker: Worker[tuple[int, Outside]] = event.worker
        self._merging = None
        if event.state is WorkerState.ERROR:
            error = worker.error
            reason = "; ".join(error.problems[:3]) if isinstance(error, MergeRefused) else str(error)
            if isinstance(error, BookError):
                reason = error.message
            self.save_error = "the book file was changed by another program"
            self._asked_about = current_state(self.repo.path)
            self._update_title()
            self._ask_about_outside_change(reason)
            return
        assert worker.result is not None
        generation, outside = worker.result
        try:
            absorbed = self.repo.absorb(outside, generation)
        except BookError as err:
            self._ask_about_outside_change(err.message)
            return
        if not absorbed:  # the book changed meanwhile: merge again with what is here now
            self._start_merge()
            return
        self.save_error = None
        came_in, _ = summary(outside.ours.book, outside.merged.book)
        notes = [str(note) for note in outside.merged.notes]
        if came_in or notes:
            text = "\n".join([came_in or "no record changed", *notes[:3]])
            if len(notes) > 3:
                text += f"\n… and {len(notes) - 3} more notes"
            self.notify(text, title="Merged a change made outside acct-tui", timeout=8, markup=False)
        self._update_title()
        self.request_save()

    def _ask_about_outside_change(self, reason: str) -> None:
        """The last resort, when an outside change cannot be merged in."""
        question = Content.assemble(
            ("The book file was changed by another program", "bold"),
            " since acct-tui read it, and the two cannot be merged:\n",
            (reason, "italic"),
            "\n\nOverwrite it with what you see here (the file as it is now is kept as ",
            (f"{self.repo.path.name}.outside.bak", "bold"),
            "), or keep working and save later (ctrl+s asks again)?",
        )

        def answered(overwrite: bool | None) -> None:
            if not overwrite:
                return
            try:
                kept = self.repo.take_over_file()  # written at once, even with nothing changed here
            except BookError as err:
                self.notify(err.message, title="Not overwritten", severity="error", markup=False)
                return
            if kept is not None:
                self.notify(f"The other version is kept as {kept}", timeout=8, markup=False)
            self.request_save(force=True)

        self.push_screen(ConfirmScreen(question, yes="Overwrite", no="Not now"), answered)

    # --- sync ----------------------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        return self._syncing is not None and self._syncing.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def _can_sync(self) -> bool:
        return not self.demo and not self.repo.read_only

    def action_sync(self) -> None:
        """Save, then commit, fetch, merge and push the book over git, in a worker."""
        if not self._can_sync():
            self.notify("The demo and read-only books are not synced.", timeout=4)
            return
        if self.syncing:
            self.notify("A sync is running.", timeout=3)
            return
        self._to_sync = self.repo.snapshot() if self.repo.dirty and not self.saving else None
        self._sync_step = "starting"
        self._syncing = self._sync_book()
        self._update_title()

    @work(thread=True, exit_on_error=False, group="sync", name="sync", description="sync the book")
    def _sync_book(self) -> Outcome:
        from acct_tui.sync.book_sync import sync

        snapshot, self._to_sync = self._to_sync, None
        if snapshot is not None:
            self.repo.write(snapshot)
        return sync(
            self.repo.path,
            base_settings=self.base_settings,
            lock_held=True,
            progress=lambda step: self.call_from_thread(self._sync_progress, step),
        )

    def _sync_progress(self, step: str) -> None:
        self._sync_step = step
        self._update_title()

    def _sync_ended(self, event: Worker.StateChanged) -> None:
        worker: Worker[Outcome] = event.worker
        self._syncing = None
        if event.state is WorkerState.ERROR:
            error = worker.error
            message = error.message if isinstance(error, BookError) else str(error)
            self.notify(message, title="Not synced", severity="error", timeout=10, markup=False)
        else:
            outcome = worker.result
            assert outcome is not None
            text = "\n".join([*outcome.lines, *outcome.merge_notes[:3]])
            title = "Synced" if outcome.ok else "Not synced"
            self.notify(text, title=title, severity="information" if outcome.ok else "error", timeout=8, markup=False)
        self._update_title()
        if self._quit_after_sync:
            self.exit()
            return
        self._watch_file()  # a merge changed the file: take it in (then save what waited)
        if not self._merging_now:
            self.request_save()

    def action_save(self) -> None:
        if self.repo.dirty:
            self.request_save()
        elif self.repo.reload_needed():  # an outside change not taken in (it could not be merged): again
            self._start_merge()
        else:
            self.notify("Everything is saved.", timeout=2)

    async def action_quit(self) -> None:
        """Quit once the last change is on disk (or the user accepts to lose it).

        The final save runs here, not in a worker: nothing else may happen while the app quits (a
        save still running in its worker finishes first, as writes take turns on the repository's
        lock; a later one finds nothing left to write).
        """
        if self._quit_after_sync:
            return  # already quitting: waiting for the sync
        with contextlib.suppress(BookError):
            self.record_week()
        if not self.repo.read_only:
            try:
                self.repo.save_merging(quiet_too=True)  # an outside change is merged in first
            except BookChangedOnDisk as err:  # and it cannot be: the book here must not be lost

                def overwrite(yes: bool | None) -> None:
                    if yes:
                        self._quit_over_outside_change()

                question = Content.assemble(
                    ("The book file ", "bold"), err.message, "\n\nOverwrite it with what you see here (the file as "
                    "it is now is kept as ", (f"{self.repo.path.name}.outside.bak", "bold"), "), and quit?",
                )  # fmt: skip
                self.push_screen(ConfirmScreen(question, yes="Overwrite and quit", no="Stay"), overwrite)
                return
            except BookError as err:

                def answered(leave: bool | None) -> None:
                    if leave:
                        self.exit()

                question = Content.assemble(
                    ("Your last changes could not be saved:", "bold"), "\n", err.message, "\n\nQuit anyway?"
                )
                self.push_screen(ConfirmScreen(question, yes="Quit, lose them", no="Stay"), answered)
                return
        if self.repo.settings.sync.on_quit and self._can_sync():
            self._quit_after_sync = True
            if not self.syncing:
                self.action_sync()
            return
        self.exit()

    def _quit_over_outside_change(self) -> None:
        try:
            self.repo.save_merging(quiet_too=True, take_over=True)
        except BookError as err:
            self.notify(err.message, title="Not saved", severity="error", timeout=10, markup=False)
            return
        self.exit()

    # --- everywhere ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled(self, action)

    @property
    def no_dialog(self) -> bool:
        """No dialog or form has the floor (book-wide keys wait until it is closed)."""
        return not isinstance(self.screen, ModalScreen)

    def action_undo(self) -> None:
        try:
            label = self.repo.undo()
        except BookError as err:
            self.notify(err.message, severity="error", markup=False)
            return
        self.notify(f"Undone: {label}" if label else "Nothing to undo.", timeout=3, markup=False)

    def action_help(self) -> None:
        from acct_tui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(help_sections(self.keymap), HELP_NOTES))

    # --- books and reports ---------------------------------------------------------------

    def action_switch_book(self) -> None:
        from acct_tui.ui.screens.switch_book import SwitchBookScreen

        current = None if self.demo else self.repo.path
        self.push_screen(SwitchBookScreen(current, recent.recent()), self._switch_to)

    def _switch_to(self, path: Path | None) -> None:
        if path is None:
            return
        if path.expanduser().absolute() == self.repo.path:
            self.notify("That book is already open.", timeout=3)
            return
        try:
            self.record_week()
            self.repo.save(quiet_too=True)
            # From the demo's copy of the settings file back to the user's own.
            config = settings.load() if self.demo else self.config
            base = config.settings if config is not None else {}
            opened = Repository.open(path, autosave=False, today=self.today, base_settings=base)
        except BookError as err:
            self.notify(err.text(5), title="Book not switched", severity="error", timeout=10, markup=False)
            return
        self.config = config
        self.repo.close()
        self.repo = opened
        self._forms = None
        opened.subscribe(self._book_changed)
        recent.remember(opened.path)
        self.demo = False
        self.save_error = None
        self._update_title()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        main = self.screen
        if isinstance(main, MainScreen):
            main.narrowed = None
            main.refresh_panes()
        self.record_week(only_if_missing=True)
        self.notify(f"Opened {opened.path}", timeout=3, markup=False)

    def action_settings(self) -> None:
        from acct_tui.ui.screens.settings import SettingsScreen  # imported on use: most sessions never open it

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_search(self) -> None:
        from acct_tui.ui.screens.search import SearchScreen  # imported on use: most sessions never open it

        if isinstance(self.screen, SearchScreen):
            self.screen.action_find()
        else:
            self.push_screen(SearchScreen())

    def action_week_view(self) -> None:
        from acct_tui.ui.screens.week import WeekScreen

        if isinstance(self.screen, WeekScreen):
            return
        self.push_screen(WeekScreen(self.assessment or assess(self.repo.book, self.today, self.meetings)))

    def action_weekly_report(self) -> None:
        # Imported here: the report and its Markdown viewer cost start-up time most sessions never use.
        from acct_tui.exchange.report import weekly_report
        from acct_tui.ui.screens.report import ReportScreen

        week = iso_week(self.today)
        markdown = weekly_report(self.repo.book, week, self.today)
        folder = self.repo.path.parent / "acct-tui-reports"
        path = folder / f"report-{week}.md"
        try:
            folder.mkdir(exist_ok=True, mode=0o700)
            atomic_write(path, markdown.encode())
        except OSError as err:
            self.notify(f"The report could not be written to {path}: {err.strerror}", severity="error", markup=False)
            return
        self.push_screen(ReportScreen(markdown, path))

    def confirm_delete(self, record: Record) -> None:
        """Ask before deleting `record`, listing what goes with it; u undoes it."""
        repo = self.repo
        plan = repo.delete_plan(record.table, record.id)
        lines = [Content.assemble("Delete ", (record.label, "bold"), " ", (record.display, "bold"), "?")]
        deleted = [c for c in plan if c.after is None and (c.table, c.record_id) != (record.table, record.id)]
        cleared = [c for c in plan if c.after is not None]
        if deleted:
            lines.append(Content(f"This also deletes {plural(len(deleted), 'record')} that belong to it:"))
            lines += [Content(f"  • {c.before.label} {c.before.display}") for c in deleted[:8] if c.before]
            if len(deleted) > 8:
                lines.append(Content(f"  • … and {len(deleted) - 8} more"))
        if cleared:
            lines.append(
                Content(f"{plural(len(cleared), 'record')} that refer to it will be kept, with the reference cleared.")
            )
        lines.append(Content.styled("u undoes it.", "dim"))

        def answered(yes: bool | None) -> None:
            if yes:
                table = repo.table(type(record))
                apply(
                    self.screen,
                    lambda: table.delete(record.id, cascade=True),
                    f"Deleted {record.label} {record.display}",
                )

        self.push_screen(ConfirmScreen(Content("\n").join(lines), yes="Delete", no="Keep"), answered)

    def planned_day(self, task_id: int) -> date | None:
        """The day the schedule of the last recompute has one of your open tasks done (None: no
        room for it, or not yours, or not computed yet)."""
        found = self.assessment
        plan = found.schedule.plans.get(task_id) if found is not None else None
        return plan.done_on if plan is not None else None

    @property
    def assessment(self) -> Assessment | None:
        """The schedule, meters and plan of the main screen's last recompute."""
        main = self.main_screen
        return main.assessment if main is not None else None

    def offer_playbook(self, project: Project, stage: Stage) -> None:
        main = self.main_screen
        if main is not None:
            main.offer_playbook(project, stage, on_board=False)

    def settings_changed(self) -> None:
        self.broadcast.publish(BookChanged())
        self.schedule.recompute()

    @property
    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_open_list(self, name: str) -> None:
        """Open one of the list screens (the ledger, renewals...); from another one, replace it."""
        from acct_tui.ui.screens.list_screen import ListScreen

        screen = list_screen(name)()
        if isinstance(self.screen, type(screen)):
            return
        if isinstance(self.screen, ListScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_client(self, client_id: int, show: tuple[str, int] | None = None) -> None:
        """The client's detail screen (with the cursor on the record `show`: its table and id)."""
        if client_id in self.repo.book.clients:
            from acct_tui.ui.screens.client_detail import ClientDetailScreen

            self.push_screen(ClientDetailScreen(client_id, show))

    def open_record(self, table: str, record_id: int) -> None:
        """Open a record where it lives: a client's detail, a contact or an activity in it, a
        project on the board, the form of a task, an event, a competitor or a staff member."""
        record = self.repo.book.get(table, record_id)
        forms = self.forms
        if record is None:
            self.notify("That record is gone (deleted since the search looked).", timeout=3)
        elif isinstance(record, Client):
            self.open_client(record.id)
        elif isinstance(record, Contact | Activity):
            self.open_client(record.client_id, (table, record.id))
        elif isinstance(record, Project):
            main = self.main_screen
            while main is not None and self.screen is not main:
                self.pop_screen()
            if main is None or not main.show_project(record.id):
                self.open_client(record.client_id, (table, record.id))
        elif isinstance(record, Task):
            self.push_screen(forms.task(record))
        elif isinstance(record, Event):
            self.push_screen(forms.event(record))
        elif isinstance(record, Competitor):
            self.push_screen(forms.competitor(record))
        elif isinstance(record, StaffMember):
            self.push_screen(forms.staff(record))


if TYPE_CHECKING:
    _: type[Planner] = AcctApp  # for mypy: the app is what the screens need


HELP_NOTES = Content.assemble(
    ("Signs", "bold $accent"),
    "\n  Clients: ",
    LEGEND,
    "\n  Meters: green up to 80% of capacity, amber up to 100%, red above; the stress index is amber from 40 "
    "and red from 70. It is an indicator to plan with, not a diagnosis (README).",
    "\n  Dates in forms: 2026-12-01, 1.12.2026, today, tomorrow, +3d, +2w, fri (the next Friday).",
)


def _terminal_hung_up() -> bool:
    """Whether the terminal the planner draws on has been closed (its driver writes to stdout)."""
    try:
        import termios  # Unix only, as SIGHUP is
    except ImportError:
        return False
    try:
        termios.tcgetattr(sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except termios.error as err:
        return bool(err.args) and err.args[0] == errno.EIO
    except (OSError, ValueError):
        return False
    return False


EXIT_GRACE = 3.0
"""Seconds the planner has to leave the terminal as it found it after such a signal, its book saved."""

LIST_SCREENS: dict[str, str] = {
    "at_risk": "at_risk.AtRiskScreen",
    "ledger": "delegation.DelegationScreen",
    "renewals": "renewals.RenewalsScreen",
    "prospects": "prospects.ProspectsScreen",
    "discounts": "discounts.DiscountsScreen",
    "competitors": "competitors.CompetitorsScreen",
    "events": "events.EventsScreen",
    "staff": "staff.StaffScreen",
    "tasks": "tasks.TasksScreen",
}
"""The list screens `action_open_list` opens, by name: their module in acct_tui.ui.screens and class
(imported when first opened: together about 10 ms of the start, for screens most sessions never open)."""


def list_screen(name: str) -> type[ListScreen]:
    module, _, cls = LIST_SCREENS[name].partition(".")
    found: type[ListScreen] = getattr(importlib.import_module(f"acct_tui.ui.screens.{module}"), cls)
    return found
