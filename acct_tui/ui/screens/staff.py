"""StaffScreen: everyone you delegate to, with their capacity, this week's room and their leave.

The room is the schedule's (`domain.staffing.staff_loads`: the hours of the working days left this
week on which they are at work, less the delegated work due in them). `n` adds someone, `e` edits,
`l` adds a period of leave, `x` marks someone gone (their tasks and history stay; `x` again brings
them back).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.records import StaffMember
from acct_tui.domain.staffing import StaffLoad, away, staff_loads
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.format import hours, percent
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section
from acct_tui.ui.widgets.workload_pane import load_style

WIDE = 100
"""From this width a row has room for the whole name and role."""


class StaffScreen(ListScreen):
    TITLE_TEXT = "Staff"
    EMPTY = "Nobody to delegate to yet: n adds a staff member."
    BINDINGS: ClassVar[list[BindingType]] = bindings("staff")

    def build(self) -> tuple[list[ListRow], Content]:
        book, today = self.planner.repo.book, self.planner.today
        loads = {load.id: load for load in staff_loads(book, today)}
        members = sorted(book.staff.values(), key=lambda m: m.name.casefold())
        here = [m for m in members if not m.gone(today)]
        at_work = [ListRow(m.name, m, data=loads.get(m.id)) for m in here if m.available(today)]
        on_leave = [ListRow(m.name, m, data=loads.get(m.id)) for m in here if not m.available(today)]
        gone = [ListRow(m.name, m, data=loads.get(m.id)) for m in members if m.gone(today)]
        rows = [
            *section("At work today", at_work),
            *section("On leave today", on_leave),
            *section("Gone (their tasks and history are kept)", gone, "bold $text-muted"),
        ]
        room = sum(load.spare_hours for load in loads.values() if load.spare_hours > 0)
        summary = Content.assemble(
            (f"{plural(len(here), 'person', 'people')} to delegate to", "bold"),
            f" · {hours(room)} of room "
            + ("next week" if any(load.next_week for load in loads.values()) else "left this week"),
            ("  · n new · e edit · l leave · x gone (or back)", "dim"),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        member = row.record
        assert isinstance(member, StaffMember)
        load: StaffLoad | None = row.data
        today = self.planner.today
        if load is not None:
            style = load_style(load.utilisation)
            week = Content.assemble(
                (f"{hours(load.load_hours_week):>6} of {hours(load.capacity_hours_week):<6}", style),
                (f" {percent(load.utilisation):>5}", f"bold {style}"),
                (f"  {plural(load.tasks, 'task')}", "dim"),
            )
        else:
            week = Content.styled(f"{'':>6}    {'':<6} {'':>5}", "dim")
        note = away(member, today)
        narrow = width < WIDE
        return Content.assemble(
            "  ",
            Content(member.name).truncate(16 if narrow else 22, ellipsis=True, pad=True).stylize("bold"),
            " ",
            Content(member.role or "staff").truncate(10 if narrow else 18, ellipsis=True, pad=True).stylize("dim"),
            (f" {hours(member.weekly_capacity):>5}{'/wk' if narrow else ' a week'}  ", "dim"),
            week,
            (f"  {note}" if note else "", "$warning"),
        )

    def action_new(self) -> None:
        self.app.push_screen(self.planner.forms.staff())

    def action_edit(self) -> None:
        if member := self.current_record(StaffMember):
            self.app.push_screen(self.planner.forms.staff(member))

    def action_leave(self) -> None:
        if member := self.current_record(StaffMember):
            self.app.push_screen(self.planner.forms.leave(member))

    def action_gone(self) -> None:
        """Mark the highlighted member gone from today (or back at work if they are gone)."""
        member = self.current_record(StaffMember)
        if member is None:
            return
        today = self.planner.today
        if member.gone(today):
            back = member.evolve(left_on=None, active=True)
            done = f"{member.name} is back: work can be delegated again (u undoes it)"
            apply(self, lambda: self.planner.repo.staff.update(back, f"{member.name} back"), done)
        else:
            left = member.evolve(left_on=today)
            done = f"{member.name} marked gone; their tasks and history stay (u undoes it)"
            apply(self, lambda: self.planner.repo.staff.update(left, f"{member.name} gone"), done)
