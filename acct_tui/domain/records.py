"""The records of a book: clients, contacts, projects, tasks, staff, activities, events, weeks.

Records are frozen pydantic dataclasses with slots: validated like any pydantic model, but
about twice as fast to build and a third of the memory of a BaseModel, which matters when a
book holds 100,000 of them. A change is a new record made with `evolve`, which validates again,
so a record in memory is always one that could be written.
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AwareDatetime,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass

from acct_tui.domain.enums import (
    ActivityKind,
    ClientStatus,
    EventKind,
    MeetingKind,
    Priority,
    RenewalHealth,
    RepeatUnit,
    Stage,
    TaskKind,
    TaskStatus,
    Threat,
    Tier,
)
from acct_tui.domain.types import (
    ISO_WEEK_PATTERN,
    Currency,
    Day,
    DayHours,
    Days,
    Email,
    ExternalId,
    Hours,
    Id,
    LocalTime,
    LongText,
    Minutes,
    Money,
    Name,
    NewId,
    Percent,
    Phone,
    ShortText,
    Tag,
)

RECORD_CONFIG = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Record:
    """Base of every stored record: immutable, strict about unknown fields, validated on change."""

    table: ClassVar[str] = ""
    label: ClassVar[str] = "record"

    id: NewId = 0
    changed_at: AwareDatetime | None = None
    """When the repository last wrote a change of this record (UTC, whole seconds); None in books
    written before acct-tui kept it. A merge of two copies of a book takes, for a field changed on
    both, the value of the record changed later (`acct_tui.domain.merge`)."""

    def evolve(self, **changes: Any) -> Self:
        """A copy with `changes` applied, validated like a new record."""
        return dataclasses.replace(self, **changes)

    @property
    def display(self) -> str:
        """The record's name for people."""
        return f"{self.label} {self.id}"


_ADAPTERS: dict[type[Record], TypeAdapter[Any]] = {}


