"""The planner's RefreshSchedule on its own: when it saves, recomputes and caches the status.

A fake host stands for the app: it counts what the schedule starts, holds the timers until the
test lets a frame pass, and says what the book is now (its revision) and what the file holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from acct_tui.ui.refresh_schedule import AFTER_FRAME, CONFIRM_STATUS_AFTER, Inputs, RefreshSchedule

REPO, MEETINGS, SETTINGS = object(), (), object()


@dataclass
class Host:
    revision: tuple[int, int] = (0, 0)
    on_disk: tuple[int, int] = (0, 0)
    blocked: bool = False
    panes: bool = True
    timers: list[tuple[float, Callable[[], None]]] = field(default_factory=list)
    saves: int = 0
    recomputes: list[Inputs] = field(default_factory=list)
    statuses: list[Inputs] = field(default_factory=list)
    confirmed: int = 0
    settings: object = SETTINGS

    def inputs_now(self) -> Inputs:
        return Inputs(REPO, self.revision, MEETINGS, self.settings)

    def file_holds(self, inputs: Inputs) -> bool:
        return inputs.revision == self.on_disk

    def later(self, seconds: float, then: Callable[[], None]) -> None:
        self.timers.append((seconds, then))

    def start_save(self) -> bool:
        if self.revision[0] <= self.on_disk[0]:
            return False  # nothing to write
        self.saves += 1
        return True

    def save_blocked(self) -> bool:
        return self.blocked

    def start_recompute(self, inputs: Inputs) -> bool:
        if self.panes:
            self.recomputes.append(inputs)
        return self.panes

    def start_status(self, inputs: Inputs) -> bool:
        self.statuses.append(inputs)
        return True

    def confirm_status(self) -> None:
        self.confirmed += 1

    # --- the test's moves ---------------------------------------------------------------

    def edit(self, schedule: RefreshSchedule) -> None:
        self.revision = (self.revision[0] + 1, self.revision[1])
        schedule.changed()

    def frame(self) -> None:
        """The frame timers set so far fire."""
        self.wait(AFTER_FRAME)

    def wait(self, seconds: float) -> None:
        """The timers of `seconds` set so far fire."""
        due = [then for delay, then in self.timers if delay == seconds]
        self.timers = [(delay, then) for delay, then in self.timers if delay != seconds]
        for then in due:
            then()

    def saved(self, schedule: RefreshSchedule) -> None:
        self.on_disk = self.revision
        schedule.save_ended(saved=True)

    def recomputed(self, schedule: RefreshSchedule) -> bool:
        inputs = self.recomputes[-1]
        current = schedule.recompute_ended(inputs)
        if current:
            schedule.shown(inputs)
        return current


def test_an_edit_is_saved_at_once_and_recomputed_after_a_frame_and_the_save() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    assert host.saves == 1 and schedule.saving
    assert host.recomputes == [] and not schedule.settled
    host.frame()
    assert host.recomputes == []  # the save goes first
    host.saved(schedule)
    assert host.recomputes == []  # a frame's time for keys pressed during the save
    host.frame()
    assert [i.revision for i in host.recomputes] == [(1, 0)]
    assert host.recomputed(schedule)
    assert [i.revision for i in host.statuses] == [(1, 0)]  # the panes of the saved book: cached
    schedule.status_ended(written=True)
    assert schedule.settled and not schedule.saving


def test_without_a_save_running_the_recompute_waits_one_frame_only() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    schedule.recompute()  # the calendar's meetings changed: nothing to save
    schedule.recompute()  # twice before the frame: one timer
    assert host.saves == 0 and len(host.timers) == 1
    host.frame()
    assert len(host.recomputes) == 1
    assert host.recomputed(schedule)
    assert host.statuses == []  # nothing was saved this session: the status is not written
    assert schedule.settled


def test_edits_during_a_save_make_one_more_save_of_the_newest_book() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    host.edit(schedule)
    host.edit(schedule)
    assert host.saves == 1
    host.on_disk = (1, 0)  # the save had the first edit's book
    schedule.save_ended(saved=True)
    assert host.saves == 2 and schedule.saving  # then one of the book with all three
    host.saved(schedule)
    assert host.saves == 2 and not schedule.saving


def test_a_result_made_old_by_an_edit_is_dropped_and_one_fresh_recompute_follows() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    schedule.recompute()
    host.frame()
    host.edit(schedule)  # while the recompute runs: saved at once
    host.frame()
    assert len(host.recomputes) == 1  # one at a time, even once the save has ended
    host.saved(schedule)
    host.frame()
    assert len(host.recomputes) == 1
    assert not host.recomputed(schedule)  # of revision 0: not shown
    assert host.statuses == []
    host.frame()
    assert [i.revision for i in host.recomputes] == [(0, 0), (1, 0)]
    assert host.recomputed(schedule)
    assert [i.revision for i in host.statuses] == [(1, 0)]


def test_new_settings_make_a_result_old_too() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    schedule.recompute()
    host.frame()
    host.settings = object()  # the settings screen: no change of the book
    assert not host.recomputed(schedule)
    assert len(host.timers) == 1


def test_a_save_waits_for_a_sync_or_a_merge_and_starts_when_it_ends() -> None:
    host = Host(blocked=True)
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    assert host.saves == 0 and not schedule.saving
    host.blocked = False
    schedule.unblocked()
    assert host.saves == 1


def test_a_failed_save_is_not_retried_by_itself_and_nothing_is_cached() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    schedule.save_ended(saved=False)
    assert host.saves == 1 and not schedule.saving  # ctrl+s or the next change tries again
    host.frame()
    assert host.recomputed(schedule)
    assert host.statuses == []  # the file does not hold what the panes show
    schedule.save()
    assert host.saves == 2


def test_the_status_is_written_once_per_saved_book_and_never_for_an_unsaved_one() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    host.saved(schedule)
    host.frame()
    host.recomputed(schedule)
    assert len(host.statuses) == 1
    host.edit(schedule)  # while the status is written: it waits for that one
    assert len(host.statuses) == 1 and not schedule.settled
    schedule.status_ended(written=True)
    assert len(host.statuses) == 1  # the panes shown are not of the book as it is now
    host.saved(schedule)
    host.frame()
    host.recomputed(schedule)
    assert [i.revision for i in host.statuses] == [(1, 0), (2, 0)]
    schedule.status_ended(written=True)
    schedule.recompute()  # the same book again (a calendar file touched, the same meetings)
    host.frame()
    host.recomputed(schedule)
    assert len(host.statuses) == 2  # no save since: nothing new to write


def test_a_save_that_ends_after_the_recompute_writes_the_status_then() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.blocked = True  # a sync runs: the edit's save waits, the recompute does not
    host.edit(schedule)
    host.frame()
    host.recomputed(schedule)
    host.blocked = False
    schedule.unblocked()
    assert host.statuses == []
    host.saved(schedule)
    assert [i.revision for i in host.statuses] == [(1, 0)]


def test_without_panes_nothing_is_recomputed() -> None:
    host = Host(panes=False)
    schedule = RefreshSchedule(host)
    schedule.recompute()
    host.frame()
    assert host.recomputes == [] and schedule.settled


def test_the_status_written_is_looked_up_again_once_its_racy_window_has_passed() -> None:
    host = Host()
    schedule = RefreshSchedule(host)
    host.edit(schedule)
    host.saved(schedule)
    host.frame()
    host.recomputed(schedule)
    schedule.status_ended(written=True)
    assert host.timers == [(CONFIRM_STATUS_AFTER, host.confirm_status)] and CONFIRM_STATUS_AFTER > 2
    host.wait(CONFIRM_STATUS_AFTER)
    assert host.confirmed == 1
    host.edit(schedule)
    host.saved(schedule)
    host.frame()
    host.recomputed(schedule)
    schedule.status_ended(written=False)  # not written (the book changed on disk meanwhile, say)
    assert host.timers == []
