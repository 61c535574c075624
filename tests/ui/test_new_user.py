"""What a new user hit (issue 13), on the screen: each point as the user met it, with the keyboard.

Books are built small for each test (through the repository, as the planner would write them),
on Friday 27 November 2026 at 14:30. The rules behind the screens have their own unit tests
(tests/domain/test_rules.py, test_money.py, tests/exchange/test_report.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Select

from acct_tui.domain.enums import ClientStatus, Stage, TaskStatus
from acct_tui.domain.records import Client, Competitor, Event, Project, StaffMember, StageEntry, Task
from acct_tui.store import repository
from acct_tui.store.repository import Repository
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.prospects import ProspectsScreen
from acct_tui.ui.widgets.key_bar import KeyBar
from tests.conftest import TODAY, next_free_id
from tests.ui.conftest import Ui, find, lines_of, running

DONE_TODAY = {"status": TaskStatus.DONE, "done_on": TODAY}


def book(path: Path, build: Callable[[Repository], None]) -> Path:
    with pytest.MonkeyPatch.context() as ids, Repository.open(path, today=TODAY) as repo:
        ids.setattr(repository, "new_id", next_free_id)  # records 1, 2, 3... of each table, as built
        build(repo)
    return path


def history(*stages: Stage) -> tuple[StageEntry, ...]:
    return tuple(StageEntry(stage=stage, entered=date(2026, 11, 2 + n)) for n, stage in enumerate(stages))


def two_clients(repo: Repository) -> None:
    """Acme (EUR) with a 50,000 Kickoff project, Yankee Co (USD) with a 120,000 deal in Negotiation."""
    acme = repo.clients.add(Client(name="Acme", created_on=TODAY))
    yankee = repo.clients.add(Client(name="Yankee Co", currency="USD", created_on=TODAY))
    repo.projects.add(
        Project(
            client_id=acme.id, title="Portal", value=50_000, stage=Stage.KICKOFF, stage_history=history(Stage.KICKOFF)
        )
    )
    repo.projects.add(
        Project(
            client_id=yankee.id,
            title="Dashboards",
            value=120_000,
            stage=Stage.NEGOTIATION,
            stage_history=history(Stage.PROSPECT, Stage.NEGOTIATION),
        )
    )
    repo.tasks.add(Task(title="Acme's call", client_id=acme.id, due=date(2026, 11, 23), **DONE_TODAY))
    repo.tasks.add(Task(title="Yankee's call", client_id=yankee.id, **DONE_TODAY))
    repo.tasks.add(Task(title="Send the offer", client_id=yankee.id, due=date(2026, 11, 23), estimate_hours=1))


def text(ui: Ui, selector: str) -> str:
    return " ".join(" ".join(ui.lines(selector)).split())


# --- 1. money in other currencies ------------------------------------------------------------


async def test_a_dollar_deal_shows_in_dollars_and_the_board_total_keeps_currencies_apart(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("2")
        board = text(ui, "#stage-board")
        assert "Yankee Co $120k" in board and "Acme €50k" in board
        assert "2 projects, €50k + $120k open" in text(ui, "#board .pane-heading")


# --- 3. narrowing to a client ----------------------------------------------------------------


async def test_narrowing_to_a_client_leaves_only_its_done_tasks_in_today(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        assert "Acme's call" in text(ui, "#today-list") and "Yankee's call" in text(ui, "#today-list")
        await ui.to_client("Acme")
        await ui.press("space")
        await ui.settle()
        today = text(ui, "#today-list")
        assert "Acme's call" in today and "Yankee's call" not in today


# --- 4. the playbook line and undo -----------------------------------------------------------


async def test_undoing_a_move_takes_its_playbook_line_away(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Dashboards", "right")
        await ui.press("greater_than_sign")
        assert "Kickoff playbook: p adds its 4 tasks" in text(ui, "#board-note")
        await ui.press("u")
        assert text(ui, "#board-note") == ""
        await ui.settle()
        assert ui.book()["projects"][2]["stage"] == "negotiation"


async def test_undoing_a_form_edit_that_moved_the_stage_names_both_and_takes_both_back(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Dashboards", "right")
        await ui.press("e")
        await ui.fill("value", "150000")
        await ui.choose("stage", "Kickoff")
        await ui.press("ctrl+s")
        await ui.settle()
        assert (ui.book()["projects"][2]["stage"], ui.book()["projects"][2]["value"]) == ("kickoff", 150_000)
        await ui.press("u")
        await ui.settle()
        # "Move project to Kickoff" would hide that the value goes back to 120,000 as well.
        assert "Undone: Edit project, moved to Kickoff" in ui.notifications()
        assert (ui.book()["projects"][2]["stage"], ui.book()["projects"][2]["value"]) == ("negotiation", 120_000)


async def test_moving_the_last_card_of_a_column_keeps_its_playbook_line(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", lead)) as ui:
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Small pilot", "left")
        await ui.press("greater_than_sign")  # Prospect is left empty: the cursor must not pass through it
        await ui.settle()
        assert ui.card_title() == "Small pilot"
        assert "Negotiation playbook: p adds its" in text(ui, "#board-note")


# --- 5. a lost deal --------------------------------------------------------------------------


def lead(repo: Repository) -> None:
    """A prospect client with two deals: one to lose (two open tasks, one done), one to win."""
    client = repo.clients.add(Client(name="Lead Co", status=ClientStatus.PROSPECT, created_on=TODAY))
    lose = repo.projects.add(
        Project(
            client_id=client.id,
            title="Big bid",
            value=9_000,
            stage=Stage.NEGOTIATION,
            stage_history=history(Stage.NEGOTIATION),
        )
    )
    repo.projects.add(
        Project(
            client_id=client.id,
            title="Small pilot",
            value=3_000,
            stage=Stage.PROSPECT,
            stage_history=history(Stage.PROSPECT),
        )
    )
    for title in ("Send the bid", "Call the CFO"):
        repo.tasks.add(Task(title=title, client_id=client.id, project_id=lose.id, due=TODAY))
    repo.tasks.add(Task(title="Kick-off call", client_id=client.id, project_id=lose.id, **DONE_TODAY))


async def test_a_lost_deal_drops_its_open_tasks_and_shows_its_reason(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", lead)) as ui:
        await ui.press("P")
        assert isinstance(ui.screen, ProspectsScreen)
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.title == "Big bid")
        await ui.press("L")
        assert text(ui, "#row-tasks .field-label") == "Its 2 open tasks"
        await ui.type("Price")
        await ui.press("ctrl+s")
        await ui.settle()
        on_disk = ui.book()
        assert on_disk["projects"][1]["lost_reason"] == "Price"
        assert sorted(t["title"] for t in on_disk["tasks"].values()) == ["Kick-off call"]  # the done one stays
        assert "€9k Big bid Lead Co lost: Price" in text(ui, "#list-rows")
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.title == "Big bid")
        await ui.press("W")  # a lost deal is listed for its reason, not to be won by a slip of the key
        await ui.settle()
        assert ui.book()["projects"][1]["stage"] == "lost"

        # Winning the other deal makes the prospect an active client.
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.title == "Small pilot")
        await ui.press("W")
        await ui.settle()
        assert ui.book()["clients"][1]["status"] == "active"

        await ui.press("escape")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        assert "Big bid €9k lost: Price" in text(ui, "#projects RecordList")


# --- 6. done tasks, `s`, and an empty filter -------------------------------------------------


async def test_the_edit_form_asks_a_lost_deal_what_l_asks_and_notes_every_move(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", lead)) as ui:
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Big bid", "right")
        await ui.press("e")
        # While the stage is Negotiation, the form asks nothing about losing the deal.
        assert not ui.form.query_one("#row-lost_reason").display
        assert not ui.form.query_one("#row-tasks").display
        await ui.choose("stage", "Lost")
        assert ui.form.query_one("#row-lost_reason").display
        assert text(ui, "#row-tasks .field-label") == "Its 2 open tasks"
        raw = ui.path.read_bytes()
        await ui.press("ctrl+s")
        assert text(ui, "#error-lost_reason") == "say why it was lost: what did the client say no to?"
        await ui.settle()
        assert ui.path.read_bytes() == raw, "nothing written without a reason"
        await ui.fill("lost_reason", "Timing")
        await ui.choose("tasks", "close")
        await ui.press("ctrl+s")
        await ui.settle()
        on_disk = ui.book()
        deal = on_disk["projects"][1]
        assert (deal["stage"], deal["lost_reason"]) == ("lost", "Timing")
        # The two open tasks are closed (marked done today), as `L` with "close them" does.
        assert sorted((t["title"], t["status"]) for t in on_disk["tasks"].values()) == [
            ("Call the CFO", "done"),
            ("Kick-off call", "done"),
            ("Send the bid", "done"),
        ]
        [moved] = [a for a in on_disk["activities"].values() if a["kind"] == "stage_move"]
        assert moved["summary"] == "Big bid: moved from Negotiation to Lost"

        # A move back through the form is on the client's timeline too, and asks nothing of tasks.
        await ui.press("P")
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.title == "Big bid")
        await ui.press("e")
        assert not ui.form.query("#row-tasks"), "a lost deal's tasks were settled when it was lost"
        await ui.choose("stage", "Negotiation")
        assert not ui.form.query_one("#row-lost_reason").display
        await ui.press("ctrl+s")
        await ui.settle()
        summaries = sorted(a["summary"] for a in ui.book()["activities"].values() if a["kind"] == "stage_move")
        assert summaries == ["Big bid: moved from Lost to Negotiation", "Big bid: moved from Negotiation to Lost"]
        assert ui.book()["projects"][1]["stage"] == "negotiation"

        # Won through the form, the board offers the stage's playbook as a move with `>` does.
        await ui.press("escape")
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Small pilot", "left")
        await ui.press("e")
        await ui.choose("stage", "Kickoff")
        await ui.press("ctrl+s")
        assert "Kickoff playbook: p adds its 4 tasks" in text(ui, "#board-note")


async def test_a_task_marked_done_in_its_form_goes_on_the_timeline_as_x_does(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", lead)) as ui:
        await ui.press("3")
        await ui.move_until(lambda: ui.task_title() == "Send the bid")
        await ui.press("e")
        await ui.choose("status", "done")
        await ui.press("ctrl+s")
        await ui.settle()
        on_disk = ui.book()
        [task_id] = [i for i, t in on_disk["tasks"].items() if t["title"] == "Send the bid"]
        assert (on_disk["tasks"][task_id]["status"], on_disk["tasks"][task_id]["done_on"]) == ("done", "2026-11-27")
        [entry] = [a for a in on_disk["activities"].values() if a["task_id"] == task_id]
        assert (entry["kind"], entry["summary"], entry["minutes"]) == ("task_done", "Done: Send the bid", 60)

        # Open again through the form: the entry goes, as it does when `x` reopens a task.
        await ui.move_until(lambda: ui.task_title() == "Send the bid")  # under "Done today"
        await ui.press("e")
        await ui.choose("status", "open")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["tasks"][task_id]["status"] == "open"
        assert not [a for a in ui.book()["activities"].values() if a["task_id"] == task_id]


async def test_done_tasks_say_done_s_says_why_and_a_filter_says_it_hides_everything(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("3")
        acme = next(line for line in ui.lines("#today-list") if "Acme's call" in line)
        assert "late" not in acme and "done" in acme  # due Monday, done today
        await ui.to_task("Send the offer")
        await ui.press("x")
        assert "late" not in next(line for line in ui.lines("#today-list") if "Send the offer" in line)
        await ui.press("x")  # open again, in the plan
        await ui.settle()
        await ui.to_task("Send the offer")
        await ui.press("s")
        assert any(n.startswith("No suggestion for Send the offer") for n in ui.notifications()), ui.notifications()
        await ui.press("slash")
        await ui.type("zzz")
        assert text(ui, "#today-list") == "No task matches 'zzz': Esc clears the filter."


# --- 7. text cut off so it cannot be read --------------------------------------------------------


async def test_the_workload_hint_and_the_playbook_line_fit_at_160_and_80_columns(tmp_path: Path) -> None:
    for size in ((160, 48), (80, 24)):
        async with running(book(tmp_path / f"b{size[0]}.json", two_clients), size=size) as ui:
            await ui.press("4")
            assert "c weekly self-check" in text(ui, "#workload-view")
            await ui.press("2")
            await ui.move_until(lambda: ui.card_title() == "Dashboards", "right")
            await ui.press("greater_than_sign")
            note = text(ui, "#board-note")
            assert "Agree each plan item, Kickoff report)." in note and "…" not in note, size


async def test_form_hints_check_boxes_and_choice_lists_read_in_full(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients), size=(80, 24)) as ui:
        await ui.press("a")
        assert text(ui, "#hint-when") == "Fri 27 Nov 2026, 14:30"
        await ui.tab_to("kind")
        await ui.press("space")
        overlay = ui.form.query_one("#field-kind SelectOverlay")
        assert overlay.region.bottom <= ui.form.query_one(".form").region.bottom - 1, "drawn over the border"
        await ui.press("escape", "escape", "escape")
        await ui.press("enter")  # the client's detail, then a new contact
        await ui.press("c")
        flag = ui.form.query_one("#field-primary")
        assert lines_of(flag)[0].strip() == "[ ]"
        await ui.tab_to("primary")
        await ui.press("space")
        assert lines_of(flag)[0].strip() == "[x]"


async def test_every_form_field_shows_its_whole_example_at_80_columns(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients), size=(80, 24)) as ui:
        forms = ui.main.planner.forms
        member = StaffMember(id=1, name="Mai")
        for form in (forms.client(), forms.contact(), forms.project(), forms.task(), forms.discount()):
            await check_placeholders(ui, form)
        for form in (forms.competitor(), forms.staff(), forms.leave(member), forms.activity(), forms.event()):
            await check_placeholders(ui, form)


async def check_placeholders(ui: Ui, form: FormScreen) -> None:
    await ui.app.push_screen(form)
    await ui.pilot.pause()
    for field in form.query(Input):
        assert len(field.placeholder) <= field.content_region.width, f"{form.form_title}: {field.placeholder!r} is cut"
    form.dismiss(None)
    await ui.pilot.pause()


async def test_the_footer_keeps_help_at_80_columns(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients), size=(80, 24)) as ui:
        line = ui.main.query_one(KeyBar).render().plain
        assert len(line) == 80
        keys, palette = line.split("▏")
        assert palette == "^p palette "
        assert all(key in keys for key in (" q Quit ", " ? Help ", " u Undo ")), line


async def test_workload_offers_no_filter_it_cannot_do(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients), size=(160, 48)) as ui:
        await ui.press("3")
        assert " / Filter " in ui.main.query_one(KeyBar).render().plain, "Today's rows can be filtered"
        await ui.press("4")
        footer = ui.main.query_one(KeyBar).render().plain
        assert "Filter" not in footer, footer
        await ui.press("slash")
        assert not [bar for bar in ui.main.query(".filter-bar") if bar.display], "no filter bar opens"


def one_of_each(repo: Repository) -> None:
    client = repo.clients.add(Client(name="Acme", renewal_date=date(2027, 1, 15), created_on=TODAY))
    repo.put_all([Competitor(client_id=client.id, name="Rival")], "Add competitor")
    repo.events.add(Event(title="Expo", start=date(2026, 12, 3), end=date(2026, 12, 3)))


async def test_one_of_a_kind_is_said_in_the_singular(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", one_of_each)) as ui:
        for key, said in (
            ("R", "1 renewal in six months · 1 needs a mark"),
            ("K", "1 competitor"),
            ("V", "1 event coming up, 8h of working days"),
        ):
            await ui.press(key)
            assert text(ui, "#list-summary").startswith(said), text(ui, "#list-summary")
            await ui.press("escape")


# --- 9. type-ahead and paste -----------------------------------------------------------------


def values(ui: Ui, *fields: str) -> tuple[object, ...]:
    form = ui.form
    return tuple(
        form.query_one(f"#field-{name}", Input).value
        if isinstance(form.query_one(f"#field-{name}"), Input)
        else form.query_one(f"#field-{name}").value  # type: ignore[attr-defined]
        for name in fields
    )


async def test_a_burst_of_typing_reaches_the_fields_in_the_order_typed(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("4", "n")  # a new staff member: Name, then Role
        typed = "Minh Tran\tAccount executive"
        await ui.keys(*("tab" if c == "\t" else "space" if c == " " else c for c in typed), chars=typed)
        assert values(ui, "name", "role") == ("Minh Tran", "Account executive")
        await ui.press("escape", "2", "n")
        await ui.pilot.press(*"Warehouse", "tab", *"25000")  # pilot.press of many keys at once
        assert values(ui, "title", "value") == ("Warehouse", "25000")


async def test_keys_typed_with_the_key_that_opens_the_form_reach_its_fields(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("3")  # Today: n is a new task; the title typed in the same burst as the n
        await ui.keys("n", *"Call", "space", *"Acme", chars="nCall Acme")
        assert values(ui, "title") == ("Call Acme",)
        await ui.press("escape", "4")  # Workload: n is a new staff member: Name, tab, Role
        typed = "Minh Tran\tAccount executive"
        keys = ("tab" if c == "\t" else "space" if c == " " else c for c in typed)
        await ui.keys("n", *keys, chars="n" + typed)
        assert values(ui, "name", "role") == ("Minh Tran", "Account executive")
        await ui.press("escape")
        ui.app.post_message(events.Key("n", "n"))
        ui.app.post_message(events.Paste("Sara Kovacs\tBusiness analyst"))  # a paste right behind it
        await ui.steady()
        assert values(ui, "name", "role") == ("Sara Kovacs", "Business analyst")


async def test_a_pasted_row_fills_the_fields_in_order(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("4", "n")
        ui.app.post_message(events.Paste("Minh Tran\tAccount executive\t32\tminh@example.com\t2026-12-31\n"))
        await ui.steady()
        assert values(ui, "name", "role", "weekly_capacity", "email", "left_on") == (
            "Minh Tran",
            "Account executive",
            "32",
            "minh@example.com",
            "2026-12-31",
        )
        await ui.press("escape", "2", "n")  # the issue's own: a project's title and value, and its stage
        ui.app.post_message(events.Paste("Warehouse dashboards\t25000\tNegotiation"))
        await ui.steady()
        assert values(ui, "title", "value", "stage") == ("Warehouse dashboards", "25000", Stage.NEGOTIATION)
        await ui.press("ctrl+s")
        await ui.settle()
        _, saved = find(ui.book(), "projects", title="Warehouse dashboards")
        assert (saved["value"], saved["stage"]) == (25000.0, "negotiation")


# --- 10. where the cursor starts -------------------------------------------------------------


async def test_a_new_project_and_a_new_competitor_start_on_what_the_user_types(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("2")
        await ui.move_until(lambda: ui.card_title() == "Dashboards", "right")
        await ui.press("n")
        assert ui.focused_id == "field-title"
        assert ui.form.query_one("#field-client_id", Select).value == 2, "the highlighted card's client"
        await ui.type("Second phase")
        assert ui.form.query_one("#field-title", Input).value == "Second phase"
        await ui.press("escape", "1")
        await ui.to_client("Acme")
        await ui.press("enter", "r")  # the client's detail, then r: a competitor (rival)
        assert ui.focused_id == "field-name"
        assert ui.form.query_one("#field-client_id", Select).value == 1


# --- 11. Esc after Enter -----------------------------------------------------------------------


async def test_escape_clears_a_filter_kept_with_enter(tmp_path: Path) -> None:
    async with running(book(tmp_path / "b.json", two_clients)) as ui:
        await ui.press("slash")
        await ui.type("acme")
        await ui.press("enter")
        assert "Acme" in text(ui, "#client-list") and "Yankee Co" not in text(ui, "#client-list")
        await ui.press("escape")
        names = text(ui, "#client-list")
        assert "Acme" in names and "Yankee Co" in names
        assert not ui.main.query_one("#clients FilterBar").display
