"""The account manager's workflows (issue 5), driven with the keyboard on the demo book, checked in the file.

The delegation ledger (D), the renewal radar (R), prospects and the word no (P), the discount
guard (M), competitors (K), events and their leads (V), the client detail's `$` and `k`, and the
Workload pane's why view and weekly self-check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Select

from acct_tui.domain.records import Client, Competitor, Event, Project, Task
from acct_tui.ui.forms.records import SELF_CHECK_SCALES
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.competitors import CompetitorsScreen
from acct_tui.ui.screens.confirm import ConfirmScreen
from acct_tui.ui.screens.delegation import DelegationScreen
from acct_tui.ui.screens.discounts import DiscountsScreen
from acct_tui.ui.screens.events import EventsScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.screens.prospects import ProspectsScreen
from acct_tui.ui.screens.renewals import RenewalsScreen
from acct_tui.ui.screens.why import WhyScreen
from tests.ui.conftest import Book, Ui, find, running, same_content, trimmed

ROWS = "#list-rows"


def rows(ui: Ui) -> list[str]:
    """The list screen's lines as drawn, without the padding."""
    return [line.rstrip() for line in ui.lines(ROWS) if line.strip()]


def line_with(ui: Ui, *parts: str) -> str:
    """The one drawn line of the list that holds every one of `parts`."""
    found = [line for line in rows(ui) if all(part in line for part in parts)]
    assert len(found) == 1, f"expected one line with {parts}, found {found}"
    return found[0]


def current_task(ui: Ui) -> int | None:
    """The id of the task under the ledger's cursor."""
    screen = ui.screen
    assert isinstance(screen, DelegationScreen)
    row = screen.current
    return row.record.id if row is not None and isinstance(row.record, Task) else None


def error(ui: Ui, field: str) -> str:
    """The message under a form field, on one line (the field is narrow and wraps it)."""
    return " ".join(ui.error(field).split())


def new_records(book: Book, before: Book, table: str) -> dict[int, dict[str, Any]]:
    return {rid: rec for rid, rec in book[table].items() if rid not in before[table]}


async def to_record(ui: Ui, cls: type, **fields: Any) -> None:
    """Put the list screen's cursor on the row of the record of `cls` with these field values."""
    await ui.cursor_to(
        ROWS,
        lambda row: isinstance(row.record, cls) and all(getattr(row.record, k) == v for k, v in fields.items()),
    )


# --- 1. the delegation ledger ----------------------------------------------------------------


async def test_at_80_columns_a_ledger_heading_keeps_its_figures_and_drops_the_role(demo_path: Path) -> None:
    async with running(demo_path, size=(80, 24)) as ui:
        await ui.press("D")
        heads = [line for line in rows(ui) if not line.startswith(" ")]
        # The role (" · Project coordinator") does not fit beside the figures in 78 columns: it goes.
        assert heads[0] == "Minh Nguyen · 1h delegated of 8h left this week (12%), 7h free"
        assert not any("…" in line for line in heads)


