"""The key presses `make bench` times on a running planner, and the conditions that say a frame shows them.

Each press is sent like a terminal key (bench/frames.py) and timed to the first frame written
after the app shows its effect; between presses the bench waits for the app to be idle (the
panes' background recompute done) and the book saved, plus a short random pause, so presses do
not queue behind each other. (A press landing while the previous edit's recompute still runs
shares the CPU with that thread: at 1,000 clients a stage move then takes 60-90 ms at p95.)
The saved-edit scenario times one edit to the file on disk and a key pressed while the save runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import threading
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from experiments import SPANS
from frames import save_profile, send_key
from textual.pilot import Pilot  # noqa: TID251

TIMEOUT = 30.0
RANDOM = random.Random(7)


# --- what a frame shows -------------------------------------------------------------------


def _main(app: Any) -> Any:
    """The main screen (under a dialog, if one is open)."""
    from acct_tui.ui.screens.main import MainScreen

    return next((s for s in reversed(app.screen_stack) if isinstance(s, MainScreen)), None)


def _top_drawn(app: Any) -> bool:
    """The screen on top (the main screen or a dialog over it) has its widgets laid out."""
    return any(child.region.height > 0 for child in app.screen.children)


def panes_filled(app: Any) -> bool:
    """All four panes drawn with content: client rows, board cards, today's plan, the workload meters."""
    screen = _main(app)
    if screen is None or screen is not app.screen:
        return False
    clients = screen.query_one("#client-list")
    board = screen.query_one("#stage-board")
    today = screen.query_one("#today-list")
    workload = screen.query_one("#workload-view")
    if min(w.region.height for w in (clients, board, today, workload)) <= 0:
        return False
    columns = getattr(board, "_columns", {})
    return (
        len(clients.rows) > 0
        and any(len(cards) for cards in columns.values())
        and len(today.rows) > 0
        and getattr(workload, "assessment", None) is not None
    )


def panes_shown(app: Any) -> bool:
    """`panes_filled`, and what the terminal shows (every frame so far) has each pane's content."""
    if not panes_filled(app):
        return False
    text = app.frame_clock.screen.text()
    first = _main(app).query_one("#client-list").rows[0].client.name[:8]
    return all(marker in text for marker in ("Clients", "projects,", "Plan:", "Stress", "Trend", first))


def _is(widget: Any, name: str, value: object) -> Callable[[], bool]:
    """A condition: `widget.name == value`."""
    return lambda: bool(getattr(widget, name) == value)


# --- pressing keys ------------------------------------------------------------------------


class Driver:
    def __init__(self, app: Any, pilot: Pilot[Any]) -> None:
        self.app = app
        self.pilot = pilot
        self.breakdown: list[dict[str, float]] = []
        """Per press: ms in the screen's recompute, the save request and the GC, from experiments.Spans."""

    @property
    def screen(self) -> Any:
        return _main(self.app)

    def q(self, selector: str) -> Any:
        return self.screen.query_one(selector)

    async def press(self, key: str, shows: Callable[[], bool]) -> float:
        """Milliseconds from sending `key` to the first frame that `shows` the change."""
        frame = self.app.frame_clock.wait(shows)
        sent = send_key(self.app, key)
        when: int = await asyncio.wait_for(frame, TIMEOUT)
        self.breakdown.append(SPANS.within(sent, when))
        await self.settle()
        return (when - sent) / 1e6

    async def settle(self) -> None:
        """Idle, the book saved, the panes recomputed, and a human pause (random, so presses fall
        anywhere in the frame timer)."""
        await self.pilot._wait_for_screen()
        repo = self.app.repo
        for _ in range(3000):
            if not repo.dirty and not self.app.saving and self.app.schedule.settled:
                break
            await asyncio.sleep(0.005)
        await asyncio.sleep(RANDOM.uniform(0.03, 0.06))

    async def setup(self, step: Callable[[], object]) -> None:
        """An unmeasured change of state (focus, cursor) before the next press."""
        step()
        await self.pilot.pause()
        await self.settle()

    async def close_dialogs(self) -> None:
        """Answer "not now" to a dialog an action opened (the board's stage playbook offer)."""
        while self.app.screen is not self.screen:
            self.app.screen.dismiss(False)
            await self.pilot.pause()
        await self.settle()


