"""The weekly trend: past weeks from the book's records, the current one computed, sustained overload."""

from __future__ import annotations

from datetime import date

from acct_tui.domain.records import SelfCheck, WeekRecord
from acct_tui.domain.trend import TrendWeek, sustained_overload, week_labels
from acct_tui.domain.workload import assess
from tests.conftest import TODAY
from tests.domain.workload_books import small_book

CHECK = SelfCheck(mental=80, physical=20, temporal=90, performance=40, effort=70, frustration=60)  # Raw TLX 60


def week(label: str, index: int, load: float = 40.0, record_id: int = 0, check: SelfCheck | None = None) -> WeekRecord:
    return WeekRecord(
        id=record_id, week=label, stress_index=index, utilisation=load / 40, load_hours=load, self_check=check
    )


def points(*indexes: int | None) -> list[TrendWeek]:
    return [TrendWeek(f"2026-W{40 + n}", index, None, None, None, False) for n, index in enumerate(indexes)]


def test_week_labels_run_back_from_the_week_of_today_across_years() -> None:
    assert week_labels(TODAY, 4) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    # 2026 has 53 ISO weeks; Wednesday 6 January 2027 is in 2027-W01.
    assert week_labels(date(2027, 1, 6), 3) == ["2026-W52", "2026-W53", "2027-W01"]


def test_sustained_overload_is_three_of_the_last_four_weeks_above_70() -> None:
    assert sustained_overload(points(10, 71, 72, None, 75), 70)
    assert not sustained_overload(points(71, 70, 72, None, 75), 70)  # 70 is not above 70
    assert not sustained_overload(points(90, 90, 90, 10, 10), 70)  # the old weeks are out of the window
    assert not sustained_overload(points(), 70)


def test_the_trend_has_twelve_weeks_with_gaps_and_the_self_check() -> None:
    book = small_book(
        week("2026-W46", 80, record_id=1, check=CHECK),
        week("2026-W37", 20, record_id=2),  # the oldest of the twelve
        week("2026-W36", 99, record_id=3),  # too old to show
        week("2026-W48", 50, record_id=4, check=CHECK),  # the current week: recomputed, its self-check kept
    )
    trend = assess(book, TODAY).trend
    assert [point.week for point in trend][:2] == ["2026-W37", "2026-W38"]
    assert len(trend) == 12
    w37, w46, w47, w48 = trend[0], trend[-3], trend[-2], trend[-1]
    assert (w37.stress_index, w37.raw_tlx) == (20, None)
    assert (w46.stress_index, w46.utilisation, w46.load_hours, w46.raw_tlx, w46.current) == (80, 1.0, 40.0, 60.0, False)
    assert (w47.stress_index, w47.utilisation, w47.raw_tlx) == (None, None, None)  # no record: a gap
    assert (w48.stress_index, w48.load_hours, w48.raw_tlx, w48.current) == (22, 8.0, 60.0, True)


def test_three_hot_weeks_in_the_book_give_the_warning() -> None:
    records = [week(f"2026-W{n}", 75, load=70.0, record_id=n) for n in (45, 46, 47)]
    found = assess(small_book(*records), TODAY)
    assert found.sustained_overload
    # The stored weeks' load is demand the schedule estimated, not hours worked: long hours stay at 0.
    assert found.stress.parts[-1].points == 0
    older = [week(f"2026-W{n}", 75, load=70.0, record_id=n) for n in (44, 46, 47)]
    assert not assess(small_book(*older), TODAY).sustained_overload  # W48 is at 22: two of the last four
