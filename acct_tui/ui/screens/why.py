"""WhyScreen: every hour of today's and this week's load, and every point of the stress index, with its reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from acct_tui.domain.workload import Assessment, LoadItem
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import hours, percent


def _items(items: tuple[LoadItem, ...]) -> Content:
    if not items:
        return Content.styled("  nothing", "dim")
    return Content("\n").join(
        Content.assemble((f"{hours(item.hours):>7}  ", "bold"), Content(item.why)) for item in items
    )


def explanation(found: Assessment) -> list[Content]:
    """The why view's paragraphs, in reading order."""
    stress = found.stress
    return [
        Content.styled(f"Stress index {stress.total} ({stress.band.value})", "bold $accent"),
        Content.styled("An indicator to plan with, not a diagnosis. Each part, its points and why:", "dim"),
        Content("\n").join(
            Content.assemble((f"{part.points:>3}/{part.max_points:<3} ", "bold"), (f"{part.name}: ", "bold"), part.why)
            for part in stress.parts
        ),
        Content.styled(
            f"Today: {hours(found.load_hours_today)} of {hours(found.capacity_hours_today)} "
            f"({percent(found.utilisation_today)})",
            "bold $accent",
        ),
        Content(found.capacity_today.why),
        _items(found.load_items_today),
        Content(f"Free for the day plan: {found.free_why}"),
        Content.styled(
            f"This week ({found.week}): {hours(found.load_hours_week)} of {hours(found.capacity_hours_week)} "
            f"({percent(found.utilisation_week)})",
            "bold $accent",
        ),
        _items(found.load_items_week),
    ]


class WhyScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("why")

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(classes="help-screen")
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("Why these numbers", "bold"), classes="dialog-title")
            with VerticalScroll(id="why-body"):
                for paragraph in explanation(self.assessment):
                    yield Static(paragraph, classes="why-paragraph")
            yield Static(Content.styled("Esc closes · the README gives every formula", "dim"))

    def on_mount(self) -> None:
        self.query_one("#why-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
