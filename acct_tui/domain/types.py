"""Constrained field types shared by every record: trimmed, bounded text, sane numbers, ids.

Text is data, never markup, and it must never drive the terminal either: one-line fields refuse
every control character, multi-line fields allow only newline and tab. The checks are patterns
that pydantic runs in Rust (a 1,000-client book has about 100,000 records to validate on load);
`acct_tui.domain.errors` turns their messages into words.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from pydantic import Field, NaiveDatetime, StringConstraints

from acct_tui.domain.dates import EARLIEST, LATEST

ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
"""No C0 control, DEL or C1 control."""
MULTI_LINE_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
"""As one line, but newline and tab are allowed."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=ONE_LINE_PATTERN)]
"""A required one-line name or title."""

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=ONE_LINE_PATTERN)]
"""An optional one-line text; empty means not given."""

LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000, pattern=MULTI_LINE_PATTERN)]
"""Notes and summaries: several lines allowed."""

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=ONE_LINE_PATTERN)]

ID_LIMIT = 2**53
"""Ids stay within 1..2**53, so they are exact in any JSON reader (a double holds them)."""

Id = Annotated[int, Field(ge=1, le=ID_LIMIT)]
"""A stored record's id: TinyDB's document id, unique within its table."""

NewId = Annotated[int, Field(ge=0, le=ID_LIMIT)]
"""0 means "not stored yet": the repository gives the record its id when it is added."""

Day = Annotated[date, Field(ge=EARLIEST, le=LATEST)]
"""Every date of a record: within EARLIEST..LATEST."""
LocalTime = Annotated[
    NaiveDatetime, Field(ge=datetime.combine(EARLIEST, time()), le=datetime.combine(LATEST, time.max))
]
"""A local wall-clock time of a record, on a day within EARLIEST..LATEST."""

Money = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Hours = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
DayHours = Annotated[float, Field(ge=0, le=24, allow_inf_nan=False)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
Days = Annotated[int, Field(ge=1, le=3650)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Z]{3}$")]

EMAIL_PATTERN = r"^$|^[^@\s\x00-\x1f]+@[^@\s\x00-\x1f]+\.[^@\s\x00-\x1f]+$"
PHONE_PATTERN = r"^$|^[0-9+()./ -]{3,40}$"
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40, pattern=PHONE_PATTERN)]
EXTERNAL_ID_PATTERN = r"^$|^[a-z][a-z0-9_.-]{0,29}:[^\x00-\x20\x7f-\x9f]{1,100}$"
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, max_length=131, pattern=EXTERNAL_ID_PATTERN)]
"""The id another program (a CRM) gives the record, after the program's name: "hubspot:12345".
Empty for records made here; importing the program's next export finds the record by it."""
ISO_WEEK_PATTERN = r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$"
TIME_OF_DAY_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
"""A time of day as "09:00" (24 hours)."""
