"""DiscountsScreen: the discount guard, every client's combined discount and the money given away.

Flags: a discount above the fine band without a reason, above the approval band without an
approval (who and when), and a discount that rose at each of the last renewals.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.discounts import ClientDiscount, overview
from acct_tui.domain.money import money, money_totals, totals
from acct_tui.domain.records import Client, Discount
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import discount_flags
from acct_tui.ui.screens.list_screen import ListRow, ListScreen


class DiscountsScreen(ListScreen):
    TITLE_TEXT = "Discounts"
    EMPTY = "No discounts given: every client pays the full price."
    BINDINGS: ClassVar[list[BindingType]] = bindings("discounts")

    def build(self) -> tuple[list[ListRow], Content]:
        book = self.planner.repo.book
        found = overview(book, self.planner.today)
        rows: list[ListRow] = []
        for item in found:
            rows.append(ListRow(item.client.name, item.client, data=item))
            rows += [ListRow(item.client.name, stacked, data=item) for stacked in item.stacked]
        total = money_totals(totals((i.client.currency, i.given_away) for i in found), book.settings.currency)
        flagged = sum(1 for item in found if item.flagged)
        bands = book.settings.discounts
        summary = Content.assemble(
            (f"{total} a year given away", "bold"),
            f" by {len(found)} clients' discounts",
            (f" · {flagged} flagged", "bold $warning" if flagged else "dim"),
            (
                f"  (up to {bands.fine_up_to:g}% fine, above it a reason, above {bands.approval_above:g}% an approval)",
                "dim",
            ),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        item: ClientDiscount = row.data
        record = row.record
        if isinstance(record, Discount):
            return Content.assemble(
                "      + ",
                Content(record.name).stylize("bold"),
                f" {record.pct:g}%",
                Content(f"  {record.reason}" if record.reason else "  no reason").stylize("dim"),
            )
        assert isinstance(record, Client)
        parts: list[Content | tuple[str, str] | str] = [
            (f"  {item.combined_pct:>5.1f}% ", "bold"),
            Content(record.name).stylize("bold"),
            (f"  {money(item.given_away, record.currency)} a year", "dim"),
            (f" on {money(record.contract_value, record.currency)}", "dim"),
        ]
        if record.discount_reason:
            parts.append(Content.assemble("  ", Content(record.discount_reason).stylize("italic")))
        for text, style in discount_flags(item):
            parts.append((f"  ⚑ {text}", style))
        return Content.assemble(*parts)

    def action_new(self) -> None:
        row = self.current
        client_id = row.data.client.id if row is not None else None
        self.app.push_screen(self.planner.forms.discount(client_id=client_id))

    def action_edit(self) -> None:
        row = self.current
        if row is None:
            return
        if isinstance(row.record, Discount):
            self.app.push_screen(self.planner.forms.discount(row.record))
        elif isinstance(row.record, Client):
            self.app.push_screen(self.planner.forms.client(row.record))

    def action_delete(self) -> None:
        row = self.current
        if row is not None and isinstance(row.record, Discount):
            self.planner.confirm_delete(row.record)
