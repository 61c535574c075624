"""The user's zone: the settings' name, else $TZ, else the system's, else UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import tzdata

from acct_tui.calendar import UnknownTimeZone, local_zone, zones

DATABASE = Path(tzdata.__file__).parent / "zoneinfo"


def test_a_name_from_the_settings_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_zone("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert local_zone(" America/New_York ") == ZoneInfo("America/New_York")


def test_an_unknown_name_is_a_clear_error() -> None:
    for name in ("Europe/Berln", "../etc/passwd", "Europe", "/etc/localtime"):
        with pytest.raises(UnknownTimeZone) as raised:
            local_zone(name)
        assert str(raised.value) == (
            f'unknown time zone "{name}": use an IANA name such as "Europe/Berlin" or "America/New_York"'
        )


def test_then_tz_then_the_system_then_utc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert local_zone(None) == ZoneInfo("Asia/Tokyo")
    assert local_zone("") == ZoneInfo("Asia/Tokyo")
    link = tmp_path / "localtime"
    link.symlink_to(DATABASE / "Europe" / "Lisbon")  # as /etc/localtime links into the zone database
    monkeypatch.setattr(zones, "SYSTEM_ZONE_FILE", link)
    monkeypatch.setenv("TZ", "Not/A_Zone")  # a broken $TZ falls through to the system's
    assert local_zone() == ZoneInfo("Europe/Lisbon")
    monkeypatch.delenv("TZ")
    assert local_zone() == ZoneInfo("Europe/Lisbon")
    monkeypatch.setattr(zones, "SYSTEM_ZONE_FILE", tmp_path / "missing")
    assert local_zone() is UTC


def test_a_system_zone_file_outside_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "localtime"
    copy.write_bytes((DATABASE / "Asia" / "Kolkata").read_bytes())
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(zones, "SYSTEM_ZONE_FILE", copy)
    assert datetime(2026, 11, 27, 12, tzinfo=local_zone()).utcoffset() == timedelta(hours=5, minutes=30)
