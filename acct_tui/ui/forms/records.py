"""The form of each kind of record: its fields, and how a filled form becomes a saved record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from acct_tui.domain.book import Book
from acct_tui.domain.edits import Edit, OpenTasks, deal_lost, open_tasks, stage_move, task_toggle
from acct_tui.domain.enums import (
    ActivityKind,
    ClientStatus,
    EventKind,
    MeetingKind,
    Priority,
    RenewalHealth,
    Stage,
    TaskKind,
    TaskStatus,
    Threat,
    Tier,
)
from acct_tui.domain.parsing import parse_day
from acct_tui.domain.records import (
    Activity,
    Client,
    Competitor,
    Contact,
    Discount,
    Event,
    Leave,
    Project,
    Record,
    SelfCheck,
    StaffMember,
    StageEntry,
    Task,
    WeekRecord,
)
from acct_tui.domain.recurrence import parse_repeat, repeat_text
from acct_tui.domain.wording import plural
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.fields import Choices, FieldSpec
from acct_tui.ui.forms.screen import FormScreen


def _enum_choices(enum: type[Any], labels: dict[Any, str] | None = None) -> Choices:
    return [((labels or {}).get(member, member.value.replace("_", " ")), member) for member in enum]


class RecordForms:
    """Builds the form screen for adding or editing each kind of record."""

    def __init__(self, repo: Repository, today: date, now: Callable[[], datetime]) -> None:
        self.repo = repo
        self.today = today
        self.now = now

    @property
    def book(self) -> Book:
        return self.repo.book

    # --- choices -------------------------------------------------------------------------

    def client_choices(self) -> Choices:
        return sorted(((c.name, c.id) for c in self.book.clients.values()), key=lambda c: c[0].casefold())

    def project_choices(self, client_id: int | None) -> Choices:
        projects = [p for p in self.book.projects.values() if client_id is None or p.client_id == client_id]
        return sorted(((p.title, p.id) for p in projects), key=lambda p: p[0].casefold())

    def event_choices(self) -> Choices:
        events = sorted(self.book.events.values(), key=lambda e: (e.start, e.id), reverse=True)
        return [(f"{e.title} ({e.start:%d %b %Y})", e.id) for e in events]

    def staff_choices(self, keep: int | None = None) -> Choices:
        """The staff a task may be given to: not the ones gone (unless the task already has them)."""
        members = [s for s in self.book.staff.values() if not s.gone(self.today) or s.id == keep]
        return sorted(((s.name, s.id) for s in members), key=lambda s: s[0].casefold())

    def _client_field(self, optional: bool = False) -> FieldSpec:
        return FieldSpec(
            "client_id", "Client", "reference", self.client_choices(), optional_choice="—" if optional else None
        )

    def _project_field(self, client_id: int | None) -> FieldSpec:
        return FieldSpec(
            "project_id",
            "Project",
            "reference",
            self.project_choices(client_id),
            optional_choice="—",
            depends_on="client_id",
            choices_for=self.project_choices,
        )

    # --- the forms ---------------------------------------------------------------------

    def _screen(
        self,
        cls: type[Record],
        fields: list[FieldSpec],
        existing: Record | None,
        defaults: dict[str, Any],
        build: Callable[[dict[str, Any]], Record | Edit],
    ) -> FormScreen:
        """The form of `cls`; `build` makes the record from the form's values, or the edit it is
        (a project moved to another stage: the move's own records, `domain.edits`)."""
        values = dict(defaults)
        if existing is not None:
            values.update({spec.name: getattr(existing, spec.name) for spec in fields if hasattr(existing, spec.name)})
        table = self.repo.table(cls)

        def save(data: dict[str, Any]) -> Record:
            built = build(data)
            if isinstance(built, Edit):
                return self.repo.apply(built)[0]
            return table.add(built) if existing is None else table.update(built)

        title = f"New {cls.label}" if existing is None else f"Edit {cls.label}: {existing.display}"
        return FormScreen(title, fields, values, save, today=self.today, now=self.now(), table=cls.table, check=build)

    def client(self, client: Client | None = None) -> FormScreen:
        fields = [
            FieldSpec("name", "Name"),
            FieldSpec("tier", "Tier", "choice", _enum_choices(Tier)),
            FieldSpec("status", "Status", "choice", _enum_choices(ClientStatus)),
            FieldSpec("industry", "Industry"),
            FieldSpec("contract_value", "Contract value a year", "number"),
            FieldSpec("currency", "Currency", placeholder="EUR"),
            FieldSpec("renewal_date", "Renewal date", "date"),
            FieldSpec(
                "renewal_health", "Renewal looks", "choice", _enum_choices(RenewalHealth), optional_choice="not marked"
            ),
            FieldSpec("discount_pct", "Discount %", "number"),
            FieldSpec("discount_reason", "Discount reason"),
            FieldSpec("discount_approved_by", "Discount approved by"),
            FieldSpec("discount_approved_on", "Discount approved on", "date"),
            FieldSpec("cadence_days", "Touch every N days", "integer", placeholder="blank: the tier's default"),
            FieldSpec("tags", "Tags", "tags"),
            FieldSpec("notes", "Notes", "notes"),
        ]
        defaults = {"currency": self.book.settings.currency, "tier": Tier.STANDARD, "status": ClientStatus.ACTIVE}

        def build(data: dict[str, Any]) -> Record:
            data = _blank_numbers(data, ("contract_value", "discount_pct"))
            return Client(**data, created_on=self.today) if client is None else client.evolve(**data)

        return self._screen(Client, fields, client, defaults, build)

    def contact(self, contact: Contact | None = None, client_id: int | None = None) -> FormScreen:
        fields = [
            self._client_field(),
            FieldSpec("name", "Name"),
            FieldSpec("role", "Role"),
            FieldSpec("email", "E-mail"),
            FieldSpec("phone", "Phone"),
            FieldSpec("primary", "Main contact", "flag"),
            FieldSpec("notes", "Notes", "notes"),
        ]

        def build(data: dict[str, Any]) -> Record:
            return Contact(**data) if contact is None else contact.evolve(**data)

        return self._screen(Contact, fields, contact, {"client_id": client_id}, build)

    def project(
        self, project: Project | None = None, client_id: int | None = None, event_id: int | None = None
    ) -> FormScreen:
        labels = self.book.settings.stages
        fields = [
            self._client_field(),
            FieldSpec("title", "Title"),
            FieldSpec("value", "Value", "number"),
            FieldSpec("stage", "Stage", "choice", [(labels.label(s), s) for s in Stage]),
            FieldSpec("next_meeting_on", "Next meeting", "date"),
            FieldSpec("next_meeting_kind", "Meeting kind", "choice", _enum_choices(MeetingKind), optional_choice="—"),
            FieldSpec("event_id", "Met at event", "reference", self.event_choices(), optional_choice="—"),
            FieldSpec("lost_reason", "Lost because", only_if=("stage", Stage.LOST)),
        ]
        # As `lost` asks: what becomes of its open tasks once the deal is lost.
        waiting = len(open_tasks(self.book, project.id)) if project is not None else 0
        if waiting and project is not None and project.stage is not Stage.LOST:
            fields.append(self._open_tasks_field(waiting, only_if=("stage", Stage.LOST)))
        fields.append(FieldSpec("notes", "Notes", "notes"))

        def build(data: dict[str, Any]) -> Record | Edit:
            data = _blank_numbers(data, ("value",))
            tasks = data.pop("tasks", OpenTasks.KEEP)
            if project is None:
                stage = data["stage"]
                return Project(
                    **data, stage_history=(StageEntry(stage=stage, entered=self.today),), created_on=self.today
                )
            stage = data.pop("stage")
            edited = project.evolve(**data)
            if stage is project.stage:
                return edited
            if stage is Stage.LOST:
                move = deal_lost(edited, edited.lost_reason, tasks, self.book, self.now())
                also = "deal lost"
            else:
                move = stage_move(edited, stage, self.now(), self.book.settings)
                also = f"moved to {labels.label(stage)}"
            if edited != project.evolve(lost_reason=edited.lost_reason):
                # One undo takes back the other fields with the move: its label says so.
                move = dataclasses.replace(move, label=f"Edit {Project.label}, {also}")
            return move

        defaults = {"client_id": client_id, "stage": Stage.PROSPECT, "event_id": event_id, "tasks": OpenTasks.DELETE}
        return self._screen(Project, fields, project, defaults, build)

    def discount(self, discount: Discount | None = None, client_id: int | None = None) -> FormScreen:
        fields = [
            self._client_field(),
            FieldSpec("name", "Name", placeholder="loyalty, volume, campaign..."),
            FieldSpec("pct", "Percent", "number"),
            FieldSpec("reason", "Reason"),
            FieldSpec("since", "From", "date"),
            FieldSpec("until", "Until", "date", placeholder="blank: while it runs"),
        ]

        def build(data: dict[str, Any]) -> Record:
            data = _blank_numbers(data, ("pct",))
            return Discount(**data) if discount is None else discount.evolve(**data)

        defaults = {"client_id": client_id, "since": self.today}
        return self._screen(Discount, fields, discount, defaults, build)

    def competitor(self, competitor: Competitor | None = None, client_id: int | None = None) -> FormScreen:
        fields = [
            self._client_field(),
            FieldSpec("name", "Competitor"),
            FieldSpec("threat", "Threat", "choice", _enum_choices(Threat)),
            FieldSpec("note", "Note", placeholder="what they offer, who they know..."),
        ]

        def build(data: dict[str, Any]) -> Record:
            return Competitor(**data) if competitor is None else competitor.evolve(**data)

        defaults = {"client_id": client_id, "threat": Threat.MEDIUM}
        return self._screen(Competitor, fields, competitor, defaults, build)

    @staticmethod
    def _open_tasks_field(waiting: int, only_if: tuple[str, Any] | None = None) -> FieldSpec:
        """What marking a deal lost does with its `waiting` open tasks (deleted, unless chosen otherwise)."""
        choices = [
            ("delete them", OpenTasks.DELETE),
            ("close them (mark done)", OpenTasks.CLOSE),
            ("keep them open", OpenTasks.KEEP),
        ]
        return FieldSpec("tasks", f"Its {plural(waiting, 'open task')}", "choice", choices, only_if=only_if)

    def lost(self, project: Project) -> FormScreen:
        """Mark a deal lost: the reason (the book requires it), and what becomes of its open tasks."""
        fields = [FieldSpec("lost_reason", "Lost because", placeholder="price, timing, a competitor...")]
        values: dict[str, Any] = {"lost_reason": project.lost_reason, "tasks": OpenTasks.DELETE}
        if waiting := len(open_tasks(self.book, project.id)):
            fields.append(self._open_tasks_field(waiting))

        def save(data: dict[str, Any]) -> Record:
            edit = deal_lost(project, data["lost_reason"], data.get("tasks", OpenTasks.KEEP), self.book, self.now())
            return self.repo.apply(edit)[0]

        title = f"Lost: {project.title}"
        return FormScreen(title, fields, values, save, today=self.today, now=self.now(), table=Project.table)

    def task(self, task: Task | None = None, client_id: int | None = None, project_id: int | None = None) -> FormScreen:
        if task is not None:
            client_id = task.client_id
        fields = [
            FieldSpec("title", "Title"),
            self._client_field(optional=True),
            self._project_field(client_id),
            FieldSpec("kind", "Kind", "choice", _enum_choices(TaskKind)),
            FieldSpec("due", "Due", "date"),
            FieldSpec("start_on", "Start", "date", placeholder="blank: when there is room"),
            FieldSpec(
                "repeat",
                "Repeats",
                reader=parse_repeat,
                shown=repeat_text,
                placeholder="weekly, every 2 weeks, monthly on the 15th",
            ),
            FieldSpec("estimate_hours", "Estimate (hours)", "number"),
            FieldSpec("priority", "Priority", "choice", _enum_choices(Priority)),
            FieldSpec("status", "Status", "choice", _enum_choices(TaskStatus)),
            FieldSpec(
                "assignee_id",
                "Assignee",
                "reference",
                self.staff_choices(task.assignee_id if task is not None else None),
                optional_choice="me",
            ),
            FieldSpec("follow_up", "Follow up on", "date"),
            FieldSpec("notes", "Notes", "notes"),
        ]
        defaults = {
            "client_id": client_id,
            "project_id": project_id,
            "kind": TaskKind.OTHER,
            "priority": Priority.MEDIUM,
            "status": TaskStatus.OPEN,
            "estimate_hours": 1.0,
        }

        def build(data: dict[str, Any]) -> Record | Edit:
            data = _blank_numbers(data, ("estimate_hours",), default=1.0)
            project = self.book.projects.get(data["project_id"]) if data["project_id"] else None
            if project is not None and data["client_id"] is None:
                data["client_id"] = project.client_id
            if task is None:
                return Task(**data, created_on=self.today)
            edited = task.evolve(**data)
            if task.is_open and not edited.is_open:  # marked done here: on the timeline, as `x` does
                return task_toggle(edited.evolve(status=task.status), self.now())
            return edited

        return self._screen(Task, fields, task, defaults, build)

    def staff(self, member: StaffMember | None = None) -> FormScreen:
        fields = [
            FieldSpec("name", "Name"),
            FieldSpec("role", "Role"),
            FieldSpec("weekly_capacity", "Hours a week", "number"),
            FieldSpec("email", "E-mail"),
            FieldSpec("left_on", "Left on", "date", placeholder="blank: still here"),
            FieldSpec(
                "leave",
                "Leave",
                "notes",
                reader=lambda text: read_leave(text, self.today),
                shown=show_leave,
                help="One period a line: 2026-12-21 to 2027-01-01 holiday (a single day: 2026-12-24).",
            ),
        ]

        def build(data: dict[str, Any]) -> Record:
            data = _blank_numbers(data, ("weekly_capacity",), default=40.0)
            return StaffMember(**data) if member is None else member.evolve(**data)

        return self._screen(StaffMember, fields, member, {"weekly_capacity": 40.0}, build)

    def leave(self, member: StaffMember) -> FormScreen:
        """Add a period of leave to a staff member (holiday, sickness, training)."""
        fields = [
            FieldSpec("start", "From", "date"),
            FieldSpec("end", "Until", "date", placeholder="blank: that day only"),
            FieldSpec("reason", "Why", placeholder="holiday, training..."),
        ]

        def save(data: dict[str, Any]) -> Record:
            start = data["start"] or self.today
            leave = Leave(start=start, end=data["end"] or start, reason=data["reason"])
            periods = tuple(sorted((*member.leave, leave), key=lambda period: period.start))
            return self.repo.staff.update(member.evolve(leave=periods), f"Leave for {member.name}")

        title = f"Leave for {member.name}: no work is offered or counted on those days"
        values = {"start": self.today, "end": None, "reason": ""}
        return FormScreen(
            title, fields, values, save, today=self.today, now=self.now(), table=StaffMember.table, first="start"
        )

    def activity(self, activity: Activity | None = None, client_id: int | None = None) -> FormScreen:
        if activity is not None:
            client_id = activity.client_id
        fields = [
            FieldSpec("summary", "What happened"),
            self._client_field(),
            FieldSpec("kind", "Kind", "choice", _enum_choices(ActivityKind)),
            FieldSpec("when", "When", "datetime"),
            FieldSpec("minutes", "Minutes spent", "integer"),
            self._project_field(client_id),
        ]
        defaults = {"client_id": client_id, "kind": ActivityKind.CALL, "when": self.now(), "minutes": 15}

        def build(data: dict[str, Any]) -> Record:
            data = _blank_numbers(data, ("minutes",), default=0)
            if data["when"] is None:
                data["when"] = self.now()
            return Activity(**data) if activity is None else activity.evolve(**data)

        return self._screen(Activity, fields, activity, defaults, build)

    def event(self, event: Event | None = None) -> FormScreen:
        fields = [
            FieldSpec("title", "Title"),
            FieldSpec("kind", "Kind", "choice", _enum_choices(EventKind)),
            FieldSpec("start", "Starts", "date"),
            FieldSpec("end", "Ends", "date"),
            FieldSpec("hours", "Hours each day", "number"),
            self._client_field(optional=True),
            FieldSpec("location", "Location"),
            FieldSpec("notes", "Notes", "notes"),
        ]
        defaults = {"kind": EventKind.CONFERENCE, "start": self.today, "end": self.today, "hours": 8.0}

        def build(data: dict[str, Any]) -> Record:
            data = _blank_numbers(data, ("hours",), default=8.0)
            if data["end"] is None:
                data["end"] = data["start"]
            return Event(**data) if event is None else event.evolve(**data)

        return self._screen(Event, fields, event, defaults, build)


def read_leave(text: str, today: date) -> tuple[Leave, ...]:
    """ "2026-12-21 to 2027-01-01 holiday", one a line ("2026-12-24 christmas": one day)."""
    periods = []
    for number, line in enumerate((line.strip() for line in text.splitlines()), 1):
        if not line:
            continue
        first, separator, rest = line.partition(" to ")
        start, tail = _day_and_rest(first if separator else line, today, number)
        if separator:
            if tail:
                raise ValueError(f"line {number}: {tail!r} after the first day: write FROM to UNTIL reason")
            end, reason = _day_and_rest(rest, today, number)
        else:
            end, reason = start, tail
        if end < start:
            raise ValueError(f"line {number}: ends on {end} before it starts on {start}")
        periods.append(Leave(start=start, end=end, reason=reason))
    return tuple(sorted(periods, key=lambda period: period.start))


def _day_and_rest(text: str, today: date, number: int) -> tuple[date, str]:
    """The date the text starts with (as the forms read dates: "2026-12-21", "21 Dec 2026") and what follows."""
    words = text.split()
    for count in range(min(3, len(words)), 0, -1):
        try:
            return parse_day(" ".join(words[:count]), today), " ".join(words[count:])
        except ValueError:
            continue
    raise ValueError(f"line {number}: {text.strip()!r} does not start with a date, such as 2026-12-21")


def show_leave(periods: tuple[Leave, ...]) -> str:
    return "\n".join(
        (f"{p.start} to {p.end}" if p.end != p.start else f"{p.start}") + (f" {p.reason}" if p.reason else "")
        for p in periods
    )


def _blank_numbers(data: dict[str, Any], names: tuple[str, ...], default: float = 0.0) -> dict[str, Any]:
    """A number left blank means its default (0, or the given one)."""
    return {**data, **{name: default for name in names if data.get(name) is None}}


SELF_CHECK_SCALES = (
    ("mental", "Mental demand: how much thinking, deciding, remembering? (0 very low, 100 very high)"),
    ("physical", "Physical demand: how much physical activity, travel? (0-100)"),
    ("temporal", "Time pressure: how hurried was the pace? (0-100)"),
    ("performance", "Performance: how well did you do what you set out to? (0 perfect, 100 failure)"),
    ("effort", "Effort: how hard did you have to work for it? (0-100)"),
    ("frustration", "Frustration: how insecure, irritated, stressed? (0-100)"),
)
"""The six Raw NASA-TLX scales (Hart and Staveland, 1988), each 0-100."""


def self_check_form(repo: Repository, record: WeekRecord, today: date, now: datetime) -> FormScreen:
    """The weekly self-check: the six scales, stored beside the week's computed stress index."""
    fields = [FieldSpec(name, label, "integer") for name, label in SELF_CHECK_SCALES]
    values: dict[str, Any] = {}
    if record.self_check is not None:
        values = {name: getattr(record.self_check, name) for name, _ in SELF_CHECK_SCALES}

    def save(data: dict[str, Any]) -> Record:
        check = SelfCheck(**data)
        # The week may have been stored since the form opened: update that record, never add a twin.
        stored = next((w for w in repo.book.weeks.values() if w.week == record.week), None)
        label = f"Self-check for {record.week}"
        if stored is not None:
            return repo.weeks.update(stored.evolve(self_check=check), label)
        return repo.weeks.add(record.evolve(id=0, self_check=check), label)

    title = f"How was week {record.week}? Raw NASA-TLX, about a minute"
    return FormScreen(title, fields, values, save, today=today, now=now)
