"""Urgency: the sum of the coefficients that apply to a task, as taskwarrior computes it."""

from __future__ import annotations

from typing import Any

import pytest

from acct_tui.domain.enums import Priority, Stage, TaskStatus, Tier
from acct_tui.domain.records import Client, Task
from acct_tui.domain.urgency import urgency
from tests.conftest import TODAY
from tests.domain.workload_books import day, make_book, project

BOOK = make_book(
    Client(id=1, name="Acme", tier=Tier.STRATEGIC, renewal_date=day(90)),
    Client(id=2, name="Beta", tier=Tier.KEY, renewal_date=day(91)),
    Client(id=3, name="Gamma"),
    project(1, 1, Stage.KICKOFF),
    project(2, 2, Stage.DELIVERY),
)


@pytest.mark.parametrize(
    ("fields", "total", "parts"),
    [
        (
            {"client_id": 1, "project_id": 1, "due": day(-1), "priority": Priority.HIGH},
            27.0,  # 12 + 6 + 3 + 2 + 4
            ["overdue", "priority_high", "tier_strategic", "renewal_within_90_days", "kickoff_stage"],
        ),
        ({"client_id": 2, "project_id": 2, "due": day(7)}, 13.4, ["due_within_7_days", "priority_medium", "tier_key"]),
        ({"client_id": 3, "due": day(8), "priority": Priority.LOW}, 5.8, ["due_within_14_days", "priority_low"]),
        ({"due": day(15)}, 3.9, ["priority_medium"]),
        ({"due": TODAY, "status": TaskStatus.BLOCKED}, 6.9, ["due_within_7_days", "priority_medium", "blocked"]),
        ({"status": TaskStatus.WAITING, "priority": Priority.LOW}, -1.2, ["priority_low", "waiting"]),
    ],
)
def test_urgency_is_the_sum_of_the_coefficients_that_apply(
    fields: dict[str, Any], total: float, parts: list[str]
) -> None:
    score = urgency(Task(id=1, title="T", **fields), BOOK, TODAY)
    assert score.total == total
    assert [name for name, _ in score.parts] == parts


def test_urgency_explains_itself_and_follows_the_settings() -> None:
    task = Task(id=1, title="T", client_id=1, due=day(-1), status=TaskStatus.BLOCKED)
    assert urgency(task, BOOK, TODAY).why == (
        "overdue 12 + priority_medium 3.9 + tier_strategic 3 + renewal_within_90_days 2 + blocked -5 = 15.9"
    )
    tuned = make_book(*BOOK.clients.values(), urgency={"overdue": 20, "tier_strategic": 0})
    assert urgency(task, tuned, TODAY).total == 20.9  # 20 + 3.9 + 2 - 5; the zero coefficient is left out