async def test_ledger_groups_by_person_and_f_logs_a_follow_up_x_toggles_u_undoes(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        minh_id, _ = find(before, "staff", name="Minh Nguyen")
        sensor_id, sensor = find(before, "tasks", title="Review sensor data import")
        dictionary_id, _ = find(before, "tasks", title="Data dictionary")
        triage_id, triage = find(before, "tasks", title="UAT defects triage")
        assert (sensor["assignee_id"], sensor["follow_up"]) == (minh_id, "2026-11-25")

        await ui.press("D")
        assert isinstance(ui.screen, DelegationScreen)
        assert ui.text("#list-summary").strip().startswith("2 follow-ups overdue · 7 waiting")
        lines = rows(ui)
        heads = [i for i, line in enumerate(lines) if not line.startswith(" ")]
        assert [lines[i].split(" · ")[0] for i in heads] == ["Minh Nguyen", "Sara Kovacs", "Tom Becker"]
        # Friday: one working day of each week left, 40 h / 5 = 8 h and 32 h / 5 = 6.4 h; Minh has 1 h
        # delegated (8 - 1 = 7 h free), Sara 4 h (6.4 - 4 = 2.4 h free)
        assert lines[heads[0]] == "Minh Nguyen · 1h delegated of 8h left this week (12%), 7h free · Project coordinator"
        sara_head = "Sara Kovacs · 4h delegated of 6.4h left this week (62%), 2.4h free · Business analyst"
        assert lines[heads[1]] == sara_head
        # Each person's overdue follow-up comes first, right under their name.
        minh, sara = lines[heads[0] : heads[1]], lines[heads[1] : heads[2]]
        assert minh[1].strip() == "overdue follow-up (1)"
        assert "follow up 2d late" in minh[2] and "Review sensor data import  Nordlicht Maschinenbau" in minh[2]
        assert sara[1].strip() == "overdue follow-up (1)"
        assert "follow up 1d late" in sara[2] and "Data dictionary  Saigon Commercial Bank" in sara[2]
        assert current_task(ui) == sensor_id, "the first task is current"

        # f: a follow-up with a note and the next date; it goes on the client's timeline.
        await to_record(ui, Task, id=sensor_id)
        await ui.press("f")
        assert ui.text(".form-title").strip() == "Follow-up with Minh Nguyen: Review sensor data import"
        assert ui.focused_id == "field-note"
        await ui.type("Import fixed, rerun on Monday")
        await ui.fill("next", "+4d")
        assert ui.text("#hint-next").strip() == "Tue 01 Dec 2026"
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, DelegationScreen)
        await ui.settle()
        book = ui.book()
        task = book["tasks"][sensor_id]
        assert (task["follow_up"], task["status"]) == ("2026-12-01", "open")
        [(follow_up_id, entry)] = new_records(book, before, "activities").items()
        assert entry == {
            **entry,
            "client_id": sensor["client_id"],
            "kind": "follow_up",
            "when": "2026-11-27T14:30:00",
            "minutes": 15,
            "task_id": sensor_id,
            "summary": "Follow-up with Minh Nguyen on Review sensor data import (next follow-up Tue 01 Dec): "
            "Import fixed, rerun on Monday",
        }
        assert "follow up Tue" in line_with(ui, "Review sensor data import")
        assert ui.text("#list-summary").strip().startswith("1 follow-up overdue")

        # f with "The task is done" ticked closes the task.
        await to_record(ui, Task, id=dictionary_id)
        await ui.press("f")
        await ui.type("Delivered")
        await ui.tab_to("done")
        await ui.press("space")
        await ui.press("ctrl+s")
        await ui.settle()
        book = ui.book()
        done = book["tasks"][dictionary_id]
        assert (done["status"], done["done_on"], done["follow_up"]) == ("done", "2026-11-27", None)
        [(_, closed)] = [
            (rid, rec) for rid, rec in new_records(book, before, "activities").items() if rid != follow_up_id
        ]
        assert (closed["kind"], closed["task_id"]) == ("follow_up", dictionary_id)
        assert closed["summary"] == "Follow-up with Sara Kovacs on Data dictionary (done): Delivered"
        assert "done 27 Nov" in line_with(ui, "Data dictionary")
        assert ui.text("#list-summary").strip().startswith("0 follow-ups overdue")

        # x toggles done, and again open.
        await to_record(ui, Task, id=triage_id)
        await ui.press("x")
        await ui.settle()
        assert ui.book()["tasks"][triage_id]["status"] == "done"
        assert any(a["summary"] == "Done: UAT defects triage" for a in ui.book()["activities"].values())
        assert current_task(ui) == triage_id, "the cursor follows it"
        assert "done 27 Nov" in line_with(ui, "UAT defects triage")
        await ui.press("x")
        await ui.settle()
        assert (ui.book()["tasks"][triage_id]["status"], ui.book()["tasks"][triage_id]["done_on"]) == ("open", None)

        # u undoes one step at a time, from the ledger.
        await ui.press("u")
        await ui.settle()
        assert ui.book()["tasks"][triage_id]["status"] == "done"
        await ui.press("u")
        await ui.settle()
        assert trimmed(ui.book()["tasks"][triage_id]) == trimmed(triage)
        assert not any(a["summary"] == "Done: UAT defects triage" for a in ui.book()["activities"].values())
        await ui.press("u")
        await ui.settle()
        book = ui.book()
        assert (book["tasks"][dictionary_id]["status"], book["tasks"][dictionary_id]["follow_up"]) == (
            "open",
            "2026-11-26",
        )
        assert set(new_records(book, before, "activities")) == {follow_up_id}
        await ui.press("u")
        await ui.settle()
        assert same_content(ui.book()) == same_content(before)
        assert isinstance(ui.screen, DelegationScreen)
        assert ui.text("#list-summary").strip().startswith("2 follow-ups overdue")


