"""Books and reports from the planner (issue 6, items 3 and 5), and the list screens from the palette.

The Workload pane and `acct-tui status --json` agree; ctrl+o switches books (typed or recent);
ctrl+r writes the weekly report beside the book and shows it; every list screen opens by key and
by name, and a list's key replaces another list instead of stacking on it.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import orjson
import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from acct_tui.cli import main as cli
from acct_tui.demo import write_demo_calendar
from acct_tui.domain.workload import assess
from acct_tui.generate import write_generated_book
from acct_tui.store import recent
from acct_tui.store.errors import BookCorrupt, BookLocked
from acct_tui.store.repository import Repository
from acct_tui.ui.format import hours, percent
from acct_tui.ui.forms.screen import FormScreen
from acct_tui.ui.screens.client_detail import ClientDetailScreen
from acct_tui.ui.screens.competitors import CompetitorsScreen
from acct_tui.ui.screens.delegation import DelegationScreen
from acct_tui.ui.screens.discounts import DiscountsScreen
from acct_tui.ui.screens.events import EventsScreen
from acct_tui.ui.screens.list_screen import ListScreen
from acct_tui.ui.screens.main import MainScreen
from acct_tui.ui.screens.prospects import ProspectsScreen
from acct_tui.ui.screens.renewals import RenewalsScreen
from acct_tui.ui.screens.report import ReportScreen
from acct_tui.ui.screens.switch_book import SwitchBookScreen
from acct_tui.ui.widgets.workload_pane import SHORT_PART
from tests.conftest import TODAY
from tests.ui.conftest import Ui, find, read_book, running

LISTS = [
    ("D", "Delegation ledger", DelegationScreen),
    ("R", "Renewal radar", RenewalsScreen),
    ("P", "Prospects, won and lost", ProspectsScreen),
    ("M", "Discounts", DiscountsScreen),
    ("K", "Competitors", CompetitorsScreen),
    ("V", "Events", EventsScreen),
]


async def palette(ui: Ui, command: str) -> None:
    """Run a palette command by typing its name (as tests/ui/test_palette_and_help.py does)."""
    await ui.press("ctrl+p")
    assert isinstance(ui.screen, CommandPalette)
    await ui.type(command)
    await ui.pilot.pause()
    await ui.press("enter")
    await ui.steady()


def offered(ui: Ui) -> list[str]:
    """The recent books the switch dialog offers."""
    options = ui.screen.query_one("#recent-books", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- 9. the TUI and `acct-tui status --json` agree ------------------------------------------


async def test_the_planner_and_status_show_the_same_schedule(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = write_demo_calendar(tmp_path / "calendar.ics", TODAY)
    async with running(demo_path, calendars=(calendar,), size=(160, 90)) as ui:  # tall: every row of Today in view
        assert ui.app.meetings, "the demo calendar's meetings are read"
        lines = [line.rstrip() for line in ui.lines("#workload-view")]
        heading = flat(ui.text("#workload .pane-heading"))
        today_heading = flat(ui.text("#today .pane-heading"))
        today = [line.strip() for line in ui.lines("#today-list") if line.strip()]
        chart = ui.main.assessment
    capsys.readouterr()
    argv = ["--today", "2026-11-27", "status", "--db", str(demo_path), "--calendar", str(calendar), "--json"]
    assert cli(argv) == 0
    status = orjson.loads(capsys.readouterr().out)
    assert status["date"] == "2026-11-27"

    def meter(label: str) -> tuple[str, str]:
        [found] = [m for line in lines if (m := re.match(rf"^{label}\s+[█▶░]+\s+(\S+)\s+(.*)$", line))]
        return found.group(1), found.group(2)

    assert meter("Today") == (
        percent(status["utilisation_today"]),
        f"{hours(status['load_hours_today'])} of {hours(status['capacity_hours_today'])}",
    )
    assert meter("Week") == (
        percent(status["utilisation_week"]),
        f"{hours(status['load_hours_week'])} of {hours(status['capacity_hours_week'])}",
    )
    assert meter("Stress") == (str(status["stress_index"]), status["stress_band"])

    # The chart's days are status's days, hour for hour.
    assert chart is not None
    assert [(d.date.isoformat(), d.scheduled_hours, d.capacity_hours) for d in chart.days] == [
        (d["date"], d["load_hours"], d["capacity_hours"]) for d in status["days"]
    ]

    # The stress parts with points, in the pane's short names.
    start = next(i for i, line in enumerate(lines) if line.startswith("Stress"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Trend"))
    shown = re.findall(r"([a-z][a-z -]*?) (\d+)", " · ".join(lines[start + 1 : end]))
    expected = [(SHORT_PART[p["name"]], str(p["points"])) for p in status["stress_parts"] if p["points"]]
    assert [(name.strip(" ·"), points) for name, points in shown] == expected
    assert re.search(rf"now {status['stress_index']}\b", "\n".join(lines))

    staff = " ".join(line for line in lines if line.startswith(("Staff", "          ")) and "h/" in line)
    for member in status["staff"]:
        first = member["name"].split()[0]
        assert f"{first} {hours(member['load_hours_week'])}/{hours(member['capacity_hours_week'])}" in staff
    risks = f" · {len(status['at_risk'])} at risk" if status["at_risk"] else ""
    assert heading == f"Week {status['week']} {status['overdue']} overdue{risks}"

    # The Today pane: today's meetings, the plan, what does not fit and the promises at risk later.
    first = status["days"][0]
    meetings = f"{hours(first['meeting_hours'])} of meetings, " if first["meeting_hours"] else ""
    assert today_heading.startswith(f"Fri 27 Nov: {meetings}{hours(status['free_hours_today'])} free")
    plan_at = next(i for i, line in enumerate(today) if line.startswith("Plan:"))
    planned = sum(item["hours"] for item in status["plan"])
    assert today[plan_at] == (
        f"Plan: {hours(first['load_hours'])} of {hours(first['capacity_hours'])}, {hours(first['free_hours'])} free"
    )
    assert today[plan_at + 1].strip().startswith(f"tasks {hours(planned)} + ")
    assert today[plan_at + 1].endswith(f" + attention {hours(first['attention_hours'])}")
    overflow_at = next(i for i, line in enumerate(today) if line.startswith("Does not fit"))
    assert today[overflow_at] == f"Does not fit ({len(status['overflow'])}): s accepts the suggestion"
    for row, item in zip(today[plan_at + 2 : overflow_at], status["plan"], strict=True):
        assert f" {item['title']}" in f" {row}" and f"{item['client']}  {hours(item['hours'])}" in row, row
    overflowing = {item["task_id"] for item in status["overflow"]}
    finished_today = {item["task_id"] for item in status["plan"]}  # with the risk's earliest day today
    later = [
        risk
        for risk in status["at_risk"]
        if risk["task_id"] not in overflowing
        and not (risk["task_id"] in finished_today and risk["earliest"] == first["date"])
    ]
    assert len(later) < len(status["at_risk"]) - len(overflowing)  # the demo has late tasks the plan finishes today
    later_at = next(i for i, line in enumerate(today) if line.startswith("At risk later"))
    for row, item in zip(today[overflow_at + 1 : later_at], status["overflow"], strict=True):
        assert row.startswith("↷") and f" {item['title']}" in row and hours(item["hours"]) in row, row
    assert today[later_at].startswith(f"At risk later ({len(later)})")


# --- 10. switching books ---------------------------------------------------------------------


async def test_ctrl_o_switches_to_a_typed_book_and_the_palette_back_to_a_recent_one(
    demo_path: Path, tmp_path: Path
) -> None:
    second = write_generated_book(tmp_path / "second.json", 4, 3, TODAY)
    second_names = sorted(c["name"] for c in read_book(second)["clients"].values())
    recent.remember(demo_path)  # as `acct-tui` does for the book it opens
    async with running(demo_path) as ui:
        first_repo = ui.app.repo
        with pytest.raises(BookLocked):
            Repository.open(demo_path, today=TODAY)
        # A change in the first book: after the switch, u must not reach back into it.
        await ui.press("3")
        await ui.press("x")
        await ui.settle()
        task_done = read_book(demo_path)["tasks"]

        await ui.press("ctrl+o")
        assert isinstance(ui.screen, SwitchBookScreen)
        assert ui.focused_id == "book-path"
        assert offered(ui) == [], "the open book is not offered"
        await ui.type(str(second))
        await ui.press("enter")
        await ui.settle()

        assert isinstance(ui.screen, MainScreen)
        assert ui.app.repo.path == second
        assert ui.app.sub_title == str(second)
        assert str(second) in ui.text("HeaderTitle")
        clients = ui.text("#client-list")
        assert all(name in clients for name in second_names), clients
        assert "Apex Cloud Systems" not in clients
        assert any(n == f"Opened {second}" for n in ui.notifications())
        shown = ui.main.assessment
        assert shown is not None and shown.today == TODAY
        assert (shown.load_hours_week, shown.stress.total) == (
            (fresh := assess(ui.app.repo.book, TODAY)).load_hours_week,
            fresh.stress.total,
        ), "the Workload pane shows the new book"
        # The first book is closed: its lock is free and its file is as the app left it.
        assert first_repo._lock is None
        with Repository.open(demo_path, today=TODAY) as again:
            assert again.path == demo_path
        # Left saved, with this week's record brought up to date.
        left = read_book(demo_path)
        assert left["tasks"] == task_done
        [week] = [w for w in left["weeks"].values() if w["week"] == "2026-W48"]
        assert week["stress_index"] < 48, "the week's record counts the task done before the switch"
        demo_after_change = demo_path.read_bytes()
        assert recent.recent()[:2] == [second, demo_path]
        assert [w.week for w in ui.app.repo.book.weeks.values()].count("2026-W48") == 1
        assert "2026-W48" not in [w["week"] for w in read_book(second)["weeks"].values()], "opening writes nothing"

        await ui.press("u")
        await ui.settle()
        assert any(n == "Nothing to undo." for n in ui.notifications())
        assert demo_path.read_bytes() == demo_after_change

        # Back by the palette, picking the recent book with ↓ and Enter.
        await palette(ui, "Switch book")
        assert isinstance(ui.screen, SwitchBookScreen)
        assert offered(ui) == [str(demo_path)]
        await ui.press("down")
        assert isinstance(ui.app.focused, OptionList)
        await ui.press("enter")
        await ui.settle()
        assert isinstance(ui.screen, MainScreen)
        assert ui.app.repo.path == demo_path
        assert "Apex Cloud Systems" in ui.text("#client-list")
        with Repository.open(second, today=TODAY):
            pass
        assert recent.recent()[:2] == [demo_path, second]
    ui.app.repo.close()


async def test_a_corrupt_book_is_not_opened_and_the_current_one_stays(demo_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"clients": {"1": {"name": ')
    async with running(demo_path) as ui:
        await ui.press("D")  # the switch happens over a list screen too
        await ui.press("ctrl+o")
        await ui.type(str(bad))
        await ui.press("enter")
        await ui.settle()
        assert ui.app.repo.path == demo_path
        assert isinstance(ui.screen, DelegationScreen), "nothing closed"
        errors = [n for n in ui.app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].title == "Book not switched"
        assert str(bad) in errors[0].message or "bad.json" in errors[0].message
        assert bad.read_bytes() == b'{"clients": {"1": {"name": ', "a bad file is never overwritten"
        with pytest.raises(BookCorrupt):  # not BookLocked: the failed open let go of its lock
            Repository.open(bad, today=TODAY)
        assert ui.app.sub_title == str(demo_path)
        with pytest.raises(BookLocked):
            Repository.open(demo_path, today=TODAY)

        # The same book again: nothing happens.
        await ui.press("ctrl+o")
        await ui.type(str(demo_path))
        await ui.press("enter")
        assert ui.app.repo.path == demo_path
        assert "That book is already open." in ui.notifications()
        # Escape cancels.
        await ui.press("ctrl+o")
        await ui.press("escape")
        assert isinstance(ui.screen, DelegationScreen)
        assert recent.recent() == []

        # A path that does not exist yet: a new, empty book (its folder made too).
        fresh = tmp_path / "new" / "empty.json"
        await ui.press("ctrl+o")
        await ui.type(str(fresh))
        await ui.press("enter")
        await ui.settle()
        assert isinstance(ui.screen, MainScreen), "the list screen closes with its book"
        assert ui.app.repo.path == fresh and fresh.is_file()
        assert flat(ui.text("#client-list")) == "No clients yet: press n to add one."
        assert recent.recent() == [fresh]
    ui.app.repo.close()


# --- 11. the weekly report -------------------------------------------------------------------

HEADINGS = [
    "# Weekly report 2026-W48",
    "## Summary",
    "## Activities by client",
    "## Tasks done",
    "## Stage moves",
    "## New clients and deals",
    "## Discounts given",
    "## Delegated work",
    "## Load and stress",
]


async def test_ctrl_r_writes_the_weekly_report_beside_the_book_and_shows_it(demo_path: Path, tmp_path: Path) -> None:
    folder = demo_path.parent / "acct-tui-reports"
    report = folder / "report-2026-W48.md"
    assert not folder.exists()
    async with running(demo_path) as ui:
        await ui.press("ctrl+r")
        assert isinstance(ui.screen, ReportScreen)
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        text = report.read_text(encoding="utf-8")
        lines = text.splitlines()
        assert [line for line in lines if line.startswith("#") and not line.startswith("###")] == HEADINGS
        assert text == ui.screen.markdown
        title = "".join(ui.text(".dialog-title").split())  # the long path wraps
        assert title == "".join(f"Weekly report, saved as {report}".split())
        shown = [str(block.render()).strip() for block in ui.screen.query("MarkdownH1, MarkdownH2")]
        assert shown == [heading.lstrip("# ") for heading in HEADINGS], "the viewer shows the report"
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)

        # A form has the floor: ctrl+r waits until it is closed.
        await ui.press("n")
        await ui.press("ctrl+r")
        assert isinstance(ui.screen, FormScreen)
        await ui.press("escape")

        # From a list screen, and again by the palette: the file is rewritten with the week's new work.
        report.write_text("old", encoding="utf-8")
        report.chmod(0o644)
        await ui.press("D")
        await ui.press("x")
        await ui.settle()
        await palette(ui, "Weekly report")
        assert isinstance(ui.screen, ReportScreen)
        text = report.read_text(encoding="utf-8")
        assert "Done: " in text or "Review sensor data import" in text
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        await ui.press("escape")
        assert isinstance(ui.screen, DelegationScreen)

    # `acct-tui report` writes the same Markdown for the same book and date.
    out = tmp_path / "cli-report.md"
    assert cli(["--today", "2026-11-27", "report", "--db", str(demo_path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == report.read_text(encoding="utf-8")


async def test_a_report_that_cannot_be_written_says_why(demo_path: Path) -> None:
    blocker = demo_path.parent / "acct-tui-reports"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    async with running(demo_path) as ui:
        await ui.press("ctrl+r")
        assert isinstance(ui.screen, MainScreen)
        errors = [n for n in ui.app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert errors[0].message.startswith(f"The report could not be written to {blocker / 'report-2026-W48.md'}")
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


# --- 12. the list screens: keys, palette, Escape ----------------------------------------------


async def test_every_list_screen_opens_from_the_palette_and_escape_goes_back(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        for _, command, cls in LISTS:
            await palette(ui, command)
            assert isinstance(ui.screen, cls), command
            assert len(ui.app.screen_stack) == 3
            await ui.press("escape")
            assert isinstance(ui.screen, MainScreen), command
            assert len(ui.app.screen_stack) == 2


async def test_a_list_key_replaces_the_current_list_instead_of_stacking(demo_path: Path) -> None:
    async with running(demo_path) as ui:
        for key, _, cls in LISTS:
            await ui.press(key)
            assert isinstance(ui.screen, cls), key
            assert len(ui.app.screen_stack) == 3, f"{key} stacked on the previous list"
            shown = ui.screen
            await ui.press(key)
            assert ui.screen is shown, f"{key} again keeps the list"
        # From a list, the palette replaces it too.
        await palette(ui, "Renewal radar")
        assert isinstance(ui.screen, RenewalsScreen)
        assert len(ui.app.screen_stack) == 3
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)

        # From the client detail a list opens on top of it, and Escape goes back there.
        silverline_id, _ = find(ui.book(), "clients", name="Silverline Credit Union")
        await ui.to_client("Silverline Credit Union")
        await ui.press("enter")
        assert isinstance(ui.screen, ClientDetailScreen)
        await ui.press("R")
        assert isinstance(ui.screen, RenewalsScreen)
        await ui.press("M")
        assert isinstance(ui.screen, DiscountsScreen)
        assert sum(isinstance(s, ListScreen) for s in ui.app.screen_stack) == 1
        await ui.press("escape")
        assert isinstance(ui.screen, ClientDetailScreen) and ui.screen.client_id == silverline_id
        await ui.press("escape")
        assert isinstance(ui.screen, MainScreen)
