"""RefreshSchedule: when the planner saves its book, recomputes its panes and caches its status.

The rules, with no widget and no thread of their own (the app does what the schedule asks, and
tells it what happened):
- A change is saved at once; while a save runs, the next one waits for it (and then writes the
  newest book), as it does while a sync or a merge of an outside change runs.
- The panes' recompute (about 100 ms at 1,000 clients) waits a frame (`AFTER_FRAME`), so the frame
  showing the change where the user made it goes out first, and then for the save: the save is
  what makes the change safe, and alone it reaches the disk sooner (the two would compete for the
  GIL).
- One recompute at a time: a thread cannot be cancelled, so a change while one runs makes its
  result old; it is dropped, and one fresh recompute follows (by the same rules).
- Once the panes shown are those of the book as saved, the status cache is written (in a thread:
  `acct-tui status` is then answered from it), once for each such book; `CONFIRM_STATUS_AFTER`
  later it is looked up once, so that its entry no longer needs the book hashed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from acct_tui.status.cache import RACY_NS

AFTER_FRAME = 0.03
"""Seconds from a change to the recompute, so the frame showing the change goes out first (at 60
frames a second, one comes within 17 ms). Textual's `call_after_refresh` is not enough: it can
run before a widget that only repaints has told the screen it needs drawing."""

CONFIRM_STATUS_AFTER = RACY_NS / 1e9 + 0.5
"""Seconds from writing the status cache to looking it up once. An entry written within the cache's
racy window of the save (always, for the planner's) makes the next `acct-tui status` hash the book
(25 MB at 1,000 clients: 30-40 ms instead of 10); a lookup once the window has passed writes the
entry anew without that doubt."""


@dataclass(frozen=True, eq=False, slots=True)
class Inputs:
    """What a recompute starts from: the open book (its repository and revision), the calendar's
    meetings and the settings (the settings screen changes them without a change of the book)."""

    repo: object
    revision: tuple[int, int]
    meetings: object
    settings: object

    def same(self, other: Inputs) -> bool:
        return (
            self.repo is other.repo
            and self.revision == other.revision
            and self.meetings is other.meetings
            and self.settings is other.settings
        )


class Host(Protocol):
    """What the schedule needs from the app."""

    def inputs_now(self) -> Inputs:
        """What a recompute would start from now."""

    def file_holds(self, inputs: Inputs) -> bool:
        """Whether the book file holds the book of `inputs` (saved, nothing changed since)."""

    def later(self, seconds: float, then: Callable[[], None]) -> None:
        """Call `then` on the UI thread in `seconds`."""

    def start_save(self) -> bool:
        """Start a save of the book as it is now, if there is anything to write (False: nothing)."""

    def save_blocked(self) -> bool:
        """A sync or a merge of an outside change runs: a save waits for it."""

    def start_recompute(self, inputs: Inputs) -> bool:
        """Start the panes' recompute from `inputs` (False: there are no panes to recompute)."""

    def start_status(self, inputs: Inputs) -> bool:
        """Start writing the status cache from the panes of `inputs` (False: nothing to write)."""

    def confirm_status(self) -> None:
        """Look the status last written up in the cache (in a thread), which writes it anew if its
        files are unchanged and no longer racy."""


class RefreshSchedule:
    """The planner's saves, recomputes and status writes, in the order the module docstring gives."""

    def __init__(self, host: Host) -> None:
        self._host = host
        self._saving = False
        self._timer_set = False
        self._after_save = False
        self._running: Inputs | None = None
        """The inputs of the recompute running (None: none runs)."""
        self._shown: Inputs | None = None
        """The inputs of the panes on screen."""
        self._recorded: Inputs | None = None
        """The inputs of the status last written (or being written)."""
        self._recording = False
        self._new_save = False
        """A save ended since the status was last written (opening a book writes none)."""

    # --- what the app tells the schedule -------------------------------------------------

    def changed(self) -> None:
        """The book, the meetings or the settings changed: save, then recompute."""
        self.save()
        self.recompute()

    def save(self) -> None:
        """Save the book now, or after the save (or sync, or merge) that runs."""
        if self._saving or self._host.save_blocked():
            return  # the end of that one saves
        self._saving = self._host.start_save()

    def recompute(self) -> None:
        """Recompute the panes after the next frame and any save."""
        if not self._timer_set:
            self._timer_set = True
            self._host.later(AFTER_FRAME, self._frame_passed)

    def save_ended(self, *, saved: bool) -> None:
        """The save ended: `saved`, the book is on disk (else it failed: the next change, or
        ctrl+s, tries again)."""
        self._saving = False
        if saved:
            self._new_save = True
            self.save()  # what changed while it ran, if anything did
        if self._after_save and not self._saving:
            self._after_save = False
            self.recompute()  # a frame's time for the keys pressed during the save first
        self._record_if_saved()

    def unblocked(self) -> None:
        """A sync or a merge ended: the save that waited for it starts."""
        self.save()

    def recompute_ended(self, inputs: Inputs) -> bool:
        """The recompute from `inputs` ended: whether its result (or its error) is of the book as
        it is now, to be shown (then `shown` is called)."""
        self._running = None
        if not inputs.same(self._host.inputs_now()):
            self.recompute()  # the book changed while it ran: its result is already old
            return False
        return True

    def shown(self, inputs: Inputs) -> None:
        """The panes of `inputs`, recomputed, are on screen."""
        self._shown = inputs
        self._record_if_saved()

    def status_ended(self, *, written: bool) -> None:
        self._recording = False
        if written:
            self._host.later(CONFIRM_STATUS_AFTER, self._host.confirm_status)
        self._record_if_saved()

    @property
    def saving(self) -> bool:
        return self._saving

    @property
    def settled(self) -> bool:
        """No recompute or status write waiting or running: the panes show the book as it is."""
        return not (self._timer_set or self._after_save or self._recording) and self._running is None

    # --- the schedule's own steps -----------------------------------------------------------

    def _frame_passed(self) -> None:
        self._timer_set = False
        if self._saving:
            self._after_save = True
        elif self._running is None:
            inputs = self._host.inputs_now()
            if self._host.start_recompute(inputs):
                self._running = inputs
        # else: the running one ends old, and starts the next

    def _record_if_saved(self) -> None:
        shown = self._shown
        if not self._new_save or self._recording or self._saving or shown is None or shown is self._recorded:
            return
        if not shown.same(self._host.inputs_now()) or not self._host.file_holds(shown):
            return
        self._recorded, self._new_save = shown, False
        self._recording = self._host.start_status(shown)
