"""Where a key press's time goes, and what proposed changes to acct_tui.ui / acct_tui.store would save.

`Spans` times a few methods of the running app (the screen's recompute, the save request) and
the garbage collector, so each press can be split into its parts. The PATCHES are experiments
only: each one monkeypatches, in the bench process alone, a change proposed for code this bench
does not own, so `bench/run.py --patch NAME` measures its gain before anyone makes it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any


class Spans:
    """Start and end (perf_counter_ns) of every call of the wrapped methods, and of each GC run."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, int, int]] = []
        self._gc_start = 0

    def wrap(self, cls: type, name: str, label: str) -> None:
        original = getattr(cls, name)
        spans = self.spans

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter_ns()
            try:
                return original(*args, **kwargs)
            finally:
                spans.append((label, began, time.perf_counter_ns()))

        timed.__name__ = original.__name__
        timed.__qualname__ = original.__qualname__
        setattr(cls, name, timed)

    def watch_gc(self) -> None:
        def callback(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                self._gc_start = time.perf_counter_ns()
            else:
                self.spans.append((f"gc{info['generation']}", self._gc_start, time.perf_counter_ns()))

        gc.callbacks.append(callback)

    def within(self, start: int, end: int) -> dict[str, float]:
        """Milliseconds of each label spent between `start` and `end`."""
        found: dict[str, float] = {}
        for label, began, ended in self.spans:
            if ended >= start and began <= end:
                found[label] = found.get(label, 0.0) + (min(ended, end) - max(began, start)) / 1e6
        return found

    def totals(self) -> dict[str, dict[str, float]]:
        found: dict[str, dict[str, float]] = {}
        for label, began, ended in self.spans:
            entry = found.setdefault(label, {"count": 0, "total_ms": 0.0, "max_ms": 0.0})
            entry["count"] += 1
            entry["total_ms"] += (ended - began) / 1e6
            entry["max_ms"] = max(entry["max_ms"], (ended - began) / 1e6)
        return found


SPANS = Spans()


def instrument() -> None:
    """Time the main screen's redraw from a recompute, the save request and the GC (the app is imported by now)."""
    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.screens.main import MainScreen

    SPANS.wrap(MainScreen, "_show_panes", "refresh_panes")
    SPANS.wrap(AcctApp, "request_save", "request_save")
    SPANS.watch_gc()


# --- proposed changes, as patches ---------------------------------------------------------


def no_gc_freeze() -> None:
    """The app without the gc.freeze() after the book loads (to measure what it brings)."""
    gc.freeze = lambda: None


def _snapshot_repr(self: Any) -> str:
    return f"Snapshot(generation={self.generation})"


def snapshot_repr() -> None:
    """store: a Snapshot's repr without its bytes.

    `@work` builds a description of each call with repr() of its arguments: for the save worker,
    repr(Snapshot) prints every record's bytes (20 MB at 1,000 clients), on the UI thread.
    """
    from acct_tui.store.repository import Snapshot

    Snapshot.__repr__ = _snapshot_repr  # type: ignore[method-assign]


def week_record_quiet() -> None:
    """ui: storing the week's record (at start) neither delays the first frame nor recomputes the panes.

    The app records the week from the assessment the main screen already made, after the first
    frame, and a change that only stores that record does not post BookChanged (the panes
    show the same numbers: the current week is always computed afresh).
    """
    from acct_tui.ui.app import AcctApp
    from acct_tui.ui.screens.main import MainScreen

    def on_mount(self: Any) -> None:
        self.theme = self.start_theme
        self._update_title()
        self.push_screen(MainScreen())

    original_mount = MainScreen.on_mount

    def screen_mount(self: Any) -> None:
        original_mount(self)
        self.call_after_refresh(self.app.record_week, only_if_missing=True)

    original_changed = AcctApp._book_changed

    def book_changed(self: Any, changeset: Any) -> None:
        if changeset.label.startswith("Record week") and all(c.table == "weeks" for c in changeset.changes):
            self.request_save()
            return
        original_changed(self, changeset)

    AcctApp.on_mount = on_mount  # type: ignore[method-assign]
    MainScreen.on_mount = screen_mount  # type: ignore[method-assign]
    AcctApp._book_changed = book_changed  # type: ignore[method-assign]


def narrow_from_cache() -> None:
    """ui: the screen keeps the whole board and the whole day plan; narrowing only filters them.

    `day_plan(book, today, client)` is the whole plan filtered, and `board(book, client)` the
    whole board's cards of that client, in the same order: a narrowing (space, Escape) needs
    neither `assess` nor `client_rows` nor a new plan.
    """
    from acct_tui.domain import overview
    from acct_tui.domain.planner import day_plan
    from acct_tui.domain.workload import assess
    from acct_tui.ui.screens.main import MainScreen
    from acct_tui.ui.widgets.board_pane import BoardPane
    from acct_tui.ui.widgets.clients_pane import ClientsPane
    from acct_tui.ui.widgets.today_pane import TodayPane
    from acct_tui.ui.widgets.workload_pane import WorkloadPane

    def refresh_panes(self: Any, follow_project: int | None = None) -> None:
        app = self.app
        book, today = app.repo.book, app.today
        self.query_one(ClientsPane).show(overview.client_rows(book, today))
        self.assessment = assess(book, today)
        self._bench_board = overview.board(book, None)
        self._bench_plan = day_plan(book, today, None, assessment=self.assessment)
        self.query_one(WorkloadPane).show(self.assessment)
        show_narrowed(self, follow_project)

    def show_narrowed(self: Any, follow_project: int | None = None) -> None:
        book = self.app.repo.book
        client = book.clients.get(self.narrowed) if self.narrowed is not None else None
        if self.narrowed is not None and client is None:
            self.narrowed = None
        scope = client.name if client else "All clients"
        empty = (
            f"No projects for {client.name}: press n to add one." if client else "No projects yet: press n to add one."
        )
        columns, plan = self._bench_board, self._bench_plan
        if client is not None:
            columns = {
                stage: [c for c in cards if c.project.client_id == client.id] for stage, cards in columns.items()
            }
            plan = replace(
                plan,
                items=tuple(i for i in plan.items if i.client_id == client.id),
                overflow=tuple(o for o in plan.overflow if o.client_id == client.id),
            )
        self.query_one(BoardPane).show(columns, book.settings.stages, scope, follow_project, empty)
        self.query_one(TodayPane).show(book, plan)

    def watch_narrowed(self: Any) -> None:
        if self.is_mounted:
            show_narrowed(self)

    MainScreen.refresh_panes = refresh_panes  # type: ignore[method-assign]
    MainScreen.watch_narrowed = watch_narrowed  # type: ignore[method-assign]


def fast_encode() -> None:
    """store: keep each record's finished line (`"12": {...}`), so a save joins them in C.

    `layout.encode` formats all 100,000 lines again at every save (in Python, holding the GIL,
    ~100 ms at 1,000 clients). Emulated here with a cache of lines by record, reused while the
    record's bytes are the same object; the proposal is to store the lines themselves in
    `Repository._blobs` (made once per changed record) and encode with one join per table.
    """
    import orjson

    from acct_tui.store import layout

    lines: dict[str, dict[int, tuple[bytes, bytes]]] = {}

    def encode(tables: Any) -> bytes:
        parts = [b"{"]
        names = sorted(tables)
        for position, name in enumerate(names):
            comma = b"," if position < len(names) - 1 else b""
            records = tables[name]
            key = orjson.dumps(name)
            if not records:
                parts.append(key + b": {}" + comma)
                continue
            cache = lines.setdefault(name, {})
            table = []
            for rid in sorted(records):
                blob = records[rid]
                hit = cache.get(rid)
                if hit is None or hit[0] is not blob:
                    hit = cache[rid] = (blob, b'"%d": %s' % (rid, blob))
                table.append(hit[1])
            parts.append(key + b": {")
            parts.append(b",\n".join(table))
            parts.append(b"}" + comma)
        parts.append(b"}\n")
        return b"\n".join(parts)

    layout.encode = encode


PATCHES: dict[str, tuple[str, Callable[[], None]]] = {
    "no_gc_freeze": ("cli", no_gc_freeze),
    "snapshot_repr": ("cli", snapshot_repr),
    "fast_encode": ("cli", fast_encode),
    "week_record_quiet": ("ui", week_record_quiet),
    "narrow_from_cache": ("ui", narrow_from_cache),
}


def apply(names: list[str], stage: str) -> None:
    for name in names:
        when, patch = PATCHES[name]
        if when == stage:
            patch()
