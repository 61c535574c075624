"""The everyday edits as pure functions: each takes a record and returns the changed record."""

from __future__ import annotations

from datetime import date

from acct_tui.domain.enums import BOARD_STAGES, Stage, TaskStatus
from acct_tui.domain.records import Project, StageEntry, Task


def neighbour_stage(stage: Stage, step: int) -> Stage | None:
    """The stage `step` columns away on the board (None past either end; Lost has no neighbours)."""
    if stage not in BOARD_STAGES:
        return None
    index = BOARD_STAGES.index(stage) + step
    return BOARD_STAGES[index] if 0 <= index < len(BOARD_STAGES) else None


def move_project(project: Project, stage: Stage, today: date) -> Project:
    """The project in `stage`, with the day it entered recorded in its history."""
    history = project.stage_history
    if not history:
        # A project without history (imported, say) keeps where it was, dated when it was created.
        history = (StageEntry(stage=project.stage, entered=min(project.created_on or today, today)),)
    entered = max(today, history[-1].entered)
    return project.evolve(stage=stage, stage_history=(*history, StageEntry(stage=stage, entered=entered)))


def toggle_task(task: Task, today: date) -> Task:
    """Done if open (today), open again if done."""
    if task.is_open:
        return task.evolve(status=TaskStatus.DONE, done_on=today)
    return task.evolve(status=TaskStatus.OPEN, done_on=None)
