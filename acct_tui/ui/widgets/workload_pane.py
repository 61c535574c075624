"""The Workload pane: today's and this week's utilisation, the stress index with its parts, the trend
of the last 12 weeks (as many as fit), the schedule's working days against each day's capacity, and
the staff's load.

All numbers come from `acct_tui.domain.workload.assess` (one schedule); this module only draws
them. Meters turn amber and red at the thresholds; `w` opens the "why" view that lists every hour
and every point, `W` the week view.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget

from acct_tui.domain.stress import Band
from acct_tui.domain.workload import Assessment
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import hours, percent
from acct_tui.ui.widgets.pane import Pane

BLOCKS = " ▁▂▃▄▅▆▇█"
BAND_STYLE = {Band.GREEN: "$success", Band.AMBER: "$warning", Band.RED: "$error"}
SHORT_PART = {
    "utilisation": "util",
    "promises at risk": "at risk",
    "parallel kickoffs": "kickoffs",
    "context switches": "switches",
    "late follow-ups": "follow-ups",
    "quiet clients": "quiet",
    "long hours": "long hours",
}


def load_style(fraction: float) -> str:
    """Green up to 80% of capacity, amber up to 100%, red above."""
    if fraction > 1.0:
        return "$error"
    if fraction >= 0.8:
        return "$warning"
    return "$success"


def bar(fraction: float, width: int, style: str) -> Content:
    """A horizontal meter; a fraction over 1 fills the bar and ends in "▶"."""
    width = max(1, width)
    filled = min(width, round(min(fraction, 1.0) * width))
    over = fraction > 1.0
    return Content.assemble(
        ("█" * (filled - (1 if over else 0)), style),
        ("▶" if over else "", style),
        ("░" * (width - filled), "$panel-lighten-2"),
    )


METER_MAX = 32


def meter_bar_width(width: int, details: list[str]) -> int:
    """The bar width that leaves room for the longest of the meters' `details` in `width` columns."""
    return min(METER_MAX, max(4, width - 10 - 6 - 2 - max(map(len, details), default=0)))


def meter(label: str, fraction: float, detail: str, bar_width: int, style: str, value: str) -> Content:
    """`Week      ██████▶  114%  45.75h of 40h`: every meter's bar starts and ends in the same column."""
    return Content.assemble(
        (f"{label:<9} ", "bold"),
        bar(fraction, bar_width, style),
        (f" {value:>5}", f"bold {style}"),
        (f"  {detail}", "dim"),
    )


def flow(prefix: str, cells: list[Content], width: int, separator: str = " · ") -> list[Content]:
    """`cells` after `prefix`, wrapped onto as many lines as the width needs (aligned under the first)."""
    lines: list[Content] = []
    line = Content.styled(prefix, "bold")
    filled = False
    for cell in cells:
        gap = separator if filled else ""
        if filled and line.cell_length + len(gap) + cell.cell_length > width:
            lines.append(line)
            line, gap = Content(" " * len(prefix)), ""
        line = Content.assemble(line, (gap, "dim"), cell)
        filled = True
    lines.append(line)
    return lines


def sparkline(values: list[int | None]) -> Content:
    """Stress per week, 0-100, as block heights; a week with no record is a gap."""
    parts = []
    for value in values:
        if value is None:
            parts.append(("·", "dim"))
        else:
            level = min(8, max(1, round(value / 100 * 8)))
            parts.append((BLOCKS[level], "$error" if value >= 70 else "$warning" if value >= 40 else "$success"))
    return Content.assemble(*parts)


CAPACITY_MARK = "◂"


def day_chart(found: Assessment, height: int) -> list[Content]:
    """The schedule's days as columns: scheduled hours against that day's own capacity.

    Each column is scaled to the same hours, with a mark beside it at the day's capacity; the part
    of a bar above its capacity is drawn in the error colour, so a 2 h day holding 4.3 h reads
    over at a glance. The day's initials are under it (today in bold, an over day in red).
    """
    days = found.days
    top = max([1.0, *(d.scheduled_hours for d in days), *(d.capacity_hours for d in days)])
    lines = []
    for row in range(height, 0, -1):
        cells: list[tuple[str, str]] = []
        for day in days:
            level = day.scheduled_hours / top * height
            cap_level = day.capacity_hours / top * height
            style = load_style(day.utilisation)
            above = row - 1 >= cap_level - 1e-9
            if level >= row:
                cells.append(("██", "$error" if above else style))
            elif level > row - 1:
                cells.append((BLOCKS[max(1, round((level - row + 1) * 8))] * 2, "$error" if above else style))
            else:
                cells.append(("  ", ""))
            at_capacity = day.capacity_hours > 0 and round(cap_level) == row
            cells.append((CAPACITY_MARK if at_capacity else " ", "$text-muted"))
        lines.append(Content.assemble(*cells))
    lines.append(
        Content.assemble(
            *(
                (f"{d.date:%a}"[:2] + " ", "bold $error" if d.over else "bold" if d.date == found.today else "dim")
                for d in days
            )
        )
    )
    return lines


