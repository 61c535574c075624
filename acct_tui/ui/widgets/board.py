"""The stage board: projects in one column per lifecycle stage, one focus stop for the whole board.

Drawn with the Line API: each screen line is cut from the columns that fit, so the board costs
the cards on screen, not the projects in the book. When the pane is too narrow for six columns
it shows a window of columns that follows the cursor, with arrows for the hidden ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from acct_tui.domain.enums import BOARD_STAGES, Stage
from acct_tui.domain.money import money
from acct_tui.domain.overview import ProjectCard
from acct_tui.domain.settings import StageSettings
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import STAGE_COLOURS, due_label

CARD_LINES = 3
CARD_HEIGHT = CARD_LINES + 1
MIN_COLUMN = 20


class StageBoard(Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"stage-board--cursor", "stage-board--cursor-blurred", "stage-board--empty"}
    BINDINGS: ClassVar[list[BindingType]] = bindings("board_cursor")

    column: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, card: ProjectCard | None) -> None:
            super().__init__()
            self.card = card

    def __init__(self, today: date, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.today = today
        self.labels = StageSettings()
        self._columns: Mapping[Stage, Sequence[ProjectCard]] = dict.fromkeys(BOARD_STAGES, ())
        self._cursor: dict[Stage, int] = dict.fromkeys(BOARD_STAGES, 0)
        self._top: dict[Stage, int] = dict.fromkeys(BOARD_STAGES, 0)
        self.empty_text = "No projects yet: press n to add one."
        self._lines: dict[tuple[int, int, int, str], tuple[ProjectCard, Strip]] = {}
        """(project id, card line, width, cursor state) -> the card as drawn and that line of it."""

    # --- state -----------------------------------------------------------------------------

    @property
    def stage(self) -> Stage:
        return BOARD_STAGES[self.column]

    @property
    def current(self) -> ProjectCard | None:
        cards = self._columns[self.stage]
        index = self._cursor[self.stage]
        return cards[index] if 0 <= index < len(cards) else None

    def show(
        self, columns: Mapping[Stage, Sequence[ProjectCard]], labels: StageSettings, follow: int | None = None
    ) -> None:
        """New cards; the cursor stays on the same project (or moves to `follow`, a project id)."""
        keep = follow if follow is not None else (self.current.project.id if self.current else None)
        self._columns = columns
        self.labels = labels
        for stage in BOARD_STAGES:
            self._cursor[stage] = min(self._cursor[stage], max(0, len(columns[stage]) - 1))
        column = self.column
        if not columns[self.stage]:
            # The cursor's column is empty (a filter, a narrowing): go to the first column with cards.
            column = next((i for i, s in enumerate(BOARD_STAGES) if columns[s]), column)
        if keep is not None:
            for at, stage in enumerate(BOARD_STAGES):
                for index, card in enumerate(columns[stage]):
                    if card.project.id == keep:
                        self._cursor[stage] = index
                        column = at
                        break
        self.column = column  # once: a column passed through on the way would be announced as highlighted
        self._scroll_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def validate_column(self, column: int) -> int:
        return max(0, min(column, len(BOARD_STAGES) - 1))

    def watch_column(self) -> None:
        self._scroll_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def action_column(self, step: int) -> None:
        self.column += step

    def action_card(self, step: int) -> None:
        stage = self.stage
        count = len(self._columns[stage])
        if not count:
            return
        self._cursor[stage] = max(0, min(self._cursor[stage] + step, count - 1))
        self._scroll_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _visible_cards(self) -> int:
        return max(1, (self.size.height - 1) // CARD_HEIGHT)

    def _scroll_into_view(self) -> None:
        stage = self.stage
        cursor, top, room = self._cursor[stage], self._top[stage], self._visible_cards()
        if cursor < top:
            self._top[stage] = cursor
        elif cursor >= top + room:
            self._top[stage] = cursor - room + 1

    def _window(self) -> tuple[int, int]:
        """First visible column and how many columns fit."""
        fit = max(1, min(len(BOARD_STAGES), self.size.width // MIN_COLUMN))
        first = min(max(0, self.column - fit // 2), len(BOARD_STAGES) - fit)
        return first, fit

    # --- drawing ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._scroll_into_view()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        first, fit = self._window()
        widths = [width // fit + (1 if i < width % fit else 0) for i in range(fit)]
        if y == 0:
            parts = [self._header(first + i, w, first, fit) for i, w in enumerate(widths)]
            return Strip.join(parts)
        if not any(self._columns.values()):
            if y == 2:
                return self._strip(Content(self.empty_text), width, self.get_visual_style("stage-board--empty"))
            return Strip.blank(width, self.rich_style)
        slot, line = divmod(y - 1, CARD_HEIGHT)
        parts = [self._card_line(first + i, slot, line, w) for i, w in enumerate(widths)]
        return Strip.join(parts)

    def _strip(self, content: Content, width: int, style: object) -> Strip:
        strips = Visual.to_strips(self, content.truncate(width, ellipsis=True), width, 1, style, pad=True)  # type: ignore[arg-type]
        return strips[0] if strips else Strip.blank(width)

    def _header(self, column: int, width: int, first: int, fit: int) -> Strip:
        stage = BOARD_STAGES[column]
        colour = STAGE_COLOURS[stage]
        count = len(self._columns[stage])
        left = "◀ " if column == first and first > 0 else ""
        right = " ▶" if column == first + fit - 1 and first + fit < len(BOARD_STAGES) else ""
        title = f"{left}{self.labels.label(stage)} {count}"
        text = Content.assemble((title, f"bold {colour}" if column == self.column else colour))
        text = text.truncate(max(0, width - len(right) - 1), ellipsis=True, pad=True)
        return self._strip(Content.assemble(" ", text, (right, "dim")), width, self.get_visual_style())

    def _card_line(self, column: int, slot: int, line: int, width: int) -> Strip:
        stage = BOARD_STAGES[column]
        cards = self._columns[stage]
        index = self._top[stage] + slot
        if index >= len(cards) or line >= CARD_LINES:
            return Strip.blank(width, self.rich_style)
        card = cards[index]
        selected = column == self.column and index == self._cursor[stage]
        state = ("c" if self.has_focus else "b") if selected else ""
        key = (card.project.id, line, width, state)
        cached = self._lines.get(key)
        if cached is not None and cached[0] == card:
            return cached[1]
        inner = width - 2
        if line == 0:
            content = Content.assemble(("▌", STAGE_COLOURS[stage]), Content(card.project.title).stylize("bold"))
        elif line == 1:
            value = money(card.project.value, card.currency)
            client = Content(card.client_name).truncate(max(1, inner - len(value) - 2), ellipsis=True)
            content = Content.assemble(("▌", STAGE_COLOURS[stage]), client.stylize("dim"), "  ", (value, "dim"))
        else:
            content = self._next_task(card, stage)
        if selected:
            style = self.get_visual_style("stage-board--cursor" if self.has_focus else "stage-board--cursor-blurred")
        else:
            style = self.get_visual_style()
        strip = self._strip(Content.assemble(content), width - 1, style).crop_extend(0, width, self.rich_style)
        if len(self._lines) > 2000:
            self._lines.clear()
        self._lines[key] = (card, strip)
        return strip

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()

    def _next_task(self, card: ProjectCard, stage: Stage) -> Content:
        bar = ("▌", STAGE_COLOURS[stage])
        task = card.next_task
        if task is None:
            return Content.assemble(bar, ("no open task", "dim italic"))
        late = task.due is not None and task.due < self.today
        when = due_label(task.due, self.today)
        return Content.assemble(bar, (f"{when} ", "bold $error" if late else "$accent"), Content(task.title))

    def on_click(self, event: events.Click) -> None:
        first, fit = self._window()
        width = max(1, self.size.width // fit)
        column = first + min(fit - 1, event.x // width)
        self.column = column
        if event.y >= 1:
            stage = BOARD_STAGES[column]
            index = self._top[stage] + (event.y - 1) // CARD_HEIGHT
            if index < len(self._columns[stage]):
                self._cursor[stage] = index
                self.refresh()
                self.post_message(self.Highlighted(self.current))
