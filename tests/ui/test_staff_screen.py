"""The staff screen: a member edited, given leave and marked gone, their history kept."""

from __future__ import annotations

from pathlib import Path

from acct_tui.ui.screens.staff import StaffScreen
from tests.conftest import TODAY
from tests.ui.conftest import find, running


async def test_a_staff_member_edited_given_leave_and_marked_gone(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        sara_id, sara = find(ui.book(), "staff", name="Sara Kovacs")
        her_tasks = {tid for tid, task in ui.book()["tasks"].items() if task.get("assignee_id") == sara_id}
        assert her_tasks
        await ui.press("S")
        assert isinstance(ui.screen, StaffScreen)
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.name == "Sara Kovacs")
        await ui.press("e")
        await ui.fill("weekly_capacity", "24")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["staff"][sara_id]["weekly_capacity"] == 24
        # Leave from Monday to Friday next week (TODAY is Friday 27 November 2026).
        await ui.press("l")
        assert ui.form.form_title.startswith("Leave for Sara Kovacs")
        await ui.fill("start", "2026-11-30")
        await ui.fill("end", "4.12.2026")
        await ui.fill("reason", "training")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["staff"][sara_id]["leave"] == [
            {"start": "2026-11-30", "end": "2026-12-04", "reason": "training"}
        ]
        assert "on leave Mon 30 Nov to Fri 4 Dec (training)" in ui.text("#list-rows")
        # Gone: in the Gone section, no longer offered work; her tasks stay hers.
        await ui.press("x")
        await ui.settle()
        stored = ui.book()["staff"][sara_id]
        assert stored["left_on"] == TODAY.isoformat()
        assert "Gone (their tasks and history are kept) (1)" in ui.text("#list-rows")
        assert {tid for tid, t in ui.book()["tasks"].items() if t.get("assignee_id") == sara_id} == her_tasks
        assert "Sara Kovacs" not in [name for name, _ in ui.app.forms.staff_choices()]
        assert "Sara Kovacs" in [name for name, _ in ui.app.forms.staff_choices(keep=sara_id)]
        # x again: back at work.
        await ui.press("x")
        await ui.settle()
        assert ui.book()["staff"][sara_id]["left_on"] is None
        assert sara["name"] == "Sara Kovacs"


async def test_leave_typed_in_the_staff_form_is_read_one_period_a_line(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        sara_id, _ = find(ui.book(), "staff", name="Sara Kovacs")
        await ui.press("S")
        await ui.cursor_to("#list-rows", lambda row: row.record is not None and row.record.name == "Sara Kovacs")
        await ui.press("e")
        await ui.tab_to("leave")
        await ui.type("21 Dec 2026 to 2027-01-01 holiday")
        await ui.press("enter")  # in Leave, a new line
        await ui.type("2026-12-24")
        await ui.press("ctrl+s")
        await ui.settle()
        assert ui.book()["staff"][sara_id]["leave"] == [
            {"start": "2026-12-21", "end": "2027-01-01", "reason": "holiday"},
            {"start": "2026-12-24", "end": "2026-12-24", "reason": ""},
        ]
        await ui.press("e")
        await ui.tab_to("leave")
        await ui.type("soon")  # the cursor starts at the top: a first line that is no date
        await ui.press("enter", "ctrl+s")
        assert "line 1: 'soon' does not start with a date" in " ".join(ui.error("leave").split())
        await ui.press("escape")


async def test_the_leave_form_starts_in_from(demo_path: Path) -> None:
    """Typing straight after `l` goes into From, the first field (it went into Why, the last)."""
    async with running(demo_path) as ui:
        await ui.press("S")
        await ui.press("l")
        assert ui.form.form_title.startswith("Leave for")
        assert ui.focused_id == "field-start"
