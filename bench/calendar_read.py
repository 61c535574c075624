"""Reading a big calendar: a 5 MB Outlook export (years of meetings, dozens of weekly series with
moved and cancelled instances) for the planner's window (`calendar_window`: the four ISO weeks
before this one to the last day the schedule fills, about six weeks ahead).

    .venv/bin/python bench/calendar_read.py [--runs N] [--json]

Writes the calendar (`acct_tui.calendar.sample.outlook_calendar`) to a temporary folder, then
times in this one process: the first read (which also imports icalendar, recurring-ical-events
and x-wr-timezone), the median of N reads (default 5), and the median of N reads without the
scan's prefilter (icalendar parses every event); wall time, and CPU time, which a busy machine
inflates less. The budget is 300 ms for a read (issue 14), off the UI thread.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from acct_tui.calendar import read_calendars
from acct_tui.calendar.sample import outlook_calendar
from acct_tui.domain.schedule import calendar_window
from acct_tui.domain.settings import Settings

TODAY = date(2026, 11, 27)
FIRST, LAST = calendar_window(TODAY, Settings())
BUDGET_MS = 300.0


def _read_ms(path: Path, *, prefilter: bool) -> tuple[float, float, int]:
    """Wall time and CPU time of one read (the CPU time says more on a busy machine), and the meetings."""
    began, began_cpu = time.perf_counter(), time.process_time()
    found = read_calendars([path], FIRST, LAST, zone=ZoneInfo("Europe/Berlin"), prefilter=prefilter)
    return (time.perf_counter() - began) * 1000, (time.process_time() - began_cpu) * 1000, len(found.meetings)


def measure(runs: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="acct-bench-calendar-"))
    try:
        path = folder / "outlook.ics"
        path.write_text(outlook_calendar(TODAY), newline="")
        first_ms, _, meetings = _read_ms(path, prefilter=True)
        reads = [_read_ms(path, prefilter=True) for _ in range(runs)]
        unfiltered = [_read_ms(path, prefilter=False) for _ in range(runs)]
        return {
            "size_mb": path.stat().st_size / 1e6,
            "meetings": meetings,
            "first_read_ms": first_ms,
            "read_median_ms": statistics.median(wall for wall, _, _ in reads),
            "read_cpu_median_ms": statistics.median(cpu for _, cpu, _ in reads),
            "read_max_ms": max(wall for wall, _, _ in reads),
            "unfiltered_median_ms": statistics.median(wall for wall, _, _ in unfiltered),
            "unfiltered_cpu_median_ms": statistics.median(cpu for _, cpu, _ in unfiltered),
            "load_average": os.getloadavg()[0],
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="reads timed each way (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON line (for bench/run.py)")
    args = parser.parse_args()
    found = measure(args.runs)
    if args.json:
        print(json.dumps(found))
        return 0
    print(f"calendar: {found['size_mb']:.1f} MB, {found['meetings']} meetings from {FIRST} to {LAST}")
    print(f"  first read (with the imports): {found['first_read_ms']:.0f} ms")
    verdict = "pass" if found["read_median_ms"] <= BUDGET_MS else "MISS"
    print(
        f"  read, median of {args.runs}: {found['read_median_ms']:.0f} ms, CPU {found['read_cpu_median_ms']:.0f} ms "
        f"({verdict}: budget {BUDGET_MS:.0f} ms)"
    )
    print(
        f"  read without the prefilter, median of {args.runs}: {found['unfiltered_median_ms']:.0f} ms, "
        f"CPU {found['unfiltered_cpu_median_ms']:.0f} ms"
    )
    print(f"  load average during the run: {found['load_average']:.1f} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