class WorkloadView(Widget, can_focus=True):
    """The pane's body: draws an Assessment."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.assessment: Assessment | None = None
        self.staff_names: dict[int, str] = {}

    def show(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.refresh()

    def render(self) -> Content:
        found = self.assessment
        if found is None:
            return Content("")
        width = self.size.width
        today = f"{hours(found.load_hours_today)} of {hours(found.capacity_hours_today)}"
        week = f"{hours(found.load_hours_week)} of {hours(found.capacity_hours_week)}"
        stress = found.stress.band.value
        bar_width = meter_bar_width(width, [today, week, stress])
        lines = [
            meter(
                "Today",
                found.utilisation_today,
                today,
                bar_width,
                load_style(found.utilisation_today),
                percent(found.utilisation_today),
            ),
            meter(
                "Week",
                found.utilisation_week,
                week,
                bar_width,
                load_style(found.utilisation_week),
                percent(found.utilisation_week),
            ),
            meter(
                "Stress",
                found.stress.total / 100,
                stress,
                bar_width,
                BAND_STYLE[found.stress.band],
                str(found.stress.total),
            ),
            *self._parts(found, width),
        ]
        if found.sustained_overload:
            lines.append(Content.styled("⚠ sustained overload: 3 of the last 4 weeks above 70", "bold $error"))
        lines.append(self._trend(found, width))
        staff = self._staff(found, width)
        hint = Content.styled("w why · W week view · c weekly self-check", "dim")  # fits the pane's 42 columns
        # The chart takes what height is left (up to 4 rows), and goes when there is none.
        room = self.size.height - len(lines) - len(staff) - 1 - 2
        if room >= 1:
            lines.append(
                Content.styled(f"Next {len(found.days)} days against each day's capacity {CAPACITY_MARK}", "dim")
            )
            lines += day_chart(found, min(4, room))
        return Content("\n").join([*lines, *staff, hint])

    def _parts(self, found: Assessment, width: int) -> list[Content]:
        parts = [p for p in found.stress.parts if p.points]
        if not parts:
            return [Content.styled("          no stress points: a calm week", "dim")]
        words = [
            Content.assemble((f"{SHORT_PART.get(p.name, p.name)} ", "dim"), (str(p.points), "bold")) for p in parts
        ]
        return flow(" " * 10, words, width)

    def _trend(self, found: Assessment, width: int) -> Content:
        """`Trend    ▃▃▄▄▅▅▄ now 45, felt 50.3 (W47)`: as many of the last weeks as leave room for the words."""
        weeks = found.trend
        current = weeks[-1] if weeks else None
        felt = next((w for w in reversed(weeks) if w.raw_tlx is not None), None)
        words = (f" now {current.stress_index}" if current else "") + (
            f", felt {felt.raw_tlx:g} ({felt.week[-3:]})" if felt else ""
        )
        shown = max(1, min(len(weeks), width - 9 - len(words)))
        spark = sparkline([w.stress_index for w in weeks[-shown:]])
        return Content.assemble(("Trend    ", "bold"), spark, (words, "dim"))

    def _staff(self, found: Assessment, width: int) -> list[Content]:
        if not found.staff:
            return [Content.styled("Staff     none yet: n adds a colleague", "dim")]
        cells = []
        for member in found.staff:
            first = member.name.split()[0] if member.name.split() else member.name
            cells.append(
                Content.assemble(
                    Content(first).stylize("bold"),
                    (
                        f" {hours(member.load_hours_week)}/{hours(member.capacity_hours_week)}",
                        load_style(member.utilisation),
                    ),
                )
            )
        return flow("Staff     ", cells, width, "  ")


class WorkloadPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("workload")

    def __init__(self, today: date, *, id: str = "workload") -> None:
        super().__init__("Workload", id=id)
        self.today = today

    def body(self) -> Widget:
        return WorkloadView(classes="pane-body", id="workload-view")

    @property
    def has_rows(self) -> bool:
        return False

    def show(self, assessment: Assessment) -> None:
        self.query_one(WorkloadView).show(assessment)
        risks, overdue = len(assessment.at_risk), assessment.overdue
        # "nothing overdue" only when nothing is at risk either: the heading fits the narrow pane.
        parts = [(f"{overdue} overdue", "dim")] if overdue else [] if risks else [("nothing overdue", "dim")]
        if risks:
            parts.append((f"{risks} at risk", "$warning"))
        self.set_heading(
            Content.assemble(
                (f"Week {assessment.week}  ", "bold"), Content(" · ").join(Content.assemble(p) for p in parts)
            )
        )