async def cursor_down(d: Driver, presses: int) -> list[float]:
    await d.setup(lambda: d.screen.action_go("clients"))
    clients = d.q("#client-list")
    await d.setup(lambda: setattr(clients, "cursor", 0))
    times = []
    for _ in range(presses):
        last = len(clients.rows) - 1
        step, key = (1, "down") if clients.cursor < last else (-last, "home")
        target = clients.cursor + step
        times.append(await d.press(key, _is(clients, "cursor", target)))
    return times


async def select_client(d: Driver, presses: int) -> dict[str, list[float]]:
    """Space narrows the board and today to the client under the cursor; space again shows all."""
    await d.setup(lambda: d.screen.action_go("clients"))
    clients = d.q("#client-list")
    board = d.q("#stage-board")
    await d.setup(lambda: setattr(clients, "cursor", 0))
    found: dict[str, list[float]] = {"narrow": [], "show all": []}
    for n in range(presses):
        if n % 2 == 0:
            client_id = clients.current.client.id

            def narrowed(client_id: int = client_id) -> bool:
                return d.screen.narrowed == client_id and all(
                    card.project.client_id == client_id for cards in board._columns.values() for card in cards
                )

            found["narrow"].append(await d.press("space", narrowed))
        else:
            full = sum(1 for p in d.app.repo.book.projects.values() if p.stage.value != "lost")

            def everyone(full: int = full) -> bool:
                return d.screen.narrowed is None and sum(len(c) for c in board._columns.values()) == full

            found["show all"].append(await d.press("space", everyone))
            await d.setup(lambda: clients.action_cursor_down())
    await d.setup(d.screen.action_show_all)  # an odd number of presses leaves a client narrowed
    return found


async def move_stage(d: Driver, presses: int) -> dict[str, list[float]]:
    """`>` moves the project under the board cursor to the next stage, `<` back (the cursor follows)."""
    from acct_tui.domain.enums import BOARD_STAGES

    await d.setup(lambda: d.screen.action_go("board"))
    board = d.q("#stage-board")
    column = next(i for i, s in enumerate(BOARD_STAGES[:-1]) if board._columns[s])
    await d.setup(lambda: setattr(board, "column", column))
    found: dict[str, list[float]] = {">": [], "<": []}
    for n in range(presses):
        card = board.current
        key, step = (">", 1) if n % 2 == 0 else ("<", -1)
        target = BOARD_STAGES[BOARD_STAGES.index(card.project.stage) + step]

        def moved(project_id: int = card.project.id, target: Any = target) -> bool:
            current = board.current
            return (
                current is not None
                and current.project.id == project_id
                and current.project.stage is target
                and _top_drawn(d.app)
            )

        found[key].append(await d.press(key, moved))
        await d.close_dialogs()
    return found


async def toggle_task(d: Driver, presses: int) -> dict[str, list[float]]:
    """`x` marks the task under the Today cursor done; on its row in "Done today", `x` reopens it."""
    await d.setup(lambda: d.screen.action_go("today"))
    today = d.q("#today-list")
    found: dict[str, list[float]] = {"done": [], "reopen": []}
    for n in range(presses):
        if n % 2 == 0:
            first = next(i for i, row in enumerate(today.rows) if row.kind in ("plan", "overflow"))
            await d.setup(partial(setattr, today, "cursor", first))
            task_id = today.current.task_id

            def done(task_id: int = task_id) -> bool:
                return any(r.kind == "done" and r.task_id == task_id for r in today.rows)

            found["done"].append(await d.press("x", done))
        else:
            await d.setup(partial(today.move_to, ("done", task_id)))

            def reopened(task_id: int = task_id) -> bool:
                return not any(r.kind == "done" and r.task_id == task_id for r in today.rows)

            found["reopen"].append(await d.press("x", reopened))
    return found


def _words(app: Any, count: int) -> list[str]:
    """Five-letter prefixes of client names (letters only), so each letter narrows the list further."""
    words: list[str] = []
    for client in sorted(app.repo.book.clients.values(), key=lambda c: c.id):
        letters = "".join(ch for ch in client.name.casefold() if "a" <= ch <= "z")[:5]
        if len(letters) == 5 and letters not in words:
            words.append(letters)
        if len(words) == count:
            break
    while len(words) < count:
        words.append(words[len(words) % max(1, len(words))] if words else "aaaaa")
    return words


