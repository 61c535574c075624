"""ProspectsScreen: deals in play with their next meeting, the win/loss record, and earnings.

`W` marks the highlighted deal won (it moves to Kickoff, and the Kickoff playbook is offered),
`L` marks it lost (with the reason, and what to do with its open tasks), `e` edits it (next
meeting, value...). The deals lost in the quarters shown are listed with their reasons.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.edits import stage_move
from acct_tui.domain.enums import Stage
from acct_tui.domain.money import money, money_totals
from acct_tui.domain.prospects import (
    currency_of,
    first_day,
    in_play,
    lost_on,
    lost_since,
    month_and_quarter,
    pipeline,
    win_loss,
)
from acct_tui.domain.records import Project
from acct_tui.domain.wording import plural, short_day
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.format import STAGE_COLOURS, due_label, percent
from acct_tui.ui.screens.list_screen import ListRow, ListScreen

QUARTERS = 4
LOST = "lost"
"""The data of a row of the lost deals (the others are deals in play)."""


class ProspectsScreen(ListScreen):
    TITLE_TEXT = "Prospects and the word no"
    EMPTY = "No prospects: add a project in Prospect (n on the Board)."
    BINDINGS: ClassVar[list[BindingType]] = bindings("prospects")

    def build(self) -> tuple[list[ListRow], Content]:
        book, today = self.planner.repo.book, self.planner.today
        currency = book.settings.currency
        clients = {c.id: c.name for c in book.clients.values()}
        deals = in_play(book)
        rows = [ListRow(f"Deals in play ({len(deals)}), next meeting first", style="bold $accent")]
        rows += [ListRow(clients.get(p.client_id, ""), p) for p in deals]
        record = win_loss(book, QUARTERS, today)
        rows.append(ListRow("Won and lost, by quarter", style="bold $accent"))
        for quarter in record:
            rate = f"{percent(quarter.win_rate)} won" if quarter.win_rate is not None else "nothing closed"
            rows.append(
                ListRow(
                    f"  {quarter.quarter}   won {quarter.won} ({money_totals(quarter.won_value, currency)})   "
                    f"lost {quarter.lost} ({money_totals(quarter.lost_value, currency)})   {rate}",
                    style="",
                )
            )
        if record:
            lost = lost_since(book, first_day(record[0].quarter))
            rows.append(ListRow(f"Lost since {record[0].quarter}, and why ({len(lost)})", style="bold $accent"))
            rows += [ListRow(clients.get(p.client_id, ""), p, data=LOST) for p in lost]
        if book.settings.earnings.enabled:
            rows.append(ListRow("Earnings (estimate)", style="bold $accent"))
            for period in month_and_quarter(book, today):
                rows.append(
                    ListRow(
                        f"  {period.period:<14} commission {money_totals(period.commission, currency)} on "
                        f"{money_totals(period.won_value, currency)} won + {plural(period.new_clients, 'new client')}"
                        f" × bonus = {money_totals(period.total, currency)}",
                        style="",
                    )
                )
        summary = Content.assemble(
            (f"{plural(len(deals), 'deal')} in play, {money_totals(pipeline(book, deals), currency)}", "bold"),
            ("  W won · L lost (with the reason) · e sets the next meeting", "dim"),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        project = row.record
        assert isinstance(project, Project)
        value = money(project.value, currency_of(self.planner.repo.book, project))
        if row.data is LOST:
            day = lost_on(project)
            return Content.assemble(
                (f"  {short_day(day) if day else '':<12}", STAGE_COLOURS[project.stage]),
                (f"{value:>7}  ", ""),
                Content(project.title).stylize("bold"),
                (f"  {row.text}", "dim"),
                ("  lost: ", "$error"),
                Content(project.lost_reason or "no reason given").stylize("italic"),
            )
        today = self.planner.today
        meeting = project.next_meeting_on
        kind = project.next_meeting_kind.value if project.next_meeting_kind else "meeting"
        when = f"{kind} {due_label(meeting, today)}" if meeting else "no meeting set"
        late = meeting is not None and meeting < today
        labels = self.planner.repo.settings.stages
        # The value before the names, so that 80 columns keep it (a long client name is what is cut).
        return Content.assemble(
            (f"  {labels.label(project.stage):<12}", STAGE_COLOURS[project.stage]),
            (f"{value:>7}  ", ""),
            (f"{when:<24}", "bold $error" if late else "$warning" if meeting is None else ""),
            Content(project.title).stylize("bold"),
            (f"  {row.text}", "dim"),
        )

    def _deal_in_play(self) -> Project | None:
        """The highlighted deal if it is in play (a lost one is listed for its reason: e edits it)."""
        row = self.current
        project = self.current_record(Project)
        if project is not None and row is not None and row.data is LOST:
            self.notify(f"{project.title} is lost: e edits it.", timeout=3, markup=False)
            return None
        return project

    def action_won(self) -> None:
        project = self._deal_in_play()
        if project is None:
            return
        repo = self.planner.repo
        edit = stage_move(project, Stage.KICKOFF, self.planner.now(), repo.settings)
        if apply(self, lambda: repo.put_all(edit.records, "Deal won"), f"Won: {project.title}"):
            self.planner.offer_playbook(project, Stage.KICKOFF)

    def action_lost(self) -> None:
        if project := self._deal_in_play():
            self.app.push_screen(self.planner.forms.lost(project))

    def action_edit(self) -> None:
        if project := self.current_record(Project):
            self.app.push_screen(self.planner.forms.project(project))
