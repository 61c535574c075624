"""EventsScreen: exhibitions, conferences and meetings, the working hours they take, and the leads met.

`l` adds a lead met at the highlighted event: a new prospect project tied to it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from acct_tui.domain.capacity import is_working_day
from acct_tui.domain.records import Event
from acct_tui.domain.settings import CapacitySettings
from acct_tui.domain.wording import plural
from acct_tui.ui.action_table import bindings
from acct_tui.ui.format import hours
from acct_tui.ui.screens.list_screen import ListRow, ListScreen, section


def _working_hours(event: Event, today: date, settings: CapacitySettings) -> float:
    """The hours `event` takes from the working days it covers from today on."""
    day, total = max(event.start, today), 0.0
    while day <= event.end:
        total += event.hours if is_working_day(day, settings) else 0.0
        day += timedelta(days=1)
    return total


class EventsScreen(ListScreen):
    TITLE_TEXT = "Events"
    EMPTY = "No events: n adds an exhibition, a conference or a meeting that takes time."
    BINDINGS: ClassVar[list[BindingType]] = bindings("events")

    def build(self) -> tuple[list[ListRow], Content]:
        book, today = self.planner.repo.book, self.planner.today
        leads: dict[int, int] = {}
        for project in book.projects.values():
            if project.event_id is not None:
                leads[project.event_id] = leads.get(project.event_id, 0) + 1
        upcoming = sorted((e for e in book.events.values() if e.end >= today), key=lambda e: (e.start, e.id))
        past = sorted((e for e in book.events.values() if e.end < today), key=lambda e: (e.start, e.id), reverse=True)
        rows: list[ListRow] = []
        for title, events in (("Coming up", upcoming), ("Past", past)):
            rows += section(title, [ListRow(title, e, data=leads.get(e.id, 0)) for e in events])
        taken = sum(_working_hours(e, today, self.planner.repo.settings.capacity) for e in upcoming)
        summary = Content.assemble(
            (f"{plural(len(upcoming), 'event')} coming up, {hours(taken)} of working days", "bold"),
            ("  · l adds a lead met at an event (a new prospect)", "dim"),
        )
        return rows, summary

    def line(self, row: ListRow, width: int) -> Content:
        event = row.record
        assert isinstance(event, Event)
        span = f"{event.start:%a %d %b}" + (f" – {event.end:%a %d %b}" if event.end != event.start else "")
        leads = row.data
        return Content.assemble(
            (f"  {span:<24}", "dim"),
            (f"{event.kind.value:<11}", "$accent"),
            Content(event.title).stylize("bold"),
            Content(f"  {event.location}" if event.location else "").stylize("dim"),
            (f"  {hours(event.hours)} a day", "dim"),
            (f"  {plural(leads, 'lead')}" if leads else "", "$success"),
        )

    def action_new(self) -> None:
        self.app.push_screen(self.planner.forms.event())

    def action_edit(self) -> None:
        if event := self.current_record(Event):
            self.app.push_screen(self.planner.forms.event(event))

    def action_delete(self) -> None:
        if event := self.current_record(Event):
            self.planner.confirm_delete(event)

    def action_lead(self) -> None:
        if event := self.current_record(Event):
            self.app.push_screen(self.planner.forms.project(event_id=event.id))
