"""The everyday edits as pure functions: each returns the records to write, in one change.

Completing a task and moving a project also document the work: each writes a timeline entry
(an Activity) for the client, so the client's timeline and the weekly report show what was done
without the user logging it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from acct_tui.domain.book import Book
from acct_tui.domain.capacity import working_days
from acct_tui.domain.enums import BOARD_STAGES, ActivityKind, Stage, TaskStatus
from acct_tui.domain.records import Activity, Project, Record, StageEntry, Task
from acct_tui.domain.settings import Settings


@dataclass(frozen=True, slots=True)
class Edit:
    """What one user action writes: the records, those it deletes, and a label for the undo history."""

    label: str
    records: tuple[Record, ...]
    deleted: tuple[Record, ...] = ()


class OpenTasks(StrEnum):
    """What marking a deal lost does with its open tasks."""

    DELETE = "delete"
    CLOSE = "close"
    KEEP = "keep"


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


def stage_move(project: Project, stage: Stage, now: datetime, settings: Settings) -> Edit:
    """Move a project to `stage` and note it on the client's timeline."""
    label = settings.stages.label(stage)
    moved = move_project(project, stage, now.date())
    entry = Activity(
        client_id=project.client_id,
        when=now,
        kind=ActivityKind.STAGE_MOVE,
        summary=f"{project.title}: moved from {settings.stages.label(project.stage)} to {label}",
        project_id=project.id,
    )
    return Edit(f"Move project to {label}", (moved, entry))


def deal_lost(project: Project, reason: str, tasks: OpenTasks, book: Book, now: datetime) -> Edit:
    """Mark a deal lost with its reason (on the timeline), and delete, close or keep its open tasks:
    a lost deal's tasks would otherwise stay in the day plan and the load."""
    moved = stage_move(project.evolve(lost_reason=reason), Stage.LOST, now, book.settings)
    still_open = open_tasks(book, project.id) if tasks is not OpenTasks.KEEP else []
    if tasks is OpenTasks.DELETE:
        return Edit("Deal lost", moved.records, tuple(still_open))
    closed = tuple(toggle_task(task, now.date()) for task in still_open)
    return Edit("Deal lost", (*moved.records, *closed))


def open_tasks(book: Book, project_id: int) -> list[Task]:
    """The project's tasks not done yet, by id."""
    return sorted((t for t in book.tasks.values() if t.project_id == project_id and t.is_open), key=lambda t: t.id)


def toggle_task(task: Task, today: date) -> Task:
    """Done if open (today), open again if done."""
    if task.is_open:
        return task.evolve(status=TaskStatus.DONE, done_on=today)
    return task.evolve(status=TaskStatus.OPEN, done_on=None)


def task_toggle(task: Task, now: datetime) -> Edit:
    """Mark a task done (noting it on its client's timeline) or open it again."""
    changed = toggle_task(task, now.date())
    if changed.is_open:
        return Edit("Reopen task", (changed,))
    if task.client_id is None:
        return Edit("Mark task done", (changed,))
    entry = Activity(
        client_id=task.client_id,
        when=now,
        kind=ActivityKind.TASK_DONE,
        summary=f"Done: {task.title}",
        minutes=round(task.estimate_hours * 60) if task.estimate_hours <= 24 else 0,
        project_id=task.project_id,
        task_id=task.id,
    )
    return Edit("Mark task done", (changed, entry))


def playbook_tasks(project: Project, stage: Stage, today: date, settings: Settings) -> list[Task]:
    """The stage's playbook (settings.playbooks) as new tasks of the project, due relative to
    `today`, on the first working day from then (a task is not due on a Sunday or a day off)."""
    tasks = []
    for item in settings.playbooks.get(stage, []):
        due = today + timedelta(days=item.due_in_days)
        working = working_days(due, 1, settings.capacity)  # none within a year: the day itself
        tasks.append(
            Task(
                title=item.title,
                client_id=project.client_id,
                project_id=project.id,
                kind=item.kind,
                due=working[0] if working else due,
                estimate_hours=item.estimate_hours,
                created_on=today,
            )
        )
    return tasks
