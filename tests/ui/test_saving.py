"""Saving: off the UI thread, a failed save keeps the change and ctrl+s retries, quitting waits for the
last save, a file changed by another program (a sync) is merged in, never overwritten without asking; a crash
exits non-zero."""

from __future__ import annotations

import dataclasses
import os
import shutil
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from acct_tui.domain.records import Client
from acct_tui.store.errors import BookUnavailable
from acct_tui.store.repository import Repository
from acct_tui.ui.app import SHOW_SAVING_AFTER, AcctApp
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY, demo_id
from tests.ui.conftest import NOW, SIZE, Ui, read_book, running


def _first_task(ui: Ui) -> tuple[int, str]:
    task = ui.today.current_task
    assert task is not None
    return task.id, task.title


def _done_rows(ui: Ui) -> list[str]:
    return [line for line in ui.lines("#today-list") if line.lstrip().startswith("✓")]


async def test_a_change_is_saved_in_a_worker_while_the_screen_keeps_going(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(demo_path) as ui:
        storage: Any = ui.app.repo._storage
        real_write = storage.write_lines
        started, release = threading.Event(), threading.Event()
        ui_thread = threading.get_ident()
        writers: list[int] = []

        def slow_write(tables: Any) -> os.stat_result:
            writers.append(threading.get_ident())
            started.set()
            assert release.wait(10), "the test never let the save finish"
            return real_write(tables)

        monkeypatch.setattr(storage, "write_lines", slow_write)
        await ui.press("3")
        task_id, title = _first_task(ui)
        await ui.press("x")
        assert started.wait(5), "no save started"
        assert any(title in row for row in _done_rows(ui)), "the screen shows the change before the disk has it"
        assert ui.book()["tasks"][task_id]["status"] == "open"
        assert "saving" not in ui.app.sub_title, "a quick save does not flash in the header"
        await ui.pilot.pause(SHOW_SAVING_AFTER + 0.05)  # the header waits this long before saying so
        assert "saving" in ui.app.sub_title
        await ui.press("1", "down")  # the app takes keys while the disk is busy
        assert ui.client_name() == "BluePeak Software"
        release.set()
        await ui.settle()
        assert ui.book()["tasks"][task_id]["status"] == "done"
        assert writers and ui_thread not in writers
        assert "saving" not in ui.app.sub_title


async def test_a_failed_save_keeps_the_change_and_ctrl_s_retries(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(demo_path) as ui:
        storage: Any = ui.app.repo._storage
        real_write = storage.write_lines

        def failing_write(tables: Any) -> os.stat_result:
            raise BookUnavailable(ui.path, "could not be saved: No space left on device (test)")

        monkeypatch.setattr(storage, "write_lines", failing_write)
        on_disk = ui.path.read_bytes()
        await ui.press("3")
        task_id, title = _first_task(ui)
        await ui.press("x")
        await ui.settle()
        assert ui.app.save_error
        assert any("Not saved" in n and "No space left on device (test)" in n for n in ui.notifications())
        assert any(n.severity == "error" for n in ui.app._notifications)
        assert "NOT SAVED" in ui.app.sub_title
        assert any(title in row for row in _done_rows(ui)), "the change stays on screen"
        assert ui.app.repo.book.tasks[task_id].status == "done", "and in memory"
        assert ui.path.read_bytes() == on_disk

        await ui.press("ctrl+s")  # still failing: still kept
        await ui.settle()
        assert ui.path.read_bytes() == on_disk
        assert ui.app.repo.dirty

        monkeypatch.setattr(storage, "write_lines", real_write)
        await ui.press("ctrl+s")
        await ui.settle()
        assert read_book(ui.path)["tasks"][task_id]["status"] == "done"
        assert ui.app.save_error is None
        assert "NOT SAVED" not in ui.app.sub_title


class _WatchedLock:
    """The repository's write lock, telling when someone has to wait for it."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock
        self.contended = threading.Event()

    def __enter__(self) -> _WatchedLock:
        if not self.lock.acquire(blocking=False):
            self.contended.set()
            self.lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


async def test_quitting_waits_for_the_pending_save(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """q while a save is still being written (and a second change waits for it): both reach the file."""
    repo = Repository.open(demo_path, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    storage: Any = repo._storage
    real_write = storage.write_lines
    started, release = threading.Event(), threading.Event()

    def slow_write(tables: Any) -> os.stat_result:
        started.set()
        assert release.wait(10), "the test never let the save finish"
        return real_write(tables)

    lock = _WatchedLock(repo._write_lock)
    monkeypatch.setattr(repo, "_write_lock", lock)
    # The disk finishes once quitting waits for it (quitting may wait on the UI thread).
    finisher = threading.Thread(target=lambda: release.set() if lock.contended.wait(10) else None, daemon=True)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            ui = Ui(app, pilot)
            await ui.settle()
            monkeypatch.setattr(storage, "write_lines", slow_write)
            await ui.press("3")
            first, _ = _first_task(ui)
            await ui.press("x")
            assert started.wait(5)
            await ui.cursor_to("#today-list", lambda row: row.kind == "plan" and row.task_id != first)
            second, _ = _first_task(ui)
            await ui.press("x")  # a second change while the first is being written
            assert read_book(demo_path)["tasks"][first]["status"] == "open", "the first save is still running"
            finisher.start()
            await ui.press("q")
            release.set()
            await app.workers.wait_for_complete()
    finally:
        release.set()
        repo.close()
    assert app.return_code == 0
    tasks = read_book(demo_path)["tasks"]
    assert (tasks[first]["status"], tasks[second]["status"]) == ("done", "done")


def _change_elsewhere(path: Path, tmp_path: Path, change: Callable[[Repository], None]) -> None:
    """Another program (a sync: git writes the merged book) replaces the book with a changed copy."""
    elsewhere = tmp_path / "elsewhere" / path.name
    elsewhere.parent.mkdir(exist_ok=True)
    shutil.copy(path, elsewhere)
    with Repository.open(elsewhere, today=TODAY, clock=lambda: datetime(2026, 11, 27, 12, 0, tzinfo=UTC)) as repo:
        change(repo)
    elsewhere.replace(path)


def _rename_bank(repo: Repository) -> None:
    bank = repo.clients.get(demo_id("clients", 1))
    assert bank is not None
    repo.clients.update(bank.evolve(notes="edited elsewhere"))
    repo.clients.add(Client(name="Added elsewhere"))


async def test_a_change_written_under_the_running_planner_is_merged_in_and_an_unsaved_edit_survives(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(demo_path) as ui:
        with monkeypatch.context() as held:  # the planner's own change, not yet saved
            held.setattr(AcctApp, "start_save", lambda self: False)
            await ui.press("3")
            task_id, _ = _first_task(ui)
            await ui.press("x")
            await ui.steady()
            assert ui.app.repo.dirty
        _change_elsewhere(ui.path, tmp_path, _rename_bank)
        ui.app._watch_file()  # what its timer does every second
        await ui.settle()
        assert not isinstance(ui.screen, ConfirmScreen), "no question: the change is merged in"
        book = read_book(ui.path)
        assert book["clients"][demo_id("clients", 1)]["notes"] == "edited elsewhere", "the outside change is kept"
        assert book["tasks"][task_id]["status"] == "done", "and so is the planner's unsaved one"
        assert "Added elsewhere" in ui.text("#client-list")
        assert any(
            n.startswith("Merged a change made outside acct-tui: 1 client added, 1 client changed")
            for n in ui.notifications()
        ), ui.notifications()
        assert ui.app.save_error is None


async def test_a_save_that_finds_the_file_changed_merges_first(demo_path: Path, tmp_path: Path) -> None:
    async with running(demo_path) as ui:
        _change_elsewhere(ui.path, tmp_path, _rename_bank)
        await ui.press("3")
        task_id, _ = _first_task(ui)
        await ui.press("x")  # its save finds the file changed: merge, then save
        await ui.settle()
        book = read_book(ui.path)
        assert book["clients"][demo_id("clients", 1)]["notes"] == "edited elsewhere"
        assert book["tasks"][task_id]["status"] == "done"
        assert not isinstance(ui.screen, ConfirmScreen)


async def test_an_outside_change_that_cannot_be_merged_asks_and_overwriting_keeps_a_copy(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("3")
        task_id, _ = _first_task(ui)
        broken = b'{"clients": {"1": {"name": "broken by another program"'
        ui.path.write_bytes(broken)
        await ui.press("x")
        await ui.settle()
        assert isinstance(ui.screen, ConfirmScreen)
        assert "changed by another program" in ui.text(".dialog-text")
        assert "book.json.outside.bak" in ui.text(".dialog-text") or "demo.json.outside.bak" in ui.text(".dialog-text")
        await ui.press("n")  # Not now: nothing is written, ours is kept in memory
        await ui.settle()
        assert ui.path.read_bytes() == broken
        assert ui.app.repo.book.tasks[task_id].status == "done"
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, ConfirmScreen), "ctrl+s asks again"
        await ui.press("y")  # Overwrite, keeping a copy of what is overwritten
        await ui.settle()
        assert isinstance(ui.screen, MainScreen)
        assert read_book(ui.path)["tasks"][task_id]["status"] == "done"
        assert ui.path.with_name(ui.path.name + ".outside.bak").read_bytes() == broken
        assert ui.app.save_error is None


async def test_overwriting_a_broken_file_writes_the_book_at_once_with_nothing_changed_here(demo_path: Path) -> None:
    """Before: with no change of its own the planner wrote nothing on "Overwrite", and quitting left
    the broken file in place of the book."""
    async with running(demo_path) as ui:
        shown = ui.app.repo.book.snapshot()
        broken = b'{"clients": {'
        ui.path.write_bytes(broken)
        ui.app._watch_file()  # what its timer does every second
        await ui.settle()
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")  # Overwrite
        await ui.settle()
        assert isinstance(ui.screen, MainScreen)
        assert ui.path.with_name(ui.path.name + ".outside.bak").read_bytes() == broken
        with Repository.open(ui.path, read_only=True, today=TODAY) as written:
            assert written.book.clients == shown.clients and written.book.tasks == shown.tasks
        assert ui.app.save_error is None


@asynccontextmanager
async def _quitting(path: Path) -> AsyncIterator[Ui]:
    """The planner on `path`, for a test that ends it with q (so nothing waits for it afterwards)."""
    repo = Repository.open(path, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            ui = Ui(app, pilot)
            await ui.settle()
            yield ui
            await app.workers.wait_for_complete()
    finally:
        repo.close()


async def test_quitting_never_leaves_a_broken_file_in_place_of_the_book(demo_path: Path) -> None:
    async with _quitting(demo_path) as ui:
        shown = ui.app.repo.book.snapshot()
        broken = b'{"clients": {'
        ui.path.write_bytes(broken)
        ui.app._watch_file()
        await ui.settle()
        await ui.press("n")  # Not now
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, ConfirmScreen), "ctrl+s asks again, though nothing changed here"
        await ui.press("n")
        await ui.press("q")
        assert isinstance(ui.screen, ConfirmScreen)
        assert "cannot be merged" in ui.text(".dialog-text") and "outside.bak" in ui.text(".dialog-text")
        await ui.press("y")  # Overwrite and quit
    assert ui.app.return_code == 0
    assert demo_path.with_name(demo_path.name + ".outside.bak").read_bytes() == broken
    with Repository.open(demo_path, read_only=True, today=TODAY) as written:
        assert written.book.clients == shown.clients


async def test_quitting_merges_an_outside_change_with_the_unsaved_one(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "Your last changes could not be saved ... Quit anyway?" (and lose them)."""
    async with _quitting(demo_path) as ui:
        monkeypatch.setattr(AcctApp, "start_save", lambda self: False)  # not saved yet
        await ui.press("3")
        task_id, _ = _first_task(ui)
        await ui.press("x")
        await ui.steady()
        _change_elsewhere(ui.path, tmp_path, _rename_bank)
        await ui.press("q")
        assert not isinstance(ui.screen, ConfirmScreen)
    assert ui.app.return_code == 0
    book = read_book(demo_path)
    assert book["clients"][demo_id("clients", 1)]["notes"] == "edited elsewhere"
    assert book["tasks"][task_id]["status"] == "done"


async def test_a_crash_exits_non_zero_and_keeps_what_was_saved(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: MainScreen) -> None:
        raise RuntimeError("boom (test)")

    monkeypatch.setattr(MainScreen, "action_new_client", broken)
    repo = Repository.open(demo_path, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    try:
        with pytest.raises(RuntimeError, match="boom"):
            async with app.run_test(size=SIZE, notifications=True) as pilot:
                ui = Ui(app, pilot)
                await ui.settle()
                await ui.press("3")
                task_id, _ = _first_task(ui)
                await ui.press("x")
                await ui.settle()
                await ui.press("1", "n")
    finally:
        repo.close()
    assert app.return_code not in (None, 0)
    assert read_book(demo_path)["tasks"][task_id]["status"] == "done"


async def test_the_panes_follow_quick_edits_and_a_key_on_a_row_just_removed_does_nothing(demo_path: Path) -> None:
    """Edits faster than the recompute: the panes end up showing the last one, and a key pressed
    on a row the book no longer has (the list not yet redrawn) neither opens a form nor writes."""
    async with running(demo_path) as ui:
        await ui.press("1")
        first = ui.clients.current
        assert first is not None
        client = first.client
        repo = ui.app.repo
        renamed = dataclasses.replace(client, name="Renamed Co")
        repo.clients.update(renamed)
        ui.main.action_edit_client()  # `e` before the list is redrawn: the form gets the book's record
        await ui.pilot.pause()
        assert ui.form.query_one("#field-name", Input).value == "Renamed Co"
        await ui.press("escape")

        for name in ("One", "Two", "Three"):
            repo.clients.update(dataclasses.replace(renamed, name=name))
        await ui.settle()
        assert "Three" in ui.text("#client-list")
        assert not any(n in ui.text("#client-list") for n in ("One ", "Two ", "Renamed Co"))

        repo.clients.delete(client.id, cascade=True)
        assert ui.clients.current is not None and ui.clients.current.client.id == client.id  # not redrawn yet
        ui.main.action_edit_client()
        await ui.pilot.pause()
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        assert client.id not in ui.book()["clients"]
        assert "Three" not in ui.text("#client-list")


async def test_opening_the_planner_and_quitting_leaves_the_file_as_it_was(demo_path: Path) -> None:
    """The week's record is noted in memory, not written: a book under git stays clean."""
    before = demo_path.read_bytes()
    os.utime(demo_path, ns=(10**18, 10**18))
    repo = Repository.open(demo_path, autosave=False, today=TODAY)
    app = AcctApp(repo, TODAY, clock=lambda: NOW)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for _ in range(50):
                if "2026-W48" in [week.week for week in repo.book.weeks.values()]:
                    break
                await pilot.pause()
            assert "2026-W48" in [week.week for week in repo.book.weeks.values()]
            assert not repo.dirty
            await pilot.press("q")
    finally:
        repo.close()
    assert demo_path.read_bytes() == before
    assert demo_path.stat().st_mtime_ns == 10**18


async def test_the_weeks_record_is_written_with_the_first_change(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("3")
        await ui.press("x")
        await ui.settle()
        assert "2026-W48" in [week["week"] for week in read_book(ui.path)["weeks"].values()]


async def test_the_start_assesses_the_book_once_and_notes_the_weeks_record_from_it(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The week's record after the first frame is the panes' own assessment's, not a second
    one on the UI thread (250 ms at 1,000 clients); after a change the panes have not caught up
    with, it is computed anew."""
    from acct_tui.domain import workload
    from acct_tui.ui.screens import main

    calls: list[int] = []  # the assessments on the UI thread (the panes' recomputes run in workers)
    assess = workload.assess

    def counted(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            calls.append(1)
        return assess(*args, **kwargs)

    monkeypatch.setattr(workload, "assess", counted)
    monkeypatch.setattr(main, "assess", counted)
    async with running(demo_path) as ui:
        assert len(calls) == 1  # the panes' assessment, on mount
        [noted] = [w for w in ui.app.repo.book.weeks.values() if w.week == "2026-W48"]
        with Repository.open(demo_path, read_only=True, today=TODAY) as fresh:
            expected = workload.week_record(fresh.book, TODAY)
        # As a second assessment would have noted it (the repository stamps its change time).
        assert dataclasses.replace(noted, id=0, changed_at=expected.changed_at) == expected
        assert noted.stress_index > 0 and noted.load_hours > 0
        ui.app.repo.clients.add(Client(name="A new client"))
        before = len(calls)
        ui.app.record_week()  # before the panes' recompute of the change: its own assessment
        assert len(calls) == before + 1
