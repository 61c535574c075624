"""Settings: capacity, stage names and attention, cadences, discount bands, stress and urgency.

Every default here is documented in the README. Settings are layered: these defaults, then the
user's settings file, then the book's own overrides; `Settings.layered` merges the layers key by
key, so an override of one stage weight keeps the others.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from acct_tui.domain.enums import Stage, TaskKind, Tier
from acct_tui.domain.types import DayHours, Days, Money, Name, Percent

Coefficient = Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
MaxPoints = Annotated[int, Field(ge=0, le=100)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CapacitySettings(_Section):
    hours_per_day: DayHours = 8.0
    work_days: Annotated[list[Annotated[int, Field(ge=1, le=7)]], Field(max_length=7)] = [1, 2, 3, 4, 5]
    """ISO weekdays (1 = Monday ... 7 = Sunday) the user works."""
    days_off: Annotated[list[date], Field(max_length=1000)] = []
    control_cost_hours: Annotated[float, Field(ge=0, le=8, allow_inf_nan=False)] = 0.25
    """Hours to check on one delegated task that waits for its follow-up."""

    @field_validator("work_days")
    @classmethod
    def _sorted_unique(cls, days: list[int]) -> list[int]:
        return sorted(set(days))


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
    Stage.PROSPECT: 1.5,
    Stage.NEGOTIATION: 3.0,
    Stage.KICKOFF: 6.0,
    Stage.DELIVERY: 3.0,
    Stage.SUPPORT: 1.0,
    Stage.COMPLETED: 0.25,
    Stage.LOST: 0.0,
}


class StageSettings(_Section):
    labels: dict[Stage, Name] = DEFAULT_STAGE_LABELS
    attention_hours: dict[Stage, Annotated[float, Field(ge=0, le=40, allow_inf_nan=False)]] = DEFAULT_ATTENTION
    """Hours a week one project in the stage asks of the account manager (DOMAIN.md)."""
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
    """Average weekly load hours over the last 4 weeks at or above this give `long_hours_points`."""
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


class SyncSettings(_Section):
    on_start: bool = False
    """Sync the book (acct-tui sync) when the planner starts."""
    on_quit: bool = False
    """Sync the book when the planner quits."""


class Settings(_Section):
    capacity: CapacitySettings = CapacitySettings()
    stages: StageSettings = StageSettings()
    cadence_days: dict[Tier, Days] = {Tier.STRATEGIC: 14, Tier.KEY: 30, Tier.STANDARD: 60}
    discounts: DiscountSettings = DiscountSettings()
    stress: StressSettings = StressSettings()
    urgency: UrgencySettings = UrgencySettings()
    playbooks: dict[Stage, list[PlaybookItem]] = DEFAULT_PLAYBOOKS
    delegable_kinds: list[TaskKind] = [TaskKind.DOCUMENT, TaskKind.CHECK, TaskKind.EMAIL, TaskKind.OTHER]
    earnings: EarningsSettings = EarningsSettings()
    sync: SyncSettings = SyncSettings()
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"

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
