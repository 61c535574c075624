"""No accepted edit can make the book unopenable: the rules a save must keep are the rules a load checks.

A hypothesis state machine makes random edits through the Repository, including the ones that
move records between clients and projects (edit a project's client, a task's project, delete with
and without cascade, undo). After every edit the book in memory has no problem `check` would
report; now and then it is saved and opened again, as the next start would.

Bug fixed: moving a project to another client was accepted while its tasks and activities stayed
with the old client; the book was saved, and the next open refused it ("tasks record 1, field
client_id: is client 1 but its project 1 belongs to client 2").
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from acct_tui.domain.records import TABLES, Activity, Client, Event, Project, StaffMember, Task
from acct_tui.store.errors import ChangeRejected
from acct_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.reliability.helpers import check, run_cli
from tests.reliability.planner import planner

WHEN = datetime(2026, 11, 27, 10, 0)


class Edits(RuleBasedStateMachine):
    """Random edits; the book must stay one that opens."""

    path: Path

    @initialize()
    def open_book(self) -> None:
        self.repo = Repository.open(self.path, autosave=False, today=TODAY, ids=random.Random(0))
        self.n = 0

    def teardown(self) -> None:
        self.repo.close()
        self.path.unlink(missing_ok=True)
        for stray in self.path.parent.glob(self.path.name + ".*"):
            stray.unlink()

    def _name(self) -> str:
        self.n += 1
        return f"r{self.n}"

    def _ids(self, table: str) -> list[int]:
        return sorted(self.repo.book.table(table))

    def _try(self, action: Callable[[], object]) -> None:
        with contextlib.suppress(ChangeRejected):
            action()

    @rule()
    def add_client(self) -> None:
        self.repo.clients.add(Client(name=self._name()))

    @rule()
    def add_staff(self) -> None:
        self.repo.staff.add(StaffMember(name=self._name()))

    @precondition(lambda self: self.repo.book.clients)
    @rule(data=st.data())
    def add_project(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from(self._ids("clients")))
        self.repo.projects.add(Project(client_id=client, title=self._name()))

    @precondition(lambda self: self.repo.book.clients)
    @rule(data=st.data())
    def add_project_with_its_task_and_activity(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from(self._ids("clients")))
        with self.repo.change("Project with a task") as tx:
            project = tx.put(Project(client_id=client, title=self._name()))
            task = tx.put(Task(title=self._name(), client_id=client, project_id=project.id))
            tx.put(Activity(client_id=client, project_id=project.id, task_id=task.id, when=WHEN, summary="Met"))

    @precondition(lambda self: self.repo.book.clients)
    @rule(data=st.data())
    def add_task(self, data: st.DataObject) -> None:
        project = data.draw(st.sampled_from([None, *self._ids("projects")]))
        owner = self.repo.book.projects[project].client_id if project else None
        client = data.draw(st.sampled_from([None, owner, owner, *self._ids("clients")]))
        staff = data.draw(st.sampled_from([None, *self._ids("staff")]))
        task = Task(
            title=self._name(),
            client_id=client,
            project_id=project,
            assignee_id=staff,
            follow_up=date(2026, 12, 1) if staff else None,
        )
        self._try(lambda: self.repo.tasks.add(task))

    @precondition(lambda self: self.repo.book.clients)
    @rule(data=st.data())
    def add_activity(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from(self._ids("clients")))
        projects = [p.id for p in self.repo.book.projects.values() if p.client_id == client]
        project = data.draw(st.sampled_from([None, *projects, *self._ids("projects")]))
        task = data.draw(st.sampled_from([None, *self._ids("tasks")]))
        activity = Activity(client_id=client, project_id=project, task_id=task, when=WHEN, summary=self._name())
        self._try(lambda: self.repo.activities.add(activity))

    @precondition(lambda self: self.repo.book.clients)
    @rule(data=st.data())
    def add_event(self, data: st.DataObject) -> None:
        client = data.draw(st.sampled_from([None, *self._ids("clients")]))
        self.repo.events.add(Event(title=self._name(), start=TODAY, end=TODAY, client_id=client))

    @precondition(lambda self: self.repo.book.projects and len(self.repo.book.clients) > 1)
    @rule(data=st.data())
    def move_project_to_another_client(self, data: st.DataObject) -> None:
        project = self.repo.book.projects[data.draw(st.sampled_from(self._ids("projects")))]
        client = data.draw(st.sampled_from(self._ids("clients")))
        self._try(lambda: self.repo.projects.update(project.evolve(client_id=client)))

    @precondition(lambda self: self.repo.book.tasks)
    @rule(data=st.data())
    def change_a_tasks_client_or_project(self, data: st.DataObject) -> None:
        task = self.repo.book.tasks[data.draw(st.sampled_from(self._ids("tasks")))]
        client = data.draw(st.sampled_from([None, *self._ids("clients")]))
        project = data.draw(st.sampled_from([None, *self._ids("projects")]))
        self._try(lambda: self.repo.tasks.update(task.evolve(client_id=client, project_id=project)))

    @precondition(lambda self: self.repo.book.activities and self.repo.book.clients)
    @rule(data=st.data())
    def change_an_activitys_client(self, data: st.DataObject) -> None:
        activity = self.repo.book.activities[data.draw(st.sampled_from(self._ids("activities")))]
        client = data.draw(st.sampled_from(self._ids("clients")))
        self._try(lambda: self.repo.activities.update(activity.evolve(client_id=client)))

    @rule(data=st.data(), cascade=st.booleans())
    def delete_something(self, data: st.DataObject, cascade: bool) -> None:
        table = data.draw(st.sampled_from(["clients", "projects", "tasks", "staff", "activities", "events"]))
        ids = self._ids(table)
        if ids:
            record_id = data.draw(st.sampled_from(ids))
            records = self.repo.table(TABLES[table])
            self._try(lambda: records.delete(record_id, cascade=cascade))

    @rule()
    def undo(self) -> None:
        self.repo.undo()

    @rule()
    def save_and_open_again(self) -> None:
        self.repo.save()
        with Repository.open(self.path, read_only=True, today=TODAY) as reopened:
            assert reopened.book.problems() == []

    @invariant()
    def the_book_has_no_problem(self) -> None:
        assert [str(p) for p in self.repo.book.problems()] == []


def test_random_edits_never_make_the_book_unopenable(tmp_path: Path) -> None:
    Edits.path = tmp_path / "book.json"
    run_state_machine_as_test(
        Edits,
        settings=settings(
            max_examples=100,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


@pytest.fixture
def two_clients(book_path: Path) -> tuple[Path, int, int, int]:
    """A book where client A has project P, with a task and an activity; and client B."""
    with Repository.open(book_path, today=TODAY) as repo:
        a = repo.clients.add(Client(name="A"))
        b = repo.clients.add(Client(name="B"))
        project = repo.projects.add(Project(client_id=a.id, title="P"))
        repo.tasks.add(Task(title="T", client_id=a.id, project_id=project.id))
        repo.activities.add(Activity(client_id=a.id, project_id=project.id, when=WHEN, summary="Met"))
    return book_path, a.id, b.id, project.id


def test_moving_a_project_with_tasks_to_another_client_is_refused(two_clients: tuple[Path, int, int, int]) -> None:
    path, a, b, project_id = two_clients
    before = path.read_bytes()
    with Repository.open(path, today=TODAY) as repo:
        project = repo.projects.get(project_id)
        assert project is not None
        with pytest.raises(ChangeRejected) as info:
            repo.projects.update(project.evolve(client_id=b))
        assert f"is client {a} but its project {project_id} belongs to client {b}" in str(info.value)
        assert repo.projects.get(project_id) == project  # nothing changed in memory
        # Moving the project together with its records, in one change, is fine.
        with repo.change("Move project with its records") as tx:
            tx.put(project.evolve(client_id=b))
            for task in repo.tasks.all():
                tx.put(task.evolve(client_id=b))
            for activity in repo.activities.all():
                tx.put(activity.evolve(client_id=b))
    assert path.read_bytes() != before
    assert check(path)[0] == 0


def test_an_import_that_moves_a_project_is_refused_as_a_whole(
    two_clients: tuple[Path, int, int, int], tmp_path: Path
) -> None:
    path, _, _, project_id = two_clients
    before = path.read_bytes()
    source = tmp_path / "projects.csv"
    source.write_text(f"id,client,title\n{project_id},B,P\n")
    code, _, err = run_cli(["import", "projects", str(source), "--db", str(path)])
    assert code == 1
    assert "belongs to client" in err
    assert path.read_bytes() == before
    assert check(path)[0] == 0


async def test_the_project_form_refuses_to_move_a_project_away_from_its_tasks(
    two_clients: tuple[Path, int, int, int],
) -> None:
    from textual.widgets import Select, Static

    from acct_tui.ui.forms.screen import FormScreen

    path, _, b, project_id = two_clients
    async with planner(path) as ui:
        project = ui.repo.projects.get(project_id)
        assert project is not None
        form = ui.app.forms.project(project)
        await ui.app.push_screen(form)
        await ui.pilot.pause()
        form.query_one("#field-client_id", Select).value = b
        await ui.pilot.pause()
        await ui.pilot.press("ctrl+s")
        await ui.pilot.pause()
        assert isinstance(ui.app.screen, FormScreen), "the move was accepted"
        assert "belongs to client" in str(form.query_one("#form-error", Static).render())
        await ui.pilot.press("escape")
        await ui.settle()
    assert check(path)[0] == 0