def adapter(cls: type[Record]) -> TypeAdapter[Any]:
    """The pydantic adapter that validates and dumps records of `cls` (built once per type)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


BOOKKEEPING: set[str] = {"id", "changed_at"}
"""Fields the repository keeps, not the user: the id and the change time."""


def to_dict(record: Record) -> dict[str, Any]:
    """The record's own fields as JSON-ready data, without the bookkeeping (id, change time)."""
    data: dict[str, Any] = adapter(type(record)).dump_python(record, mode="json", exclude=BOOKKEEPING)
    return data


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Renewal:
    """A contract renewal: the day it was renewed and the client's discount from then on."""

    renewed_on: Day
    discount_pct: Percent


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Client(Record):
    table: ClassVar[str] = "clients"
    label: ClassVar[str] = "client"

    name: Name
    tier: Tier = Tier.STANDARD
    status: ClientStatus = ClientStatus.ACTIVE
    industry: ShortText = ""
    contract_value: Money = 0.0
    """Annual contract value."""
    currency: Currency = "EUR"
    renewal_date: Day | None = None
    discount_pct: Percent = 0.0
    discount_reason: ShortText = ""
    discount_approved_by: ShortText = ""
    discount_approved_on: Day | None = None
    cadence_days: Days | None = None
    """Touch cadence for this client; None uses the tier's default."""
    tags: Annotated[tuple[Tag, ...], Field(max_length=20)] = ()
    notes: LongText = ""
    created_on: Day | None = None
    renewal_health: RenewalHealth | None = None
    """On track or at risk: marked at the latest three months before the renewal."""
    renewal_health_on: Day | None = None
    renewals: Annotated[tuple[Renewal, ...], Field(max_length=200)] = ()
    """Past renewals with the discount given at each (recorded when the renewal date moves on)."""
    external_id: ExternalId = ""

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for tag in tags:
            seen.setdefault(tag.casefold(), tag)
        return tuple(seen.values())

    @property
    def display(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Contact(Record):
    table: ClassVar[str] = "contacts"
    label: ClassVar[str] = "contact"

    client_id: Id
    name: Name
    role: ShortText = ""
    email: Email = ""
    phone: Phone = ""
    mobile: Phone = ""
    """A second number: the phone is the office line, the mobile the contact's own."""
    primary: bool = False
    notes: LongText = ""
    external_id: ExternalId = ""

    @property
    def display(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class StageEntry:
    """The day a project entered a stage."""

    stage: Stage
    entered: Day


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Project(Record):
    table: ClassVar[str] = "projects"
    label: ClassVar[str] = "project"

    client_id: Id
    title: Name
    value: Money = 0.0
    stage: Stage = Stage.PROSPECT
    stage_history: Annotated[tuple[StageEntry, ...], Field(max_length=500)] = ()
    notes: LongText = ""
    created_on: Day | None = None
    next_meeting_on: Day | None = None
    """Prospects and negotiations: the next presentation or negotiation meeting."""
    next_meeting_kind: MeetingKind | None = None
    lost_reason: ShortText = ""
    """Why the client said no (asked for when the project is marked lost)."""
    event_id: Id | None = None
    """The exhibition or conference where this lead was met."""
    external_id: ExternalId = ""

    @model_validator(mode="after")
    def _history_matches_stage(self) -> Self:
        history = self.stage_history
        for earlier, later in itertools.pairwise(history):
            if later.entered < earlier.entered:
                raise ValueError(
                    f"stage history goes back in time ({later.stage} on {later.entered} "
                    f"after {earlier.stage} on {earlier.entered})"
                )
        if history and history[-1].stage != self.stage:
            raise ValueError(f"stage is {self.stage} but the last stage history entry is {history[-1].stage}")
        return self

    @property
    def display(self) -> str:
        return self.title

    def entered(self, stage: Stage) -> date | None:
        """The last day the project entered `stage`, if it ever did."""
        for entry in reversed(self.stage_history):
            if entry.stage == stage:
                return entry.entered
        return None


_ON_ITS_DATE = frozenset({TaskKind.MEETING, TaskKind.PRESENTATION})


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Repeat:
    """A recurring task's rule: every `every` days, weeks or months, on a weekday (weeks) or a day
    of the month (months; 31 is the last day of a shorter month). `acct_tui.domain.recurrence`
    computes the next date and words the rule."""

    every: Annotated[int, Field(ge=1, le=366)] = 1
    unit: RepeatUnit = RepeatUnit.WEEKS
    weekday: Annotated[int, Field(ge=1, le=7)] | None = None
    """ISO weekday (1 = Monday), for a rule in weeks; None: the weekday of the due date."""
    day_of_month: Annotated[int, Field(ge=1, le=31)] | None = None
    """For a rule in months; None: the day of the due date."""

    @model_validator(mode="after")
    def _fits_the_unit(self) -> Self:
        if self.weekday is not None and self.unit is not RepeatUnit.WEEKS:
            raise ValueError("a weekday goes with a rule in weeks")
        if self.day_of_month is not None and self.unit is not RepeatUnit.MONTHS:
            raise ValueError("a day of the month goes with a rule in months")
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Task(Record):
    table: ClassVar[str] = "tasks"
    label: ClassVar[str] = "task"

    title: Name
    client_id: Id | None = None
    project_id: Id | None = None
    kind: TaskKind = TaskKind.OTHER
    due: Day | None = None
    start_on: Day | None = None
    """The schedule never places the task before this day; the due day itself pins it to that day."""
    estimate_hours: Annotated[float, Field(ge=0, le=200, allow_inf_nan=False)] = 1.0
    priority: Priority = Priority.MEDIUM
    status: TaskStatus = TaskStatus.OPEN
    assignee_id: Id | None = None
    """None: the account manager's own task; otherwise the staff member it is delegated to."""
    follow_up: Day | None = None
    done_on: Day | None = None
    notes: LongText = ""
    created_on: Day | None = None
    repeat: Repeat | None = None
    """A recurring task: when it is done, the next one is made (`rules.repeated`), and the rule moves to it."""

    # Done and done_on agree in every stored book (`Book.problems`); a change derives one from the
    # other (`rules.done_date`), so a form or an import may mark a task done without dating it.
    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.follow_up is not None and self.assignee_id is None:
            raise ValueError("a follow-up date is for delegated tasks: choose an assignee or clear it")
        if self.start_on is not None and self.due is not None and self.start_on > self.due:
            raise ValueError(f"starts ({self.start_on}) after it is due ({self.due})")
        return self

    @property
    def display(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status is not TaskStatus.DONE

    @property
    def is_delegated(self) -> bool:
        return self.assignee_id is not None

    @property
    def pinned_to(self) -> date | None:
        """The one day the task happens, if it has one: its due date when that is also its start
        date, or when it is a meeting or presentation without a start date (held on its date)."""
        if self.due is None:
            return None
        if self.start_on == self.due or (self.start_on is None and self.kind in _ON_ITS_DATE):
            return self.due
        return None


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Leave:
    """A staff member's time away (holiday, sickness, training), both days included."""

    start: Day
    end: Day
    reason: ShortText = ""

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"ends ({end}) before it starts ({start})")
        return end

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class StaffMember(Record):
    table: ClassVar[str] = "staff"
    label: ClassVar[str] = "staff member"

    name: Name
    role: ShortText = ""
    weekly_capacity: Annotated[float, Field(ge=0, le=80, allow_inf_nan=False)] = 40.0
    email: Email = ""
    active: bool = True
    """False: gone, without a date (as books before `left_on` say it). Their history stays."""
    leave: Annotated[tuple[Leave, ...], Field(max_length=500)] = ()
    """Days away: no capacity on them, and no work offered while away."""
    left_on: Day | None = None
    """The day they left: from then on they are gone (no capacity, no work offered); their tasks
    and history stay. A day to come: they work until then."""

    @property
    def display(self) -> str:
        return self.name

    def gone(self, day: date) -> bool:
        """No longer here on `day` (left by then, or marked inactive)."""
        return not self.active or (self.left_on is not None and self.left_on <= day)

    def leave_on(self, day: date) -> Leave | None:
        """The leave that covers `day`, if any."""
        return next((leave for leave in self.leave if leave.covers(day)), None)

    def available(self, day: date) -> bool:
        """At work on `day` as far as the book knows: not gone, not on leave (weekends aside)."""
        return not self.gone(day) and self.leave_on(day) is None


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Activity(Record):
    """Something done for a client: a call, a meeting, an e-mail, a note, an approval."""

    table: ClassVar[str] = "activities"
    label: ClassVar[str] = "activity"

    client_id: Id
    when: LocalTime
    """Local wall-clock time."""
    summary: Annotated[LongText, Field(min_length=1)]
    kind: ActivityKind = ActivityKind.NOTE
    minutes: Minutes = 0
    project_id: Id | None = None
    task_id: Id | None = None
    external_id: ExternalId = ""

    @property
    def display(self) -> str:
        return self.summary.splitlines()[0] if self.summary else ""


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Event(Record):
    """Time out of the office: an exhibition, a conference, a meeting, a training."""

    table: ClassVar[str] = "events"
    label: ClassVar[str] = "event"

    title: Name
    start: Day
    end: Day
    kind: EventKind = EventKind.OTHER
    hours: DayHours = 8.0
    """Hours the event takes on each of its days."""
    client_id: Id | None = None
    location: ShortText = ""
    notes: LongText = ""

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is None:
            return end
        if end < start:
            raise ValueError(f"ends ({end}) before it starts ({start})")
        if (end - start).days > 366:
            raise ValueError("lasts more than a year")
        return end

    @property
    def display(self) -> str:
        return self.title

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Discount(Record):
    """A discount stacked on the client's contract discount (loyalty, volume, a campaign...).

    Approval is given for the client's combined discount, on the client (who and when).
    """

    table: ClassVar[str] = "discounts"
    label: ClassVar[str] = "discount"

    client_id: Id
    name: Name
    pct: Percent
    reason: ShortText = ""
    since: Day | None = None
    until: Day | None = None
    """The last day it applies; None while it runs."""

    @property
    def display(self) -> str:
        return f"{self.name} {self.pct:g}%"

    def active(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class Competitor(Record):
    """A competitor present at a client, and how much of a threat it is there."""

    table: ClassVar[str] = "competitors"
    label: ClassVar[str] = "competitor"

    client_id: Id
    name: Name
    threat: Threat = Threat.MEDIUM
    note: ShortText = ""

    @property
    def display(self) -> str:
        return self.name


TlxScore = Annotated[int, Field(ge=0, le=100)]


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class SelfCheck:
    """The six Raw NASA-TLX scales, 0 (very low) to 100 (very high); for performance 0 is perfect."""

    mental: TlxScore
    physical: TlxScore
    temporal: TlxScore
    performance: TlxScore
    effort: TlxScore
    frustration: TlxScore

    @property
    def raw_tlx(self) -> float:
        """Raw TLX: the unweighted mean of the six scales."""
        total = self.mental + self.physical + self.temporal + self.performance + self.effort + self.frustration
        return round(total / 6, 1)


@dataclass(frozen=True, slots=True, kw_only=True, config=RECORD_CONFIG)
class WeekRecord(Record):
    """The computed load and stress of one ISO week, and the user's own self-check, if given."""

    table: ClassVar[str] = "weeks"
    label: ClassVar[str] = "week"

    week: Annotated[str, Field(pattern=ISO_WEEK_PATTERN)]
    stress_index: Annotated[int, Field(ge=0, le=100)] = 0
    utilisation: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = 0.0
    load_hours: Hours = 0.0
    capacity_hours: Hours = 0.0
    self_check: SelfCheck | None = None

    @property
    def display(self) -> str:
        return self.week


RECORD_TYPES: tuple[type[Record], ...] = (
    Client,
    Contact,
    Project,
    Task,
    StaffMember,
    Activity,
    Event,
    WeekRecord,
    Discount,
    Competitor,
)
"""Every stored record type."""

TABLES: dict[str, type[Record]] = {cls.table: cls for cls in RECORD_TYPES}
