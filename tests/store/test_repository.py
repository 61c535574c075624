"""The repository: typed CRUD, references, cascades, undo, settings, saving and backups."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from acct_tui.domain.enums import Stage
from acct_tui.domain.records import Activity, Client, Project, StaffMember, Task
from acct_tui.store.errors import BookChangedOnDisk, ChangeRejected, ReadOnlyBook
from acct_tui.store.repository import Repository
from tests.conftest import TODAY


def on_disk(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    return orjson.loads(path.read_bytes())  # type: ignore[no-any-return]


def test_a_missing_book_is_created_with_its_folders_and_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "book.json"
    with Repository.open(path, today=TODAY) as repo:
        assert repo.meta["schema_version"] == 3
    assert on_disk(path)["meta"]["1"]["created_on"] == "2026-11-27"
    assert path.stat().st_mode & 0o777 == 0o600


def test_add_update_delete_are_saved_at_once(repo: Repository, book_path: Path) -> None:
    client = repo.clients.add(Client(name="Acme", tier="key"))
    assert on_disk(book_path)["clients"][str(client.id)]["name"] == "Acme"
    repo.clients.update(client.evolve(name="Acme Ltd"))
    assert on_disk(book_path)["clients"][str(client.id)]["name"] == "Acme Ltd"
    repo.clients.delete(client.id)
    assert on_disk(book_path)["clients"] == {}


def test_new_records_get_random_ids_within_what_json_holds_exactly(repo: Repository) -> None:
    """Two copies of a book adding records must not pick the same ids: they are drawn at random
    from 1..2**53 (a double, so any JSON reader, holds them exactly), never the next integer."""
    added = repo.put_all([Client(name=f"C{n}") for n in range(50)], "Fifty clients")
    ids = [c.id for c in added]
    assert len(set(ids)) == 50
    assert all(1 <= i <= 2**53 for i in ids)
    assert sorted(ids) != list(range(ids[0], ids[0] + 50))  # not consecutive
    assert max(ids) > 2**40  # about 1 in 10**4 chance per id of being below: 50 ids, never all
    first = repo.clients.add(Client(name="A"))
    repo.clients.delete(first.id)
    assert repo.clients.add(Client(name="B")).id not in {first.id, *ids}


def test_records_added_out_of_id_order_are_written_in_id_order(repo: Repository, book_path: Path) -> None:
    """Ids are random, so a new record mostly goes into the middle of its table: the file keeps
    every table in id order (a stable diff under git), save after save."""
    for round_ in range(3):
        repo.put_all([Client(name=f"C{round_}-{n}") for n in range(20)], "Twenty clients")
        ids = [int(key) for key in on_disk(book_path)["clients"]]
        assert ids == sorted(ids) and len(ids) == 20 * (round_ + 1)
    repo.clients.add(Client(name="One more"))  # saved: the writer put the table in order...
    assert repo.snapshot().unordered == {}  # ... and the repository took that order back


def test_a_change_is_stamped_with_its_time_and_undo_restores_the_old_stamp(book_path: Path) -> None:
    times = iter([datetime(2026, 11, 27, 9, 0, tzinfo=UTC), datetime(2026, 11, 27, 10, 30, tzinfo=UTC)])
    with Repository.open(book_path, today=TODAY, clock=lambda: next(times)) as repo:
        client = repo.clients.add(Client(name="Acme"))
        assert client.changed_at == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
        assert on_disk(book_path)["clients"][str(client.id)]["changed_at"] == "2026-11-27T09:00:00Z"
        repo.clients.update(client)  # nothing changed: no new stamp (the clock is not even read)
        assert repo.clients.get(client.id) == client
        # The same record built again has no change time (the week's record, recomputed): the stored
        # one's stays. Before, it became None, and a merge took the record for one never changed.
        repo.clients.update(dataclasses.replace(client, changed_at=None))
        assert repo.clients.get(client.id) == client
        assert on_disk(book_path)["clients"][str(client.id)]["changed_at"] == "2026-11-27T09:00:00Z"
        renamed = repo.clients.update(client.evolve(name="Acme Ltd"))
        assert renamed.changed_at == datetime(2026, 11, 27, 10, 30, tzinfo=UTC)
        repo.undo()
        assert repo.clients.get(client.id) == client  # name and stamp as before: nothing changed since


def test_a_dangling_reference_is_refused_and_nothing_changes(repo: Repository, book_path: Path) -> None:
    before = book_path.read_bytes()
    with pytest.raises(ChangeRejected, match="refers to project 7, which does not exist"):
        repo.tasks.add(Task(title="Call", project_id=7))
    assert len(repo.tasks) == 0
    assert book_path.read_bytes() == before


def test_deleting_a_client_with_projects_is_refused_unless_cascaded(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    project = repo.projects.add(Project(client_id=client.id, title="Portal"))
    repo.tasks.add(Task(title="Kickoff", client_id=client.id, project_id=project.id))
    repo.activities.add(Activity(client_id=client.id, when="2026-11-27T10:00", summary="Called"))
    with pytest.raises(ChangeRejected, match="client 'Acme' has 1 project, 1 task, 1 activity"):
        repo.clients.delete(client.id)
    assert len(repo.projects) == 1
    repo.clients.delete(client.id, cascade=True)
    assert (len(repo.clients), len(repo.projects), len(repo.tasks), len(repo.activities)) == (0, 0, 0, 0)


def test_deleting_a_staff_member_hands_their_tasks_back(repo: Repository) -> None:
    member = repo.staff.add(StaffMember(name="Minh"))
    task = repo.tasks.add(Task(title="Draft", assignee_id=member.id, follow_up=date(2026, 12, 1)))
    repo.staff.delete(member.id)
    back = repo.tasks.get(task.id)
    assert back is not None
    assert (back.assignee_id, back.follow_up) == (None, None)


def test_a_multi_record_change_is_one_write_and_one_undo(repo: Repository, book_path: Path) -> None:
    client = repo.clients.add(Client(name="Acme"))
    writes = repo.saved_generation
    with repo.change("Add project with tasks") as tx:
        project = tx.put(Project(client_id=client.id, title="Portal"))
        tx.put(Task(title="One", project_id=project.id, client_id=client.id))
        tx.put(Task(title="Two", project_id=project.id, client_id=client.id))
    assert repo.saved_generation == writes + 1
    assert len(on_disk(book_path)["tasks"]) == 2
    assert repo.undo() == "Add project with tasks"
    assert (len(repo.projects), len(repo.tasks)) == (0, 0)
    assert on_disk(book_path)["tasks"] == {}


def test_a_failing_change_leaves_everything_as_it_was(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    with pytest.raises(ChangeRejected), repo.change("Bad") as tx:
        tx.put(client.evolve(name="Renamed"))
        tx.put(Task(title="T", project_id=99))
    assert repo.clients.get(client.id) == client
    assert len(repo.tasks) == 0
    with pytest.raises(ValidationError), repo.change("Bad too") as tx:
        tx.put(client.evolve(name="Renamed"))
        tx.put(client.evolve(name=""))
    assert repo.clients.get(client.id) == client


def test_undo_has_several_levels_and_restores_deleted_records(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme"))
    repo.clients.update(client.evolve(name="Acme 2"))
    project = repo.projects.add(Project(client_id=client.id, title="P", stage=Stage.PROSPECT))
    repo.clients.delete(client.id, cascade=True)
    assert repo.undo() == "Delete client"
    assert repo.projects.get(project.id) == project
    assert repo.undo() == "Add project"
    assert repo.undo() == "Edit client"
    assert repo.clients.get(client.id) == client
    assert repo.undo() == "Add client"
    assert repo.undo() is None


def test_book_settings_override_key_by_key_and_undo(repo: Repository, book_path: Path) -> None:
    repo.set_settings({"stages": {"attention_hours": {"kickoff": 8}}})
    assert repo.settings.stages.attention_hours[Stage.KICKOFF] == 8
    assert repo.settings.stages.attention_hours[Stage.DELIVERY] == 1.5
    assert on_disk(book_path)["settings"]["1"] == {"stages": {"attention_hours": {"kickoff": 8}}}
    with pytest.raises(ChangeRejected, match="capacity.hours_per_day: must be at most 24"):
        repo.set_settings({"capacity": {"hours_per_day": 30}})
    repo.undo()
    assert repo.settings.stages.attention_hours[Stage.KICKOFF] == 3


def test_a_reopened_book_is_the_same_book(repo: Repository, book_path: Path) -> None:
    client = repo.clients.add(Client(name="Acme", tags=("vip",), notes="two\nlines"))
    repo.projects.add(Project(client_id=client.id, title="[b]Portal[/b]", value=1234.5))
    repo.close()
    with Repository.open(book_path) as again:
        assert again.book.clients == repo.book.clients
        assert again.book.projects == repo.book.projects


def test_the_previous_file_is_backed_up_before_a_sessions_first_write(book_path: Path) -> None:
    for session in range(5):
        with Repository.open(book_path) as repo:
            repo.clients.add(Client(name=f"Session {session}"))
            repo.clients.add(Client(name=f"Session {session} again"))
    backups = sorted(p.name for p in book_path.parent.glob("book.json.*.bak"))
    assert backups == ["book.json.1.bak", "book.json.2.bak", "book.json.3.bak"]
    newest = on_disk(book_path.with_name("book.json.1.bak"))
    assert len(newest["clients"]) == 8  # the book as session 4 found it
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in book_path.parent.glob("book.json*"))


def test_a_change_made_on_disk_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    repo = Repository.open(path, autosave=False)
    repo.clients.add(Client(name="Mine"))
    repo.save()
    other = path.read_bytes().replace(b'"Mine"', b'"Theirs"')
    path.write_bytes(other)
    os.utime(path, ns=(1, 1))
    repo.clients.add(Client(name="Second"))
    with pytest.raises(BookChangedOnDisk, match="changed by another program"):
        repo.save()
    assert path.read_bytes() == other
    assert repo.reload_needed()
    repo.save(force=True)
    assert b"Second" in path.read_bytes()
    repo.close()


def test_the_last_save_of_a_session_merges_an_outside_change_or_keeps_a_broken_file_aside(tmp_path: Path) -> None:
    """What quit and SIGTERM run: nothing in memory is left unsaved, nothing on disk is lost."""
    path = tmp_path / "book.json"
    repo = Repository.open(path, autosave=False, today=TODAY)
    repo.clients.add(Client(name="Here"))
    repo.save()
    path.with_name("copy.json").write_bytes(path.read_bytes())
    with Repository.open(path.with_name("copy.json"), today=TODAY) as elsewhere:
        elsewhere.clients.add(Client(name="Elsewhere"))
    path.with_name("copy.json").replace(path)
    repo.clients.add(Client(name="Unsaved"))
    repo.save_merging()
    assert sorted(c["name"] for c in on_disk(path)["clients"].values()) == ["Elsewhere", "Here", "Unsaved"]

    broken = b'{"clients": {'
    path.write_bytes(broken)
    with pytest.raises(BookChangedOnDisk, match="cannot be merged"):
        repo.save_merging()
    assert path.read_bytes() == broken
    repo.save_merging(take_over=True)  # nothing changed here since the last save: written all the same
    assert sorted(c["name"] for c in on_disk(path)["clients"].values()) == ["Elsewhere", "Here", "Unsaved"]
    assert path.with_name("book.json.outside.bak").read_bytes() == broken
    repo.close()


def test_read_only_refuses_changes_and_takes_no_lock(repo: Repository, book_path: Path) -> None:
    repo.clients.add(Client(name="Acme"))
    with Repository.open(book_path, read_only=True) as viewer:
        assert [c.name for c in viewer.clients.all()] == ["Acme"]
        with pytest.raises(ReadOnlyBook):
            viewer.clients.add(Client(name="Nope"))


def test_snapshots_written_out_of_order_never_go_back_in_time(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path / "book.json", autosave=False)
    repo.clients.add(Client(name="A"))
    old = repo.snapshot()
    repo.clients.add(Client(name="B"))
    new = repo.snapshot()
    assert repo.write(new) is True
    assert repo.write(old) is False
    assert len(on_disk(tmp_path / "book.json")["clients"]) == 2
    repo.close()
