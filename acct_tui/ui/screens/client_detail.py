"""ClientDetailScreen: one client's contacts, projects with their stage history, tasks, timeline, notes.

`a` logs an activity (Enter on a client opens this screen, so a call is logged in two keys and
a line of text); `c`, `p`, `t` add a contact, project or task for this client; `e` and `d` edit
and delete the record under the cursor of the focused section.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Header, Static

from acct_tui.domain.discounts import ClientDiscount, assess_client, stacked_by_client
from acct_tui.domain.edits import task_toggle
from acct_tui.domain.enums import RenewalHealth, Stage
from acct_tui.domain.money import money
from acct_tui.domain.overview import cadence_days, is_quiet, last_touches
from acct_tui.domain.records import Activity, Client, Competitor, Contact, Project, Record, Task
from acct_tui.ui.action_table import bindings
from acct_tui.ui.actions import apply
from acct_tui.ui.clipboard import copy, task_summary
from acct_tui.ui.format import PRIORITY_MARKS, STAGE_COLOURS, ago, discount_flags, due_label, long_date
from acct_tui.ui.screens.book_screen import BookScreen
from acct_tui.ui.screens.main import NARROW_WIDTH
from acct_tui.ui.widgets.key_bar import KeyBar
from acct_tui.ui.widgets.record_list import RecordList


class Section(Vertical):
    """A titled list inside the client detail screen."""

    def __init__(self, title: str, records: RecordList[Any], *, id: str) -> None:
        super().__init__(records, id=id, classes="detail-section")
        self.border_title = title

    @property
    def records(self) -> RecordList[Any]:
        return self.query_one(RecordList)


class ClientDetailScreen(BookScreen):
    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    def __init__(self, client_id: int, show: tuple[str, int] | None = None) -> None:
        super().__init__(classes="client-detail")
        self.client_id = client_id
        self.show = show
        """A record to put the cursor on at first: (its table, its id), a contact, a project, a task
        or an activity of this client."""

    @property
    def client(self) -> Client | None:
        return self.planner.repo.book.clients.get(self.client_id)

    def compose(self) -> ComposeResult:
        today = self.planner.today
        yield Header(icon="◆")
        yield Static("", id="detail-summary")
        with Grid(id="detail-grid"):
            yield Section(
                "Contacts", RecordList[Contact](_contact_line, key=_id, empty="No contacts: c adds one."), id="contacts"
            )
            yield Section(
                "Projects",
                RecordList[Project](self._project_line, key=_id, empty="No projects: p adds one."),
                id="projects",
            )
            yield Section(
                "Tasks",
                RecordList[Task](
                    lambda t, w: _task_line(t, today, self.planner.planned_day(t.id), w),
                    key=_id,
                    empty="No tasks: t adds one.",
                ),
                id="tasks",
            )
            yield Section(
                "Timeline, newest first",
                RecordList[Activity](_activity_line, key=_id, empty="Nothing logged yet: a logs a call or a note."),
                id="timeline",
            )
        yield Static("", id="detail-notes", markup=False)
        yield KeyBar()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    def on_mount(self) -> None:
        self.refresh_detail()
        table, record_id = self.show or ("activities", 0)
        records = self.query_one(f"#{SECTION_OF.get(table, 'timeline')}", Section).records
        records.focus()
        if self.show is not None:
            records.move_to(record_id)

    def on_book_changed(self) -> None:
        if self.client is None:
            self.app.pop_screen()
            return
        self.refresh_detail()

    def on_plan_changed(self) -> None:
        self._section("tasks").refresh_rows()  # the planned days

    def refresh_detail(self) -> None:
        client = self.client
        if client is None:
            return
        book, today = self.planner.repo.book, self.planner.today
        self.title = client.name
        activities = sorted(
            (a for a in book.activities.values() if a.client_id == client.id),
            key=lambda a: (a.when, a.id),
            reverse=True,
        )
        last = last_touches(book, today, self.planner.meetings).get(client.id)
        discount = assess_client(client, stacked_by_client(book).get(client.id, ()), book.settings.discounts, today)
        competitors = [c for c in book.competitors.values() if c.client_id == client.id]
        summary = _summary(client, last, cadence_days(client, book), today, discount, competitors)
        self.query_one("#detail-summary", Static).update(summary)
        self._section("contacts").set_rows(
            sorted(
                (c for c in book.contacts.values() if c.client_id == client.id), key=lambda c: (not c.primary, c.name)
            )
        )
        self._section("projects").set_rows(
            sorted(
                (p for p in book.projects.values() if p.client_id == client.id),
                key=lambda p: (not p.stage.is_open, p.title),
            )
        )
        self._section("tasks").set_rows(
            sorted(
                (t for t in book.tasks.values() if t.client_id == client.id),
                key=lambda t: (not t.is_open, t.due or date.max, t.id),
            )
        )
        self._section("timeline").set_rows(activities)
        notes = self.query_one("#detail-notes", Static)
        notes.update(Content(client.notes) if client.notes else Content.styled("No notes: E edits the client.", "dim"))

    def _section(self, name: str) -> RecordList[Any]:
        return self.query_one(f"#{name}", Section).records

    def _project_line(self, project: Project, width: int) -> Content:
        labels = self.planner.repo.settings.stages
        client = self.client
        currency = client.currency if client is not None else self.planner.repo.settings.currency
        history = " → ".join(f"{labels.label(e.stage)} {e.entered:%d %b}" for e in project.stage_history)
        lost = project.stage is Stage.LOST and project.lost_reason
        stage = (labels.label(project.stage), f"bold {STAGE_COLOURS[project.stage]}")
        title = Content(project.title).stylize("bold")
        return Content.assemble(
            ("▌", STAGE_COLOURS[project.stage]),
            *(
                ((f"{stage[0]:<11} ", stage[1]), title)
                if width >= NARROW_LINE
                else (title, (f"  {stage[0]}", stage[1]))
            ),
            (f"  {money(project.value, currency)}", "dim"),
            Content.assemble(("  lost: ", "$error"), Content(project.lost_reason).stylize("italic")) if lost else "",
            (f"  {history}", "dim"),
        )

    # --- actions -------------------------------------------------------------------------

    def _focused_record(self) -> Record | None:
        focused = self.focused
        return focused.current if isinstance(focused, RecordList) else None

    def action_log_activity(self) -> None:
        self.app.push_screen(self.planner.forms.activity(client_id=self.client_id))

    def action_new_contact(self) -> None:
        self.app.push_screen(self.planner.forms.contact(client_id=self.client_id))

    def action_new_project(self) -> None:
        self.app.push_screen(self.planner.forms.project(client_id=self.client_id))

    def action_new_task(self) -> None:
        self.app.push_screen(self.planner.forms.task(client_id=self.client_id))

    def action_new_discount(self) -> None:
        self.app.push_screen(self.planner.forms.discount(client_id=self.client_id))

    def action_new_competitor(self) -> None:
        self.app.push_screen(self.planner.forms.competitor(client_id=self.client_id))

    def action_edit_client(self) -> None:
        if client := self.client:
            self.app.push_screen(self.planner.forms.client(client))

    def action_edit(self) -> None:
        forms = self.planner.forms
        record = self._focused_record()
        if isinstance(record, Contact):
            self.app.push_screen(forms.contact(record))
        elif isinstance(record, Project):
            self.app.push_screen(forms.project(record))
        elif isinstance(record, Task):
            self.app.push_screen(forms.task(record))
        elif isinstance(record, Activity):
            self.app.push_screen(forms.activity(record))
        else:
            self.action_edit_client()

    def action_toggle_task(self) -> None:
        record = self._focused_record()
        if isinstance(record, Task):
            edit = task_toggle(record, self.planner.now())
            apply(self, lambda: self.planner.repo.put_all(edit.records, edit.label))

    def action_copy(self) -> None:
        record = self._focused_record()
        if isinstance(record, Contact):
            if record.email:
                copy(self.app, record.email, f"the e-mail of {record.name}")
            else:
                self.notify(f"{record.name} has no e-mail (Y copies the phone).", timeout=3, markup=False)
        elif isinstance(record, Task):
            summary = task_summary(record, self.planner.repo.book, self.planner.planned_day(record.id))
            copy(self.app, summary, "the task")
        else:
            self.notify("y copies a contact's e-mail or a task: highlight one first.", timeout=3)

    def action_copy_phone(self) -> None:
        record = self._focused_record()
        if not isinstance(record, Contact):
            self.notify("Y copies a contact's phone: highlight one in Contacts first.", timeout=3)
        elif record.phone or record.mobile:
            copy(self.app, record.phone or record.mobile, f"the phone of {record.name}")
        else:
            self.notify(f"{record.name} has no phone number.", timeout=3, markup=False)

    def action_delete(self) -> None:
        if (record := self._focused_record()) is not None:
            self.planner.confirm_delete(record)


SECTION_OF = {"contacts": "contacts", "projects": "projects", "tasks": "tasks", "activities": "timeline"}
"""The section that lists the records of each table."""


def _id(record: Record) -> int:
    return record.id


def _summary(
    client: Client,
    last: date | None,
    cadence: int,
    today: date,
    discount: ClientDiscount,
    competitors: list[Competitor],
) -> Content:
    quiet = is_quiet(client, last, cadence, today)
    parts: list[Content | tuple[str, str] | str] = [
        Content(client.name).stylize("bold"),
        (f"  {client.tier} · {client.status}", "$accent"),
        (f" · {client.industry}" if client.industry else "", "dim"),
        "\n",
        f"Contract {money(client.contract_value, client.currency)} a year",
    ]
    if client.renewal_date:
        ahead = (client.renewal_date - today).days
        when = f"in {ahead} days" if ahead > 0 else "today" if ahead == 0 else f"{-ahead} days ago"
        parts.append(f" · renews {long_date(client.renewal_date)} ({when})")
    if client.renewal_health is not None:
        health = "on track" if client.renewal_health is RenewalHealth.ON_TRACK else "AT RISK"
        parts.append((f" · renewal {health}", "$success" if health == "on track" else "bold $error"))
    if discount.combined_pct:
        stacked = f", {len(discount.stacked)} stacked" if discount.stacked else ""
        parts.append(
            f" · discount {discount.combined_pct:g}%{stacked} ({money(discount.given_away, client.currency)} a year)"
        )
        if client.discount_reason:
            parts.append(Content.assemble(" ", Content(client.discount_reason).stylize("italic")))
        for text, style in discount_flags(discount):
            parts.append((f" ⚑ {text}", style))
    since = None if last is None else (today - last).days
    parts += ["\n", (f"Touch every {cadence} days · last touch {ago(since)}", "$error bold" if quiet else "dim")]
    if quiet:
        parts.append((" · past its cadence: time to call", "$error"))
    if competitors:
        parts.append("\nCompetitors: ")
        parts.append(
            Content(", ").join(
                Content.assemble(Content(c.name).stylize("bold"), f" ({c.threat.value})") for c in competitors
            )
        )
    if client.tags:
        parts.append(Content.assemble("  ", Content(" ".join(f"#{t}" for t in client.tags)).stylize("dim")))
    return Content.assemble(*parts)


def _contact_line(contact: Contact, width: int) -> Content:
    return Content.assemble(
        ("★ " if contact.primary else "  ", "$warning"),
        Content(contact.name).stylize("bold"),
        Content(f"  {contact.role}" if contact.role else "").stylize("dim"),
        Content(f"  {contact.email}" if contact.email else ""),
        Content(f"  {contact.phone}" if contact.phone else "").stylize("dim"),
    )


NARROW_LINE = 56
"""A section narrower than this puts each title first, so it is what the width keeps."""


def _task_line(task: Task, today: date, planned: date | None, width: int) -> Content:
    """A task: its due date, then for an open one of yours the day the schedule will really have it
    done ("→Thu", marked when that is after its due date), its priority and title (in a narrow
    section: priority and title, then the dates)."""
    late = task.is_open and task.due is not None and task.due < today
    when = due_label(task.due, today) if task.done_on is None else f"{task.done_on:%d %b}"
    done_by, behind = "", False
    if task.is_open and task.assignee_id is None:
        done_by = "→" + (due_label(planned, today) if planned is not None else "no room")  # as All tasks says
        behind = task.due is not None and (planned is None or planned > task.due)
    mark = ("✓ " if not task.is_open else "  ", "$success")
    priority = (PRIORITY_MARKS[task.priority] + " ", "bold")
    title = Content(task.title).stylize("dim strike" if not task.is_open else "")
    if width < NARROW_LINE:
        return Content.assemble(
            mark,
            priority,
            title,
            (f"  {when}", "bold $error" if late else "dim"),
            (f" {done_by}" if done_by else "", "$warning" if behind else "dim"),
        )
    return Content.assemble(
        mark,
        (f"{when:>9} ", "bold $error" if late else "dim"),
        (f"{done_by:<10} ", "$warning" if behind else "dim"),  # "→" and a due label of up to 9 cells
        priority,
        title,
    )


def _activity_line(activity: Activity, width: int) -> Content:
    kind = activity.kind.value.replace("_", " ")
    if width < NARROW_LINE:
        return Content.assemble(
            (f"{activity.when:%d %b} ", "dim"),
            (f"{kind} ", "$accent"),
            Content(activity.display),
            (f"  {activity.minutes}m" if activity.minutes else "", "dim"),
        )
    return Content.assemble(
        (f"{activity.when:%a %d %b %H:%M} ", "dim"),
        (f"{kind:<10} ", "$accent"),
        (f"{activity.minutes:>3}m " if activity.minutes else "     ", "dim"),
        Content(activity.display),
    )
