"""The closed vocabularies of the book: tiers, statuses, stages, kinds and priorities."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """How much a client matters; sets the touch cadence and weighs urgency."""

    STRATEGIC = "strategic"
    KEY = "key"
    STANDARD = "standard"


class ClientStatus(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    DORMANT = "dormant"


class Stage(StrEnum):
    """A project's lifecycle stage, in order. Lost ends a prospect and costs nothing."""

    PROSPECT = "prospect"
    NEGOTIATION = "negotiation"
    KICKOFF = "kickoff"
    DELIVERY = "delivery"
    SUPPORT = "support"
    COMPLETED = "completed"
    LOST = "lost"

    @property
    def is_open(self) -> bool:
        return self not in (Stage.COMPLETED, Stage.LOST)


BOARD_STAGES: tuple[Stage, ...] = (
    Stage.PROSPECT,
    Stage.NEGOTIATION,
    Stage.KICKOFF,
    Stage.DELIVERY,
    Stage.SUPPORT,
    Stage.COMPLETED,
)
"""The stages shown as board columns, left to right (Lost is kept for history only)."""


class TaskKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    PRESENTATION = "presentation"
    NEGOTIATION = "negotiation"
    DOCUMENT = "document"
    CHECK = "check"
    EMAIL = "email"
    OTHER = "other"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class TaskStatus(StrEnum):
    OPEN = "open"
    WAITING = "waiting"
    BLOCKED = "blocked"
    DONE = "done"


class RepeatUnit(StrEnum):
    """What a recurring task's `every` counts."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class ActivityKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    NOTE = "note"
    APPROVAL = "approval"
    VISIT = "visit"
    FOLLOW_UP = "follow_up"
    TASK_DONE = "task_done"
    STAGE_MOVE = "stage_move"


class EventKind(StrEnum):
    EXHIBITION = "exhibition"
    CONFERENCE = "conference"
    MEETING = "meeting"
    TRAINING = "training"
    OTHER = "other"


class RenewalHealth(StrEnum):
    """How a renewal looks, marked by the account manager at the latest three months before it."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"


class MeetingKind(StrEnum):
    """The next meeting with a prospect or in a negotiation."""

    PRESENTATION = "presentation"
    NEGOTIATION = "negotiation"


class Threat(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
