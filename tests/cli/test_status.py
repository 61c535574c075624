"""`acct-tui status`: the one line, the JSON object, read-only opening and usage errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from acct_tui.cli import main
from acct_tui.domain.planner import day_plan
from acct_tui.domain.workload import assess
from acct_tui.store.repository import Repository
from tests.conftest import TODAY, demo_id, demo_ids

DEMO_LINE = (
    "today 14.25/8.0 h 178% | week 114% | stress 48 (overdue 4) | next: Check dashboard data quality | 2 don't fit"
)
"""The demo book on TODAY, as tests/domain/test_workload.py::test_the_demo_book_at_today and
tests/domain/test_planner.py::test_the_demo_plan work it out by hand."""


def status(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["status", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def status_json(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> dict[str, Any]:
    out = status(capsys, "--db", str(path), "--today", TODAY.isoformat(), "--json", *argv)
    assert out.count("\n") == 1
    data: dict[str, Any] = json.loads(out)
    return data


def test_one_line_for_a_prompt(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status(capsys, "--db", str(demo_path), "--today", "2026-11-27") == DEMO_LINE + "\n"


def test_today_may_come_before_the_command(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--today", "2026-11-27", "status", "--db", str(demo_path)]) == 0
    assert capsys.readouterr().out == DEMO_LINE + "\n"


def test_an_empty_book_and_a_weekend(book_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Repository.open(book_path, today=TODAY).close()
    line = status(capsys, "--db", str(book_path), "--today", "2026-11-27")
    assert line == "today 0.0/8.0 h 0% | week 0% | stress 0 | next: nothing due\n"
    saturday = status(capsys, "--db", str(book_path), "--today", "2026-11-28")
    assert saturday.startswith("today 0.0/0.0 h 0% | week 0% |")


def test_json_has_the_documented_fields(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = status_json(capsys, demo_path)
    assert {
        "date": data["date"],
        "capacity_hours_today": data["capacity_hours_today"],
        "load_hours_today": data["load_hours_today"],
        "utilisation_today": data["utilisation_today"],
        "utilisation_week": data["utilisation_week"],
        "stress_index": data["stress_index"],
        "overdue": data["overdue"],
        "free_hours_today": data["free_hours_today"],
    } == {
        "date": "2026-11-27",
        "capacity_hours_today": 8.0,
        "load_hours_today": 14.25,
        "utilisation_today": 1.7812,  # 14.25 / 8 = 1.78125, as a fraction to 4 decimals
        "utilisation_week": 1.1438,  # 45.75 / 40 = 1.14375
        "stress_index": 48,
        "overdue": 4,
        "free_hours_today": 7.5,  # 8 - 2 late follow-up checks x 0.25
    }
    parts = data["stress_parts"]
    assert all(set(part) == {"name", "points", "max_points", "why"} for part in parts)
    assert sum(part["points"] for part in parts) == data["stress_index"]
    assert [item["task_id"] for item in data["plan"]] == demo_ids("tasks", 6, 1, 33, 30, 11, 27)
    assert data["plan"][0] == {
        "task_id": demo_id("tasks", 6),
        "title": "Check dashboard data quality",
        "client": "Saigon Commercial Bank",
        "hours": 1.0,
        "urgency": 23.0,
        "due": "2026-11-24",
        "ahead": False,
    }
    assert sum(item["hours"] for item in data["plan"]) <= data["free_hours_today"]
    overflow = {row["task_id"]: row for row in data["overflow"]}
    task_51, task_50 = demo_ids("tasks", 51, 50)
    assert list(overflow) == [task_51, task_50]
    assert set(overflow[task_51]) == {"task_id", "title", "client", "hours", "urgency", "due", "suggestion", "why"}
    assert overflow[task_51]["suggestion"] == {
        "action": "delegate",
        "staff_id": demo_id("staff", 3),
        "staff_name": "Tom Becker",
        "follow_up": "2026-11-30",
        "text": "Delegate to Tom Becker (40.0 h spare this week), follow up on Mon 30 Nov",
    }
    assert overflow[task_50]["suggestion"]["text"] == (
        "Delegate to Tom Becker (39.5 h spare this week), follow up on Mon 30 Nov"  # 40 - task 51's 0.5 h
    )
    assert len(data["days"]) == 10
    assert [member["load_hours_week"] for member in data["staff"]] == [2.0, 9.0, 0.0]


def test_json_of_a_move_suggestion(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    # With every staff member gone, nobody can take tasks 51 and 50: they move to the first day with room
    # for tasks. Mon 30 Nov: 8 h - tasks 17, 21, 29, 34 (6.5 h) - checks of 25 and 44 (0.5 h) = 1.0 h,
    # enough for 51 (0.5 h); Tue 1 Dec: 8 h - the 2 h steering committee - tasks 3, 19, 24, 41, 47 (6.0 h)
    # - check of 37 (0.25 h) leaves nothing; Wed 2 Dec: 8 h - tasks 4, 31, 40 (5.5 h) = 2.5 h, enough for 50 (1 h).
    for member in demo_repo.staff.all():
        demo_repo.staff.update(member.evolve(active=False))
    data = status_json(capsys, demo_repo.path)
    overflow = {row["task_id"]: row["suggestion"] for row in data["overflow"]}
    assert overflow == {
        demo_id("tasks", 51): {
            "action": "move",
            "due": "2026-11-30",
            "text": "Move the due date to Mon 30 Nov (1.0 h free for tasks)",
        },
        demo_id("tasks", 50): {
            "action": "move",
            "due": "2026-12-02",
            "text": "Move the due date to Wed 2 Dec (2.5 h free for tasks)",
        },
    }


def test_json_shows_the_numbers_the_domain_computes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.json"
    assert main(["--today", "2026-11-27", "generate", "--clients", "5", "-o", str(path)]) == 0
    capsys.readouterr()
    data = status_json(capsys, path)
    with Repository.open(path, read_only=True) as repo:
        found = assess(repo.book, TODAY)
        plan = day_plan(repo.book, TODAY, assessment=found)
    assert data["load_hours_week"] == round(found.load_hours_week, 2)
    assert data["stress_index"] == found.stress.total == sum(part["points"] for part in data["stress_parts"])
    assert [row["task_id"] for row in data["overflow"]] == [row.task_id for row in plan.overflow]


def test_status_reads_a_book_another_acct_tui_holds(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Repository.open(demo_path, today=TODAY):  # holds the lock
        assert status(capsys, "--db", str(demo_path), "--today", "2026-11-27") == DEMO_LINE + "\n"


def test_a_missing_book_exits_1_and_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.json"
    assert main(["status", "--db", str(path)]) == 1
    assert capsys.readouterr().err == f"acct-tui: {path}: does not exist\n"
    assert not path.exists()


def test_a_bad_date_is_wrong_usage(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--db", str(demo_path), "--today", "someday"]) == 2
    assert "is not a date" in capsys.readouterr().err