async def filter_clients(d: Driver, presses: int) -> list[float]:
    """`/` opens the Clients filter; each letter typed narrows the list (Escape clears it)."""
    await d.setup(lambda: d.screen.action_go("clients"))
    pane = d.q("#clients")
    times: list[float] = []
    for word in _words(d.app, (presses + 4) // 5):
        await d.setup(lambda: pane.action_filter())
        for end in range(1, len(word) + 1):
            if len(times) == presses:
                break
            typed = word[:end]
            times.append(await d.press(word[end - 1], _is(pane, "filter_text", typed)))
        await d.setup(lambda: pane.query_one(".filter-bar").action_clear())
    return times


async def search_chars(d: Driver, presses: int) -> list[float]:
    """ctrl+f opens the search screen; each letter typed lists the book's hits (the index built
    once, before the first measured letter, as it is the first time someone searches)."""
    app = d.app
    await d.setup(app.action_search)
    screen = app.screen
    field = screen.query_one("#search-text")
    field.value = "a"
    for _ in range(6000):  # the index of a big book takes a second or two to build
        if app.search.index is not None:
            break
        await asyncio.sleep(0.005)
    times: list[float] = []
    for word in _words(app, (presses + 4) // 5):
        await d.setup(lambda: setattr(field, "value", ""))
        for end in range(1, len(word) + 1):
            if len(times) == presses:
                break
            times.append(await d.press(word[end - 1], _is(screen, "shown_for", word[:end])))
    await d.setup(app.pop_screen)
    return times


# --- one saved edit -----------------------------------------------------------------------


class DiskWatch:
    """Polls the book file (every 0.5 ms, in a thread) and notes when it is replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changes: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        last = self._state()
        while not self._stop.is_set():
            now = self._state()
            if now != last:
                self.changes.append(time.perf_counter_ns())
                last = now
            time.sleep(0.0005)

    def _state(self) -> tuple[int, int]:
        with contextlib.suppress(FileNotFoundError):
            stat = os.stat(self.path)  # noqa: PTH116
            return (stat.st_ino, stat.st_mtime_ns)
        return (0, 0)

    def __enter__(self) -> DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


class LoopLag:
    """The event loop's stalls: a task that asks to wake every millisecond and notes how late it is."""

    def __init__(self) -> None:
        self.samples: list[tuple[int, float]] = []
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        while True:
            before = time.perf_counter_ns()
            await asyncio.sleep(0.001)
            after = time.perf_counter_ns()
            self.samples.append((after, (after - before) / 1e6 - 1.0))

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def worst(self, start: int, end: int) -> float:
        """The longest stall (ms) that overlaps [start, end]."""
        return max((lag for at, lag in self.samples if at >= start and at - lag * 1e6 <= end), default=0.0)


def _instrument(repo: Any) -> dict[str, list[tuple[int, int]]]:
    """Time the repository's snapshot (UI thread) and write (worker thread) on this instance only."""
    spans: dict[str, list[tuple[int, int]]] = {"snapshot": [], "write": []}
    for name in spans:
        original = getattr(repo, name)

        def timed(*args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            began = time.perf_counter_ns()
            try:
                return _original(*args, **kwargs)
            finally:
                spans[_name].append((began, time.perf_counter_ns()))

        setattr(repo, name, timed)
    return spans


async def saved_edit(d: Driver, edits: int) -> list[dict[str, Any]]:
    """Toggle a task (x in Today), then at once press `1` (focus Clients): time the disk and the key.

    Per edit: ms from the key to the file replaced on disk and to the save's fsync returning;
    the UI thread's snapshot; the follow-up key's latency and whether the save was still running
    when its frame was written; the longest event-loop stall while the save ran.
    """
    repo = d.app.repo
    spans = _instrument(repo)
    lag = LoopLag()
    lag.start()
    results = []
    clients = d.q("#client-list")
    try:
        today = d.q("#today-list")
        with DiskWatch(repo.path) as disk:
            for n in range(edits):
                await d.setup(lambda: d.screen.action_go("today"))
                if n % 2 == 0:
                    first = next(i for i, row in enumerate(today.rows) if row.kind in ("plan", "overflow"))
                    await d.setup(partial(setattr, today, "cursor", first))
                    task_id = today.current.task_id
                else:
                    await d.setup(partial(today.move_to, ("done", task_id)))
                seen = len(disk.changes)
                writes = len(spans["write"])
                want_done = n % 2 == 0

                def shown(task_id: int = task_id, want_done: bool = want_done) -> bool:
                    return any(r.kind == "done" and r.task_id == task_id for r in today.rows) == want_done

                edited = d.app.frame_clock.wait(shown)
                focused = d.app.frame_clock.wait(lambda: d.screen.focused is clients)
                sent = send_key(d.app, "x")
                await asyncio.sleep(0.001)
                follow_sent = send_key(d.app, "1")
                edit_frame = await asyncio.wait_for(edited, TIMEOUT)
                follow_frame = await asyncio.wait_for(focused, TIMEOUT)
                for _ in range(6000):
                    if len(disk.changes) > seen and len(spans["write"]) > writes:
                        break
                    await asyncio.sleep(0.001)
                write_began, write_ended = spans["write"][writes]
                snap_began, snap_ended = spans["snapshot"][-1]
                results.append(
                    {
                        "to_disk_ms": (disk.changes[seen] - sent) / 1e6,
                        "to_fsynced_ms": (write_ended - sent) / 1e6,
                        "write_ms": (write_ended - write_began) / 1e6,
                        "snapshot_ui_ms": (snap_ended - snap_began) / 1e6,
                        "edit_frame_ms": (edit_frame - sent) / 1e6,
                        "followup_ms": (follow_frame - follow_sent) / 1e6,
                        "followup_before_saved": follow_frame < write_ended,
                        "worst_stall_during_save_ms": lag.worst(write_began, write_ended),
                    }
                )
                await d.settle()
    finally:
        lag.stop()
    return results


# --- the run ------------------------------------------------------------------------------

SCENARIOS: dict[str, Callable[[Driver, int], Awaitable[Any]]] = {
    "cursor_down": cursor_down,
    "select_client": select_client,
    "move_stage": move_stage,
    "toggle_task": toggle_task,
    "filter_char": filter_clients,
    "search_char": search_chars,
}


async def run(
    app: Any, config: dict[str, Any], finish: Callable[[dict[str, Any]], None], size: tuple[int, int]
) -> None:
    started = app.frame_clock.wait(lambda: panes_filled(app))
    result: dict[str, Any] = {"keys": {}}
    async with app.run_test(size=size, notifications=True) as pilot:
        await asyncio.wait_for(started, 120)
        d = Driver(app, pilot)
        await d.settle()
        result["rss_after_start_mb"] = _rss_now_mb()
        profile = config.get("profile")
        for name, scenario in SCENARIOS.items():
            if config.get("only") and name not in config["only"]:
                continue
            profiler = _profiler() if profile else None
            d.breakdown = []
            result["keys"][name] = await scenario(d, config["presses"])
            result.setdefault("breakdown", {})[name] = d.breakdown
            result.setdefault("rss_after_mb", {})[name] = _rss_now_mb()
            if profiler is not None:
                profiler.stop()
                save_profile(profiler, f"{profile}-{name}")
        if config.get("edits"):
            result["saved_edit"] = await saved_edit(d, config["edits"])
            result["rss_after_mb"]["saved_edit"] = _rss_now_mb()
        result["book_counts"] = {name: len(app.repo.book.table(name)) for name in ("clients", "projects", "tasks")}
        result["spans"] = SPANS.totals()
        result["gc"] = _gc_census()
        finish(result)


def _gc_census() -> dict[str, Any]:
    """What the cyclic GC still scans at the end (frozen objects excluded): counts by type."""
    import collections
    import gc

    objects = gc.get_objects()
    counts = collections.Counter(type(o).__name__ for o in objects)
    fanout = sorted(((len(gc.get_referents(o)), type(o).__name__) for o in objects), reverse=True)[:8]
    began = time.perf_counter()
    gc.collect()
    full_ms = (time.perf_counter() - began) * 1000
    return {
        "tracked": sum(counts.values()),
        "frozen": gc.get_freeze_count(),
        "full_collect_ms": full_ms,
        "top": counts.most_common(12),
        "largest": fanout,
    }


def _profiler() -> Any:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    return profiler


def _rss_now_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
