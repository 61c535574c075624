"""How the workload's reasons are worded: days, hours, counts and lists, the same in every sentence
(and file sizes, in every message)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

MB = 1_000_000
"""A megabyte as every message and the README count it (not 2**20: that would be a MiB)."""
SHOWN_NAMES = 3
"""How many things a sentence names before "and N more"."""
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=4096)  # a book's reasons repeat the same few hundred days and hour values
def short_day(day: date) -> str:
    """ "Fri 27 Nov", the same in every locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


@lru_cache(maxsize=4096)
def hours_number(value: float) -> str:
    """2 -> "2.0", 0.25 -> "0.25", 11.15 -> "11.15": at most two decimals, at least one."""
    text = f"{value:.2f}".rstrip("0")
    return f"{text}0" if text.endswith(".") else text


def fmt_hours(value: float) -> str:
    """2 -> "2.0 h", 0.25 -> "0.25 h"."""
    return f"{hours_number(value)} h"


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 project", "3 projects"."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def named(things: Sequence[str]) -> str:
    """ "a, b, c and 4 more": the first few of `things`."""
    shown = ", ".join(things[:SHOWN_NAMES])
    more = len(things) - SHOWN_NAMES
    return f"{shown} and {more} more" if more > 0 else shown


def whole(value: float) -> int:
    """Rounded half up (12.5 -> 13), after trimming float noise such as 12.4999999999."""
    return math.floor(round(value, 6) + 0.5)


def percent(fraction: float) -> int:
    """A fraction as whole percent, rounded half up: 0.8125 -> 81, 1.125 -> 113."""
    return whole(fraction * 100)


def megabytes(size: int) -> str:
    """62_500_000 -> "62.5 MB", 50_000_000 -> "50 MB"."""
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"
