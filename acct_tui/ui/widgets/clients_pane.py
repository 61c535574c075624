"""The Clients pane: every client with tier, status, days since last touch and open tasks."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.enums import ClientStatus
from acct_tui.domain.overview import ClientRow
from acct_tui.ui.action_table import bindings, key_hint
from acct_tui.ui.format import TIER_MARKS, ago
from acct_tui.ui.planner import planner_of
from acct_tui.ui.widgets.pane import Pane
from acct_tui.ui.widgets.record_list import RecordList

_STATUS_STYLE = {ClientStatus.PROSPECT: "italic", ClientStatus.ACTIVE: "", ClientStatus.DORMANT: "dim"}
_WIDE = 44


def client_line(row: ClientRow, width: int, today: date) -> Content:
    """`!R Name ........ K active  12d  3`: the markers flag a client past its touch cadence, and
    one whose renewal needs a mark or whose discount is flagged."""
    client = row.client
    wide = width >= _WIDE
    status = f"{client.status.value:<8}" if wide else client.status.value[0].upper()
    touch = ago(row.days_since_touch(today))
    fixed = 16 + len(status)
    name_width = max(4, width - fixed)
    name = Content(client.name).truncate(name_width, ellipsis=True, pad=True)
    name = name.stylize(_STATUS_STYLE[client.status]) if _STATUS_STYLE[client.status] else name
    tasks = f"{row.open_tasks:>3}" if row.open_tasks else "  ·"
    return Content.assemble(
        ("!" if row.quiet else " ", "bold $error"),
        ("R" if row.renewal_needs_mark else "$" if row.discount_flagged else " ", "bold $warning"),
        " ",  # the markers apart from the name: "R Hanoi Digital Media", not "RHanoi Digital Media"
        name,
        " ",
        (TIER_MARKS[client.tier], "bold $accent" if client.tier.value != "standard" else "dim"),
        " ",
        (status, "dim" if client.status is ClientStatus.DORMANT else ""),
        " ",
        (f"{touch:>5}", "$error" if row.quiet else "dim"),
        (f" {tasks}", "$warning" if row.overdue_tasks else ""),
    )


def heading_line(width: int) -> Content:
    wide = width >= _WIDE
    status = f"{'status':<8}" if wide else "s"
    name_width = max(4, width - (16 + len(status)))
    return Content(f"   {'name':<{name_width}} t {status} {'touch':>5} {'open':>3}")


LEGEND = "! past its touch cadence · R renewal needs a mark · $ discount flagged"


class ClientsPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("clients")

    def __init__(self, today: date, *, id: str = "clients") -> None:
        super().__init__("Clients", id=id)
        self.today = today
        self._rows: list[ClientRow] = []

    def body(self) -> Widget:
        return RecordList[ClientRow](
            lambda row, width: client_line(row, width, self.today),
            key=lambda row: row.client.id,
            empty="No clients yet.",
            classes="pane-body",
            id="client-list",
        )

    @property
    def rows(self) -> RecordList[ClientRow]:
        return self.query_one("#client-list", RecordList)

    def on_resize(self) -> None:
        self.set_heading(heading_line(self.rows.scrollable_content_region.width or self.size.width - 2))

    def show(self, rows: list[ClientRow], follow: int | None = None) -> None:
        """Show `rows`; the cursor goes to client `follow` if it is listed, else stays where it was."""
        self._rows = rows
        self.apply_filter(follow)

    def apply_filter(self, follow: int | None = None) -> None:
        text = self.filter_text
        rows = self._rows
        if text:
            rows = [row for row in rows if text in _haystack(row)]
            self.rows.empty_text = self.no_match("client")
        else:
            keys = key_hint("clients.new", planner_of(self).keymap)
            self.rows.empty_text = f"No clients yet: press {keys} to add one."
        self.rows.set_rows(rows, follow=follow)

    @property
    def current(self) -> ClientRow | None:
        return self.rows.current


def _haystack(row: ClientRow) -> str:
    client = row.client
    return " ".join((client.name, client.industry, client.tier, client.status, *client.tags)).casefold()
