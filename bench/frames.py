"""Bench-only App subclasses that timestamp every frame they write (docs/textual-notes.md, point 11).

In headless mode Textual's `App._display` computes the compositor update and then skips the
terminal. The bench subclass does what a real terminal run does with that update (turn it into
escape sequences), takes the time, and then resolves the waiters whose condition the app now
meets: "the four panes are filled", "the cursor is on row 12", ... A key press is timed from the
moment its event is sent to the first frame written after the app shows the change.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from textual import events  # noqa: TID251
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate  # noqa: TID251
from textual.app import App  # noqa: TID251
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key  # noqa: TID251

Predicate = Callable[[], bool]


class Screen:
    """What a terminal would show: the frames written so far, applied in order (text only)."""

    def __init__(self) -> None:
        self.lines: dict[int, dict[int, str]] = {}

    def apply(self, update: object) -> None:
        if isinstance(update, LayoutUpdate):
            for y, strip in enumerate(update.strips, start=update.region.y):
                self.lines[y] = {update.region.x: "".join(segment.text for segment in strip)}
        elif isinstance(update, ChopsUpdate):
            for y, chop in enumerate(update.chops):
                for x, piece in chop.items():
                    if piece is not None:
                        self.lines.setdefault(y, {})[x] = "".join(segment.text for segment in piece)

    def text(self) -> str:
        rows = []
        for y in sorted(self.lines):
            row: list[str] = []
            for x, text in sorted(self.lines[y].items()):
                if len(row) < x:
                    row.extend(" " * (x - len(row)))
                row[x : x + len(text)] = text
            rows.append("".join(row))
        return "\n".join(rows)


class FrameClock:
    """The frames an app wrote, and the waiters for a frame that shows something."""

    def __init__(self) -> None:
        self.frames = 0
        self.first_frame_ns: int | None = None
        self.waiters: list[tuple[Predicate, asyncio.Future[int]]] = []
        self.screen: Screen | None = None
        """Set it to a Screen to keep what the terminal shows (for checks on the text)."""

    def wait(self, predicate: Predicate) -> asyncio.Future[int]:
        """A future set to the time (perf_counter_ns) of the first frame written once `predicate()` holds."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.waiters.append((predicate, future))
        return future

    def written(self, update: object) -> None:
        now = time.perf_counter_ns()
        self.frames += 1
        if self.first_frame_ns is None:
            self.first_frame_ns = now
        if self.screen is not None:
            self.screen.apply(update)
        waiting = []
        for predicate, future in self.waiters:
            if future.done():
                continue
            try:
                met = predicate()
            except Exception as err:  # a predicate that cannot be evaluated yet is not met
                met = False
                if not isinstance(err, LookupError | AttributeError):
                    future.set_exception(err)
                    continue
            if met:
                future.set_result(now)
            else:
                waiting.append((predicate, future))
        self.waiters = waiting


def install_frame_clock(cls: type[App[Any]]) -> FrameClock:
    """Make `cls` (an App class) note every frame it writes on a FrameClock, and return the clock.

    The class itself is patched, not subclassed, so the app is built by its own code path
    (`acct_tui.cli.tui_command._run_app`) exactly as `acct-tui` builds it.
    """
    clock = FrameClock()
    display = cls._display

    def _display(self: App[Any], screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        if renderable is None or self._batch_count or not self._running or self._closed:
            return
        # What the terminal driver would be sent (headless Textual skips this step).
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        else:
            self.console.render(renderable)
        clock.written(renderable)

    cls._display = _display  # type: ignore[method-assign]
    cls.frame_clock = clock  # type: ignore[attr-defined]
    return clock


def send_key(app: App[Any], key: str) -> int:
    """Send one key to the app as the terminal driver would; returns the time it was sent.

    This is `App._press_keys` without its waits for idle (which cost ~60 ms whatever the app does).
    """
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    sent = time.perf_counter_ns()
    app._driver.send_message(event)
    return sent


def save_profile(profiler: Any, path: str) -> None:
    """A pyinstrument profile as text and HTML, at `path`.txt and `path`.html."""
    with open(path + ".txt", "w") as out:
        out.write(profiler.output_text(unicode=True, color=False, show_all=False))
    with open(path + ".html", "w") as out:
        out.write(profiler.output_html())
