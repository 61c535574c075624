"""Stored text never drives the terminal: what the planner would write holds no control character of
the user's, only Textual's own cursor moves and colours.

The book holds the most hostile text a record accepts (markup, right-to-left overrides, combining
marks, wide CJK, emoji, tabs and newlines in notes), some of it imported from a CSV file. For each
screen the test renders the exact characters Textual would send to a real terminal (the
compositor's full update, as `App._display` writes it), removes Textual's own escape sequences, and
asserts that no ESC, BEL, C1 or other control character is left. (Escape sequences themselves
cannot be stored: the records refuse them, see test_fuzz_forms and test_bad_files.)
tests/ui/test_markup.py proves that markup-like names are shown literally and clicking them runs
nothing; this file proves the bytes.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.screen import Screen

from acct_tui.demo import write_demo_book
from acct_tui.domain.records import Activity, Client, Contact, Event, Project, StaffMember, Task
from acct_tui.store.repository import Repository
from acct_tui.ui.app import AcctApp
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY
from tests.reliability.helpers import run_cli
from tests.reliability.planner import planner

TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)")
"""What Textual itself writes: CSI sequences (cursor moves, colours) and OSC 8 links."""
LEFT_OVER = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Anything else that would steer a terminal (newline separates the lines of an update)."""

CLICK = "[@click=app.quit]q[/]"
NAME = f"{CLICK} \u202eevil\u202c e\u0301\u0301 漢字 🧑\u200d💼"
NOTES = "tab\there\nsecond line [b]bold?[/b]\n\u200fשלום\u200f [link=https://e.com]y[/link] $name \\[x]"


def terminal_output(screen: Screen[object]) -> str:
    """The characters Textual would write to the terminal to draw `screen` in full."""
    update = screen._compositor.render_full_update()
    return update.render_segments(screen.app.console)


def assert_nothing_steers_the_terminal(app: AcctApp, where: str) -> str:
    text = TEXTUAL_OWN.sub("", terminal_output(app.screen))
    found = sorted(set(LEFT_OVER.findall(text)))
    assert not found, f"{where}: control characters reach the terminal: {found}"
    return text


@pytest.fixture
def hostile_book(tmp_path: Path) -> Path:
    """The demo book plus records whose every text field is as hostile as a record allows."""
    book = write_demo_book(tmp_path / "book.json", TODAY)
    # Seeded ids: the two tasks due today tie on urgency, and their order (by id) decides what the
    # Today pane explains.
    with Repository.open(book, today=TODAY, ids=random.Random(0)) as repo:
        client = repo.clients.add(
            Client(name=NAME, industry=NAME[:40], tags=("[b]", "\u202e", "漢字"), notes=NOTES, created_on=TODAY)
        )
        project = repo.projects.add(Project(client_id=client.id, title=f"P {NAME}", notes=NOTES, created_on=TODAY))
        # The Workload pane shows a staff member's first name: the hostile text is it.
        staff = repo.staff.add(StaffMember(name=f"{CLICK} S", role="[link=https://e.com]y[/link]"))
        repo.tasks.add(
            Task(
                title=f"T {NAME}",
                client_id=client.id,
                project_id=project.id,
                due=TODAY,
                notes=NOTES,
                assignee_id=staff.id,
                follow_up=TODAY,
            )
        )
        # Overdue the longest, so the schedule puts it first in today's plan, at the top of Today.
        overdue = TODAY - timedelta(days=30)
        repo.tasks.add(Task(title=f"Mine {CLICK}\u0336", client_id=client.id, due=overdue, notes=NOTES))
        repo.contacts.add(Contact(client_id=client.id, name=f"C {NAME}", role=CLICK, notes=NOTES))
        repo.activities.add(
            Activity(client_id=client.id, when=datetime(2026, 11, 26, 9, 0), summary=NOTES, project_id=project.id)
        )
        repo.events.add(Event(title=f"E {CLICK}", start=TODAY, end=TODAY, hours=2, location=NAME, notes=NOTES))
    source = tmp_path / "clients.csv"
    source.write_text(f'name,industry,notes\n"I {CLICK}","{NAME[:30]}","{NOTES}"\n', encoding="utf-8")
    code, _, err = run_cli(["import", "clients", str(source), "--db", str(book)])
    assert code == 0, err
    return book


async def test_no_screen_sends_stored_text_as_control_characters(hostile_book: Path) -> None:
    async with planner(hostile_book, size=(200, 60)) as ui:
        shown = assert_nothing_steers_the_terminal(ui.app, "main screen")
        assert CLICK in shown  # literal, not a link
        client_id = next(c.id for c in ui.repo.clients.all() if c.name == NAME)

        # Clicking the text in every pane that shows it (clients, board, today, workload) runs nothing.
        clicked = 0
        for widget in list(ui.app.screen.query("*")):
            if not widget.display or not widget.size.height:
                continue
            for y in range(widget.size.height):
                x = widget.render_line(y).text.find(CLICK)
                if x >= 0:
                    await ui.pilot.click(widget, offset=(x + 1, y))
                    await ui.pilot.pause()
                    assert ui.app.is_running and ui.app.return_code is None, f"a click on {widget} ran an action"
                    clicked += 1
                    if not isinstance(ui.app.screen, MainScreen):  # a click on a cursor row opens the record
                        await ui.pilot.press("escape")
                        await ui.pilot.pause()
                    break
        assert clicked >= 3

        for pane in ("1", "2", "3", "4"):
            await ui.pilot.press(pane)
            assert_nothing_steers_the_terminal(ui.app, f"pane {pane}")

        ui.app.open_client(client_id)
        await ui.pilot.pause()
        shown = assert_nothing_steers_the_terminal(ui.app, "client detail")
        assert CLICK in shown
        await ui.pilot.press("escape")

        for keys, where in (
            (("4", "w"), "why view"),
            (("question_mark",), "help"),
            (("1", "e"), "edit form"),
            (("1", "d"), "delete question"),
            (("ctrl+r",), "weekly report"),
        ):
            await ui.pilot.press(*keys)
            await ui.pilot.pause()
            assert not isinstance(ui.app.screen, MainScreen), f"{where} did not open"
            assert_nothing_steers_the_terminal(ui.app, where)
            await ui.pilot.press("escape")
            await ui.pilot.pause()
        assert ui.app.is_running


async def test_a_book_path_with_escape_sequences_is_not_sent_to_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b]0;owned\x07\x1b[2J"
    folder.mkdir()
    book = write_demo_book(folder / "book.json", TODAY)
    async with planner(book) as ui:
        assert_nothing_steers_the_terminal(ui.app, "main screen of a book with an odd path")


def test_odd_paths_are_printed_without_control_characters_by_the_command_line(tmp_path: Path) -> None:
    """Messages naming a path escape its control characters (store/errors.py `printable`)."""
    odd = tmp_path / "evil\x1b]0;owned\x07.json"
    code, _, err = run_cli(["check", "--db", str(odd)])
    assert code == 1
    assert "evil\\x1b]0;owned\\x07.json: does not exist" in err
    assert not LEFT_OVER.search(err.replace("\n", ""))
