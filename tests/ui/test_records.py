"""Adding, editing, deleting and undoing every kind of record with the keyboard, checked in the file."""

from __future__ import annotations

from pathlib import Path

from acct_tui.domain.planner import Delegate, MoveDue
from acct_tui.domain.records import Task
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.main import MainScreen
from tests.ui.conftest import find, running, same_content, trimmed


async def test_client_add_edit_delete_and_undo_three_levels(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        assert ui.focused_id == "client-list"

        await ui.press("n")
        assert ui.focused_id == "field-name"
        await ui.type("Acme")
        await ui.choose("tier", "key")
        await ui.fill("contract_value", "12 000")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        client_id, acme = find(ui.book(), "clients", name="Acme")
        assert client_id not in before["clients"]
        assert (acme["tier"], acme["status"], acme["contract_value"]) == ("key", "active", 12000.0)
        assert (acme["currency"], acme["created_on"]) == ("EUR", "2026-11-27")
        assert any(line.startswith("   Acme ") for line in ui.lines("#client-list"))

        await ui.to_client("Acme")
        await ui.press("e")
        await ui.fill("name", "Acme Ltd")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["clients"][client_id]["name"] == "Acme Ltd"
        assert ui.book()["clients"][client_id]["tier"] == "key"

        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        await ui.settle()
        assert client_id not in ui.book()["clients"]
        assert "Acme" not in ui.text("#client-list")

        await ui.press("u")
        await ui.settle()
        assert ui.book()["clients"][client_id]["name"] == "Acme Ltd"
        await ui.press("u")
        await ui.settle()
        assert ui.book()["clients"][client_id]["name"] == "Acme"
        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_deleting_a_client_asks_first_and_takes_its_records_undo_brings_them_back(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        raw = ui.path.read_bytes()
        before = ui.book()
        apex_id, _ = find(before, "clients", name="Apex Cloud Systems")
        owned = {
            table: {rid for rid, rec in before[table].items() if rec.get("client_id") == apex_id}
            for table in ("projects", "contacts", "activities")
        }
        assert all(owned.values()), "the demo's Apex Cloud Systems should own projects, contacts and activities"
        assert ui.client_name() == "Apex Cloud Systems"

        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        question = ui.text(".dialog-text")
        assert "Delete client Apex Cloud Systems?" in question
        assert "also deletes" in question
        await ui.press("n")  # Keep
        await ui.settle()
        assert isinstance(ui.screen, MainScreen)
        assert ui.path.read_bytes() == raw

        await ui.press("d")
        await ui.press("y")
        await ui.settle()
        after = ui.book()
        assert apex_id not in after["clients"]
        for table, ids in owned.items():
            assert not ids & set(after[table]), f"{table} of the deleted client are still in the file"
        assert any("Deleted client Apex Cloud Systems" in n for n in ui.notifications())

        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_project_add_edit_delete_and_undo_on_the_board(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        vina_id, _ = find(before, "clients", name="Vina Textiles")
        await ui.press("2")
        assert ui.focused_id == "stage-board"

        await ui.press("n")
        assert ui.focused_id == "field-title", "the title is what the user types first"
        await ui.choose("client_id", "Vina")
        await ui.fill("title", "Dyes")
        await ui.fill("value", "5000")
        await ui.press("ctrl+s")
        await ui.settle()
        project_id, dyes = find(ui.book(), "projects", title="Dyes")
        assert (dyes["client_id"], dyes["value"], dyes["stage"]) == (vina_id, 5000.0, "prospect")
        assert dyes["stage_history"] == [{"stage": "prospect", "entered": "2026-11-27"}]
        assert "Dyes" in ui.text("#stage-board")

        await ui.move_until(lambda: ui.card_title() == "Dyes")
        await ui.press("e")
        await ui.fill("title", "Dyes two")
        await ui.choose("stage", "neg")
        await ui.press("ctrl+s")
        await ui.settle()
        edited = ui.book()["projects"][project_id]
        assert (edited["title"], edited["stage"]) == ("Dyes two", "negotiation")
        assert edited["stage_history"] == [
            {"stage": "prospect", "entered": "2026-11-27"},
            {"stage": "negotiation", "entered": "2026-11-27"},
        ]
        assert ui.card_title() == "Dyes two", "the cursor should stay on the edited card"

        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        await ui.settle()
        assert project_id not in ui.book()["projects"]

        await ui.press("u")
        await ui.settle()
        assert ui.book()["projects"][project_id]["title"] == "Dyes two"
        await ui.press("u")
        await ui.settle()
        assert ui.book()["projects"][project_id]["title"] == "Dyes"
        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_task_add_edit_done_delete_and_undo_in_today(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        await ui.press("3")
        assert ui.focused_id == "today-list"

        await ui.press("n")
        assert ui.focused_id == "field-title"
        await ui.type("Fax")
        await ui.fill("due", "today")
        await ui.fill("estimate_hours", "0.5")
        await ui.press("ctrl+s")
        await ui.settle()
        task_id, fax = find(ui.book(), "tasks", title="Fax")
        assert (fax["due"], fax["estimate_hours"], fax["status"]) == ("2026-11-27", 0.5, "open")
        assert (fax["client_id"], fax["assignee_id"], fax["created_on"]) == (None, None, "2026-11-27")

        await ui.to_task("Fax")
        await ui.press("e")
        await ui.fill("title", "Fax it")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["tasks"][task_id]["title"] == "Fax it"

        await ui.to_task("Fax it")
        await ui.press("x")
        await ui.settle()
        done = ui.book()["tasks"][task_id]
        assert (done["status"], done["done_on"]) == ("done", "2026-11-27")
        assert any("✓" in line and "Fax it" in line for line in ui.lines("#today-list"))

        await ui.to_task("Fax it")
        await ui.press("x")
        await ui.settle()
        reopened = ui.book()["tasks"][task_id]
        assert (reopened["status"], reopened["done_on"]) == ("open", None)

        await ui.to_task("Fax it")
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        await ui.settle()
        assert task_id not in ui.book()["tasks"]

        for status, title in [("open", "Fax it"), ("done", "Fax it")]:
            await ui.press("u")
            await ui.settle()
            task = ui.book()["tasks"][task_id]
            assert (task["status"], task["title"]) == (status, title)
        await ui.keys("u", "u")  # the reopening, then the edit
        await ui.settle()
        task = ui.book()["tasks"][task_id]
        assert (task["status"], task["title"]) == ("open", "Fax")
        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_s_accepts_the_suggestion_for_a_task_that_does_not_fit(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        await ui.press("3")
        assert ui.today.current is not None and ui.today.current.kind == "plan"
        await ui.press("s")  # a planned task has no suggestion: nothing changes
        await ui.settle()
        assert ui.book() == before

        await ui.cursor_to("#today-list", lambda row: row.kind == "overflow")
        row = ui.today.current
        assert row is not None and row.suggestion is not None
        task_id, task = row.task_id, before["tasks"][row.task_id]
        assert " ".join(ui.text("#today-why").split()) == f"↷ {row.suggestion.text}"
        await ui.press("s")
        await ui.settle()
        after = ui.book()["tasks"][task_id]
        if isinstance(row.suggestion, Delegate):
            assert before["staff"][row.suggestion.staff_id]["name"] == row.suggestion.staff_name
            assert row.suggestion.text.startswith(f"Delegate to {row.suggestion.staff_name}")
            assert (after["assignee_id"], after["follow_up"]) == (row.suggestion.staff_id, "2026-11-30")
            assert after["due"] == task["due"]
        else:
            assert isinstance(row.suggestion, MoveDue)
            assert after["due"] == row.suggestion.due.isoformat() > "2026-11-27"
            assert after["assignee_id"] == task["assignee_id"]
        assert not any(row.title in line for line in ui.lines("#today-list")), "it no longer weighs on today"

        await ui.press("u")
        await ui.settle()
        assert trimmed(ui.book()["tasks"][task_id]) == trimmed(task)


async def test_staff_member_and_event_from_workload(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        await ui.press("4")
        assert ui.focused_id == "workload-view"

        await ui.press("n")
        assert ui.focused_id == "field-name"
        await ui.type("Mai")
        await ui.fill("weekly_capacity", "20")
        await ui.press("ctrl+s")
        await ui.settle()
        staff_id, mai = find(ui.book(), "staff", name="Mai")
        assert (mai["weekly_capacity"], mai["active"]) == (20.0, True)
        assert "Mai 0h/4h" in ui.text("#workload-view")  # Friday: 20 h a week, one working day of it left

        await ui.press("v")
        assert ui.focused_id == "field-title"
        await ui.type("Expo")
        await ui.choose("kind", "exh")
        await ui.fill("start", "+3d")
        await ui.fill("end", "tue")
        await ui.fill("hours", "6")
        await ui.press("ctrl+s")
        await ui.settle()
        event_id, expo = find(ui.book(), "events", title="Expo")
        assert (expo["kind"], expo["start"], expo["end"], expo["hours"]) == (
            "exhibition",
            "2026-11-30",
            "2026-12-01",
            6.0,
        )

        await ui.press("u")
        await ui.settle()
        assert event_id not in ui.book()["events"]
        assert staff_id in ui.book()["staff"]
        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)


async def test_activity_from_the_clients_pane(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        apex_id, _ = find(before, "clients", name="Apex Cloud Systems")
        assert ui.client_name() == "Apex Cloud Systems"
        await ui.press("a")
        assert ui.focused_id == "field-summary"
        await ui.type("Rang")
        await ui.fill("minutes", "20")
        await ui.press("ctrl+s")
        await ui.settle()
        activity_id, rang = find(ui.book(), "activities", summary="Rang")
        assert (rang["client_id"], rang["kind"], rang["minutes"]) == (apex_id, "call", 20)
        assert rang["when"].startswith("2026-11-27T14:30")
        apex_line = next(line for line in ui.lines("#client-list") if "Apex Cloud Systems" in line)
        assert "today" in apex_line, "the last touch should now be today"

        await ui.press("u")
        await ui.settle()
        assert activity_id not in ui.book()["activities"]
        assert same_content(ui.book()) == same_content(before)


async def test_activity_and_contact_from_the_client_detail(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        apex_id, _ = find(before, "clients", name="Apex Cloud Systems")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        assert ui.screen.client_id == apex_id

        await ui.press("a")
        assert ui.focused_id == "field-summary"
        await ui.type("Met")
        await ui.press("ctrl+s")
        await ui.settle()
        assert isinstance(ui.screen, ClientDetailScreen)
        activity_id, met = find(ui.book(), "activities", summary="Met")
        assert (met["client_id"], met["when"][:16]) == (apex_id, "2026-11-27T14:30")
        assert "Met" in ui.lines("#timeline RecordList")[0], "the newest activity comes first"

        await ui.press("c")
        assert ui.focused_id == "field-name"
        await ui.type("Bob")
        await ui.fill("email", "bob@apex.example")
        await ui.press("ctrl+s")
        await ui.settle()
        contact_id, bob = find(ui.book(), "contacts", name="Bob")
        assert (bob["client_id"], bob["email"]) == (apex_id, "bob@apex.example")
        assert "Bob" in ui.text("#contacts RecordList")

        contacts = ui.screen.query_one("#contacts RecordList")
        await ui.move_until(lambda: ui.app.focused is contacts, "shift+tab", limit=6)
        await ui.cursor_to("#contacts RecordList", lambda contact: contact.name == "Bob")
        await ui.press("e")
        await ui.fill("name", "Bobby")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["contacts"][contact_id]["name"] == "Bobby"

        await ui.cursor_to("#contacts RecordList", lambda contact: contact.name == "Bobby")
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        await ui.settle()
        assert contact_id not in ui.book()["contacts"]

        await ui.keys("u", "u", "u", "u")  # the delete, the edit, the contact, the activity
        await ui.settle()
        assert activity_id not in ui.book()["activities"]
        assert same_content(ui.book()) == same_content(before)

        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)


async def test_a_task_done_then_reopened_keeps_one_true_timeline(demo_path: Path) -> None:
    """x marks a task done and notes it on its client's timeline; x again (reopened) takes the note
    back, so x, x, x leaves one "Done:" entry. Before: the reopened task kept its entry, and done
    again added a second one (two entries, the task's time counted twice)."""
    from acct_tui.domain.records import Task
    from acct_tui.store.repository import Repository
    from tests.conftest import TODAY

    with Repository.open(demo_path, today=TODAY) as repo:
        client = next(c for c in repo.clients.all() if c.name == "Nordlicht Maschinenbau")
        task = repo.tasks.add(Task(title="Call Nordlicht back", client_id=client.id, due=TODAY, estimate_hours=0.5))

    def done_entries() -> list[str]:
        activities = ui.book()["activities"].values()
        return [a["summary"] for a in activities if a["task_id"] == task.id and a["kind"] == "task_done"]

    async with running(demo_path) as ui:
        await ui.press("3")
        for pressed, status, entries in [
            (1, "done", ["Done: Call Nordlicht back"]),
            (2, "open", []),
            (3, "done", ["Done: Call Nordlicht back"]),
        ]:
            await ui.to_task("Call Nordlicht back")
            await ui.press("x")
            await ui.settle()
            assert (ui.book()["tasks"][task.id]["status"], done_entries()) == (status, entries), pressed
        await ui.press("u")  # the last done undone: open, no entry
        await ui.settle()
        assert (ui.book()["tasks"][task.id]["status"], done_entries()) == ("open", [])
        await ui.press("u")  # the reopening undone: done, its entry back
        await ui.settle()
        assert (ui.book()["tasks"][task.id]["status"], done_entries()) == ("done", ["Done: Call Nordlicht back"])


async def test_after_an_undo_the_cursor_is_on_what_came_back(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        # Today: x moves the task to "Done today", u brings it back to the plan; the next x is
        # about the same task, not the one that took its place under the cursor.
        await ui.press("3")
        first = ui.task_title()
        assert first is not None
        await ui.press("x")
        await ui.settle()
        assert ui.task_title() == first, "x keeps the cursor on the task it marked done"
        await ui.press("u")
        await ui.settle()
        assert ui.task_title() == first
        await ui.press("x")
        await ui.settle()
        assert find(ui.book(), "tasks", title=first)[1]["status"] == "done"
        await ui.press("u")
        await ui.settle()

        # All tasks hides done ones: x takes the task out of the list, u puts it and the cursor back.
        await ui.press("T")
        listed = ui.screen.current_record(Task)
        assert listed is not None
        await ui.press("x")
        await ui.settle()
        assert ui.screen.current_record(Task) != listed
        await ui.press("u")
        await ui.settle()
        assert ui.screen.current_record(Task) == listed
        await ui.press("escape")

        # A client deleted and brought back is the one under the Clients cursor again.
        await ui.press("1")
        await ui.press("down", "down")
        chosen = ui.client_name()
        await ui.press("d", "y")
        await ui.settle()
        assert ui.client_name() != chosen
        await ui.press("u")
        await ui.settle()
        assert ui.client_name() == chosen
