"""CompetitorsScreen: every competitor with the clients it is present at, and the threat there."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.enums import Threat
from acct_tui.domain.prospects import competitor_map
from acct_tui.domain.records import Competitor
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.screens.list_screen import ListRow, ListScreen

THREAT_STYLE = {Threat.LOW: "dim", Threat.MEDIUM: "$warning", Threat.HIGH: "bold $error"}


class CompetitorsScreen(ListScreen):
    TITLE_TEXT = "Competitors"
    EMPTY = "No competitor noted: r on a client's detail screen, or n here, adds one."
    BINDINGS: ClassVar[list[BindingType]] = bindings("competitors")

    def build(self) -> tuple[list[ListRow], Content]:
        book = self.planner.repo.book
        clients = {c.id: c.name for c in book.clients.values()}
        by_name: dict[str, list[Competitor]] = {}
        for competitor in book.competitors.values():
            by_name.setdefault(competitor.name.casefold(), []).append(competitor)
        rows: list[ListRow] = []
        for name in competitor_map(book):
            present = sorted(by_name[name.casefold()], key=lambda c: clients.get(c.client_id, "").casefold())
            high = sum(1 for c in present if c.threat is Threat.HIGH)
            where = f"at {plural(len(present), 'client')}"
            rows.append(ListRow(f"{name}: {where}" + (f", a high threat at {high}" if high else "")))
            rows += [ListRow(clients.get(c.client_id, "?"), c) for c in present]
        summary = Content.assemble(
            (plural(len(by_name), "competitor"), "bold"), (" · n adds one · e edits · d deletes", "dim")
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        competitor = row.record
        assert isinstance(competitor, Competitor)
        return Content.assemble(
            (f"    {competitor.threat.value:<7} ", THREAT_STYLE[competitor.threat]),
            Content(row.text).stylize("bold"),
            Content(f"  {competitor.note}" if competitor.note else "").stylize("dim"),
        )

    def action_new(self) -> None:
        current = self.current_record(Competitor)
        self.app.push_screen(self.planner.forms.competitor(client_id=current.client_id if current else None))

    def action_edit(self) -> None:
        if competitor := self.current_record(Competitor):
            self.app.push_screen(self.planner.forms.competitor(competitor))

    def action_delete(self) -> None:
        if competitor := self.current_record(Competitor):
            self.planner.confirm_delete(competitor)
