"""The weekly trend: the stress index and utilisation per ISO week, and the sustained-overload warning.

Past weeks come from the book's WeekRecords (the UI stores one for the current week as it goes,
see `acct_tui.domain.workload.week_record`); the current week is always computed afresh. A week
without a record has no numbers: it is a gap in the trend, never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from acct_tui.domain.book import Book
from acct_tui.domain.dates import iso_week, monday_of
from acct_tui.domain.records import WeekRecord

TREND_WEEKS = 12
SUSTAINED_WINDOW = 4
SUSTAINED_WEEKS = 3
"""Three of the last four weeks above `settings.stress.sustained_above` is sustained overload."""


@dataclass(frozen=True, slots=True)
class TrendWeek:
    week: str
    """ISO week, "2026-W48"."""
    stress_index: int | None
    utilisation: float | None
    load_hours: float | None
    raw_tlx: float | None
    """The Raw NASA-TLX of the week's self-check, 0-100, if the user filled it in."""
    current: bool


def week_labels(today: date, count: int) -> list[str]:
    """The ISO weeks of the last `count` weeks, oldest first, ending with the week of `today`."""
    monday = monday_of(today)
    return [iso_week(monday - timedelta(weeks=back)) for back in range(count - 1, -1, -1)]


def recorded_weeks(book: Book) -> dict[str, WeekRecord]:
    """The book's WeekRecords by ISO week."""
    return {record.week: record for record in book.weeks.values()}


def trend(records: Mapping[str, WeekRecord], today: date, current: WeekRecord) -> tuple[TrendWeek, ...]:
    """The last 12 ISO weeks, oldest first; the last one is `current`, the week of `today`."""
    weeks: list[TrendWeek] = []
    for week in week_labels(today, TREND_WEEKS)[:-1]:
        record = records.get(week)
        if record is None:
            weeks.append(TrendWeek(week, None, None, None, None, current=False))
        else:
            weeks.append(_point(record, current=False))
    weeks.append(_point(current, current=True))
    return tuple(weeks)


def _point(record: WeekRecord, *, current: bool) -> TrendWeek:
    check = record.self_check
    return TrendWeek(
        week=record.week,
        stress_index=record.stress_index,
        utilisation=record.utilisation,
        load_hours=record.load_hours,
        raw_tlx=check.raw_tlx if check else None,
        current=current,
    )


def sustained_overload(weeks: Sequence[TrendWeek], above: float) -> bool:
    """Three of the last four weeks had an index above `above` (weeks without a number do not count)."""
    last = weeks[-SUSTAINED_WINDOW:]
    return sum(1 for week in last if week.stress_index is not None and week.stress_index > above) >= SUSTAINED_WEEKS
