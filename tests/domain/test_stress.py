"""The stress index: each part's points by hand, the bands, the settings' limits, and the sum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from acct_tui.domain.settings import StressSettings
from acct_tui.domain.stress import Band, band, counted_part, long_hours_part, stress, utilisation_part
from acct_tui.domain.worked import WorkedWeek
from acct_tui.domain.workload import assess
from tests.conftest import TODAY
from tests.domain.workload_books import small_book

DEFAULTS = StressSettings()


@pytest.mark.parametrize(
    ("fraction", "points"),
    [
        (0.5, 0),
        (0.8, 0),  # points start above 80%
        (0.9, 6),  # 25 x (90 - 80) / (120 - 80) = 6.25 -> 6
        (1.0, 13),  # 25 x 20 / 40 = 12.5 -> 13 (half up)
        (1.1, 19),  # 18.75 -> 19
        (1.2, 25),
        (3.0, 25),  # at most 25
    ],
)
def test_utilisation_points_grow_in_a_line_from_80_to_120_percent(fraction: float, points: int) -> None:
    assert utilisation_part(DEFAULTS, fraction * 40, 40.0, fraction).points == points


def test_the_utilisation_part_shows_its_sum() -> None:
    part = utilisation_part(DEFAULTS, 44.0, 40.0, 1.1)
    assert part.why == (
        "This week's load is 44.0 h against 40.0 h of capacity (110%); points start above 80% and reach 25 at "
        "120%: 25 × (110% − 80%) / (120% − 80%) = 18.75: 19 points."
    )
    assert utilisation_part(DEFAULTS, 3.0, 0.0, 1.075).why.startswith("This week's load is 3.0 h with no capacity")


def test_counted_parts() -> None:
    none = counted_part("overdue promises", [], counted=("promise", "promises"), each=4, most=20)
    assert (none.points, none.why) == (0, "No promises: 0 points.")
    five = counted_part("overdue promises", list("abcde"), counted=("promise", "promises"), each=4, most=20)
    assert (five.points, five.max_points) == (20, 20)
    assert five.why == "5 promises: a, b, c and 2 more; 4 points each, at most 20: 20 points."
    six = counted_part("overdue promises", list("abcdef"), counted=("promise", "promises"), each=4, most=20)
    assert six.points == 20  # 24, at most 20
    kickoffs = counted_part("kickoffs", ["A", "B", "C"], counted=("kickoff", "kickoffs"), each=5, most=15, allowed=2)
    assert kickoffs.points == 5  # one over the two allowed
    assert kickoffs.why == "3 kickoffs (2 are fine): A, B, C; 5 points for each one over 2, at most 15: 5 points."
    within = counted_part("switches", ["A", "B"], counted=("client", "clients"), each=2, most=10, allowed=5)
    assert within.points == 0


def worked(label: str, hours: float, *, recorded: bool = True) -> WorkedWeek:
    return WorkedWeek(label, hours, 0.0, 0, 1 if recorded else 0, 0)


def test_long_hours_count_from_55_hours_worked_a_week_on_average() -> None:
    # (50 + 60) / 2 = 55: at the threshold, WHO/ILO's "55 hours or more"; W46 recorded nothing: left out
    reached = long_hours_part(
        DEFAULTS, [worked("2026-W46", 0.0, recorded=False), worked("2026-W47", 50.0), worked("2026-W48", 60.0)]
    )
    assert reached.points == 10
    assert reached.why == (
        "Hours worked as the book and calendar show them (activities and meetings, tasks done) in the last 2 weeks "
        "(W47 50.0 h, W48 60.0 h): 55.0 h a week on average, at or above 55 h: 10 points."
    )
    assert long_hours_part(DEFAULTS, [worked("2026-W48", 54.99)]).points == 0
    nothing = long_hours_part(DEFAULTS, [])
    assert (nothing.points, nothing.why) == (
        0,
        "No hours worked are recorded for the last 4 weeks (activities, meetings, tasks done): 0 points.",
    )


def test_bands() -> None:
    assert [band(value, DEFAULTS) for value in (0, 39, 40, 69, 70, 100)] == [
        Band.GREEN,
        Band.GREEN,
        Band.AMBER,
        Band.AMBER,
        Band.RED,
        Band.RED,
    ]


def test_the_settings_keep_the_maxima_within_100_and_whole() -> None:
    assert StressSettings(utilisation_max=20, long_hours_points=15).utilisation_max == 20  # still 100
    with pytest.raises(ValidationError, match="add up to 105"):
        StressSettings(utilisation_max=30)
    with pytest.raises(ValidationError, match="int_from_float"):  # "must be a whole number" in forms
        StressSettings(utilisation_max=12.5)
    with pytest.raises(ValidationError, match="utilisation_full must be above utilisation_from"):
        StressSettings(utilisation_from=1.2, utilisation_full=1.2)


def test_the_small_books_index_is_the_sum_of_its_parts() -> None:
    found = assess(small_book(), TODAY).stress
    # utilisation 100% (25 x 20 / 40 = 12.5 -> 13), 1 promise at risk (T2, overdue: 4), 1 kickoff (0),
    # 2 clients today (0), 1 late follow-up (3), Acme quiet for 20 days with a 14-day cadence (2),
    # hours worked: W45 nothing but a call of 0 minutes, W47 2 h: 1 h a week on average (0)
    assert [(part.name, part.points) for part in found.parts] == [
        ("utilisation", 13),
        ("promises at risk", 4),
        ("parallel kickoffs", 0),
        ("context switches", 0),
        ("late follow-ups", 3),
        ("quiet clients", 2),
        ("long hours", 0),
    ]
    assert found.total == 22
    assert found.band is Band.GREEN
    assert found.parts[1].why == (
        "1 promise to a client the schedule finishes late: Send minutes for Acme (due Wed 25 Nov, done Fri 27 Nov); "
        "4 points each, at most 20: 4 points."
    )


@given(
    fraction=st.floats(0, 10),
    counts=st.lists(st.integers(0, 50), min_size=5, max_size=5),
    hours=st.floats(0, 200),
)
def test_the_index_stays_within_0_and_100_and_is_the_sum(fraction: float, counts: list[int], hours: float) -> None:
    settings = DEFAULTS
    each = (settings.overdue_each, settings.kickoff_each, settings.client_switch_each, settings.follow_up_each, 2.0)
    most = (settings.overdue_max, settings.kickoff_max, settings.client_switch_max, settings.follow_up_max, 10)
    parts = [
        utilisation_part(settings, fraction * 40, 40, fraction),
        long_hours_part(settings, [worked("2026-W48", hours)]),
    ]
    parts += [
        counted_part(str(n), ["x"] * count, counted=("x", "xs"), each=e, most=m)
        for n, (count, e, m) in enumerate(zip(counts, each, most, strict=True))
    ]
    found = stress(parts, settings)
    assert 0 <= found.total <= 100
    assert found.total == sum(part.points for part in found.parts)
    assert all(0 <= part.points <= part.max_points for part in found.parts)
