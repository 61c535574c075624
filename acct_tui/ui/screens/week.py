"""The week view: the schedule's next working days side by side.

Each day shows its total against its own capacity (over capacity said in words and colour),
then its meetings and events at their times, the tasks the schedule puts on it, the follow-up
checks, the attention still reserved for clients, and the free time. As many days as fit the
width (5 at 80 columns, up to the horizon), each line wrapped in its column; `←`/`→` move
through the horizon, `↑`/`↓` scroll. Everything comes
from the same schedule as the Workload and Today panes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Header, Static

from acct_tui.domain.book import Book
from acct_tui.domain.schedule import ScheduledDay
from acct_tui.domain.wording import plural
from acct_tui.domain.workload import Assessment
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import hours, meeting_note, meeting_time, percent
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.workload_pane import load_style

LEGEND = Content.assemble(
    ("each day: scheduled of capacity · meetings at their times · ", "dim"),
    ("• ", "dim"),
    ("a task planned (", "dim"),
    ("! ", "bold $error"),
    ("late: after its due date) · ", "dim"),
    ("✓? ", "dim"),
    ("a follow-up check · attention still reserved for clients · free time · ", "dim"),
    ("←/→ ", "bold"),
    ("more days, ", "dim"),
    ("↑/↓ ", "bold"),
    ("scroll", "dim"),
)

COLUMN_WIDTH = 15
"""The narrowest a day's column gets (80 columns hold five, with the screen's scroll bar)."""
WIDE_COLUMN = 24
"""On a wide terminal a column gets this wide before more days are shown."""
MIN_DAYS = 5


def wrapped(line: Content, width: int, indent: int = 2) -> list[Content]:
    """`line` on as many lines of `width` cells as it needs, the lines after the first indented."""
    lines = line.wrap(width)
    if len(lines) <= 1:
        return lines
    tail = line[len(lines[0].plain) :]
    tail = tail[len(tail.plain) - len(tail.plain.lstrip()) :]
    return [lines[0], *(Content.assemble(" " * indent, part) for part in tail.wrap(max(1, width - indent)))]


def day_column(day: ScheduledDay, book: Book, today_marker: bool) -> list[Content]:
    """One day's lines, top to bottom (not yet wrapped to the column's width)."""
    style = "$error" if day.over else load_style(day.utilisation)
    title = f"{day.date:%a %d %b}" + (" ◆" if today_marker else "")
    lines = [
        Content.styled(title, "bold $accent" if today_marker else "bold"),
        Content.assemble(
            (f"{hours(day.scheduled_hours)} of {hours(day.capacity_hours)}", style),
            (f" {percent(day.utilisation)}", f"bold {style}"),
        ),
    ]
    if day.over:
        lines.append(Content.styled(f"OVER by {hours(day.scheduled_hours - day.capacity_hours)}", "bold $error"))
    capacity = day.capacity
    if capacity.away:
        lines.append(Content.assemble(("away: ", "bold"), Content(capacity.away)))
    elif not capacity.working_hours:
        lines.append(Content.styled("not a working day", "dim"))
    away = capacity.away
    for meeting, outside in zip(capacity.meetings, capacity.outside, strict=True):
        if away and meeting.all_day and meeting.busy and meeting.title == away:
            away = ""  # already said: "away: ..."
            continue
        counted = meeting.busy and not outside
        note = meeting_note(meeting, outside)
        lines.append(
            Content.assemble(
                (f"{meeting_time(meeting, day.date)} ", "$accent" if counted else "dim"),
                Content(meeting.title).stylize("" if counted else "dim"),
                (f" {note}" if note else "", "dim"),
            )
        )
    for title, event_hours in capacity.events:
        lines.append(Content.assemble(("event ", "$accent"), Content(title), (f" {hours(event_hours)}", "dim")))
    for part in day.parts:
        task = book.tasks.get(part.task_id)
        if task is None:
            continue
        late = task.due is not None and task.due < day.date
        lines.append(
            Content.assemble(
                ("! " if late else "• ", "bold $error" if late else "dim"),
                (f"{hours(part.hours)} ", "dim"),
                Content(task.title),
                (" late" if late else "", "$error"),
            )
        )
    for check in day.checks:
        task = book.tasks.get(check.task_id)
        if task is not None:
            lines.append(Content.assemble(("✓? ", "dim"), (f"{hours(check.hours)} ", "dim"), Content(task.title)))
    if day.done_hours:
        lines.append(Content.styled(f"done {hours(day.done_hours)}", "$success"))
    if day.attention_hours:
        lines.append(Content.styled(f"attention {hours(day.attention_hours)}", "dim"))
    lines.append(Content.styled(f"free {hours(day.free_hours)}", "bold $success" if day.free_hours else "dim"))
    return lines


class WeekView(Widget):
    """The columns of the days from `first` on, as many as fit."""

    first: reactive[int] = reactive(0)

    def __init__(self, assessment: Assessment, book: Book, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assessment = assessment
        self.book = book

    def show(self, assessment: Assessment, book: Book) -> None:
        self.assessment, self.book = assessment, book
        self.refresh()

    @property
    def columns_shown(self) -> int:
        """At least five days (as narrow as 16 columns each), more as the width allows 24 each."""
        width = self.size.width
        wanted = max(min(MIN_DAYS, width // COLUMN_WIDTH), width // WIDE_COLUMN)
        return max(1, min(len(self.assessment.days), wanted))

    def render(self) -> Content:
        days = self.assessment.days
        count = self.columns_shown
        first = min(self.first, max(0, len(days) - count))
        width = max(COLUMN_WIDTH, self.size.width // count)
        columns = [
            [
                part
                for line in day_column(day, self.book, day.date == self.assessment.today)
                for part in wrapped(line, width - 1)
            ]
            for day in days[first : first + count]
        ]
        height = max(len(column) for column in columns) if columns else 0
        lines = []
        for row in range(height):
            cells = [
                (column[row] if row < len(column) else Content("")).truncate(width - 1, pad=True) for column in columns
            ]
            lines.append(Content(" ").join(cells))
        return Content("\n").join(lines)


class WeekScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("week")

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(LEGEND, classes="screen-summary")
        with VerticalScroll(id="week-scroll"):  # ↑/↓ and page keys scroll a tall day
            yield WeekView(self.assessment, self.planner.repo.book, id="week-view")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#week-scroll").focus()
        self._titles()

    def _titles(self) -> None:
        found = self.assessment
        over = sum(1 for day in found.days if day.over)
        self.title = "Week view"
        at_risk = plural(len(found.at_risk), "promise at risk", "promises at risk")
        self.sub_title = f"{plural(len(found.days), 'day')} · {over} over capacity · {at_risk}"

    def action_move(self, step: int) -> None:
        view = self.query_one(WeekView)
        view.first = max(0, min(len(self.assessment.days) - view.columns_shown, view.first + step))

    def on_plan_changed(self) -> None:
        """The panes' schedule was recomputed (after a change of the book, a calendar read): the
        view shows that one, even when it was opened while the recompute ran."""
        found = self.planner.assessment
        if found is not None:
            self.assessment = found
            self.query_one(WeekView).show(found, self.planner.repo.book)
            self._titles()