# --- 2. the renewal radar --------------------------------------------------------------------


async def test_renewal_radar_marks_on_track_and_at_risk(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        mekong_id, mekong = find(ui.book(), "clients", name="Mekong Logistics")
        assert (mekong["renewal_health"], mekong["renewal_health_on"]) == (None, None)
        await ui.press("R")
        assert isinstance(ui.screen, RenewalsScreen)
        summary = ui.text("#list-summary").strip()
        assert summary.startswith("6 renewals in six months · 2 need a mark · 1 at risk (€88k a year)")
        lines = rows(ui)
        assert lines[0] == "Within 3 months: mark each on track or at risk (o / r) (4)"
        assert "Silverline Credit Union" in lines[1] and lines[1].endswith("AT RISK")
        assert "Mekong Logistics" in lines[2] and lines[2].endswith("needs a mark")
        assert "in 45d" in lines[2]

        await to_record(ui, Client, id=mekong_id)
        await ui.press("o")
        await ui.settle()
        marked = ui.book()["clients"][mekong_id]
        assert (marked["renewal_health"], marked["renewal_health_on"]) == ("on_track", "2026-11-27")
        assert line_with(ui, "Mekong Logistics").endswith("on track")
        assert "1 needs a mark" in ui.text("#list-summary")

        await ui.press("r")
        await ui.settle()
        marked = ui.book()["clients"][mekong_id]
        assert (marked["renewal_health"], marked["renewal_health_on"]) == ("at_risk", "2026-11-27")
        assert line_with(ui, "Mekong Logistics").endswith("AT RISK")
        assert "2 at risk (€184k a year)" in ui.text("#list-summary")

        await ui.press("u")
        await ui.settle()
        assert ui.book()["clients"][mekong_id]["renewal_health"] == "on_track"


# --- 3. prospects and the word no ------------------------------------------------------------


async def test_prospects_won_moves_to_kickoff_and_lost_needs_a_reason(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        pilot_id, pilot = find(before, "projects", title="Pilot: one factory")
        portal_id, portal = find(before, "projects", title="Order portal")
        assert (pilot["stage"], portal["stage"]) == ("prospect", "negotiation")

        await ui.press("P")
        assert isinstance(ui.screen, ProspectsScreen)
        assert ui.text("#list-summary").strip().startswith("7 deals in play, €292k")
        lines = rows(ui)
        assert lines[0] == "Deals in play (7), next meeting first"
        # The value before the names: at 80 columns a long client name is what is cut, not the value.
        assert lines[1].split()[:4] == ["Negotiation", "€95k", "negotiation", "today"]
        assert "Plant 4 rollout  Nordlicht Maschinenbau" in lines[1]
        assert "€14k  presentation Wed" in line_with(ui, "Pilot: one factory  Vina Textiles")  # 3 working days on
        assert "negotiation Mon" in line_with(ui, "Order portal  Pacific Trade House")
        assert "2026-Q4   won 3 (€208k)   lost 2 (€36k)   60% won" in line_with(ui, "2026-Q4   won")
        assert "Earnings (estimate)" in lines
        assert "commission €4.2k on €208k won + 0 new clients × bonus = €4.2k" in line_with(ui, "November 2026")

        # W: won, the deal moves to Kickoff (dated, on the timeline) and the Kickoff playbook is offered.
        await to_record(ui, Project, id=pilot_id)
        await ui.press("W")
        await ui.settle()
        book = ui.book()
        won = book["projects"][pilot_id]
        assert won["stage"] == "kickoff"
        assert won["stage_history"] == [*pilot["stage_history"], {"stage": "kickoff", "entered": "2026-11-27"}]
        [entry] = new_records(book, before, "activities").values()
        assert (entry["client_id"], entry["kind"], entry["project_id"]) == (pilot["client_id"], "stage_move", pilot_id)
        assert entry["summary"] == "Pilot: one factory: moved from Prospect to Kickoff"
        notes = ui.notifications()
        assert "Won: Pilot: one factory" in notes
        assert any(n.startswith("Kickoff playbook: p adds its 4 tasks (Clarify every need") for n in notes), notes
        assert not new_records(book, before, "tasks"), "the playbook is offered, not added"
        assert "Pilot: one factory" not in ui.text(ROWS).split("Won and lost")[0], "no longer in play"
        assert "2026-Q4   won 4 (€222k)" in line_with(ui, "2026-Q4   won")
        assert "+ 1 new client × bonus" in line_with(ui, "November 2026"), "Vina's first deal makes it a new client"

        # L: lost needs a reason; without one nothing is written.
        await to_record(ui, Project, id=portal_id)
        raw = ui.path.read_bytes()
        await ui.press("L")
        assert ui.text(".form-title").strip() == "Lost: Order portal"
        await ui.press("ctrl+s")
        assert error(ui, "lost_reason") == "say why it was lost: what did the client say no to?"
        await ui.settle()
        assert ui.path.read_bytes() == raw
        await ui.fill("lost_reason", "Price: went with a cheaper agency")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, ProspectsScreen)
        await ui.settle()
        lost = ui.book()["projects"][portal_id]
        assert (lost["stage"], lost["lost_reason"]) == ("lost", "Price: went with a cheaper agency")
        assert lost["stage_history"][-1] == {"stage": "lost", "entered": "2026-11-27"}
        assert "lost 3 (€61k)" in line_with(ui, "2026-Q4   won")
        assert ui.text("#list-summary").strip().startswith("5 deals in play, €253k")


# --- 4. the discount guard -------------------------------------------------------------------


async def test_discounts_show_money_and_flags_and_guard_a_stacked_discount(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        saigon_id, _ = find(before, "clients", name="Saigon Commercial Bank")
        await ui.press("M")
        assert isinstance(ui.screen, DiscountsScreen)
        summary = ui.text("#list-summary").strip()
        assert summary.startswith("€204k a year given away by 6 clients' discounts · 2 flagged")
        assert "(up to 10% fine, above it a reason, above 20% an approval)" in summary
        assert "⚑ rose at each of the last renewals" in line_with(ui, "15.0% Silverline Credit Union")
        assert line_with(ui, "20.8% Lotus Retail Group").endswith("⚑ needs approval")
        assert "⚑" not in line_with(ui, "25.0% Nordlicht Maschinenbau"), "approved by Linh Tran"
        assert "+ Christmas campaign 12%" in rows(ui)[rows(ui).index(line_with(ui, "Lotus Retail Group")) + 1]

        # n stacks a discount on the highlighted client: 15% on Saigon's 12% (explained) makes 25.2%.
        await to_record(ui, Client, id=saigon_id)
        raw = ui.path.read_bytes()
        await ui.press("n")
        assert ui.focused_id == "field-name"
        assert ui.form.query_one("#field-client_id", Select).value == saigon_id
        await ui.type("Winter campaign")
        await ui.fill("pct", "15")
        await ui.press("ctrl+s")
        assert error(ui, "reason") == (
            "needs a reason: the combined discount of 25.2% is above 10% "
            "(say why: a volume commitment, a matched offer...)"
        )
        assert ui.focused_id == "field-reason"
        await ui.settle()
        assert ui.path.read_bytes() == raw, "a refused discount writes nothing"

        await ui.type("Matched FinServe's offer")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, DiscountsScreen)
        await ui.settle()
        [stacked] = new_records(ui.book(), before, "discounts").values()
        assert stacked == {
            **stacked,
            "client_id": saigon_id,
            "name": "Winter campaign",
            "pct": 15.0,
            "reason": "Matched FinServe's offer",
            "since": "2026-11-27",
            "until": None,
        }
        saigon = line_with(ui, "Saigon Commercial Bank")
        assert saigon.lstrip().startswith("25.2% Saigon Commercial Bank")
        assert saigon.endswith("⚑ needs approval"), "above 20% without who approved it"
        assert "+ Winter campaign 15%  Matched FinServe's offer" in line_with(ui, "Winter campaign")
        assert " · 3 flagged" in ui.text("#list-summary")


async def test_discount_form_shows_every_problem_at_once(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        mekong_id, _ = find(ui.book(), "clients", name="Mekong Logistics")
        await ui.press("M")
        await to_record(ui, Client, id=mekong_id)
        await ui.press("n")
        await ui.type("Winter campaign")
        await ui.fill("pct", "15")
        await ui.press("ctrl+s")
        assert error(ui, "reason").startswith("needs a reason: the combined discount of 21.8%")
        banner = " ".join(ui.text("#form-error").split())
        assert ui.form.query_one("#form-error").display, "the contract discount's missing reason is not shown"
        assert "Mekong Logistics" in banner and "clients record" not in banner


# --- 5. competitors --------------------------------------------------------------------------


async def test_competitors_by_name_add_and_delete(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        vina_id, _ = find(before, "clients", name="Vina Textiles")
        await ui.press("K")
        assert isinstance(ui.screen, CompetitorsScreen)
        assert ui.text("#list-summary").strip().startswith("4 competitors")
        lines = rows(ui)
        finserve = lines.index("FinServe: at 2 clients, a high threat at 1")
        assert "medium  Saigon Commercial Bank  Knows the Head of IT" in lines[finserve + 1]
        assert "high    Silverline Credit Union" in lines[finserve + 2]
        assert "LogiTrack: at 1 client" in lines

        await ui.press("n")
        assert ui.text(".form-title").strip() == "New competitor"
        await ui.choose("client_id", "Vina")
        await ui.fill("name", "TexPro")
        await ui.choose("threat", "high")
        await ui.fill("note", "Cheaper looms software")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, CompetitorsScreen)
        await ui.settle()
        competitor_id, texpro = find(ui.book(), "competitors", name="TexPro")
        assert (texpro["client_id"], texpro["threat"], texpro["note"]) == (vina_id, "high", "Cheaper looms software")
        assert "TexPro: at 1 client, a high threat at 1" in rows(ui)
        assert ui.text("#list-summary").strip().startswith("5 competitors")

        await to_record(ui, Competitor, id=competitor_id)
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        assert "Delete competitor" in ui.text(".dialog-text")
        await ui.press("y")
        await ui.settle()
        assert competitor_id not in ui.book()["competitors"]
        assert "TexPro" not in ui.text(ROWS)
        assert same_content(ui.book()) == same_content(before)


# --- 6. events and their leads ---------------------------------------------------------------


async def test_events_lead_becomes_a_prospect_tied_to_the_event(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        expo_id, _ = find(before, "events", title="Vietnam Industry Expo")
        summit_id, _ = find(before, "events", title="Customer Success Summit")
        pacific_id, _ = find(before, "clients", name="Pacific Trade House")
        await ui.press("V")
        assert isinstance(ui.screen, EventsScreen)
        # the expo (Tue 8 and Wed 9 Dec, 8 h a day), the steering committee (Tue 1 Dec, 2 h) and the
        # sales offsite (Tue 15 Dec, 6 h): 24 h of working days
        assert ui.text("#list-summary").strip().startswith("3 events coming up, 24h of working days")
        lines = rows(ui)
        assert (
            lines.index("Coming up (3)") < lines.index(line_with(ui, "Vietnam Industry Expo")) < lines.index("Past (1)")
        )
        assert line_with(ui, "Customer Success Summit").endswith("1 lead")
        assert "leads" not in line_with(ui, "Vietnam Industry Expo")

        async def add_lead(event_id: int, title: str) -> int:
            await to_record(ui, Event, id=event_id)
            await ui.press("l")
            assert ui.text(".form-title").strip() == "New project"
            assert ui.form.query_one("#field-event_id", Select).value == event_id, "Met at event is preselected"
            await ui.choose("client_id", "Pacific")
            await ui.fill("title", title)
            await ui.fill("value", "7500")
            await ui.press("ctrl+s")
            assert isinstance(ui.screen, EventsScreen)
            await ui.settle()
            project_id, project = find(ui.book(), "projects", title=title)
            assert (project["client_id"], project["event_id"], project["stage"]) == (pacific_id, event_id, "prospect")
            assert (project["value"], project["created_on"]) == (7500.0, "2026-11-27")
            return project_id

        await add_lead(expo_id, "Booth lead")
        assert line_with(ui, "Vietnam Industry Expo").endswith("1 lead")
        await add_lead(summit_id, "Summit follow-on")
        assert line_with(ui, "Customer Success Summit").endswith("2 leads")
        assert len(new_records(ui.book(), before, "projects")) == 2


# --- 7. the client detail: $ and k -----------------------------------------------------------


async def test_client_detail_stacks_a_discount_shown_in_the_summary(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        before = ui.book()
        silverline_id, _ = find(before, "clients", name="Silverline Credit Union")
        await ui.to_client("Silverline Credit Union")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        summary = " ".join(ui.text("#detail-summary").split())
        assert "renewal AT RISK" in summary
        assert "discount 15%" in summary and "⚑ rose at each of the last renewals" in summary
        assert "Competitors: FinServe (high)" in summary

        await ui.press("$")
        assert ui.focused_id == "field-name"
        assert ui.form.query_one("#field-client_id", Select).value == silverline_id
        await ui.type("Loyalty")
        await ui.fill("pct", "5")
        await ui.fill("reason", "Five years a client")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.settle()
        [stacked] = new_records(ui.book(), before, "discounts").values()
        assert (stacked["client_id"], stacked["pct"], stacked["reason"]) == (silverline_id, 5.0, "Five years a client")
        summary = " ".join(ui.text("#detail-summary").split())
        assert "discount 19.25%, 1 stacked (€21k a year)" in summary, summary


async def test_client_detail_r_notes_a_competitor(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        silverline_id, _ = find(ui.book(), "clients", name="Silverline Credit Union")
        await ui.to_client("Silverline Credit Union")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.press("r")
        assert ui.text(".form-title").strip() == "New competitor"
        assert ui.focused_id == "field-name"
        assert ui.form.query_one("#field-client_id", Select).value == silverline_id
        await ui.type("CreditSoft")
        await ui.choose("threat", "low")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.settle()
        _, competitor = find(ui.book(), "competitors", name="CreditSoft")
        assert (competitor["client_id"], competitor["threat"]) == (silverline_id, "low")
        summary = " ".join(ui.text("#detail-summary").split())
        assert "Competitors: FinServe (high), CreditSoft (low)" in summary


# --- 8. the Workload pane: why and the self-check --------------------------------------------


async def test_workload_why_lists_every_stress_part_and_c_stores_the_self_check(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("4")
        assert ui.focused_id == "workload-view"
        assessment = ui.main.assessment
        assert assessment is not None
        parts = assessment.stress.parts
        assert len(parts) == 7

        await ui.press("w")
        assert isinstance(ui.screen, WhyScreen)
        why = [str(paragraph.render()) for paragraph in ui.screen.query(".why-paragraph")]
        why_text = "\n".join(why)
        assert why[0] == f"Stress index {assessment.stress.total} (green)"
        for part in parts:
            assert f"{part.points:>3}/{part.max_points:<3} {part.name}: " in why_text, part.name
        assert " 11/25  utilisation: " in why_text and "  6/10  late follow-ups: 2 delegated tasks" in why_text
        assert " 12/20  promises at risk: 3 promises to clients the schedule finishes late" in why_text
        assert sum(part.points for part in parts) == assessment.stress.total == 36
        assert "Today: 7.85h of 8h (98%)" in why_text  # Friday: the rest of the week is today
        assert "This week (2026-W48): 7.85h of 8h (98%)" in why_text
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)

        weeks = [w for w in ui.app.repo.book.weeks.values() if w.week == "2026-W48"]
        assert len(weeks) == 1 and weeks[0].self_check is None
        assert not [w for w in ui.book()["weeks"].values() if w["week"] == "2026-W48"], "noted, not yet written"

        await ui.press("c")
        assert [spec.name for spec in ui.form.fields] == [name for name, _ in SELF_CHECK_SCALES]
        assert ui.text(".form-title").strip().startswith("How was week 2026-W48?")
        answers = dict(zip([name for name, _ in SELF_CHECK_SCALES], [70, 10, 80, 30, 65, 45], strict=True))
        for name, value in answers.items():
            await ui.fill(name, str(value))
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, MainScreen)
        await ui.settle()
        weeks = [w for w in ui.book()["weeks"].values() if w["week"] == "2026-W48"]
        assert len(weeks) == 1, "exactly one record for this week"
        assert weeks[0]["self_check"] == answers
        assert weeks[0]["stress_index"] == 36

        # Again, all six: saving changes that record, never adds a twin.
        await ui.press("c")
        again = {**answers, "frustration": 20}
        for name, value in again.items():
            await ui.fill(name, str(value))
        await ui.press("ctrl+s")
        await ui.settle()
        weeks = [w for w in ui.book()["weeks"].values() if w["week"] == "2026-W48"]
        assert len(weeks) == 1
        assert weeks[0]["self_check"] == again

        # A bad answer is refused under its field.
        await ui.press("c")
        await ui.fill("effort", "150")
        await ui.press("ctrl+s")
        assert ui.error("effort") != ""
        await ui.press("escape")
        await ui.settle()
        assert [w["self_check"] for w in ui.book()["weeks"].values() if w["week"] == "2026-W48"] == [again]


async def test_self_check_shows_at_once_in_the_trend_and_in_the_form(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        await ui.press("4")
        await ui.press("c")
        for name, _ in SELF_CHECK_SCALES:
            await ui.fill(name, "60")
        await ui.press("ctrl+s")
        await ui.settle()
        assert [w["self_check"] for w in ui.book()["weeks"].values() if w["week"] == "2026-W48"] == [
            dict.fromkeys((name for name, _ in SELF_CHECK_SCALES), 60)
        ]
        assessment = ui.main.assessment
        assert assessment is not None
        assert assessment.trend[-1].raw_tlx == 60, "this week's felt load is missing from the trend"
        await ui.press("c")
        assert ui.form.query_one("#field-mental", Input).value == "60", "the form does not show the saved answers"
