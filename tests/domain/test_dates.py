"""ISO weeks: the week of a day, the Monday of a week."""

from __future__ import annotations

from datetime import date

import pytest

from acct_tui.domain.dates import iso_week, week_monday
from tests.conftest import TODAY


def test_iso_weeks() -> None:
    assert iso_week(TODAY) == "2026-W48"
    assert week_monday("2026-W48") == date(2026, 11, 23)
    assert week_monday("2027-w01") == date(2027, 1, 4)
    with pytest.raises(ValueError, match="not an ISO week"):
        week_monday("2026-48")
    with pytest.raises(ValueError, match="not a week of that year"):
        week_monday("2025-W53")
