"""The user's time zone: the one every meeting is converted to before the schedule sees it.

An IANA name from the settings wins; else `$TZ`; else the system's zone (`/etc/localtime`, as a
link into the zone database or as a zone file); else UTC. A name the zone database does not
know is an error for the settings; a broken `$TZ` or system zone just falls through to the next.
"""

from __future__ import annotations

import os
from datetime import UTC, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SYSTEM_ZONE_FILE = Path("/etc/localtime")


class UnknownTimeZone(ValueError):
    """A time zone name the zone database does not know. `str()` says which, and what is expected."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f'unknown time zone "{name}": use an IANA name such as "Europe/Berlin" or "America/New_York"')


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone `name` (e.g. "Europe/Berlin"), or UnknownTimeZone."""
    cleaned = name.strip()
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: a path-like or malformed key; OSError: a key naming a folder of the database
        raise UnknownTimeZone(cleaned) from None


def _system_zone(link: Path) -> tzinfo | None:
    try:
        target = link.resolve(strict=True)
    except OSError:
        return None
    parts = target.parts
    if "zoneinfo" in parts:
        key = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo") :])
        try:
            return zone_named(key)
        except UnknownTimeZone:
            pass
    try:
        with target.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        return None


def local_zone(name: str | None = None) -> tzinfo:
    """The zone to read calendars in: `name` (from the settings), else $TZ, else the system's, else UTC.

    Raises UnknownTimeZone for a `name` the zone database does not know.
    """
    if name is not None and name.strip():
        return zone_named(name)
    environment = os.environ.get("TZ", "").strip().removeprefix(":")
    if environment:
        if environment.startswith("/"):
            found = _system_zone(Path(environment))
            if found is not None:
                return found
        else:
            try:
                return zone_named(environment)
            except UnknownTimeZone:
                pass
    return _system_zone(SYSTEM_ZONE_FILE) or UTC
