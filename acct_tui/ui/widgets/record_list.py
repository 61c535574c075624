"""RecordList: a keyboard list that draws only the rows on screen (Textual's Line API).

A pane gives it rows (any objects) and a function that turns one row into one line of Content
for a width; the list keeps a cursor, scrolls, and caches the lines it drew. A 3,000-client
list costs what its 30 visible lines cost (docs/textual-notes.md, point 9). It posts `Highlighted` when the
cursor moves and `Chosen` on a click on the cursor row (or a double click); what Enter does is
the pane's binding.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from acct_tui.ui.action_table import bindings

T = TypeVar("T")

RowRenderer = Callable[[Any, int], Content]


class RecordList(ScrollView, Generic[T], can_focus=True):
    """A cursor over rows rendered on demand, one line each."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--cursor",
        "record-list--cursor-blurred",
        "record-list--empty",
        "record-list--heading",
    }
    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    cursor: reactive[int] = reactive(0, always_update=True)

    class RowMessage(Message):
        """Something happened to `row` of `record_list`."""

        def __init__(self, record_list: RecordList[Any], row: Any) -> None:
            super().__init__()
            self.record_list = record_list
            self.row = row

        @property
        def control(self) -> RecordList[Any]:
            return self.record_list

    class Highlighted(RowMessage):
        """The cursor moved to `row` (None when the list is empty)."""

    class Chosen(RowMessage):
        """A click on the cursor row (or a double click) on `row`."""

    def __init__(
        self,
        render_row: RowRenderer,
        *,
        key: Callable[[T], Hashable] = id,
        selectable: Callable[[T], bool] | None = None,
        empty: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._render_row = render_row
        self._key = key
        self._selectable = selectable
        self._rows: Sequence[T] = ()
        self._cache: dict[tuple[Hashable, int, str], tuple[T, Strip]] = {}
        """(row key, width, cursor state) -> the row as drawn and its line: a row equal to the one
        drawn is not drawn again, so a refresh with mostly the same rows costs only the changed ones."""
        self.empty_text = empty

    # --- rows ------------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[T]:
        return self._rows

    @property
    def current(self) -> T | None:
        """The row under the cursor, if the list is not empty."""
        if 0 <= self.cursor < len(self._rows) and self._can_select(self._rows[self.cursor]):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[T], *, follow: Hashable | None = None) -> None:
        """Show `rows`; the cursor goes to the row with key `follow` if there is one, else stays on
        the same row (by key)."""
        current = self._key(self.current) if self.current is not None else None
        old_cursor = self.cursor
        self._rows = rows
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        index = None
        for keep in (follow, current):
            if keep is not None and index is None:
                index = next((i for i, row in enumerate(rows) if self._key(row) == keep), None)
        self.cursor = self._nearest_selectable(index if index is not None else min(old_cursor, len(rows) - 1), 1)
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw every row (their content changed, not the list)."""
        self._cache.clear()
        self.refresh()

    def move_to(self, key: Hashable) -> bool:
        """Put the cursor on the row with `key`; False if there is none."""
        for index, row in enumerate(self._rows):
            if self._key(row) == key:
                self.cursor = index
                return True
        return False

    def _can_select(self, row: T) -> bool:
        return self._selectable is None or self._selectable(row)

    def _nearest_selectable(self, index: int, step: int) -> int:
        """The selectable row nearest `index`, looking in the direction of `step` first."""
        count = len(self._rows)
        if count == 0:
            return 0
        index = max(0, min(index, count - 1))
        ahead = range(index, count) if step > 0 else range(index, -1, -1)
        behind = range(index, -1, -1) if step > 0 else range(index, count)
        for candidate in itertools.chain(ahead, behind):
            if self._can_select(self._rows[candidate]):
                return candidate
        return index

    # --- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self) -> None:
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _step(self, delta: int) -> None:
        if not self._rows:
            return
        target = max(0, min(self.cursor + delta, len(self._rows) - 1))
        self.cursor = self._nearest_selectable(target, 1 if delta > 0 else -1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_first(self) -> None:
        self.cursor = self._nearest_selectable(0, 1)

    def action_last(self) -> None:
        self.cursor = self._nearest_selectable(len(self._rows) - 1, -1)

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    async def _on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self._rows) and self._can_select(self._rows[index]):
            if index == self.cursor or event.chain > 1:
                self.cursor = index
                self.action_choose()
            else:
                self.cursor = index

    # --- drawing ---------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(self._width, len(self._rows))
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self._width
        index = self.scroll_offset.y + y
        if not self._rows:
            if y == 0:
                style = self.get_visual_style("record-list--empty")
                return self._strip(Content(self.empty_text), width, style)
            return Strip.blank(width, self.rich_style)
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        state = ("c" if self.has_focus else "b") if index == self.cursor else ""
        row = self._rows[index]
        cache_key = (self._key(row), width, state)
        cached = self._cache.get(cache_key)
        if cached is not None and cached[0] == row:
            return cached[1]
        if state == "c":
            style = self.get_visual_style("record-list--cursor")
        elif state == "b":
            style = self.get_visual_style("record-list--cursor-blurred")
        elif not self._can_select(row):
            style = self.get_visual_style("record-list--heading")
        else:
            style = self.get_visual_style()
        strip = self._strip(self._render_row(row, width), width, style)
        if len(self._cache) > 4 * self.size.height + 100:  # a few screens' worth
            self._cache.clear()
        self._cache[cache_key] = (row, strip)
        return strip

    def _strip(self, content: Content, width: int, style: Any) -> Strip:
        strips = Visual.to_strips(self, content.truncate(width, ellipsis=True), width, 1, style, pad=True)
        return strips[0] if strips else Strip.blank(width)
