"""Forms: ctrl+s saves from any field, Enter moves on and saves in the last field, Escape writes
nothing, a bad field gets its message under it and the form stays open, dates as people type them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from acct_tui.exchange.cells import CellReader
from acct_tui.exchange.columns import COLUMNS
from acct_tui.ui.forms.fields import FieldSpec, parse
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.main import MainScreen
from tests.conftest import TODAY
from tests.ui.conftest import Ui, find, running


async def test_ctrl_s_saves_from_a_choice_and_from_the_notes(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("n")
        await ui.type("Acme")
        await ui.press("tab")
        assert ui.focused_id == "field-tier"
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        find(ui.book(), "clients", name="Acme")

        await ui.press("n")
        await ui.type("Beta")
        await ui.fill("notes", "line one")
        assert ui.focused_id == "field-notes"
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        _, beta = find(ui.book(), "clients", name="Beta")
        assert beta["notes"] == "line one"


async def test_enter_in_the_last_field_saves(demo_path: Path) -> None:
    """The weekly self-check (Workload, c) is a form of six numbers; Enter after the last saves it."""
    async with running(demo_path) as ui:
        await ui.press("4", "c")
        assert isinstance(ui.screen, FormScreen)
        for score in ("40", "10", "60", "30", "50"):
            await ui.type(score)
            await ui.press("enter")
            assert isinstance(ui.screen, FormScreen), "Enter before the last field must not save"
        assert ui.focused_id == "field-frustration"
        await ui.type("20")
        await ui.press("enter")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        week = next(w for w in ui.book()["weeks"].values() if w["week"] == "2026-W48")
        assert week["self_check"] == {
            "mental": 40,
            "physical": 10,
            "temporal": 60,
            "performance": 30,
            "effort": 50,
            "frustration": 20,
        }


async def test_enter_in_the_last_field_of_the_staff_form_saves(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("4", "n")
        await ui.type("Al")
        await ui.fill("email", "al@example.com")
        await ui.press("enter")
        assert ui.focused_id == "field-left_on"  # the last one-line field (Leave, below it, takes lines)
        await ui.press("enter")  # saves
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        _, al = find(ui.book(), "staff", name="Al")
        assert al["active"] is True and al["left_on"] is None


async def test_enter_on_a_check_box_in_the_last_one_line_field_saves_without_ticking_it(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("enter", "c")  # the first client's detail, a new contact
        await ui.type("Bo")
        await ui.tab_to("primary")
        await ui.press("enter")
        await ui.settle()
        _, bo = find(ui.book(), "contacts", name="Bo")
        assert bo["primary"] is False


async def test_enter_on_a_choice_moves_to_the_next_field(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("n")
        await ui.type("Acme")
        await ui.press("enter")
        assert ui.focused_id == "field-tier"
        await ui.press("enter")
        assert ui.focused_id == "field-status"


async def test_enter_moves_on_and_escape_cancels_an_add_and_an_edit_writing_nothing(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.path.read_bytes()
        await ui.press("n")
        await ui.type("Ghost")
        for field in ("contract_value", "renewal_date"):  # Enter before the last field moves on
            await ui.fill(field, "5" if field == "contract_value" else "today")
            chain = ui.form.focus_chain
            following = chain[chain.index(ui.form.query_one(f"#field-{field}")) + 1]
            await ui.press("enter")
            assert isinstance(ui.screen, FormScreen)
            assert ui.app.focused is following, f"Enter in {field} should move to {following.id}"
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)

        await ui.press("e")
        assert isinstance(ui.screen, FormScreen)
        await ui.fill("name", "Renamed")
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        assert not ui.app.repo.dirty
        assert ui.path.read_bytes() == before
        assert "Ghost" not in ui.text("#client-list")
        assert "Renamed" not in ui.text("#client-list")


def _message(ui: Ui, field: str) -> str:
    return " ".join(ui.error(field).split())


async def test_bad_fields_show_their_message_and_the_form_stays_open(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.path.read_bytes()
        await ui.press("n")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert _message(ui, "name") == "is required"
        assert ui.form.query_one("#row-name").has_class("-invalid")

        await ui.type("Zed")
        await ui.fill("contract_value", "abc")
        await ui.fill("renewal_date", "2026-02-30")
        await ui.fill("discount_approved_on", "soon")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert _message(ui, "name") == ""
        assert _message(ui, "contract_value") == "is not a number"
        assert _message(ui, "renewal_date").startswith("is not a real date")
        assert _message(ui, "discount_approved_on").startswith("is not a date")
        assert ui.focused_id == "field-contract_value", "the first bad field takes the focus"

        await ui.fill("contract_value", "1000")
        await ui.fill("renewal_date", "2026-12-01")
        await ui.fill("discount_pct", "150")
        await ui.fill("discount_approved_on", "")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert _message(ui, "contract_value") == ""
        assert _message(ui, "renewal_date") == ""
        assert _message(ui, "discount_pct") == "must be at most 100"
        await ui.settle()
        assert ui.path.read_bytes() == before

        await ui.fill("discount_pct", "10")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        _, zed = find(ui.book(), "clients", name="Zed")
        assert (zed["contract_value"], zed["renewal_date"], zed["discount_pct"]) == (1000.0, "2026-12-01", 10.0)


async def test_one_save_names_every_bad_field_not_the_rest_at_the_next_save(demo_path: Path) -> None:
    """Before: a value that could not be read hid the other fields' problems ("is required", a
    range) until it was fixed and the form saved again."""
    async with running(demo_path) as ui:
        before = ui.path.read_bytes()
        await ui.press("n")
        await ui.fill("contract_value", "12k€")
        await ui.fill("discount_pct", "150")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert _message(ui, "contract_value") == "is not a number"
        assert _message(ui, "name") == "is required"
        assert _message(ui, "discount_pct") == "must be at most 100"
        assert ui.focused_id == "field-name", "the first bad field takes the focus"
        await ui.settle()
        assert ui.path.read_bytes() == before


async def test_date_fields_accept_what_people_type(demo_path: Path) -> None:
    """Friday 2026-11-27: an ISO date, tomorrow, +3d and fri (next Friday); "today" is in the task tests."""
    async with running(demo_path) as ui:
        await ui.press("n")
        await ui.type("Dates")
        await ui.fill("renewal_date", "2026-12-01")
        await ui.fill("discount_approved_on", "tomorrow")
        await ui.press("ctrl+s")
        await ui.settle()
        client_id, dates = find(ui.book(), "clients", name="Dates")
        assert (dates["renewal_date"], dates["discount_approved_on"]) == ("2026-12-01", "2026-11-28")

        await ui.to_client("Dates")
        await ui.press("e")
        await ui.fill("renewal_date", "fri")
        assert ui.text("#hint-renewal_date").strip() == "Fri 04 Dec 2026"
        await ui.fill("discount_approved_on", "+3d")
        await ui.press("ctrl+s")
        await ui.settle()
        dates = ui.book()["clients"][client_id]
        assert (dates["renewal_date"], dates["discount_approved_on"]) == ("2026-12-04", "2026-11-30")


async def test_numbers_read_as_the_import_reads_them(demo_path: Path) -> None:
    """Before, the form read "1.234,56" as 1.23456 and "55,000" as 55.0, silently."""
    async with running(demo_path) as ui:
        await ui.press("n")
        await ui.type("Numbers")
        await ui.fill("contract_value", "55,000")  # money is written to the cent: 55000
        await ui.fill("discount_pct", "7,5")  # 7.5
        await ui.fill("discount_reason", "volume")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        client_id, numbers = find(ui.book(), "clients", name="Numbers")
        assert (numbers["contract_value"], numbers["discount_pct"]) == (55000.0, 7.5)

        await ui.to_client("Numbers")
        await ui.press("e")
        await ui.fill("contract_value", "1.234,56")  # 1234.56
        await ui.fill("cadence_days", "1,000")  # 1000 days or 1 day: both fit, so the form asks
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, FormScreen)
        assert _message(ui, "cadence_days") == "is ambiguous: 1000 or 1? write 1000, or 1 for the decimal"
        await ui.fill("cadence_days", "")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        assert ui.book()["clients"][client_id]["contract_value"] == 1234.56


@pytest.mark.parametrize(
    ("table", "field", "kind", "text", "value"),
    [
        ("clients", "contract_value", "number", "1.234,56", 1234.56),
        ("clients", "contract_value", "number", "55,000", 55000),  # money, to the cent: thousands
        ("projects", "value", "number", "1,500", 1500),
        ("tasks", "estimate_hours", "number", "1,500", 1.5),  # 1500 h is over a task's 200 h
        ("clients", "discount_pct", "number", "12,500", 12.5),  # 12500% is over 100%
        ("clients", "cadence_days", "integer", "1,500", 1500),  # 1.5 days is not a whole number
        ("clients", "renewal_date", "date", "14/3/2027", "2027-03-14"),
        ("activities", "when", "datetime", "3/14/2026 2:30 PM", datetime(2026, 3, 14, 14, 30)),
    ],
)
def test_a_form_and_the_import_read_a_value_alike(table: str, field: str, kind: Any, text: str, value: Any) -> None:
    spec = FieldSpec(field, field, kind)
    in_form = parse(spec, text, TODAY, datetime(2026, 11, 27, 10, 0), table)
    column = next(c for c in COLUMNS[table] if c.field == field)
    in_file = CellReader(table, TODAY, None, str).read(column, text)
    in_file = getattr(in_file, "value", in_file)  # an amount, with the currency it was written with
    assert in_form == in_file
    assert str(in_form) == value if isinstance(value, str) else in_form == value


async def test_a_long_form_at_80x24_scrolls_its_fields_and_keeps_save_in_sight(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.press("n")  # the client form: 15 fields, taller than 24 lines
        screen = ui.app.screen.region
        save = ui.form.query_one("#form-save")
        fields = ui.form.query_one(".form-fields")
        assert fields.max_scroll_y > 0, "the fields scroll"
        assert screen.contains_region(save.region), "Save is on screen"
        await ui.type("Longform Ltd")
        await ui.tab_to("notes")
        await ui.type("met at the fair")
        notes = ui.form.query_one("#field-notes")
        assert fields.scroll_y > 0 and fields.region.overlaps(notes.region), "the fields scrolled to Notes"
        assert screen.contains_region(save.region), "Save is still on screen"
        await ui.press("ctrl+s")
        await ui.settle()
        _, client = find(ui.book(), "clients", name="Longform Ltd")
        assert client["notes"] == "met at the fair"
