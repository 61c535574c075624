"""Where calendars are: files, folders of .ics files as vdirsyncer keeps them, and the signature
that tells the planner a calendar changed."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from acct_tui.calendar import calendar_signature
from tests.calendar.helpers import FIXTURES, read, rows

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)


def _event(uid: str, start: str, title: str) -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//pimutils//vdirsyncer//EN\nBEGIN:VEVENT\n"
        f"UID:{uid}\nDTSTART;TZID=Europe/Berlin:{start}\nDURATION:PT1H\nSUMMARY:{title}\nEND:VEVENT\nEND:VCALENDAR\n"
    )


def test_a_vdirsyncer_folder_is_every_ics_file_in_it(tmp_path: Path) -> None:
    collection = tmp_path / "calendars" / "work"
    collection.mkdir(parents=True)
    (collection / "a1b2.ics").write_text(_event("a1b2", "20261124T090000", "Pitch"))
    (collection / "c3d4.ics").write_text(_event("c3d4", "20261125T140000", "Review"))
    (collection / "notes.txt").write_text("not a calendar")
    hidden = tmp_path / "calendars" / ".status"
    hidden.mkdir()
    (hidden / "x.ics").write_text(_event("x", "20261124T090000", "Hidden"))
    found = read(tmp_path / "calendars", first=MONDAY, last=SUNDAY)
    assert rows(found) == [
        ("2026-11-24 09:00", "2026-11-24 10:00", "Pitch", "busy"),
        ("2026-11-25 14:00", "2026-11-25 15:00", "Review", "busy"),
    ]
    assert found.problems == ()
    assert {Path(m.source).name for m in found.meetings} == {"a1b2.ics", "c3d4.ics"}


def test_the_same_meeting_in_two_calendars_counts_once(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "week.ics", tmp_path / "copy.ics")
    once = read("week.ics", first=MONDAY, last=SUNDAY)
    twice = read("week.ics", tmp_path / "copy.ics", first=MONDAY, last=SUNDAY)
    assert rows(twice) == rows(once)
    assert {m.source for m in twice.meetings} == {str(FIXTURES / "week.ics")}


def test_the_signature_changes_with_any_file(tmp_path: Path) -> None:
    calendar = tmp_path / "cal.ics"
    calendar.write_text(_event("a", "20261124T090000", "Pitch"))
    folder = tmp_path / "folder"
    folder.mkdir()
    paths = [calendar, folder, tmp_path / "later.ics"]
    first = calendar_signature(paths)
    assert first == calendar_signature(paths)
    assert hash(first) == hash(calendar_signature(paths))
    seen = {first}

    def changed() -> bool:
        signature = calendar_signature(paths)
        new = signature not in seen
        seen.add(signature)
        return new

    calendar.write_text(_event("a", "20261124T090000", "Pitch moved"))  # another size
    assert changed()
    stat = calendar.stat()
    calendar.write_text(_event("a", "20261124T100000", "Pitch"))  # the same size...
    os.utime(calendar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # ...written a moment later
    assert changed()
    (folder / "new.ics").write_text(_event("b", "20261124T090000", "New"))
    assert changed()
    (tmp_path / "later.ics").write_text(_event("c", "20261124T090000", "Appears"))
    assert changed()
    (tmp_path / "later.ics").unlink()
    assert calendar_signature(paths) in seen  # gone again: as before it appeared
    (folder / "new.ics").unlink()
    assert not changed()
