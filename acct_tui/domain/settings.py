"""Settings: capacity, stage names and attention, cadences, discount bands, stress and urgency.

Every default here is documented in the README. Settings are layered: these defaults, then the
user's settings file, then the book's own overrides; `Settings.layered` merges the layers key by
key, so an override of one stage weight keeps the others.

Each setting is described once, for people, by its field's `description`: the settings file's
commented template (`acct-tui config --init`) and the planner's settings screen show that text
(`acct_tui.settings.describe`). A table whose keys are stages or tiers describes each of its keys
in its value type (`Annotated[..., Field(description="... {key} ...")]`), with the key filled in.
Descriptions are plain `Field(description=...)`, not attribute docstrings, so they cost nothing at
start-up and do not depend on the source files being installed.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from acct_tui.domain.enums import Stage, TaskKind, Tier
from acct_tui.domain.types import TIME_OF_DAY_PATTERN, Day, DayHours, Days, Email, Money, Name, Percent

Coefficient = Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
MaxPoints = Annotated[int, Field(ge=0, le=100)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


TIME_RANGE_PATTERN = r"^\s*([01]?\d|2[0-4]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$"
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def time_range(text: str) -> tuple[int, int]:
    """ "09:00-17:30" as minutes from midnight, (540, 1050). Raises ValueError for anything else."""
    match = re.match(TIME_RANGE_PATTERN, text)
    if match is None:
        raise ValueError("is not a span of the day such as 09:00-17:30")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start > 24 * 60 or end > 24 * 60 or end <= start:
        raise ValueError("must end after it starts, by 24:00 at the latest")
    return start, end


def _a_time_range(text: str) -> str:
    time_range(text)
    return text


TimeRange = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20), AfterValidator(_a_time_range)]
"""A span of a day, "09:00-17:30" (24:00 is the end of the day), each checked on its own so that
every bad one is named."""


class CapacitySettings(_Section):
    hours_per_day: DayHours = Field(
        8.0, description="The most hours you work on a working day (the window less its breaks, if shorter)."
    )
    work_days: Annotated[list[Annotated[int, Field(ge=1, le=7)]], Field(max_length=7)] = Field(
        [1, 2, 3, 4, 5], description="The days you work: 1 = Monday ... 7 = Sunday."
    )
    days_off: Annotated[list[Day], Field(max_length=1000)] = Field(
        [], description="Days off (holidays, leave), such as [2026-12-24, 2026-12-31]."
    )
    window: TimeRange = Field(
        "09:00-17:30", description="When you work on a working day; only the part of a meeting inside it takes time."
    )
    windows: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], TimeRange] = Field(
        {}, description='A different window for some weekdays, such as fri = "09:00-15:00" (mon ... sun).'
    )
    breaks: Annotated[list[TimeRange], Field(max_length=10)] = Field(
        ["12:30-13:00"],
        description="Breaks inside the window, such as lunch: no work, and meetings in them take no time.",
    )
    control_cost_hours: Annotated[float, Field(ge=0, le=8, allow_inf_nan=False)] = Field(
        0.25, description="Hours to check on one delegated task that waits for its follow-up."
    )

    @field_validator("work_days")
    @classmethod
    def _sorted_unique(cls, days: list[int]) -> list[int]:
        return sorted(set(days))

    def window_of(self, weekday: int) -> tuple[int, int]:
        """The working window of ISO weekday `weekday`, in minutes from midnight."""
        return time_range(self.windows.get(WEEKDAY_KEYS[weekday - 1], self.window))  # type: ignore[call-overload]

    def break_ranges(self) -> list[tuple[int, int]]:
        return [time_range(text) for text in self.breaks]


class ScheduleSettings(_Section):
    """The forward schedule: how far it looks and how it cuts tasks into days."""

    horizon_days: Annotated[int, Field(ge=5, le=20)] = Field(
        10, description="Working days shown from today (the chart, the week view, status): 5 to 20."
    )
    lookahead_days: Annotated[int, Field(ge=0, le=120)] = Field(
        30, description="Working days past those it still fills, to tell when a late task can really be done."
    )
    min_chunk_hours: Annotated[float, Field(ge=0.25, le=8, allow_inf_nan=False)] = Field(
        0.5, description="A task longer than a day's free time is split into parts of at least this."
    )


class CalendarSettings(_Section):
    """Your own calendars, read (never written) for your meetings."""

    files: Annotated[list[Annotated[str, Field(min_length=1, max_length=4096)]], Field(max_length=50)] = Field(
        [], description="iCalendar files or folders of .ics files (Outlook, Google, Apple exports, vdirsyncer)."
    )
    my_addresses: Annotated[list[Email], Field(max_length=20)] = Field(
        [], description="Your e-mail addresses: a meeting you declined under one of them takes no time."
    )
    timezone: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_+/-]*$")] = Field(
        "", description="An IANA time zone such as Europe/Berlin; empty: the computer's own."
    )


DEFAULT_STAGE_LABELS: dict[Stage, str] = {
    Stage.PROSPECT: "Prospect",
    Stage.NEGOTIATION: "Negotiation",
    Stage.KICKOFF: "Kickoff",
    Stage.DELIVERY: "Delivery",
    Stage.SUPPORT: "Support",
    Stage.COMPLETED: "Completed",
    Stage.LOST: "Lost",
}

DEFAULT_ATTENTION: dict[Stage, float] = {
    Stage.PROSPECT: 1.0,
    Stage.NEGOTIATION: 1.5,
    Stage.KICKOFF: 3.0,
    Stage.DELIVERY: 1.5,
    Stage.SUPPORT: 0.5,
    Stage.COMPLETED: 0.25,
    Stage.LOST: 0.0,
}
"""Hours a week one project asks in each stage, before its own tasks and meetings use them up
(README, "Where the defaults come from")."""


class StageSettings(_Section):
    labels: dict[Stage, Annotated[Name, Field(description="Name shown for the {key} stage.")]] = Field(
        DEFAULT_STAGE_LABELS, description="The names shown for the stages."
    )
    attention_hours: dict[
        Stage,
        Annotated[float, Field(ge=0, le=40, allow_inf_nan=False, description="Hours a week for one project in {key}.")],
    ] = Field(
        DEFAULT_ATTENTION,
        description="Hours a week one project in each stage asks of you, before its tasks and meetings.",
    )
    completed_attention_days: Annotated[int, Field(ge=0, le=3650)] = Field(
        90, description="A completed project keeps its small attention cost for this many days."
    )

    def label(self, stage: Stage) -> str:
        return self.labels.get(stage, DEFAULT_STAGE_LABELS[stage])


class DiscountSettings(_Section):
    fine_up_to: Percent = Field(10.0, description="Discounts up to this need nothing.")
    approval_above: Percent = Field(
        20.0, description="Above fine_up_to a discount needs a reason; above this, also an approval (who, when)."
    )


class StressSettings(_Section):
    """Points of each part of the stress index (README, "Workload, stress and the day plan").

    Each part gives `*_each` points per counted item (or a share of `utilisation_max`), at most
    its `*_max`; the maxima are whole points that add up to at most 100, so the index, their sum,
    stays within 0-100 without clipping.
    """

    utilisation_from: Annotated[float, Field(ge=0, le=5)] = Field(
        0.8, description="Utilisation (1.0 = 100%) from which the utilisation part counts."
    )
    utilisation_full: Annotated[float, Field(ge=0, le=5)] = Field(
        1.2, description="Utilisation at which the utilisation part gives its most points."
    )
    utilisation_max: MaxPoints = Field(25, description="Most points from utilisation.")
    overdue_each: Points = Field(
        4, description="Points per promise to a client at risk (overdue, or finished after its due date)."
    )
    overdue_max: MaxPoints = Field(20, description="Most points from promises at risk.")
    kickoffs_allowed: Annotated[int, Field(ge=0, le=100)] = Field(
        2, description="Kickoffs running at once that cost no points."
    )
    kickoff_each: Points = Field(5, description="Points per kickoff above those allowed.")
    kickoff_max: MaxPoints = Field(15, description="Most points from parallel kickoffs.")
    clients_per_day_allowed: Annotated[int, Field(ge=0, le=100)] = Field(
        5, description="Distinct clients touched in a day that cost no points."
    )
    client_switch_each: Points = Field(2, description="Points per client above those allowed in a day.")
    client_switch_max: MaxPoints = Field(10, description="Most points from switching between clients.")
    follow_up_each: Points = Field(3, description="Points per delegated task past its follow-up date.")
    follow_up_max: MaxPoints = Field(10, description="Most points from delegated tasks past their follow-up date.")
    quiet_client_each: Points = Field(2, description="Points per client past its touch cadence.")
    quiet_client_max: MaxPoints = Field(10, description="Most points from clients past their touch cadence.")
    long_hours_threshold: Annotated[float, Field(ge=0, le=168)] = Field(
        55, description="Hours worked a week (the last 4 weeks on average) from which long hours count."
    )
    long_hours_points: MaxPoints = Field(10, description="Points for a week above long_hours_threshold.")
    sustained_above: Points = Field(
        70, description="Three of the last four weeks above this is a sustained-overload warning."
    )
    amber_at: Points = Field(40, description="The index is shown amber from this value.")
    red_at: Points = Field(70, description="The index is shown red from this value.")

    @model_validator(mode="after")
    def _consistent(self) -> StressSettings:
        if self.utilisation_full <= self.utilisation_from:
            raise ValueError("utilisation_full must be above utilisation_from")
        total = sum(getattr(self, name) for name in STRESS_MAXIMA)
        if total > 100:
            raise ValueError(f"the parts' maxima add up to {total}; they may add up to at most 100")
        return self


STRESS_MAXIMA = (
    "utilisation_max",
    "overdue_max",
    "kickoff_max",
    "client_switch_max",
    "follow_up_max",
    "quiet_client_max",
    "long_hours_points",
)
"""The most points each part of the stress index can give."""


class UrgencySettings(_Section):
    """Urgency coefficients, in the manner of taskwarrior's: a task's urgency is their sum."""

    overdue: Coefficient = Field(12.0, description="Added when the task is overdue.")
    due_within_7_days: Coefficient = Field(8.0, description="Added when the task is due within 7 days.")
    due_within_14_days: Coefficient = Field(4.0, description="Added when the task is due within 14 days.")
    priority_high: Coefficient = Field(6.0, description="Added for a high-priority task.")
    priority_medium: Coefficient = Field(3.9, description="Added for a medium-priority task.")
    priority_low: Coefficient = Field(1.8, description="Added for a low-priority task.")
    tier_strategic: Coefficient = Field(3.0, description="Added when the task's client is strategic.")
    tier_key: Coefficient = Field(1.5, description="Added when the task's client is key.")
    kickoff_stage: Coefficient = Field(4.0, description="Added when the task's project is in Kickoff.")
    renewal_within_90_days: Coefficient = Field(2.0, description="Added when the client's renewal is within 90 days.")
    blocked: Coefficient = Field(-5.0, description="Added (negative: lowers urgency) when the task is blocked.")
    waiting: Coefficient = Field(-3.0, description="Added (negative: lowers urgency) when the task waits on someone.")


class PlaybookItem(_Section):
    title: Name = Field(description="What to do.")
    kind: TaskKind = Field(
        TaskKind.OTHER, description="call, meeting, presentation, negotiation, document, check, email or other."
    )
    due_in_days: Annotated[int, Field(ge=0, le=365)] = Field(
        7, description="Due this many days after the project enters the stage."
    )
    estimate_hours: Annotated[float, Field(ge=0, le=200)] = Field(1.0, description="Hours it takes.")


def _item(title: str, kind: TaskKind, days: int, hours: float = 1.0) -> PlaybookItem:
    return PlaybookItem(title=title, kind=kind, due_in_days=days, estimate_hours=hours)


DEFAULT_PLAYBOOKS: dict[Stage, list[PlaybookItem]] = {
    Stage.NEGOTIATION: [
        _item("Agree terms", TaskKind.NEGOTIATION, 7, 2.0),
        _item("Agree price and discount", TaskKind.NEGOTIATION, 10, 1.5),
        _item("Send the contract", TaskKind.DOCUMENT, 14, 1.0),
    ],
    Stage.KICKOFF: [
        _item("Clarify every need", TaskKind.MEETING, 3, 2.0),
        _item("Consultation on disputed points", TaskKind.MEETING, 7, 1.5),
        _item("Agree each plan item", TaskKind.MEETING, 10, 2.0),
        _item("Kickoff report", TaskKind.DOCUMENT, 14, 1.5),
    ],
    Stage.SUPPORT: [_item("Monthly check", TaskKind.CHECK, 30, 0.5)],
    Stage.COMPLETED: [
        _item("Follow-up call", TaskKind.CALL, 30, 0.5),
        _item("Ask for a referral", TaskKind.CALL, 30, 0.25),
    ],
}


class EarningsSettings(_Section):
    enabled: bool = Field(False, description="Show the earnings view.")
    commission_pct: Percent = Field(0.0, description="Commission on won deals, in percent of their value.")
    bonus_per_new_client: Money = Field(0.0, description="Bonus per new client.")


class ReminderSettings(_Section):
    """Reminders (alarms) in the iCalendar export, for a phone's or a desktop's calendar."""

    enabled: bool = Field(True, description="Put a reminder on each open task, meeting and event of the export.")
    at: Annotated[str, Field(pattern=TIME_OF_DAY_PATTERN)] = Field(
        "09:00", description="The time of day a reminder rings (HH:MM, in calendar.timezone)."
    )
    days_before: Annotated[int, Field(ge=0, le=30)] = Field(
        0, description="Days before the due date (an event's first day) it rings: 0 is on the day itself."
    )

    def minutes(self) -> int:
        """`at` in minutes from midnight."""
        hours, minutes = self.at.split(":")
        return int(hours) * 60 + int(minutes)


class SyncSettings(_Section):
    on_start: bool = Field(False, description="Sync when the planner starts.")
    on_quit: bool = Field(False, description="Sync when the planner quits (quitting waits for it).")


class ImportSettings(_Section):
    """How `acct-tui import` reads CRM exports."""

    stages: dict[Name, Stage] = Field(
        {},
        description="A CRM's stage name = the acct-tui stage, for stages the import does not know, "
        'such as "Demo Booked" = "prospect" (compared case-insensitively).',
    )


class Settings(_Section):
    capacity: CapacitySettings = Field(CapacitySettings(), description="Your working time.")
    schedule: ScheduleSettings = Field(
        ScheduleSettings(),
        description="The schedule of the days ahead: how far it looks and how it cuts tasks into days.",
    )
    calendar: CalendarSettings = Field(
        CalendarSettings(), description="Your own calendars: read (never written) for your meetings."
    )
    stages: StageSettings = Field(StageSettings(), description="Project lifecycle stages.")
    cadence_days: dict[Tier, Annotated[Days, Field(description="Days between touches for a {key} client.")]] = Field(
        {Tier.STRATEGIC: 14, Tier.KEY: 30, Tier.STANDARD: 60},
        description="Touch cadence: days a client of each tier may go without contact.",
    )
    discounts: DiscountSettings = Field(DiscountSettings(), description="Discount bands, in percent.")
    stress: StressSettings = Field(
        StressSettings(),
        description="The stress index: the points of each part (the parts' maxima add up to 100) and its thresholds.",
    )
    urgency: UrgencySettings = Field(
        UrgencySettings(),
        description="Task urgency: the sum of the coefficients that apply to a task (as in taskwarrior).",
    )
    playbooks: dict[
        Stage, Annotated[list[PlaybookItem], Field(description="A task suggested when a project enters {key}.")]
    ] = Field(
        DEFAULT_PLAYBOOKS,
        description="Playbooks: the tasks suggested when a project enters a stage, one [[playbooks.STAGE]] per task.",
    )
    delegable_kinds: list[TaskKind] = Field(
        [TaskKind.DOCUMENT, TaskKind.CHECK, TaskKind.EMAIL, TaskKind.OTHER],
        description="Task kinds the day plan may suggest delegating to a staff member.",
    )
    earnings: EarningsSettings = Field(EarningsSettings(), description="The optional earnings view.")
    sync: SyncSettings = Field(
        SyncSettings(), description="Syncing the book over git from the planner (see acct-tui sync)."
    )
    reminders: ReminderSettings = Field(
        ReminderSettings(), description="Reminders in the iCalendar export (acct-tui export --format ics)."
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        "EUR", description="Currency of money amounts: three capital letters, such as EUR."
    )
    import_: ImportSettings = Field(
        default=ImportSettings(), alias="import", description="How acct-tui import reads CRM exports."
    )
    """`[import]` in the settings file ("import" is a Python keyword, hence the alias)."""

    model_config = ConfigDict(serialize_by_alias=True)

    @classmethod
    def layered(cls, *layers: dict[str, Any]) -> Settings:
        """Defaults, then each layer merged over them key by key (later layers win)."""
        merged: dict[str, Any] = cls().model_dump(mode="json")
        for layer in layers:
            merged = deep_merge(merged, layer)
        return cls.model_validate(merged)

    def cadence_for(self, tier: Tier) -> int:
        return self.cadence_days.get(tier, 30)


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over `base`; nested dicts merge, everything else (lists too) is replaced."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result
