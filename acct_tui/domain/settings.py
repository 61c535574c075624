"""Settings: capacity, stage names and attention, cadences, discount bands, stress and urgency.

Every default here is documented in the README. Settings are layered: these defaults, then the
user's settings file, then the book's own overrides; `Settings.layered` merges the layers key by
key, so an override of one stage weight keeps the others.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from acct_tui.domain.enums import Stage, TaskKind, Tier
from acct_tui.domain.types import DayHours, Days, Email, Money, Name, Percent

Coefficient = Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
MaxPoints = Annotated[int, Field(ge=0, le=100)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


TIME_RANGE_PATTERN = r"^\s*([01]?\d|2[0-4]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$"
TimeRange = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]
"""A span of a day, "09:00-17:30" (24:00 is the end of the day)."""
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def time_range(text: str) -> tuple[int, int]:
    """ "09:00-17:30" as minutes from midnight, (540, 1050). Raises ValueError for anything else."""
    match = re.match(TIME_RANGE_PATTERN, text)
    if match is None:
        raise ValueError(f"{text!r} is not a span of the day such as 09:00-17:30")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start > 24 * 60 or end > 24 * 60 or end <= start:
        raise ValueError(f"{text!r} must end after it starts, by 24:00 at the latest")
    return start, end


class CapacitySettings(_Section):
    hours_per_day: DayHours = 8.0
    """The most hours you work on a working day (the window less its breaks, if that is shorter)."""
    work_days: Annotated[list[Annotated[int, Field(ge=1, le=7)]], Field(max_length=7)] = [1, 2, 3, 4, 5]
    """ISO weekdays (1 = Monday ... 7 = Sunday) the user works."""
    days_off: Annotated[list[date], Field(max_length=1000)] = []
    window: TimeRange = "09:00-17:30"
    """When you work on a working day; only the part of a meeting inside it (and outside the breaks) takes time."""
    windows: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], TimeRange] = {}
    """A different window for some weekdays, such as fri = "09:00-15:00"."""
    breaks: Annotated[list[TimeRange], Field(max_length=10)] = ["12:30-13:00"]
    """Breaks inside the window (lunch): no work and no meetings counted."""
    control_cost_hours: Annotated[float, Field(ge=0, le=8, allow_inf_nan=False)] = 0.25
    """Hours to check on one delegated task that waits for its follow-up."""

    @field_validator("work_days")
    @classmethod
    def _sorted_unique(cls, days: list[int]) -> list[int]:
        return sorted(set(days))

    @field_validator("window", "breaks", "windows")
    @classmethod
    def _real_ranges(cls, value: str | list[str] | dict[str, str]) -> str | list[str] | dict[str, str]:
        texts = [value] if isinstance(value, str) else list(value.values() if isinstance(value, dict) else value)
        for text in texts:
            time_range(text)
        return value

    def window_of(self, weekday: int) -> tuple[int, int]:
        """The working window of ISO weekday `weekday`, in minutes from midnight."""
        return time_range(self.windows.get(WEEKDAY_KEYS[weekday - 1], self.window))  # type: ignore[call-overload]

    def break_ranges(self) -> list[tuple[int, int]]:
        return [time_range(text) for text in self.breaks]


class ScheduleSettings(_Section):
    """The forward schedule: how far it looks and how it cuts tasks into days."""

    horizon_days: Annotated[int, Field(ge=5, le=20)] = 10
    """Working days the schedule shows from today (the chart, the week view, status)."""
    lookahead_days: Annotated[int, Field(ge=0, le=120)] = 30
    """Working days past the horizon the schedule still fills, to tell when a late task can really be done."""
    min_chunk_hours: Annotated[float, Field(ge=0.25, le=8, allow_inf_nan=False)] = 0.5
    """A task longer than a day's free time is split into parts of at least this many hours."""


class CalendarSettings(_Section):
    """Your own calendars, read (never written) for your meetings."""

    files: Annotated[list[Annotated[str, Field(min_length=1, max_length=4096)]], Field(max_length=50)] = []
    """iCalendar files (.ics) exported from Outlook, Google or Apple Calendar, or kept by vdirsyncer."""
    my_addresses: Annotated[list[Email], Field(max_length=20)] = []
    """Your own e-mail addresses: a meeting you declined under one of them takes no time."""
    timezone: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_+/-]*$")] = ""
    """An IANA time zone such as Europe/Berlin; empty: the computer's own."""


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
    labels: dict[Stage, Name] = DEFAULT_STAGE_LABELS
    attention_hours: dict[Stage, Annotated[float, Field(ge=0, le=40, allow_inf_nan=False)]] = DEFAULT_ATTENTION
    """Hours a week one project in the stage asks of the account manager (docs/domain.md)."""
    completed_attention_days: Annotated[int, Field(ge=0, le=3650)] = 90
    """A completed project keeps its small attention cost for this many days, then costs nothing."""

    def label(self, stage: Stage) -> str:
        return self.labels.get(stage, DEFAULT_STAGE_LABELS[stage])


