"""Importing acct_tui.calendar costs nothing at start-up: the libraries come with the first read."""

from tests.test_import_hygiene import _modules_after_import

LIBRARIES = ("icalendar", "recurring_ical_events", "x_wr_timezone", "dateutil", "acct_tui.store", "pydantic")


def test_importing_the_calendar_reader_loads_no_library() -> None:
    loaded = _modules_after_import("acct_tui.calendar")
    assert [name for name in LIBRARIES if any(m == name or m.startswith(name + ".") for m in loaded)] == []
