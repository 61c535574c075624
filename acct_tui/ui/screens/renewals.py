"""RenewalsScreen: the renewal radar, contracts renewing in the next six months.

Inside three months a renewal must be marked: `o` on track, `r` at risk (the date is recorded).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.enums import RenewalHealth
from acct_tui.domain.money import money, money_totals, totals
from acct_tui.domain.records import Client
from acct_tui.domain.renewals import radar
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.format import long_date
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section

HEALTH = {RenewalHealth.ON_TRACK: ("on track", "$success"), RenewalHealth.AT_RISK: ("AT RISK", "bold $error")}


class RenewalsScreen(ListScreen):
    TITLE_TEXT = "Renewal radar"
    EMPTY = "No renewal in the next six months."
    BINDINGS: ClassVar[list[BindingType]] = bindings("renewals")

    def build(self) -> tuple[list[ListRow], Content]:
        rows_by_band: dict[str, list[ListRow]] = {"past": [], "three": [], "six": []}
        found = radar(self.planner.repo.book, self.planner.today)
        for row in found:
            band = "past" if row.days < 0 else "three" if row.within_three_months else "six"
            rows_by_band[band].append(ListRow(row.client.name, row.client, data=row))
        titles = {
            "past": "Renewal date passed: renew or close",
            "three": "Within 3 months: mark each on track or at risk (o / r)",
            "six": "Within 6 months",
        }
        rows: list[ListRow] = []
        for band, members in rows_by_band.items():
            rows += section(titles[band], members)
        unmarked = sum(1 for row in found if row.needs_mark)
        at_risk = [row for row in found if row.client.renewal_health is RenewalHealth.AT_RISK]
        at_stake = money_totals(
            totals((r.client.currency, r.client.contract_value) for r in at_risk), self.planner.repo.settings.currency
        )
        summary = Content.assemble(
            (f"{plural(len(found), 'renewal')} in six months", "bold"),
            (f" · {unmarked} need{'s' if unmarked == 1 else ''} a mark", "bold $warning" if unmarked else "dim"),
            (f" · {len(at_risk)} at risk ({at_stake} a year)", "$error") if at_risk else ("", ""),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        client = row.record
        assert isinstance(client, Client)
        days = row.data.days
        when = f"in {days}d" if days > 0 else "today" if days == 0 else f"{-days}d ago"
        if client.renewal_health is not None:
            health, style = HEALTH[client.renewal_health]
        elif row.data.needs_mark:
            health, style = "needs a mark", "bold $warning"
        else:
            health, style = "", ""
        return Content.assemble(
            (f"  {long_date(client.renewal_date):<16} {when:>8}  ", "dim"),
            Content(client.name).stylize("bold"),
            (f"  {money(client.contract_value, client.currency)}", ""),
            (f"  discount {client.discount_pct:g}%" if client.discount_pct else "", "dim"),
            (f"  {health}", style),
        )

    def action_mark(self, health: str) -> None:
        client = self.current_record(Client)
        if client is None:
            return
        marked = client.evolve(renewal_health=RenewalHealth(health), renewal_health_on=self.planner.today)
        label = HEALTH[RenewalHealth(health)][0]
        apply(self, lambda: self.planner.repo.clients.update(marked, f"Renewal {label}"))

    def action_edit(self) -> None:
        if client := self.current_record(Client):
            self.app.push_screen(self.planner.forms.client(client))

    def action_open(self) -> None:
        if client := self.current_record(Client):
            self.planner.open_client(client.id)