class DiscountSettings(_Section):
    fine_up_to: Percent = 10.0
    """Discounts up to this need nothing."""
    approval_above: Percent = 20.0
    """Above `fine_up_to` a reason is required; above this, also an approval (who and when)."""


class StressSettings(_Section):
    """Points of each part of the stress index (README, "Workload, stress and the day plan").

    Each part gives `*_each` points per counted item (or a share of `utilisation_max`), at most
    its `*_max`; the maxima are whole points that add up to at most 100, so the index, their sum,
    stays within 0-100 without clipping.
    """

    utilisation_from: Annotated[float, Field(ge=0, le=5)] = 0.8
    """The week's utilisation (1.0 = 100%) above which the utilisation part counts."""
    utilisation_full: Annotated[float, Field(ge=0, le=5)] = 1.2
    """The week's utilisation at which the utilisation part reaches its maximum."""
    utilisation_max: MaxPoints = 25
    overdue_each: Points = 4
    """Points per promise to a client at risk: overdue, or finished by the schedule after its due date."""
    overdue_max: MaxPoints = 20
    kickoffs_allowed: Annotated[int, Field(ge=0, le=100)] = 2
    kickoff_each: Points = 5
    kickoff_max: MaxPoints = 15
    clients_per_day_allowed: Annotated[int, Field(ge=0, le=100)] = 5
    client_switch_each: Points = 2
    client_switch_max: MaxPoints = 10
    follow_up_each: Points = 3
    follow_up_max: MaxPoints = 10
    quiet_client_each: Points = 2
    quiet_client_max: MaxPoints = 10
    long_hours_threshold: Annotated[float, Field(ge=0, le=168)] = 55
    """Average hours worked a week over the last 4 weeks at or above this give `long_hours_points`."""
    long_hours_points: MaxPoints = 10
    sustained_above: Points = 70
    """Three of the last four weeks above this is a sustained-overload warning."""
    amber_at: Points = 40
    red_at: Points = 70

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

    overdue: Coefficient = 12.0
    due_within_7_days: Coefficient = 8.0
    due_within_14_days: Coefficient = 4.0
    priority_high: Coefficient = 6.0
    priority_medium: Coefficient = 3.9
    priority_low: Coefficient = 1.8
    tier_strategic: Coefficient = 3.0
    tier_key: Coefficient = 1.5
    kickoff_stage: Coefficient = 4.0
    renewal_within_90_days: Coefficient = 2.0
    blocked: Coefficient = -5.0
    waiting: Coefficient = -3.0


class PlaybookItem(_Section):
    title: Name
    kind: TaskKind = TaskKind.OTHER
    due_in_days: Annotated[int, Field(ge=0, le=365)] = 7
    estimate_hours: Annotated[float, Field(ge=0, le=200)] = 1.0


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
    enabled: bool = False
    commission_pct: Percent = 0.0
    bonus_per_new_client: Money = 0.0


class ImportSettings(_Section):
    """How `acct-tui import` reads CRM exports."""

    stages: dict[Name, Stage] = {}
    """A CRM's stage name -> the acct-tui stage, for the stages the import does not know
    (compared case-insensitively; HubSpot's, Salesforce's and Pipedrive's defaults it knows)."""


class Settings(_Section):
    capacity: CapacitySettings = CapacitySettings()
    schedule: ScheduleSettings = ScheduleSettings()
    calendar: CalendarSettings = CalendarSettings()
    stages: StageSettings = StageSettings()
    cadence_days: dict[Tier, Days] = {Tier.STRATEGIC: 14, Tier.KEY: 30, Tier.STANDARD: 60}
    discounts: DiscountSettings = DiscountSettings()
    stress: StressSettings = StressSettings()
    urgency: UrgencySettings = UrgencySettings()
    playbooks: dict[Stage, list[PlaybookItem]] = DEFAULT_PLAYBOOKS
    delegable_kinds: list[TaskKind] = [TaskKind.DOCUMENT, TaskKind.CHECK, TaskKind.EMAIL, TaskKind.OTHER]
    earnings: EarningsSettings = EarningsSettings()
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    import_: ImportSettings = Field(default=ImportSettings(), alias="import")
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
